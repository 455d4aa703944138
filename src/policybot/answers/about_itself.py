"""Pure: the sentences in which a document says what it governs and whom it binds, and the
questions asking that.

"Quy định về quản lý an toàn trong sử dụng điện … áp dụng cho những đối tượng nào?" names
the document by its title, so the sentence issuing it ("Ủy ban nhân dân tỉnh ban hành Quyết
định ban hành Quy định về quản lý an toàn …") holds most of the question's words; the one
answering is the document's own "Quy định này áp dụng đối với cơ quan, đơn vị, …", or a
sentence under its "Phạm vi điều chỉnh" / "Đối tượng áp dụng" article.

Lines that only name a document state nothing else: a restatement of its title, an annex's
caption saying which instrument it comes with.
"""

from __future__ import annotations

import re

from policybot.answers.stated import SELF
from policybot.text.segment import syllables

# "Quy chế này quy định …", "Nghị định này áp dụng đối với …", "Luật này điều chỉnh …",
# opening the sentence (after a list mark); not "… trừ trường hợp Luật này quy định khác",
# "Thông tư này không quy định", nor "kèm theo Quyết định này Quy định về …" (a name)
_STATES_SCOPE = re.compile(
    r"^\W*(?:(?:\d{1,3}|[a-zđ])[.)]\s*)?"
    rf"(?:{SELF.pattern})\s+(?:(?:chỉ|được)\s+)?"
    r"(?P<verb>quy\s+định|áp\s+dụng|điều\s+chỉnh)(?!\w)(?!\s+khác(?!\w))",
    re.IGNORECASE,
)
_SCOPE_HEADING = re.compile(
    r"(?<!\w)(?:phạm\s+vi\s+điều\s+chỉnh|đối\s+tượng\s+áp\s+dụng)(?!\w)", re.I
)
# What a document governs ("quy định những gì", "phạm vi điều chỉnh") and whom it binds
# ("áp dụng cho những đối tượng nào", "áp dụng đối với ai"); not "phạm vi tỉnh", "đối tượng
# nào được miễn" (a case of it), "quy định gì về thời hạn" (one of its rules)
_SCOPE_ASKED = re.compile(
    r"(?<!\w)(?:phạm\s+vi\s+điều\s+chỉnh|đối\s+tượng\s+áp\s+dụng"
    r"|áp\s+dụng\s+(?:cho|với|đối\s+với)\s+(?:những\s+)?(?:ai|đối\s+tượng|cơ\s+quan\s+nào"
    r"|tổ\s+chức\s+nào)"
    r"|(?:quy\s+định|điều\s+chỉnh)\s+(?:về\s+)?(?:những\s+)?(?:gì|vấn\s+đề\s+gì|nội\s+dung\s+gì"
    r"|việc\s+gì)(?!\s+(?:về|đối\s+với|cho)(?!\w)))(?!\w)",
    re.IGNORECASE,
)


def states_its_scope(sentence: str, heading: str = "") -> bool:
    """The sentence says what its own document governs or whom it binds, or stands under
    the article that does."""
    m = _STATES_SCOPE.match(sentence)
    return bool(m and m["verb"].islower()) or bool(_SCOPE_HEADING.search(heading))


def scope_asked(question: str) -> bool:
    """The question asks what a document governs or whom it applies to."""
    return bool(_SCOPE_ASKED.search(question))


# A sentence at least this long whose syllables all come from its document's title
_TITLE_SYLLABLES = 5


def restates_title(sentence: str, title: str) -> bool:
    """The sentence only names its document ("Kế hoạch chuyển đổi kênh … băng tần UHF
    (470-806) MHz giai đoạn 2014-2017" under that plan's decision): every syllable of it is
    one of the title's. A figure or a year in it is part of the name, no fact stated."""
    said = syllables(sentence)
    return len(said) >= _TITLE_SYLLABLES and set(said) <= set(syllables(title))


# An annex's caption: "(Kèm theo Quyết định số 2512/QĐ-UBND ngày … của Chủ tịch UBND tỉnh)"
_CAPTION = re.compile(
    r"(?:^\W{0,3}|\(\s*)(?:ban hành\s+)?kèm theo\s+"
    r"(?:quyết định|nghị định|nghị quyết|thông tư|kế hoạch|chỉ thị|công văn|văn bản)"
    r"\s+(?:số\s+)?\d",
    re.IGNORECASE,
)


def annex_caption(sentence: str) -> bool:
    """The line only says which instrument, by number, the annex below it comes with."""
    return bool(_CAPTION.search(sentence))
