"""Pure: instruments named by their title rather than a number ("Kế hoạch số hóa kết quả giải
quyết thủ tục hành chính", "Nghị quyết của Tỉnh ủy về chuyển đổi số ..."), for the registry.
"""

from __future__ import annotations

import re

from policybot.text.issuers import issuer_at, province_name
from policybot.text.places import modern_tones
from policybot.text.refs import (
    ISSUED_VERB,
    Draft,
    Mention,
    attach_after,
    attach_before,
    find_mentions,
    subject_at,
)
from policybot.text.symbols import type_of_word
from policybot.types import Instrument

_NAMED_TYPES = r"Nghị\s+quyết|Kế\s+hoạch|Chương\s+trình|Quyết\s+định|Đề\s+án|Chiến\s+lược|Chỉ\s+thị"
_NAMED_RE = re.compile(
    rf"(?<![\w/])(?:(?P<cap>{_NAMED_TYPES})|(?P<low>(?i:{_NAMED_TYPES})))(?=\s+\w)(?!\s+(?i:số)\s*:?\s*[0-9])"
)
# What may stand right before a title: a verb of drafting, issuing or carrying out, or a list
# separator after another reference ("...749/QĐ-TTg; Chương trình ứng dụng ...").
_TITLE_CONTEXT = re.compile(
    r"(?i:xây\s+dựng|ban\s+hành|triển\s+khai|phê\s+duyệt|thực\s+hiện|hoàn\s+thành|trình|"
    r"tại|theo|quán\s+triệt)"
    r"(?:\s+(?:và|,)\s+(?i:xây\s+dựng|ban\s+hành|triển\s+khai|phê\s+duyệt|thực\s+hiện))?\s+\Z"
)
_ISSUED_CONTEXT = re.compile(rf"\s{ISSUED_VERB}")
_NAME_FIRST_STOP = re.compile(
    r"(?i:này|đó|trên|nói\s+trên|của|về|được|đã|là|và|có|sẽ|nêu|hành\s+động\s+số|các|những)(?!\w)"
)
_NAME_STOP = re.compile(
    r"\s*[,;:!?()\n]|\.(?=\s|$)"
    r"|\s+(?i:theo|nhằm|để|với|do|được|đã|sẽ|là|trên\s+cơ\s+sở|căn\s+cứ|ngày|đến\s+nay)(?!\w)"
    r"|\s+và\s+(?i:triển\s+khai|thực\s+hiện|phối\s+hợp|xây\s+dựng|tổ\s+chức|ban\s+hành|"
    r"báo\s+cáo|chỉ\s+đạo|các|những)(?!\w)"
)
_NAME_MAX_WORDS = 25
_OF_ISSUER = re.compile(r"\s+của\s+")
_ABOUT = re.compile(r"\s+về\s")


def _name_end(norm: str, pos: int, province: str | None) -> int | None:
    """End of a title that starts at `pos`: the first stop outside quotes, or None when the
    title runs on too long to be one."""
    quoted = False
    i = pos
    limit = min(len(norm), pos + 400)
    while i < limit:
        ch = norm[i]
        if ch in '“”"':
            quoted = ch == "“" or (ch == '"' and not quoted)
            i += 1
            continue
        if not quoted:
            stop = _NAME_STOP.match(norm, i)
            if stop:
                return i
            of = _OF_ISSUER.match(norm, i)
            if of and issuer_at(norm, of.end(), province):
                return i
        i += 1
    return len(norm) if limit == len(norm) else None


def find_named(text: str, province: str | None = None) -> list[Mention]:
    """Unnumbered instruments written as a title: "xây dựng Kế hoạch số hóa kết quả giải quyết
    thủ tục hành chính ...", "vừa ban hành kế hoạch tổ chức phong trào thi đua “...”",
    "Nghị quyết của Tỉnh ủy về chuyển đổi số ...".

    Kept out of `find_mentions` on purpose: a title is recognised from its context (a verb of
    drafting or issuing before it, a capital letter mid-sentence), less surely than a number.
    The registry reads both and merges a title into the numbered instrument it names when
    one document makes that clear. Spans that `find_mentions` covers are left to it.
    """
    if not text:
        return []
    norm = modern_tones(text)
    prov = province_name(province)
    taken = [(m.start, m.end) for m in find_mentions(text, province)]
    out: list[Mention] = []
    for m in _NAMED_RE.finditer(norm):
        if any(s <= m.start() < e for s, e in taken):
            continue
        kind = type_of_word(m.group(0))
        if kind is None:
            continue
        line_start = max(norm.rfind("\n", 0, m.start()), norm.rfind(". ", 0, m.start())) + 1
        before = norm[max(line_start, m.start() - 80) : m.start()]
        draft = Draft(m.start(), m.end(), kind)
        of = _OF_ISSUER.match(norm, m.end())
        if m.group("cap") and of:
            # "Kế hoạch của UBND tỉnh về thực hiện ...": the issuer, then the subject.
            found = issuer_at(norm, of.end(), prov)
            about = _ABOUT.match(norm, found[1]) if found else None
            if not found or not about:
                continue
            named = subject_at(norm, about.start() + 1)
            if named is None:
                continue
            draft.issuer, draft.name, draft.end = found[0], named[0], named[1]
        else:
            if m.group("low") and not _ISSUED_CONTEXT.search(before + " "):
                continue
            if m.group("cap") and not before.strip():
                continue  # sentence-initial capital says nothing
            if not (_TITLE_CONTEXT.search(before) or _after_reference(before, norm, m, taken)):
                continue
            start = m.end() + 1
            if _NAME_FIRST_STOP.match(norm, start):
                continue
            end = _name_end(norm, start, prov)
            if end is None:
                continue
            name = " ".join(norm[start:end].split()).strip(" ,")
            if not 2 <= len(name.split()) <= _NAME_MAX_WORDS:
                continue
            draft.name, draft.end = name, end
        attach_after(norm, draft, prov)
        if draft.issuer is None:
            attach_before(norm, draft, 0, prov)
        inst = Instrument(kind, None, draft.date, draft.issuer, draft.name)
        out.append(Mention(draft.start, draft.end, inst))
    return out


def _after_reference(
    before: str, norm: str, m: re.Match[str], taken: list[tuple[int, int]]
) -> bool:
    """A title right after "; " that follows another reference: an item of the same list."""
    stripped = before.rstrip()
    if not stripped.endswith((";", ",")):
        return False
    sep = m.start() - (len(before) - len(stripped)) - 1
    return any(e <= sep and sep - e <= 60 for _, e in taken)
