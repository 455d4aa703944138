"""Pure: what a document says of other instruments' validity, read from its body.

"Nghị định này thay thế Nghị định số 93/2019/NĐ-CP ...", "Bãi bỏ Quyết định số 10/2016/QĐ-UBND",
"Thông tư số 02/2023/TT-BKHCN ... hết hiệu lực kể từ ngày Thông tư này có hiệu lực",
"Sửa đổi, bổ sung một số điều của Thông tư số 09/2025/TT-BCT". A statement whose verb is
passive ("đã được sửa đổi, bổ sung bởi ...") or that sits in the căn cứ is about other texts,
not this one, and is left out; so is the abolition of a single clause, which amends. "Sửa
đổi" amends an instrument only when one (or a part of one) is its object, within a few
words: "việc sửa đổi hồ sơ mời thầu … theo khoản 3 Điều 39 Nghị định số 23/2024/NĐ-CP"
amends no decree. A title's ";" ends no sentence ("Thông tư số 15/2024/TT-BKHĐT … kinh
doanh; cung cấp … hết hiệu lực thi hành."): a ";" ends one only before a capital or a line's
end, as between list items or grounds run into one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

REPLACES = "replaces"  # thay thế, bãi bỏ, làm hết hiệu lực: the target is no longer in force
AMENDS = "amends"  # sửa đổi, bổ sung, bãi bỏ một phần

_CUE = re.compile(
    r"(?P<rep>(?<!được )(?<!đã được )(?<!bị )thay\s+thế|(?<!được )(?<!bị )bãi\s+bỏ"
    r"|hết\s+hiệu\s+lực|chấm\s+dứt\s+hiệu\s+lực)"
    r"|(?P<amd>(?<!được )(?<!đã được )sửa\s+đổi,?\s+bổ\s+sung|(?<!được )s[ửữ]a\s+[đd][ổỗ]i)",
    re.IGNORECASE,
)
_PART = re.compile(r"\s*(?:một\s+số\s+|các\s+)?(?:khoản|điểm|Điều|điều|cụm\s+từ)\s", re.IGNORECASE)
_NOT_OURS = re.compile(r"^\s*[-–]?\s*(?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s)", re.IGNORECASE)
# "c) Thông tư số 51/2017/TT-BTNMT … sửa đổi, bổ sung … Thông tư số 45/2016/TT-BTNMT": an
# item of a list that names an instrument by its title; the verb is that title's.
_NAMED_ITEM = re.compile(
    r"^\s*(?:[-–+•]|\d{1,3}[.)]|[a-zđ]\))\s*(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết"
    r"|Nghị\s+định|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|Chỉ\s+thị|Kế\s+hoạch)"
    r"\s+(?:số\s+)?\d"
)
_SENTENCE = re.compile(r"[^.;\n]+(?:[.;]|\n|$)")
# the next instrument of a list run into one line, after a ";" ("…; Nghị định số 101/2020 …")
_NEXT_LISTED = re.compile(
    r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Thông\s+tư"
    r"|Chỉ\s+thị|Kế\s+hoạch)\s+(?:số\s*:?\s*)?\d"
)
# What "sửa đổi, bổ sung" amends: an instrument or a part of one, at most four words on;
# not one it is done by ("phê duyệt sửa đổi theo quy định tại Luật …").
_AMENDED = re.compile(
    r"(?:[\s,]+(?!theo(?!\w))[^\s,.;:]+){0,4}?[\s,]+(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định"
    r"|Quyết\s+định|Thông\s+tư|Chỉ\s+thị|Kế\s+hoạch|Quy\s+định|Quy\s+chế|Điều|điều|khoản"
    r"|điểm|Phụ\s+lục|phụ\s+lục)(?!\w)",
    re.IGNORECASE,
)
_COLON_LIST = re.compile(r":\s*$")
_NUMBERED = re.compile(r"\d+[/-][\w/.-]*[A-ZĐ]")


@dataclass(frozen=True)
class Statement:
    kind: str  # REPLACES or AMENDS
    start: int  # the sentence, as offsets in the text searched
    end: int
    cue: str


def validity_statements(text: str) -> list[Statement]:
    """Sentences that state this document replaces, abolishes or amends other instruments;
    a sentence ending in ":" takes the list that follows it (up to a blank-free run of
    numbered or dashed lines)."""
    out: list[Statement] = []
    spans = _sentences(text)
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        if _NOT_OURS.match(sentence) or _NAMED_ITEM.match(sentence):
            continue
        if "hiệu lực pháp luật" in sentence:
            continue
        cue = _CUE.search(sentence)
        if not cue:
            continue
        if not sentence[cue.end() :].strip() and i + 1 < len(spans):
            # the line broke after the verb: "… này thay thế\nQuyết định số 15/2014 …"
            end = spans[i + 1][1]
            sentence = text[start:end]
        kind = REPLACES if cue.group("rep") else AMENDS
        if kind == AMENDS and not _AMENDED.match(sentence, cue.end()):
            continue  # "trường hợp sửa đổi hồ sơ mời thầu": no instrument amended
        if kind == REPLACES and cue.group(0).lower().startswith(("bãi", "thay")):
            # "bãi bỏ khoản 2 …", "thay thế cụm từ … tại Điều 12 …": a part only
            kind = AMENDS if _PART.match(sentence, cue.end()) else kind
        if _COLON_LIST.search(sentence.rstrip("\n")):
            end = _list_end(text, end)
        if not _NUMBERED.search(text, start, end):
            continue  # "các bên sửa đổi, bổ sung hợp đồng": no instrument named
        out.append(Statement(kind, start, end, cue.group(0)))
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a ";" before a word in lower case on the same line
    is inside one (a title's), not the end of one."""
    spans: list[tuple[int, int]] = []
    inside = False  # the last piece ended in a title's ";": this one goes on with it
    for m in _SENTENCE.finditer(text):
        if inside and spans and spans[-1][1] == m.start():
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
        # … or before the next instrument of a list its sentence opened on the same line
        # ("thay thế các Nghị định sau: Nghị định số 123/2016/NĐ-CP …; Nghị định số …")
        listed = ":" in text[spans[-1][0] : m.end()]
        after = text[m.end() : m.end() + 40].lstrip(" \t")
        inside = m.group(0).endswith(";") and (
            (listed and bool(_NEXT_LISTED.match(after))) or _lower(after)
        )
    return spans


def _lower(word: str) -> bool:
    return bool(word) and word[0].islower()


def passage_statements(texts: Sequence[str]) -> list[list[Statement]]:
    """validity_statements of each passage of one document, in order. A passage that opens
    with the rest of a list of replaced instruments (chunking cut "… hết hiệu lực:" / "a) …"
    | "c) …") gets those lines as a statement of the same kind."""
    out: list[list[Statement]] = []
    carried: Statement | None = None
    for text in texts:
        found = validity_statements(text)
        if carried is not None and (end := _list_end(text, 0)) > 0:
            found.insert(0, Statement(carried.kind, 0, end, carried.cue))
        last = found[-1] if found else None
        ends_inside = last is not None and last.end >= len(text.rstrip())
        carried = last if ends_inside and last is not None and last.kind == REPLACES else None
        out.append(found)
    return out


def _list_end(text: str, pos: int) -> int:
    """End of the numbered or dashed lines right after `pos`."""
    end = pos
    for line in text[pos : pos + 6000].split("\n"):
        stripped = line.strip()
        if not stripped:
            end += len(line) + 1
            continue
        if not re.match(r"(?:[-–+•]|\d{1,3}[.)]|[a-zđ]\))\s", stripped):
            break
        end += len(line) + 1
    return min(end, len(text))
