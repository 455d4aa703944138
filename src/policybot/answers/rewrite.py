"""Follow-up questions rewritten by the chat model into standalone ones, checked.

"Còn huyện Triệu Phong thì sao?" cannot be searched; the model names what it refers to from
the earlier questions. A small model also answers instead, copies an earlier question or
invents a year, so every rewrite is checked and the question is kept as asked when the
rewrite fails (pipeline.py then applies the rule-based rewrite).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from policybot.answers.guardrails import unsupported_claims as _unsupported
from policybot.answers.prompts import Chat, Message
from policybot.questions.conversation import resolve_follow_up
from policybot.questions.question import normalize_question
from policybot.text.query_refs import find_query_refs

REWRITE_PROMPT = """Bạn viết lại câu hỏi tiếp theo của người dùng thành một câu hỏi đầy đủ, \
hiểu được mà không cần đọc các câu hỏi trước. Thay những từ như "nó", "văn bản này", "kế hoạch \
đó", "tỉnh này" bằng tên văn bản, số hiệu, địa phương được nhắc tới trong các câu hỏi trước. \
Không trả lời câu hỏi. Chỉ viết ra một câu hỏi duy nhất bằng tiếng Việt, kết thúc bằng dấu ?"""

_LABEL = re.compile(r"^\s*(?:câu\s+hỏi(?:\s+(?:đầy\s+đủ|viết\s+lại|mới))?\s*:\s*)", re.I)
REWRITE_TURNS = 6
REWRITE_TURN_CHARS = 600


def _turns(history: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """[{"role", "content"}] or [{"question", "answer"}] turns, last ones, cut short."""
    turns: list[tuple[str, str]] = []
    for item in history:
        if not isinstance(item, Mapping):
            continue
        if "role" in item and "content" in item:
            role = "Người dùng" if str(item["role"]) == "user" else "Trợ lý"
            turns.append((role, str(item["content"])))
            continue
        if item.get("question"):
            turns.append(("Người dùng", str(item["question"])))
        if item.get("answer"):
            turns.append(("Trợ lý", str(item["answer"])))
    return [(r, c.strip()[:REWRITE_TURN_CHARS]) for r, c in turns[-REWRITE_TURNS:] if c.strip()]


_REWRITE_EXAMPLE = (
    "Các câu hỏi trước:\n- Nghị quyết số 10-NQ/TU của tỉnh Bình Thuận về vấn đề gì?\n\n"
    "Câu hỏi tiếp theo: Ai ban hành nó?\n\nCâu hỏi đầy đủ:",
    "Ai ban hành Nghị quyết số 10-NQ/TU của tỉnh Bình Thuận?",
)


def rewrite_messages(history: Sequence[Mapping[str, Any]], question: str) -> list[Message]:
    """Only the earlier questions: they name what a follow-up refers to, and small models
    shown the answers tend to copy an answer instead of writing a question."""
    asked = [content for role, content in _turns(history) if role == "Người dùng"]
    listed = "\n".join(f"- {q}" for q in asked[-3:])
    user = f"Các câu hỏi trước:\n{listed}\n\nCâu hỏi tiếp theo: {question}\n\nCâu hỏi đầy đủ:"
    return [
        ("system", REWRITE_PROMPT),
        ("user", _REWRITE_EXAMPLE[0]),
        ("assistant", _REWRITE_EXAMPLE[1]),
        ("user", user),
    ]


def rewrite_question(chat: Chat | None, history: Sequence[Mapping[str, Any]], question: str) -> str:
    """A follow-up ("còn huyện Triệu Phong thì sao?") as a standalone question.

    Any failure returns the question unchanged: a model error, an empty or rambling reply,
    an answer instead of a question, or a rewrite that brings in a number or date found
    neither in the conversation nor in the question (it would steer retrieval towards
    something nobody asked about).
    """
    if chat is None or not _turns(history):
        return question
    try:
        reply = chat.complete(rewrite_messages(history, question))
    except Exception:
        return question
    lines = [ln for ln in reply.strip().splitlines() if ln.strip()]
    if not lines:
        return question
    candidate = _LABEL.sub("", lines[0]).strip().strip('"“”').strip()
    if len(candidate) < 5 or len(candidate) > max(300, 3 * len(question)):
        return question
    if not candidate.endswith("?"):  # an answer, not a question
        return question
    earlier = {" ".join(c.casefold().split()) for _, c in _turns(history)}
    if " ".join(candidate.casefold().split()) in earlier:  # a copy, not a rewrite
        return question
    context = [question, *(c for _, c in _turns(history))]
    if _unsupported(candidate, context):
        return question
    return candidate


def standalone_question(
    chat: Chat | None, history: Sequence[Any], question: str, max_chars: int = 2000
) -> str:
    """The model's rewrite of a follow-up when a model is configured and its rewrite passes
    the checks (rewrite_question returns the question unchanged when it does not); else the
    rule-based rewrite, which is predictable and needs no model."""
    by_rules = resolve_follow_up(question, history)
    if chat is not None:
        rewritten = normalize_question(rewrite_question(chat, history, question))
        if (
            rewritten != question
            and len(rewritten) <= max_chars
            and _keeps_instruments(rewritten, by_rules)
        ):
            return rewritten
    return by_rules


def _keeps_instruments(rewritten: str, by_rules: str) -> bool:
    """The model's rewrite names every instrument the rule-based one resolved ("nghị quyết
    này" -> 52-NQ/TW): a rewrite that drops or swaps it asks about another document."""
    return all(
        any(ref == other for other in find_query_refs(rewritten))
        for ref in find_query_refs(by_rules)
    )
