"""Pure, rule-based follow-up resolution for multi-turn chat.

Officials ask a question, then a short follow-up: "Còn đến năm 2030 thì sao?", "Còn Bình
Thuận?", "Kế hoạch đó do ai ban hành?". Retrieval and the extractive answerer need a whole
question, so the follow-up is rewritten from the previous one: its year, province, district
or instrument is swapped for the new one, or "kế hoạch đó" is replaced by the instrument the
previous question named. No model is involved, so the rewrite is predictable and testable;
anything the rules do not recognise passes through unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from policybot.questions.new_subject import (
    QUESTION_WORD,
    asked_again_of_subject,
    asked_of_new_subject,
    new_subject,
    own_subject,
)
from policybot.questions.question import LEVEL, analyze, normalize_question
from policybot.questions.spans import (
    Span,
    instrument_phrases,
    localities,
    provinces,
    year_phrases,
)
from policybot.text.query_refs import find_query_refs
from policybot.text.symbols import issuer_of_symbol

_LEAD = re.compile(
    r"^(?:(?:thế|vậy|và|nhưng|ừ|ok)\s*,?\s+)?(?:còn|vậy|thế|và|với|nếu là)(?=\s|,|$)[\s,]*",
    re.IGNORECASE,
)
_TAIL = re.compile(
    r"[\s,]*(?:thì\s+)?(?:sao|thế nào|ra sao|như thế nào|như nào)?"
    r"(?:\s+(?:ạ|nhỉ|vậy|nữa))*\s*[?？.!…]*\s*$",
    re.IGNORECASE,
)
_ASKS_AGAIN = re.compile(r"(?:thì\s+)?(?:sao|thế nào|ra sao|như thế nào|như nào)\s*[?？]*\s*$")
_YEAR = re.compile(r"(?<![\d/.])((?:19|20)\d{2})(?![\d/])")
# "nghị quyết đó", "văn bản nói trên", and with its issuer between: "nghị quyết của Bộ Chính
# trị nói trên" (the issuer then picks which of the earlier instruments is meant).
_INSTRUMENT_ANAPHORA = re.compile(
    r"(?<!\w)(?:(?:nghị\s+quyết|kế\s+hoạch|quyết\s+định|nghị\s+định|chỉ\s+thị|thông\s+tư|"
    r"chương\s+trình|đề\s+án|văn\s+bản)(?:\s+của\s+(?P<issuer>[^?,.]{2,40}?))?"
    r"\s+(?:này|đó|ấy|nói\s+trên|trên)|nó)(?!\w)",
    re.IGNORECASE,
)
_PLACE_ANAPHORA = re.compile(r"(?<!\w)(?:tỉnh|địa\s+phương)\s+(?:này|đó|ấy)(?!\w)", re.IGNORECASE)
_PREPOSITION = re.compile(r"^(?:ở|tại|của|trong|với|đối với|cho|về)\s", re.IGNORECASE)


def previous_questions(history: Sequence[Any]) -> list[str]:
    """The user's earlier questions, oldest first, from chat history.

    Accepts chat messages ({"role": "user", "content": ...}), turns ({"question": ...}) and
    plain strings, so the API, the UI and the widget can pass what they naturally hold.
    """
    out: list[str] = []
    for turn in history:
        text: Any = None
        if isinstance(turn, str):
            text = turn
        elif isinstance(turn, dict):
            if "question" in turn:
                text = turn["question"]
            elif turn.get("role") == "user":
                text = turn.get("content")
        if isinstance(text, str) and normalize_question(text):
            out.append(normalize_question(text))
    return out


def last_answer(history: Sequence[Any]) -> str:
    """The assistant's last reply in chat history ("" when there is none)."""
    for turn in reversed(history):
        if isinstance(turn, dict):
            text = turn.get("answer") if "answer" in turn else None
            if turn.get("role") == "assistant":
                text = turn.get("content")
            if isinstance(text, str) and text.strip():
                return normalize_question(text)
    return ""


def resolve_follow_up(question: str, history: Sequence[Any]) -> str:
    """`question` made standalone using the earlier questions in `history` (and the last
    answer, for "quyết định đó" after "quyết định nào ...?")."""
    question = normalize_question(question)
    resolved: str | None = None
    for earlier in previous_questions(history):
        resolved = earlier if resolved is None else rewrite(earlier, resolved)
    return question if resolved is None else rewrite(question, resolved, last_answer(history))


def rewrite(question: str, previous: str, answer: str = "") -> str:
    """One step: `question` read in the context of the (already standalone) `previous`, and
    of the `answer` it got when the previous question asked which instrument."""
    question = normalize_question(question)
    previous = normalize_question(previous)
    if not question or not previous:
        return question
    remainder = _fragment(question) or _asked_again(question, previous)
    if remainder is None:
        return _of_subject_again(question, previous) or _replace_anaphora(
            question, previous, answer
        )
    return _swap_slots(remainder, previous)


def _fragment(question: str) -> str | None:
    """The new part of a "Còn X thì sao?" follow-up, or None when it is a full question."""
    lead = _LEAD.match(question)
    rest = question[lead.end() :] if lead else question
    asks_again = bool(_ASKS_AGAIN.search(rest))
    tail = _TAIL.search(rest)
    core = rest[: tail.start()] if tail else rest
    core = core.strip(" ,")
    if not core or QUESTION_WORD.search(core):
        return None
    if lead or asks_again or len(core.split()) <= 4:
        return core
    return None


_THEN = re.compile(r"\s+thì\s+", re.IGNORECASE)


def _of_subject_again(question: str, previous: str) -> str | None:
    """ "Thế còn kiến trúc sư trưởng dự án thì yêu cầu mấy năm?": what the previous question
    asked (the same kind of fact), asked of a new subject (new_subject.py); any other
    follow-up opening with "Còn", "Vậy" … asked in the previous question's context
    (_in_context); None for a question without such an opening."""
    lead = _LEAD.match(question)
    if lead is None:
        return None
    parts = _THEN.split(question[lead.end() :], maxsplit=1)
    if (
        len(parts) == 2
        and parts[0].strip(" ,")
        and analyze(question).kind == analyze(previous).kind
    ):
        again = asked_again_of_subject(parts[0].strip(" ,"), parts[1], previous)
        if again is not None:
            return again
    return _in_context(question, previous)


# A follow-up of its own opens with these ("Với hộ kinh doanh thì …" is a question of its
# own); one about the whole country or a central body is asked of no province.
_GOES_ON = re.compile(r"^(?:(?:thế|vậy|nhưng)\s*,?\s+)?(?:còn|vậy|thế)(?!\w)", re.IGNORECASE)
_NATIONAL = re.compile(
    r"(?<!\w)(?:(?i:cả nước|toàn quốc|trung ương|chính phủ|thủ tướng|quốc hội)|Bộ\s+[A-ZĐ])"
)


def _in_context(question: str, previous: str) -> str | None:
    """ "Còn việc định hướng báo đài thì giao sở nào?" after a question about Kế hoạch 617
    of Đồng Tháp: a question of its own, asked of the place the previous one named, when it
    names no place or instrument; None otherwise. Not of the previous instrument: naming it
    puts its head passage first, which the confidence model reads as a weaker match (an
    answered question was lost so)."""
    if not _GOES_ON.match(question) or _NATIONAL.search(question):
        return None
    pointing = _INSTRUMENT_ANAPHORA.search(question) or _PLACE_ANAPHORA.search(question)
    if pointing or _speaks_of_the_same(question, previous):
        return None  # read by _replace_anaphora
    if any(finder(question) for finder in (instrument_phrases, localities, provinces)):
        return None
    place = (localities(previous) or provinces(previous))[:1]
    return _append(question, place[0].text) if place else None


# "Thế tới 2030 thì con số đó là bao nhiêu?", "… thì tỉnh nhắm con số bao nhiêu?": the
# figure the previous question asked for.
_FIGURE_BACK = re.compile(
    r"(?<!\w)(?:con số|số liệu|chỉ tiêu|tỷ lệ|tỉ lệ|tỷ trọng|tỉ trọng|mức|mục tiêu)"
    r"(?:\s+(?:đó|này|ấy|nói\s+trên|kể\s+trên)|(?=\s+(?:là\s+)?(?:bao nhiêu|mấy)(?!\w)))(?!\w)",
    re.IGNORECASE,
)


def _asked_again(question: str, previous: str) -> str | None:
    """The slot of a "Còn tới 2030 thì tỉnh tính bao nhiêu?" follow-up: it asks what the
    previous question asked (the same kind of fact), of a new year, place or instrument,
    and says nothing else of its own. None for any other question."""
    lead = _LEAD.match(question)
    if lead is None or analyze(question).kind != analyze(previous).kind:
        return None
    core = QUESTION_WORD.sub(" ", question[lead.end() :])
    core = _FIGURE_BACK.sub(" ", core)  # "con số đó": the figure the previous one asked
    core = " ".join(_TAIL.sub("", core).split()).strip(" ,")
    if not core or own_subject(core):
        return None
    slots = (year_phrases, instrument_phrases, localities, provinces)
    return core if any(finder(core) for finder in slots) else None


def _swap_slots(remainder: str, previous: str) -> str:
    """Swap the year, instrument, district or province of `previous` for the new one; a
    district may take the place of a province. With nothing to swap, the new subject is asked
    about the instrument, place and year that `previous` pinned."""
    if own_subject(remainder):
        return asked_of_new_subject(remainder, previous)
    new = previous
    placed = False
    unplaced: list[str] = []
    for finder, fallback in (
        (year_phrases, None),
        (instrument_phrases, None),
        (localities, provinces),
        (provinces, None),
    ):
        wanted = finder(remainder)
        if not wanted:
            continue
        have = finder(new)
        if not have and fallback is not None:  # a district in place of "tỉnh X", level too
            have = [_with_level(new, span) for span in fallback(new)]
        if have:
            new = _replace(new, have[0], _adapt(have[0], wanted[0]))
            placed = True
        else:
            unplaced.append(wanted[0].text)
    if placed:
        return _append(new, ", ".join(unplaced)) if unplaced else new
    if unplaced:
        return _append(new, ", ".join(unplaced))
    return new_subject(remainder, previous)


_LEVEL_BEFORE = re.compile(r"(?<!\w)(?:tỉnh|thành\s+phố|tp\.?)\s+$", re.IGNORECASE)


def _with_level(text: str, span: Span) -> Span:
    """The province's span with the level word before it ("tỉnh Quảng Trị")."""
    m = _LEVEL_BEFORE.search(text[: span.start])
    return Span(m.start(), span.end, text[m.start() : span.end]) if m else span


def _adapt(old: Span, new: Span) -> str:
    """Year phrases keep the earlier wording when only the numbers change ("Đến năm 2025" ->
    "Đến năm 2030"); anything else takes the new words, capitalised like the old ones."""
    old_years = _YEAR.findall(old.text)
    new_years = _YEAR.findall(new.text)
    if old_years and len(old_years) == len(new_years):
        parts = iter(new_years)
        return _YEAR.sub(lambda _: next(parts), old.text)
    text = new.text
    if old.text[:1].isupper() and old.start == 0:
        text = text[:1].upper() + text[1:]
    return text


def _append(question: str, extra: str) -> str:
    core = question.rstrip(" ?？.!")
    joiner = " " if _PREPOSITION.match(extra) else ", "
    return f"{core}{joiner}{extra}?"


def _replace(text: str, span: Span, new: str) -> str:
    return text[: span.start] + new + text[span.end :]


def _replace_anaphora(question: str, previous: str, answer: str = "") -> str:
    anaphora = _INSTRUMENT_ANAPHORA.search(question)
    earlier = _of_issuer(previous, instrument_phrases(previous), anaphora)
    told = _of_issuer(answer, instrument_phrases(answer), anaphora)
    instruments = _of_type(earlier, anaphora) or _of_type(told, anaphora) or earlier
    # "Nghị quyết số 10" names no issuer: the place of the previous question says whose
    unsigned = False
    if instruments and not instrument_phrases(question):
        label = instruments[0].text
        label = label[:1].upper() + label[1:]
        named = _INSTRUMENT_ANAPHORA.sub(lambda _: label, question, count=1)
        unsigned = named != question and "/" not in label and "-" not in label
        question = named
    earlier = provinces(previous)
    if earlier and not provinces(question):
        question = _PLACE_ANAPHORA.sub(lambda _: f"tỉnh {earlier[0].text}", question, count=1)
    if unsigned or _speaks_of_the_same(question, previous):
        return _of_the_same(question, previous)
    return question


# "mấy nhóm đó", "những nhiệm vụ nói trên": a thing the previous question spoke of.
_THING_ANAPHORA = re.compile(r"(?<!\w)(\w+)\s+(?:đó|này|ấy|nói\s+trên|kể\s+trên)(?!\w)", re.I)
_LEVELS = frozenset({"huyện", "tỉnh", "thành", "quận", "thị", "xã", "phường"})


def _speaks_of_the_same(question: str, previous: str) -> bool:
    """The follow-up points back at a thing the previous question named ("Trong mấy nhóm
    đó …") and names no instrument of its own."""
    said = {w.casefold() for w in re.findall(r"\w+", previous)}
    back = any(m.group(1).casefold() in said for m in _THING_ANAPHORA.finditer(question))
    return back and not instrument_phrases(question)


def _of_the_same(question: str, previous: str) -> str:
    """The follow-up asked of the previous question's place and year, when it names none
    of its own."""
    if localities(question) or provinces(question):
        return question
    place = (localities(previous) or provinces(previous))[:1]
    years = [] if year_phrases(question) else year_phrases(previous)[:1]
    # "cấp tỉnh": the level of government the previous question asked of
    level = [] if LEVEL.search(question) else [m.group(0) for m in LEVEL.finditer(previous)][:1]
    extra = [s.text for s in (*place, *years)] + level
    extra = [e[:1].lower() + e[1:] if e.split()[0].casefold() in _LEVELS else e for e in extra]
    return _append(question, ", ".join(extra)) if extra else question


def _of_issuer(text: str, found: list[Span], anaphora: re.Match[str] | None) -> list[Span]:
    """Of the instruments named in `text`, those written with the issuer the anaphora names
    ("Nghị quyết 52-NQ/TW của Bộ Chính trị" for "nghị quyết của Bộ Chính trị nói trên"), else
    those whose symbol does not state another issuer ("50/NQ-CP" is the Government's);
    all of them when it names none or none is left."""
    issuer = anaphora.group("issuer") if anaphora else None
    if not issuer:
        return found
    want = " ".join(issuer.casefold().split())
    near = [s for s in found if want in " ".join(text[s.end : s.end + 80].casefold().split())]
    if near:
        return near

    def other_issuer(span: Span) -> bool:
        refs = find_query_refs(span.text)
        stated = issuer_of_symbol(refs[0].number or "") if refs else None
        return stated is not None and stated.casefold() != want

    return [s for s in found if not other_issuer(s)] or found


def _of_type(found: list[Span], anaphora: re.Match[str] | None) -> list[Span]:
    """The instruments of an answer that "quyết định đó" can mean: those of its type word
    ("văn bản đó", "nó": any), so a reply naming a plan and a decision is read right."""
    if anaphora is None:
        return []
    words = anaphora.group(0).casefold().split()[:2]
    if len(words) < 2 or words[0] == "văn":
        return found
    kind = " ".join(words)
    return [s for s in found if s.text.casefold().startswith(kind)]
