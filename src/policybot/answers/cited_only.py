"""Pure: what a sentence says of an instrument the corpus only cites.

Asked what "Quyết định 445/2013/QĐ-UBND" required, when no document is that decision and
one only abolishes it ("Bãi bỏ toàn bộ Quyết định số 445/2013/QĐ-UBND … về việc ban hành
Quy định quản lý … cán bộ chuyên trách công nghệ thông tin …"), the sentence shares the
question's words only through the citation: its number and the trích yếu after it, which
name the instrument and state nothing it requires. Those words are not the sentence's own.
A sentence that only describes it ("Tỉnh ủy ban hành Nghị quyết số 10 về chuyển đổi số")
keeps them: a report tells what the instrument is about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policybot.text.places import modern_tones
from policybot.text.refs import RefQuery, find_mentions, ref_matches

# A trích yếu opening right after a citation ("… của UBND tỉnh Bắc Giang (cũ) về việc …")
_SUBJECT_OPENS = re.compile(
    r"\s*(?:\([^)]{0,20}\)\s*)?,?\s*(?:về việc|về|v/v|quy định về|ban hành|phê duyệt)(?!\w)",
    re.IGNORECASE,
)
# … up to its clause's end, or to what the sentence says of it after ("…, kể từ ngày …")
_CLAUSE_END = re.compile(r";|\.(?:\s|$)|,\s*(?:kể từ|có hiệu lực|từ ngày)")
# … when the sentence ends the instrument it cites ("Bãi bỏ toàn bộ Quyết định số …",
# "thay thế Nghị định số …"): a report describing one it does not hold tells what it says
_ENDS = re.compile(
    r"(?<!\w)(?:bãi bỏ|thay thế|hủy bỏ|huỷ bỏ|hết hiệu lực|sửa đổi)(?:\s+\S+){0,4}\s*$",
    re.IGNORECASE,
)
# … which is the answer when the question asks what the instrument is about
_SUBJECT_ASKED = re.compile(
    r"(?<!\w)(?:về (?:việc |vấn đề |nội dung )?gì|nội dung (?:gì|là gì|chính)|trích yếu"
    r"|quy định (?:những |các )?(?:gì|vấn đề gì|việc gì)|quy định về (?:lĩnh vực|vấn đề|việc) nào"
    r"|nội dung [^?]{0,60}là gì)(?!\w)",
    re.IGNORECASE,
)


def subject_asked(question: str) -> bool:
    """The question asks what an instrument is about ("… về việc gì?")."""
    return bool(_SUBJECT_ASKED.search(question))


def without_citations(text: str, refs: Sequence[RefQuery]) -> str | None:
    """The sentence without its citations of these instruments where it ends them: each
    mention, and the trích yếu that follows it up to its clause's end; None when it ends
    none of them."""
    norm = modern_tones(text)  # the same length: spans found in it hold in the text
    kept: list[str] = []
    last = 0
    for mention in find_mentions(text):
        if not any(ref_matches(r, mention.instrument) for r in refs):
            continue
        if not _ENDS.search(norm[max(0, mention.start - 60) : mention.start]):
            continue
        end = mention.end
        if _SUBJECT_OPENS.match(norm, mention.end):
            stop = _CLAUSE_END.search(norm, mention.end)
            end = stop.start() if stop else len(text)
        if mention.start >= last:
            kept.append(text[last : mention.start])
        last = max(last, end)
    if not kept:
        return None
    kept.append(text[last:])
    return " ".join("".join(kept).split())
