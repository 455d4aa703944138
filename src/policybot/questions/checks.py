"""Pure: what a question and a result count must be before anything is asked of an index;
a clear error naming the fault, never a traceback."""

from __future__ import annotations

from policybot.errors import PolicybotError
from policybot.questions.question import normalize_question

MAX_QUESTION_CHARS = 2000


def check_text(text: str, what: str) -> str:
    if not isinstance(text, str):
        raise PolicybotError(f"the {what} must be text")
    cleaned = normalize_question(text)
    if not cleaned:
        raise PolicybotError(
            f"the {what} is empty: ask something, e.g. "
            '"Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"'
        )
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise PolicybotError(
            f"the {what} is too long ({len(cleaned)} characters; at most {MAX_QUESTION_CHARS})"
        )
    return cleaned


MAX_K = 100


def check_k(k: int | None) -> None:
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K):
        raise PolicybotError(f"k must be a whole number from 1 to {MAX_K}, got {k!r}")
