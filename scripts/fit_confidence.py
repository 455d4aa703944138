"""Fit the answer/not-sure model (src/policybot/answers/confidence.json) on training questions.

    PYTHONPATH=src python scripts/fit_confidence.py --index /tmp/idx eval/questions.jsonl \
        eval/officials.jsonl --split train [--on /tmp/realdocs-idx eval/realdocs.jsonl ...]

Each question file is asked of the index it was written over: the positional files of
--index, and every `--on INDEX FILE` pair of its own (e.g. eval/realdocs.jsonl over an
index of ../shared/realdocs), so the model learns from every corpus's training split.

For every question that reaches the extractive answerer (not the registry), the candidate
sentences are ranked with each semantic weight of a small grid; the weight whose top
sentence states the expected facts most often is kept. The best sentence's signals
(answers/confidence.py) then get a label — 1 when the answer composed from it states every
expected fact and cites an expected document, 0 otherwise (always 0 for unanswerable
questions) — and a logistic regression (numpy, L2, Newton steps) is fitted on them. The
threshold maximises correct answers minus one and a half times the wrong ones on the
same training rows (--wrong-cost).
The related floor (below it: "not found", no related passages) sits just under the cosine
between an answerable training question and its nearest passage, the least of them.
Only questions of the given splits are read (those without a split field count as train);
name every training split of every file (--split train train2 dev6 …), never a held-out one.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from policybot.answers.confidence import FEATURES, MODEL_PATH, load_model, signals
from policybot.config import Settings
from policybot.evaluation.metrics import fact_found
from policybot.pipeline import build_pipeline

GRID = (0.0, 3.0, 5.0)
FLOOR_MARGIN = 0.01  # cosine below the least related answerable question


def read(paths: list[Path], splits: list[str]) -> list[dict[str, Any]]:
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            if q.get("split", "train") not in splits:
                continue
            history = []
            for turn in q.get("history") or []:
                if "role" in turn:
                    history.append(turn)
                else:  # officials.jsonl: {"question", "answer"} pairs
                    history.append({"role": "user", "content": turn["question"]})
                    history.append({"role": "assistant", "content": turn["answer"]})
            q["history"] = history
            out.append(q)
    return out


def rows_for(
    pipeline: Any, questions: list[dict[str, Any]], weight: float, nearest: dict[str, float]
) -> list[dict[str, Any]]:
    """The best candidate's signals and label per question; `nearest` gets each answerable
    question's cosine to its nearest retrieved passage (the related floor's data)."""
    retriever, answerer = pipeline.load()
    answerer.model = replace(answerer.model, rank_semantic=weight)
    rows = []
    for q in questions:
        asked = pipeline._prepare(q["question"], None, None, q["history"])
        if asked.draft is not None:
            continue  # answered from the registry
        spec = asked.spec
        hits = retriever.search(spec.text, k=pipeline.settings.retrieval.k)
        if q["answerable"] and hits:
            nearest[q["id"]] = max(h.dense for h in hits)
        scored = answerer._score(spec, hits)
        if not scored:
            continue
        parts = answerer.composer.compose(spec, scored)
        text = " ".join(p[0] for p in parts)
        docs = {p[1].chunk.doc_id for p in parts}
        good = bool(q["answerable"]) and all(fact_found(text, f) for f in q["facts"])
        good = good and bool(docs & set(q["expected_docs"]))
        x = signals(spec, scored[0], scored, hits)
        rows.append({"id": q["id"], "x": x, "y": int(good), "answerable": q["answerable"]})
    return rows


def fit(rows: list[dict[str, Any]], l2: float = 1.0) -> tuple[dict[str, Any], np.ndarray]:
    X = np.array([[r["x"][f] for f in FEATURES] for r in rows], dtype=float)
    y = np.array([r["y"] for r in rows], dtype=float)
    means, scales = X.mean(0), X.std(0)
    scales[scales == 0] = 1.0
    Z = np.hstack([np.ones((len(X), 1)), (X - means) / scales])
    w = np.zeros(Z.shape[1])
    reg = np.full(Z.shape[1], l2)
    reg[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-Z @ w))
        grad = Z.T @ (p - y) + reg * w
        hess = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(reg) + 1e-9 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    p = 1 / (1 + np.exp(-Z @ w))
    model = {
        "bias": round(float(w[0]), 4),
        "weights": {f: round(float(v), 4) for f, v in zip(FEATURES, w[1:], strict=True)},
        "means": {f: round(float(v), 4) for f, v in zip(FEATURES, means, strict=True)},
        "scales": {f: round(float(v), 4) for f, v in zip(FEATURES, scales, strict=True)},
    }
    return model, p


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument(
        "--on",
        nargs=2,
        action="append",
        default=[],
        metavar=("INDEX", "QUESTIONS"),
        help="another question file, asked of its own index",
    )
    ap.add_argument(
        "--split", nargs="+", default=["train"], help="the training splits (train, train2 …)"
    )
    ap.add_argument(
        "--rank-semantic",
        type=float,
        nargs="+",
        default=list(GRID),
        help="the semantic ranking weights to try (one: keep that weight)",
    )
    ap.add_argument(
        "--wrong-cost",
        type=float,
        default=1.5,
        help="what a wrong answer costs, in right answers, when the threshold is chosen",
    )
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--rows", type=Path, help="also write the training rows (JSON Lines)")
    args = ap.parse_args()
    sets = [(build_pipeline(Settings(index_dir=args.index)), read(args.files, args.split))]
    for index, path in args.on:
        sets.append(
            (build_pipeline(Settings(index_dir=Path(index))), read([Path(path)], args.split))
        )
    pipeline = sets[0][0]
    best_w, best_rows, best_good = 0.0, [], -1
    nearest: dict[str, float] = {}
    for weight in args.rank_semantic:
        rows = [r for p, qs in sets for r in rows_for(p, qs, weight, nearest)]
        good = sum(r["y"] for r in rows)
        print(f"rank_semantic {weight}: top sentence states the facts for {good}/{len(rows)}")
        if good > best_good:
            best_w, best_rows, best_good = weight, rows, good
    model, p = fit(best_rows)
    y = np.array([r["y"] for r in best_rows])
    best_t, best_u = 0.5, -1e9
    for t in np.arange(0.05, 0.96, 0.01):
        answered = p >= t
        utility = float((answered & (y == 1)).sum() - args.wrong_cost * (answered & (y == 0)).sum())
        if utility > best_u:
            best_t, best_u = float(t), utility
    model["answer_at"] = round(best_t, 2)
    model["rank_semantic"] = best_w
    # every answerable training question keeps its related passages, with a margin
    model["related_at"] = round(min(nearest.values()) - FLOOR_MARGIN, 3) if nearest else 0.0
    model["fitted_with"] = pipeline.load()[0].embedder_name
    print(
        f"related floor {model['related_at']}: the nearest passage of every answerable "
        f"question ({len(nearest)}) is at least {min(nearest.values(), default=0):.3f} away"
    )
    answered = p >= best_t
    print(
        f"{len(best_rows)} rows, {int(y.sum())} positive; threshold {best_t:.2f}: "
        f"answers {int((answered & (y == 1)).sum())} right, {int((answered & (y == 0)).sum())} "
        f"wrong; not sure {int((~answered & (y == 1)).sum())} answerable"
    )
    args.out.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    if args.rows:
        lines = [
            json.dumps({**r, "p": round(float(q), 3)}) for r, q in zip(best_rows, p, strict=True)
        ]
        args.rows.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_model.cache_clear()
    print(json.dumps(model, indent=2))


if __name__ == "__main__":
    main()
