"""Which instrument sets what a question describes in its own words, none named.

"Mỗi người chỉ được giữ một hạng thẻ tại một thời điểm, quy định này ở văn bản nào?" asks
for the instrument one of whose own sentences says so. The answerer answers what is
described, as a question of its own, and names the instrument whose sentence answers it
(answer.py), when:

- the question asks which instrument sets, regulates or contains something (_SETS), not
  which one amends, replaces, guides or carries out another (_LINEAGE: the registry's
  lineage answers those), nor which one the thing described is ("Kế hoạch thi đua … là kế
  hoạch số mấy?": its trích yếu says that, instruments/which_answers.py);
- the calibrated model is surer of the sentence than a first reading needs (SURE), and the
  sentence holds most of the question's words (COVERAGE): the question was not answered
  as asked, and this reading asks no kind of fact, so a sentence that only speaks of what
  is described scores well in it;
- that sentence's document is itself a numbered instrument, of the type and the issuer the
  question names, if any ("… quyết định nào của UBND tỉnh" is no People's Council's
  resolution), whose name shares words with the question (TITLE_WORDS): an instrument
  that only mentions what is described (the civil code, labour contracts) does not set it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policybot.questions.question import QuestionSpec
from policybot.text.identity import same_body
from policybot.text.issuers import find_issuers
from policybot.text.symbols import TYPE_WORDS
from policybot.types import Instrument

SURE = 0.8  # the confidence this second reading needs (a first one needs Model.answer_at)
COVERAGE = 0.6  # … and the share of the question's words its sentence holds
TITLE_WORDS = 2  # … and the question's words its instrument's name holds

_TYPES = rf"(?<!pháp )(?:{TYPE_WORDS})"  # "pháp luật": law in general, no type
# "quy định ở văn bản nào", "nằm trong văn bản nào", "được hỗ trợ … theo nghị quyết nào"
_SETS = re.compile(
    r"(?<!\w)(?:quy định|nằm (?:trong|ở)|đề cập|nêu|ghi nhận|điều chỉnh"
    rf"|theo (?:văn bản|{_TYPES}) (?:nào|số mấy))(?!\w)",
    re.IGNORECASE,
)
_LINEAGE = re.compile(
    r"(?<!\w)(?:sửa đổi|bổ sung|thay thế|bãi bỏ|hết hiệu lực|hướng dẫn(?: thi hành)?"
    r"|quy định chi tiết|triển khai|thực hiện|căn cứ|ban hành theo)(?!\w)",
    re.IGNORECASE,
)
_NOUN = re.compile(rf"(?<!\w)(?:văn bản|{_TYPES})(?!\w)")
# a document noun and the question word asking for it: "văn bản số mấy", "ở quyết định nào"
_TYPE_ASKED = re.compile(
    rf"(?<!\w)(?:văn bản|{_TYPES})(?: [^ ?,]+){{0,3}}? (?:nào|gì|số mấy)(?!\w)"
)
# … and the body named as its issuer: "văn bản nào của Bộ Khoa học và Công nghệ"
_OF_BODY = re.compile(r"(?<!\w)(?:nào|gì|số mấy) (?P<of>(?:của|do) [^?,]+)")
_NEAR = 24  # characters around the noun asked for where a lineage word asks the lineage


def _types_asked(low: str) -> list[tuple[str, int, int]]:
    """Each document noun a question word asks for (the nearest to it: in "quy định ở quyết
    định nào" the first "quy định" is the verb), with the span from it to the question
    word."""
    found = []
    for m in _TYPE_ASKED.finditer(low):
        noun = list(_NOUN.finditer(m.group(0)))[-1]
        found.append((noun.group(0), m.start() + noun.start(), m.end()))
    return found


def asks_which_sets(spec: QuestionSpec) -> bool:
    """Which instrument sets what the question describes is asked, none named; not which
    one amends, guides or carries out another (a lineage word next to the noun asked for:
    "văn bản nào sửa đổi …", "được triển khai theo kế hoạch nào"; elsewhere it describes:
    "cá nhân thực hiện thủ tục … quy định ở văn bản nào")."""
    if spec.refs or not spec.wants_instrument:
        return False
    low = spec.text.casefold()
    near = [low[max(0, start - _NEAR) : end + _NEAR] for _, start, end in _types_asked(low)]
    return bool(_SETS.search(low)) and not any(_LINEAGE.search(part) for part in near)


def described_content(spec: QuestionSpec) -> QuestionSpec:
    """The question as one about what it describes: no instrument asked, and without the
    words that ask for it ("ở văn bản nào của HĐND thành phố …": they say nothing of it)."""
    low = spec.text.casefold()  # the same length: spans found in it hold in the text
    spans = [(start, end) for _, start, end in _types_asked(low)]
    spans += [m.span("of") for m in _OF_BODY.finditer(low)]
    text = spec.text
    for start, end in sorted(spans, reverse=True):
        text = f"{text[:start]} {text[end:]}"
    return replace(
        spec,
        text=" ".join(text.split()),
        wants_instrument=False,
        wants_symbol=False,
        wants_acted_on=False,
    )


def agrees(spec: QuestionSpec, itself: Instrument | None) -> bool:
    """`itself` (a document's own instrument) has a number, and the type and the issuer the
    question names, if any."""
    if itself is None or not itself.number:
        return False
    low = spec.text.casefold()
    own_type = itself.type.casefold()
    if any(noun not in ("văn bản", own_type) for noun, _, _ in _types_asked(low)):
        return False
    for m in _OF_BODY.finditer(low):
        bodies = [name for _, _, name in find_issuers(spec.text[m.start("of") : m.end()])]
        if bodies and not any(same_body(b, itself.issuer) for b in bodies):
            return False
    return True
