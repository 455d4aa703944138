"""A follow-up that names a subject of its own ("Còn Tổng công trình sư Dự án thì sao?"):
the previous question asked again of that subject, in place of the one it was about."""

from __future__ import annotations

import re

from policybot.questions.spans import (
    instrument_phrases,
    localities,
    provinces,
    year_phrases,
)

QUESTION_WORD = re.compile(
    r"(?<!\w)(bao nhiêu|bao giờ|khi nào|nào|gì|ai|mấy|ở đâu|đâu|không|chưa|có phải)(?!\w)",
    re.IGNORECASE,
)


# Words of a place or an administrative level, and the glue of a follow-up ("Còn riêng đối
# với tỉnh X thì sao?"), which name no subject of their own.
_NOT_SUBJECT = frozenset(
    [
        "tỉnh",
        "huyện",
        "xã",
        "phường",
        "thành",
        "phố",
        "thị",
        "quận",
        "địa",
        "phương",
        "dưới",
        "trên",
        "ở",
        "tại",
        "riêng",
        "đối",
        "với",
        "cho",
        "áp",
        "dụng",
        "tính",
        "hết",
        "xét",
        "các",
        "của",
        "cũng",
        "về",
        "và",
        "còn",
        "thì",
        "là",
        "nữa",
        "trong",
    ]
)
# The verbs of aiming at a figure ("tỉnh nhắm / mong / dự kiến / phấn đấu bao nhiêu"): no
# subject either; whole words, so "dự án", "ý kiến", "đấu giá" still are one
_AIMING = re.compile(
    r"(?<!\w)(?:dự\s+kiến|kỳ\s+vọng|phấn\s+đấu|nhắm(?:\s+tới)?|mong(?:\s+muốn)?)(?!\w)",
    re.IGNORECASE,
)


_OWN_WORDS = 3  # words of its own that make a follow-up a question of its own


# A point in time said around a year ("mốc cuối cùng năm 2045", "thời điểm đầu năm 2026"):
# no subject either
_TIME_POINT = re.compile(
    r"(?<!\w)(?:mốc(?:\s+(?:cuối cùng|cuối|đầu tiên|thời gian))?|thời điểm|giai đoạn"
    r"|(?:đầu|cuối|giữa)\s+năm)(?!\w)",
    re.IGNORECASE,
)


def own_subject(remainder: str) -> bool:
    """The follow-up says what it asks about beyond a year, instrument or place ("Tới năm
    2030, huyện hướng tới hạ tầng mạng ra sao?"): a question of its own, not a slot swap."""
    text = _AIMING.sub(" ", _TIME_POINT.sub(" ", remainder))
    for finder in (year_phrases, instrument_phrases, localities, provinces):
        for span in sorted(finder(text), key=lambda s: -s.start):
            text = text[: span.start] + " " + text[span.end :]
    words = [w for w in re.findall(r"\w+", text.casefold()) if w not in _NOT_SUBJECT]
    return len(words) >= _OWN_WORDS


# What the subject of a question is followed by ("Kiến trúc sư trưởng cấp tỉnh | được chọn
# tối đa mấy người giúp việc?").
_PREDICATE = re.compile(
    r"\s(?:được|có|phải|cần|là|do|đã|sẽ|thì|chiếm|đạt|gồm|chịu|hưởng|nhận|làm)\s", re.IGNORECASE
)
_SUBJECT_WORDS = (2, 10)
# A question about becoming one ("Muốn làm / Để trở thành Tổng công trình sư … thì …"): its
# subject follows these words.
_TO_BE = re.compile(r"(?:muốn|để)\s+(?:làm|trở\s+thành|được\s+chọn\s+làm)\s+", re.IGNORECASE)


def in_place_of_subject(remainder: str, previous: str) -> str | None:
    """ "Còn Tổng công trình sư Dự án?" after "Kiến trúc sư trưởng cấp tỉnh được chọn tối
    đa mấy người giúp việc?": the previous question asked again of the new subject, when
    that question opens with its subject (no place, year or instrument) and a predicate."""
    purpose = _TO_BE.match(previous)  # "Muốn làm Tổng công trình sư … thì cần …"
    start = purpose.end() if purpose else 0
    verb = _PREDICATE.search(previous, start)
    if verb is None or QUESTION_WORD.search(previous[: verb.start()]):
        return None
    subject = previous[start : verb.start()]
    if not _SUBJECT_WORDS[0] <= len(subject.split()) <= _SUBJECT_WORDS[1]:
        return None
    if any(finder(subject) for finder in (year_phrases, instrument_phrases, localities, provinces)):
        return None
    opening = previous[:start] if purpose else remainder[:1].upper()
    return opening + (remainder if purpose else remainder[1:]) + previous[verb.start() :]


def in_place_of_kin(remainder: str, previous: str) -> str | None:
    """ "Còn kiến trúc sư trưởng dự án thì sao?" after "…, muốn làm kiến trúc sư trưởng cấp
    tỉnh thì cần mấy năm kinh nghiệm?": the new subject shares its first words (two or more)
    with a phrase of the previous question, which it takes the place of, up to that
    phrase's predicate."""
    words = remainder.split()
    if re.search(rf"(?<!\w){re.escape(remainder)}(?!\w)", previous, re.I):
        return None  # no new subject
    for k in range(len(words) - 1, 1, -1):
        head = re.search(rf"(?<!\w){re.escape(' '.join(words[:k]))}(?!\w)", previous, re.I)
        if head is None:
            continue
        end = _PREDICATE.search(previous, head.end())
        stop = min(
            (m.start() for m in (end, re.compile(r"[,?]").search(previous, head.end())) if m),
            default=len(previous),
        )
        old = previous[head.start() : stop]
        if len(old.split()) > _SUBJECT_WORDS[1] or any(
            finder(old) for finder in (year_phrases, instrument_phrases, localities, provinces)
        ):
            return None  # not one phrase, or one that pins the place, year or instrument
        return previous[: head.start()] + remainder + previous[stop:]
    return None


# What a follow-up may say of its own beside the subject when it asks again what the previous
# question asked ("Còn kiến trúc sư trưởng dự án thì yêu cầu mấy năm?"): asking words only.
# Not a bound ("tối đa" after "tối thiểu" asks another thing).
_ASKING = frozenset(
    {"yêu", "cầu", "cần", "đòi", "hỏi", "phải", "có", "được", "là", "mất", "thì", "sao"}
    | {"thế", "nào", "vậy", "ạ", "nhỉ", "nữa"}
)
# What opens a case or a time, not a subject ("Còn trường hợp đặc biệt thì …", "Còn sau đó
# thì …").
_NO_SUBJECT = re.compile(r"(?:trường hợp|nếu|sau|khi|trong|lúc|với|đối với)(?!\w)", re.IGNORECASE)


def asked_again_of_subject(subject: str, asking: str, previous: str) -> str | None:
    """ "Còn kiến trúc sư trưởng dự án | thì yêu cầu mấy năm?" after "Theo Nghị định 231,
    kiến trúc sư trưởng cấp tỉnh phải có tối thiểu bao nhiêu năm kinh nghiệm?": the previous
    question asked again of the new subject, when the follow-up's asking part says nothing
    the previous question does not (beyond asking words); None otherwise."""
    if _NO_SUBJECT.match(subject) or re.search(
        rf"(?<!\w){re.escape(subject)}(?!\w)", previous, re.IGNORECASE
    ):
        return None  # a case, a time, or a thing the previous question already names
    said = {w.casefold() for w in re.findall(r"\w+", _TO_BE.sub(" ", previous))}
    rest = QUESTION_WORD.sub(" ", asking)
    own = [w for w in re.findall(r"\w+", rest.casefold()) if w not in said and w not in _ASKING]
    if own or not QUESTION_WORD.search(asking) or QUESTION_WORD.search(subject):
        return None
    return in_place_of_subject(subject, previous) or in_place_of_kin(subject, previous)


def new_subject(remainder: str, previous: str) -> str:
    """The remainder asked of the instrument or place of `previous`, and of its year when
    the remainder names none."""
    subject = (instrument_phrases(previous) or localities(previous) or provinces(previous))[:1]
    years = [] if year_phrases(remainder) else year_phrases(previous)[:1]
    named = instrument_phrases(remainder) or localities(remainder) or provinces(remainder)
    subject = [] if named else subject
    if not subject and not years:
        return remainder[:1].upper() + remainder[1:] + "?"
    parts = [remainder[:1].upper() + remainder[1:]]
    parts += [f"của {s.text}" for s in subject] + [y.text[:1].lower() + y.text[1:] for y in years]
    return " ".join(parts) + "?"


def asked_of_new_subject(remainder: str, previous: str) -> str:
    """`previous` asked of the subject `remainder` names: in place of the subject it opens
    with, or of a phrase that shares the new subject's first words, else of its instrument,
    place and year."""
    return (
        in_place_of_subject(remainder, previous)
        or in_place_of_kin(remainder, previous)
        or new_subject(remainder, previous)
    )
