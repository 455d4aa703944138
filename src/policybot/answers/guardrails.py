"""Pure checks of a generated answer against the sources it was given.

A language model writes fluently and invents freely: a date off by a day, a percentage from
another province, a citation marker for a passage it never saw. Officials act on these
figures, so a generated answer is accepted only when every [n] names a given source, at
least one source is cited, and every number, percentage, date and instrument number it
states is found in the sources it cites. Anything else is rejected and the caller falls back
to the extractive answer. Dates compare by value: 08/4/2020, 8-4-2020 and "ngày 8 tháng 4
năm 2020" are one date.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from policybot.text.dates import find_dates
from policybot.text.symbols import canonical_number

# --- citation markers ------------------------------------------------------------------------
# "[1]", "[1, 2]", "[1-3]", and what small models write instead: "[nguồn 1]", "[số]", "[]".
_MARKER = re.compile(r"\[\s*(?:(?:nguồn|nguon|source|số)\s*)?([0-9][0-9\s,;–-]*)?\]", re.I)
# The prompt's own markup, which small models sometimes echo: not part of any answer.
_ECHOED_TAG = re.compile(r"</?\s*nguon\b[^>\n]*>", re.IGNORECASE)
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:!?])")
_MULTI_SPACE = re.compile(r"[ \t]{2,}")

# --- claims ----------------------------------------------------------------------------------
_INSTRUMENT = re.compile(
    r"(?<![\w/.–-])[0-9]{1,5}(?:[ ]?[/–-][ ]?[0-9]{1,4})*[ ]?[/–-][ ]?[A-Za-zĐđ]+[0-9]*"
    r"(?:[ ]?[/–-][ ]?(?:[A-Za-zĐđ]+[0-9]*|[0-9]{1,4}))*(?![\w])"
)
_DAY_MONTH = re.compile(
    r"(?i:ngày)\s+(?P<d>[0-9]{1,2})(?:\s*[/.-]\s*|\s+(?i:tháng)\s+)(?P<m>[0-9]{1,2})"
    r"(?![0-9]|\s*[/.-]\s*[0-9])"
)
# "tháng 10 năm 2021", "tháng 10/2021", "10/2021"; never "10 năm 2021" without "tháng",
# which is a span of years ("trong 10 năm 2021-2030"), nor "quý 3/2021" (a quarter).
_MONTH_YEAR = re.compile(
    r"(?:(?i:tháng)\s+(?P<m>[0-9]{1,2})(?:\s*[/.-]\s*|\s*,?\s+(?i:năm)\s+)"
    r"|(?<![0-9/.-])(?<!(?i:quý)\s)(?P<m2>[0-9]{1,2})\s*[/.-]\s*)"
    r"(?P<y>(?:19|20)[0-9]{2})(?![0-9])"
)
_PERCENT = re.compile(r"(?<![\w.,])(?P<v>[0-9]+(?:[.,][0-9]+)*)\s*(?:%|(?i:phần\s+trăm))")
# Codes and labels: "5G", "COVID-19", and "4.0" / "2.0" (a generation, "công nghiệp 4.0":
# "." groups thousands in Vietnamese, and no one-digit quantity is written with a bare ".0"),
# and a quarter "quý 3/2021", which must appear as written.
_CODE = re.compile(
    r"(?<![\w])(?:[0-9]+[A-Za-zĐđ]\w*|[A-Za-zĐđ]+-[0-9]+\w*)|(?<![\w.,])[1-9]\.0(?![\w,]|\.[0-9])"
    r"|(?<!\w)(?i:quý)\s+(?:[1-4]|I{1,3}|IV)\s*[/.-]\s*(?:19|20)[0-9]{2}(?![0-9])"
)
_NUMBER = re.compile(r"(?<![\w.,/-])(?P<v>[0-9]+(?:[.,][0-9]+)*)(?![\w/]|[.,][0-9])")
_LIST_NUMBER = re.compile(r"^[ \t]*[0-9]{1,2}[.)](?=\s)", re.M)

# --- refusals and other tell-tales --------------------------------------------------------------
_REFUSAL = re.compile(
    r"(?i:không\s+(?:tìm\s+thấy|có\s+thông\s+tin|đủ\s+thông\s+tin|được\s+đề\s+cập))"
)
# Field labels of the prompt's source blocks: an answer that has them copied sources out.
_ECHO = re.compile(
    r"(?:^|\]|[.:]\s)\s*(?:Văn bản nêu|Đoạn này nêu|Văn bản|Nội dung|Các nguồn|Câu hỏi)\s*:",
    re.M,
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# Text in a document that addresses the model rather than the reader.
_INSTRUCTION = re.compile(
    r"(?i:bỏ\s+qua|phớt\s+lờ|quên\s+đi|không\s+cần\s+tuân\s+theo)\s+(?:\w+\s+){0,4}?"
    r"(?i:hướng\s+dẫn|chỉ\s+dẫn|chỉ\s+thị|yêu\s+cầu|lệnh|quy\s+tắc|nguyên\s+tắc)"
    r"|(?i:ignore|disregard|forget)\s+(?:\w+\s+){0,4}?(?i:instructions?|prompts?|rules)"
    r"|(?i:system\s+prompt|lời\s+nhắc\s+hệ\s+thống|câu\s+lệnh\s+hệ\s+thống)"
    r"|(?i:bạn\s+là\s+(?:một\s+)?(?:trợ\s+lý|mô\s+hình|AI|chatbot|trí\s+tuệ\s+nhân\s+tạo))"
    r"|(?i:từ\s+(?:bây\s+)?giờ\s+(?:trở\s+đi\s+)?(?:hãy|bạn|mô\s+hình))"
    r"|(?i:(?:hãy|phải)\s+trả\s+lời\s+(?:rằng|là|bằng|đúng))"
)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")
REDACTED = "[…]"


@dataclass(frozen=True)
class Claim:
    """A checkable statement in a text: its kind, a value to compare, and how it was written."""

    kind: str  # date | daymonth | monthyear | percent | number | instrument | code
    value: frozenset[str]
    text: str


@dataclass(frozen=True)
class Verdict:
    ok: bool
    text: str  # the answer with unknown markers removed and the rest normalised to [n]
    cited: tuple[int, ...]  # source numbers in order of first citation
    reason: str | None = None
    unsupported: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # markers that named no source


# --- markers ---------------------------------------------------------------------------------
def _marker_numbers(inner: str | None) -> list[int]:
    if not inner:
        return []
    out: list[int] = []
    for piece in re.split(r"[,;\s]+", inner.strip()):
        if not piece:
            continue
        bounds = re.split(r"[–-]", piece)
        try:
            if len(bounds) == 2 and bounds[0] and bounds[1]:
                lo, hi = int(bounds[0]), int(bounds[1])
                if 0 < hi - lo < 10:
                    out.extend(range(lo, hi + 1))
                    continue
            out.append(int(piece))
        except ValueError:
            return []
    return out


def _tidy(text: str) -> str:
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _MULTI_SPACE.sub(" ", text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def clean_markers(
    text: str, valid: Collection[int]
) -> tuple[str, tuple[int, ...], tuple[str, ...]]:
    """Normalise citation markers to [n]; drop those naming no source.

    Returns the text, the valid numbers in order of first citation, and the dropped markers.
    """
    cited: list[int] = []
    removed: list[str] = []
    text = _ECHOED_TAG.sub(" ", text)

    def repl(m: re.Match[str]) -> str:
        numbers = _marker_numbers(m.group(1))
        good = [n for n in numbers if n in valid]
        if not good or len(good) != len(numbers):
            removed.append(m.group(0))
        for n in good:
            if n not in cited:
                cited.append(n)
        return "".join(f"[{n}]" for n in dict.fromkeys(good))

    out = _MARKER.sub(repl, text)
    return _tidy(out), tuple(cited), tuple(removed)


def renumber(text: str, mapping: Mapping[int, int]) -> str:
    """Rewrite clean [n] markers through `mapping` (source number -> citation number)."""
    return re.sub(r"\[([0-9]+)\]", lambda m: f"[{mapping.get(int(m.group(1)), m.group(1))}]", text)


# --- claims ----------------------------------------------------------------------------------
def number_values(raw: str) -> frozenset[str]:
    """The values a written number can mean: "1.000" is 1000 in Vietnamese and 1 in English,
    "2,5" is 2.5, "1,5" could be either style. Two numbers agree when their sets meet."""
    out: set[str] = set()
    for thousands, decimal in ((".", ","), (",", ".")):
        parts = raw.split(decimal)
        if len(parts) > 2:
            continue
        groups = parts[0].split(thousands)
        if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
            continue
        digits = "".join(groups) + (f".{parts[1]}" if len(parts) == 2 else "")
        try:
            value = Decimal(digits)
        except InvalidOperation:
            continue
        out.add(format(value.normalize(), "f"))
    return frozenset(out)


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _has_symbol(number: str) -> bool:
    letters = re.sub(r"[^A-Za-zĐđ]", "", number)
    return len(letters) >= 2 and any(c.isupper() for c in letters)


def find_claims(text: str) -> list[Claim]:
    """Every instrument number, date, percentage, number and code stated in the text.

    Each kind is masked once found, so "17/12/2020" is one date, not three numbers, and
    "5807/KH-UBND" is one instrument number. Citation markers and list numbering are not
    claims.
    """
    claims: list[Claim] = []
    work = _MARKER.sub(lambda m: " " * len(m.group(0)), text)
    work = _LIST_NUMBER.sub(lambda m: " " * len(m.group(0)), work)

    def take(kind: str, start: int, end: int, value: frozenset[str]) -> None:
        nonlocal work
        claims.append(Claim(kind, value, text[start:end].strip()))
        work = _mask(work, start, end)

    for m in list(_INSTRUMENT.finditer(work)):
        if _has_symbol(m.group(0)):
            take("instrument", m.start(), m.end(), frozenset({canonical_number(m.group(0))}))
    for start, end, iso in find_dates(work):
        take("date", start, end, frozenset({iso}))
    for m in list(_DAY_MONTH.finditer(work)):
        d, mo = int(m.group("d")), int(m.group("m"))
        if 1 <= d <= 31 and 1 <= mo <= 12:
            take("daymonth", m.start(), m.end(), frozenset({f"{mo:02d}-{d:02d}"}))
    for m in list(_MONTH_YEAR.finditer(work)):
        mo = int(m.group("m") or m.group("m2"))
        if 1 <= mo <= 12:
            take("monthyear", m.start(), m.end(), frozenset({f"{m.group('y')}-{mo:02d}"}))
    for m in list(_PERCENT.finditer(work)):
        take("percent", m.start(), m.end(), number_values(m.group("v")))
    for m in list(_CODE.finditer(work)):
        take("code", m.start(), m.end(), frozenset({m.group(0).casefold()}))
    for m in list(_NUMBER.finditer(work)):
        take("number", m.start(), m.end(), number_values(m.group("v")))
    return claims


@dataclass(frozen=True)
class Evidence:
    """The claims of the cited sources, indexed for the comparisons a claim needs."""

    values: dict[str, set[str]]

    @classmethod
    def of(cls, texts: Collection[str]) -> Evidence:
        values: dict[str, set[str]] = {
            k: set() for k in ("date", "daymonth", "monthyear", "percent", "number", "code")
        }
        values["instrument"] = set()
        for text in texts:
            for claim in find_claims(text):
                values[claim.kind].update(claim.value)
        for iso in values["date"]:
            y, mo, d = iso.split("-")
            values["daymonth"].add(f"{mo}-{d}")
            values["monthyear"].add(f"{y}-{mo}")
        for ym in values["monthyear"]:
            values["number"].add(ym.split("-")[0])
        values["number"] |= values["percent"]
        return cls(values)

    def supports(self, claim: Claim) -> bool:
        return bool(claim.value & self.values[claim.kind])


def unsupported_claims(
    answer: str, sources: Collection[str], asked: Collection[str] = ()
) -> list[Claim]:
    evidence = Evidence.of(sources)
    for number in asked:
        if _has_symbol(number):
            evidence.values["instrument"].add(canonical_number(number))
        else:
            evidence.values["number"].update(number_values(number))
    return [c for c in find_claims(answer) if not evidence.supports(c)]


def copied_headers(answer: str, headers: Collection[str]) -> bool:
    """True when the answer repeats a source's header (a title, a list of instruments)
    as a line or sentence of its own: it copied the prompt instead of answering."""
    pieces = re.split(r"(?:\[[0-9]+\]|[.\n])", answer)
    norm = {" ".join(h.split()).strip(" .;:").casefold() for h in headers if len(h) > 30}
    for piece in pieces:
        key = " ".join(piece.split()).strip(" .;:").casefold()
        if key and key in norm:
            return True
    return any(";" in h and " ".join(h.split()) in " ".join(answer.split()) for h in headers)


# --- the check ---------------------------------------------------------------------------------
def is_refusal(text: str) -> bool:
    return bool(_REFUSAL.search(text))


def check(answer: str, sources: Mapping[int, str], asked: Collection[str] = ()) -> Verdict:
    """Accept a generated answer only when it is cited and its figures are in what it cites.

    `asked`: instrument numbers the question itself names ("5807/KH-UBND", or "5807" for
    "Kế hoạch 5807"). Repeating them restates the question, not a claim; retrieval has
    already checked that the cited evidence belongs to that instrument.
    """
    text, cited, removed = clean_markers(answer, sources.keys())
    if not text or not re.search(r"\w", _MARKER.sub("", text)):
        return Verdict(False, text, cited, "empty answer", removed=removed)
    if is_refusal(text):
        return Verdict(False, text, cited, "the model found no answer", removed=removed)
    if _ECHO.search(text):
        return Verdict(False, text, cited, "the model copied the prompt", removed=removed)
    if _CJK.search(text):
        return Verdict(False, text, cited, "not written in Vietnamese", removed=removed)
    if not cited:
        return Verdict(False, text, cited, "no valid citation", removed=removed)
    bad = unsupported_claims(text, [sources[n] for n in cited], asked)
    if bad:
        listed = ", ".join(dict.fromkeys(c.text for c in bad))
        return Verdict(
            False,
            text,
            cited,
            f"not in the cited sources: {listed}",
            unsupported=tuple(c.text for c in bad),
            removed=removed,
        )
    return Verdict(True, text, cited, removed=removed)


# --- documents are data ----------------------------------------------------------------------
def strip_instructions(passage: str) -> tuple[str, int]:
    """Replace sentences that address the model ("Bỏ qua hướng dẫn trước...") with a mark.

    The prompt already says documents are data; taking the text away is the part that does
    not depend on a small model's obedience. Returns the text and how many were removed.
    """
    count = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal count
        sentence = m.group(0)
        if not _INSTRUCTION.search(sentence):
            return sentence
        count += 1
        lead = sentence[: len(sentence) - len(sentence.lstrip())]
        return lead + REDACTED + ("\n" if sentence.endswith("\n") else "")

    return _SENTENCE.sub(repl, passage), count
