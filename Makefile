# policybot: `make run` serves, `make test` tests. Both install what is missing into .venv.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export OMP_WAIT_POLICY := PASSIVE

.PHONY: install run test lint ingest clean check-cuda

install: $(STAMP)

$(STAMP): pyproject.toml requirements/base.txt requirements/dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: the CPU build. Without it pip pulls CUDA wheels.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(MAKE) --no-print-directory check-cuda
	touch $(STAMP)

check-cuda:
	@if $(BIN)/pip list 2>/dev/null | grep -iE '^(nvidia-|triton)'; then \
	  echo "error: CUDA packages got into $(VENV) (see above); torch must be 2.13.0+cpu"; exit 1; fi

ingest: install
	$(BIN)/policybot ingest documents

run: install ingest
	$(BIN)/policybot chat

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) index/chroma* index/*.json index/*.jsonl
