"""Pure: the abbreviations of official texts, and what they stand for.

A plan writes "doanh nghiệp nhỏ và vừa (DNNVV)" once and "≥ 60% DNNVV, HTX, HKD" after;
an official asks about "doanh nghiệp nhỏ, hợp tác xã" in full. A sentence is matched to
the question with its abbreviations spelled out: those its own document defines (a phrase
followed by its initials in brackets, or "(sau đây gọi tắt là …)", "(viết tắt là …)"), and
the few that every administrative text uses without defining them (UBND, HĐND, CNTT …).

A definition counts only when the letters are the initials of the words before the
bracket, in order ("và" may give its letter or not: "Khoa học và Công nghệ (KH&CN)",
"doanh nghiệp nhỏ và vừa (DNNVV)"), so "(Đề án 30)" or "(sửa đổi)" define nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

# Spelled out wherever they stand: the abbreviations of the state's own bodies and of
# the words every administrative text uses (Nghị định 30/2020/NĐ-CP, Phụ lục I lists some).
COMMON: Mapping[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "CNTT": "công nghệ thông tin",
    "KH&CN": "khoa học và công nghệ",
    "KHCN": "khoa học công nghệ",
    "TTHC": "thủ tục hành chính",
    "CCHC": "cải cách hành chính",
    "NSNN": "ngân sách nhà nước",
    "CQNN": "cơ quan nhà nước",
    "KT-XH": "kinh tế - xã hội",
    "CĐS": "chuyển đổi số",
    "TT&TT": "thông tin và truyền thông",
    "GD&ĐT": "giáo dục và đào tạo",
    "KH&ĐT": "kế hoạch và đầu tư",
    "TN&MT": "tài nguyên và môi trường",
    "NN&PTNT": "nông nghiệp và phát triển nông thôn",
    "GTVT": "giao thông vận tải",
    "VH-TT&DL": "văn hóa, thể thao và du lịch",
    "LĐ-TB&XH": "lao động - thương binh và xã hội",
    "DN": "doanh nghiệp",
    "DNNVV": "doanh nghiệp nhỏ và vừa",
    "HTX": "hợp tác xã",
    "ĐMST": "đổi mới sáng tạo",
    "DVC": "dịch vụ công",
    "DVCTT": "dịch vụ công trực tuyến",
    "CSDL": "cơ sở dữ liệu",
    "CBCCVC": "cán bộ, công chức, viên chức",
    "BHXH": "bảo hiểm xã hội",
    "BHYT": "bảo hiểm y tế",
    "GPMB": "giải phóng mặt bằng",
    "NTM": "nông thôn mới",
    "DTTS": "dân tộc thiểu số",
    "KCN": "khu công nghiệp",
    "CCCD": "căn cước công dân",
    "CMND": "chứng minh nhân dân",
}

_ABBREVIATION = r"[A-ZĐ][A-ZĐ&\-]{1,9}"
_DEFINED = re.compile(
    rf"(?P<before>[^()\n]{{3,160}}?)\s*\(\s*(?:(?:sau\s+đây\s+)?(?:gọi|viết)\s+tắt\s+là\s+)?"
    rf"[“\"]?(?P<abbr>{_ABBREVIATION})[”\"]?\s*\)",
    re.IGNORECASE,
)
_TOKEN = re.compile(rf"(?<![\w&\-])(?P<abbr>{_ABBREVIATION})(?![\w&])")
_WORD = re.compile(r"\w+", re.UNICODE)
_AND = "và"


def _initial(word: str) -> str:
    first = unicodedata.normalize("NFD", word[:1])[:1].upper()
    return "D" if word[:1] in "đĐ" else first


def _letters(abbreviation: str) -> str:
    return "".join("D" if c in "đĐ" else c for c in abbreviation if c.isalpha()).upper()


def _spelled(words: list[str], letters: str) -> list[str] | None:
    """The shortest run of words at the end of `words` whose initials are `letters`, "và"
    counted or skipped; None when there is none."""

    def match(i: int, j: int) -> int | None:  # words[..i) against letters[..j): start index
        if j == 0:
            return i
        if i == 0:
            return None
        word = words[i - 1]
        if _initial(word) == letters[j - 1]:
            found = match(i - 1, j - 1)
            if found is not None:
                return found
        if word.casefold() == _AND:
            return match(i - 1, j)
        return None

    start = match(len(words), len(letters))
    if start is None or words[start].casefold() == _AND:
        return None
    return words[start:]


def defined(text: str) -> dict[str, str]:
    """The abbreviations `text` defines, each with the words it stands for."""
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        abbr = m.group("abbr")
        letters = _letters(abbr)
        if abbr != abbr.upper() or len(letters) < 2:
            continue
        words = _WORD.findall(m.group("before"))
        spelled = _spelled(words[-2 * len(letters) :], letters)
        if spelled:
            out.setdefault(abbr, " ".join(spelled))
    return out


def table_of(text: str) -> dict[str, str]:
    """The abbreviations a document's sentences may use: the common ones, and those `text`
    defines (its own win)."""
    return {**COMMON, **defined(text)}


def spell_out(text: str, table: Mapping[str, str]) -> str:
    """`text` with what each abbreviation in `table` stands for written after it."""
    return _written_after(text, _TOKEN, table.get) if table else text


_COMMON_FOLDED = {k.casefold(): v for k, v in COMMON.items()}
_ANY_CASE_TOKEN = re.compile(r"(?<![\w&\-])[\wđĐ][\wđĐ&\-]{1,9}(?![\w&])")


def with_common(text: str) -> str:
    """`text`, in any case ("cntt" in a lowered question), with the common abbreviations
    spelled out after them."""
    return _written_after(text, _ANY_CASE_TOKEN, lambda t: _COMMON_FOLDED.get(t.casefold()))


def in_full(text: str) -> str:
    """`text`, in any case, with the common abbreviations replaced by their words: the
    asker's "Sở KH&CN" is compared with the document's "Sở Khoa học và Công nghệ" as well
    as with its "Sở KH&CN" (spelled out after it, spell_out)."""
    return _ANY_CASE_TOKEN.sub(lambda m: _COMMON_FOLDED.get(m[0].casefold(), m[0]), text)


def _written_after(text: str, token: re.Pattern[str], full: Callable[[str], str | None]) -> str:
    def add(m: re.Match[str]) -> str:
        words = full(m.group(0))
        return f"{m.group(0)} ({words})" if words else m.group(0)

    return token.sub(add, text)
