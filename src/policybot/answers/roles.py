"""Pure: who a sentence names, and whether it names them doing what a who-question asks.

"Cơ quan nào chủ trì …?" is answered by a sentence whose subject is a body taking that role
("Sở Công Thương chủ trì, phối hợp …"), more surely than by one that only mentions a body
somewhere ("… theo hướng dẫn của Bộ …") and far more than by one naming none.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from policybot.questions.question import EVERYDAY_WHO
from policybot.text.table_rows import cell_under

if TYPE_CHECKING:
    from policybot.answers.sentences import Sentence

# A body named ("Sở Công Thương", "Ban Cơ yếu"); not the verb "Ban hành" opening a sentence.
BODY = re.compile(
    r"\b(Sở|UBND|Ủy ban|Uỷ ban|Ban(?!\s+hành)|Bộ(?!\s+luật)|Chính phủ|Thủ tướng|Tỉnh ủy|Tỉnh uỷ"
    r"|Huyện ủy|Huyện uỷ|Hội đồng|Mặt trận|Văn phòng|Trung tâm|Cục|Chi cục|Chủ tịch|Quốc hội"
    r"|Công an|Tòa án|Toà án|[Cc]ơ quan|[Đđ]ơn vị|Hiệp hội|Liên minh|Liên đoàn|Công đoàn"
    r"|Hội(?!\s+(?:nghị|thảo|thi|chợ|diễn|đồng))|Đoàn(?=\s+(?:Thanh niên|thanh niên|Luật sư))"
    r"|Phòng(?=\s+[A-ZĐ]))\b"
)
# "là cơ quan đầu mối", "các đơn vị", "có đơn vị đã kiến nghị": a kind of body, or some
# body not named, not one named
_KIND = re.compile(
    r"(?<!\w)(?:là|các|những|mọi|với|có|một|một số|nhiều|vài|mỗi)\s+$", re.IGNORECASE
)
# "kế hoạch của Bộ, có đơn vị đã …": whose plan, not who acts; "Nhiệm vụ của Sở … là chủ
# trì" still names the body acting
_OWNER = re.compile(
    r"(?<!\w)(?:kế hoạch|quyết định|văn bản|chỉ đạo|chỉ thị|nghị quyết|đề án|chương trình"
    r"|công văn|ý kiến|đề nghị|yêu cầu)\s+của\s+$",
    re.IGNORECASE,
)
# The roles officials ask about: who leads, answers for, is in charge of, decides ("quyết
# định" the verb, not "Quyết định 12/QĐ-UBND" or "Quyết định này", the instrument).
ROLE = re.compile(
    r"\b(chủ trì|chịu trách nhiệm|có trách nhiệm|phụ trách|đảm nhiệm|thẩm quyền"
    r"|quyết định(?!\s+(?:số\b|\d|này\b|ban hành\b))|tiếp nhận"
    r"|thực hiện|triển khai|hướng dẫn|trả lời|giải quyết|bổ nhiệm|miễn nhiệm|phê duyệt"
    r"|chấp thuận)\b",
    re.IGNORECASE,
)
# A body that is the subject of a role: named, then the role within a few words of the
# clause after it ("Sở Công Thương chủ trì", "Bộ Công an chịu trách nhiệm").
_NEAR = 10

WH_WORDS = re.compile(
    r"(?<!\w)(?:ai|cơ quan nào|đơn vị nào|sở nào|bộ nào|ban nào|cấp nào|tổ chức nào|người nào"
    rf"|chủ thể nào|hội nào|hiệp hội nào|{EVERYDAY_WHO})(?!\w)",
    re.IGNORECASE,
)
_AFTER_WHO = 60  # characters after the wh-words where the role asked is named …
_PURPOSE = re.compile(r"(?<!\w)(?:để|nhằm|cho)(?!\w)")  # … before what it is done for


# Words between the wh-words and the verb asked ("cơ quan nào được giao tạo lập …"), and
# the everyday ones that only say someone takes a task on ("bên nào lo giám sát …", "sở nào
# đứng ra lo việc khen thưởng", "sở nào ngồi xem xét …"): the verb after them is asked
_AUXILIARY = frozenset(
    ("được", "sẽ", "đã", "đang", "có", "phải", "cần", "là", "giao", "chịu", "lo", "ngồi", "việc")
)
# … but not where they open a word of their own: "lo liệu", "lo ngại", "ngồi lại", "việc làm"
_NOT_AUXILIARY = frozenset(
    (("lo", "liệu"), ("lo", "ngại"), ("lo", "lắng"), ("lo", "âu"), ("ngồi", "lại"), ("việc", "làm"))
)
_VERB = re.compile(r"\w+(?:\s+\w+)?")
# Words after the wh-words that open no verb: a place, a level, a possessor, a pointer
_NOT_VERB = frozenset(
    (
        *("của", "ở", "tại", "trong", "thuộc", "cấp", "nào", "và", "hay", "hoặc", "với", "trên"),
        "đối",  # "thẩm quyền đối với …"
        *("này", "đó", "ấy", "các", "những"),
    )
)


def _leading_verb(clause: str) -> list[str]:
    """The clause's words from its first that is no auxiliary ("được giao", "đứng ra lo
    việc"), up to its first punctuation."""
    words = re.split(r"[?.!,;:…]", clause, maxsplit=1)[0].split()
    low = [w.casefold() for w in words]
    i = 0
    while i < len(low):
        if low[i : i + 2] == ["đứng", "ra"]:
            i += 2
        elif low[i] == "làm" and low[i + 1 : i + 2] in (["thường"], ["đầu"]):
            i += 1  # "làm thường trực", "làm đầu mối": what the body serves as
        elif low[i] in _AUXILIARY and tuple(low[i : i + 2]) not in _NOT_AUXILIARY:
            i += 1
        else:
            break
    return words[i:]


def roles_asked(question: str) -> set[str]:
    """The role a question asks of a body: one named right after its wh-words ("… đơn vị
    nào chủ trì việc …" -> {"chủ trì"}), not a verb of what it is about ("Kế hoạch triển
    khai Nghị quyết …") nor of a purpose further on ("cơ quan nào bố trí kinh phí … để
    thực hiện"). When the verb right after them is none of ROLE ("Cơ quan nào tạo lập và
    cấp tài khoản …"), that verb as written: a body doing it acts as asked, as does one
    taking any role. Empty (any role) when no verb follows them."""
    for who in WH_WORDS.finditer(question):
        after = question[who.end() : who.end() + _AFTER_WHO]
        clause = _PURPOSE.split(after, maxsplit=1)[0]
        found = list(ROLE.finditer(clause))
        written = _written_verb(clause)
        if found:
            # "có thẩm quyền bổ nhiệm": the power is to appoint; the verb after it is asked
            if found[0].group(1).lower() == "thẩm quyền":
                if len(found) > 1:
                    return {found[1].group(1).lower()}
                # "có thẩm quyền đánh giá": a verb of no usual role, as written
                power = _written_verb(clause[found[0].end() :])
                if power:
                    return power
            role = {found[0].group(1).lower()}
            # "làm thường trực, theo dõi, đôn đốc thực hiện": duties listed, the usual role
            # only past the first of them, which is asked as written too
            listed = _PUNCTUATION.search(clause[: found[0].start()])
            return role | written if listed and written else role
        if written is None:
            return set()  # "đơn vị nào của tỉnh …": no verb follows
        return written
    return set()


_PUNCTUATION = re.compile(r"[?.!,;:…]")


def _written_verb(clause: str) -> set[str] | None:
    """The verb leading the clause, as written (None when none leads it)."""
    words = _leading_verb(clause)
    if not words or words[0].casefold() in _NOT_VERB:
        return None
    # the verb's words, up to a name ("ký Quyết định 12/QĐ-UBND": "ký")
    said = words[:1] + [w for w in words[1:2] if not w[:1].isupper()]
    verb = _VERB.match(" ".join(said).casefold())
    if verb and not any(c.isdigit() for c in verb.group(0)):
        return {verb.group(0)}
    return None


def _specific(roles: set[str]) -> set[str]:
    """Of the roles asked, those ROLE names (any of them, when none is)."""
    return {r for r in roles if ROLE.fullmatch(r)}


def _takes_role(text: str, roles: set[str]) -> bool:
    """The text names a role asked: one of ROLE (any, when only a verb as written is asked),
    or that verb."""
    specific = _specific(roles)
    if any(not specific or m.group(1).lower() in specific for m in ROLE.finditer(text)):
        return True
    low = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(r)}(?!\w)", low) for r in roles - specific)


# A label line of a procedure's card: "- Cơ quan thực hiện: Sở …", the role in the label.
_LABEL = re.compile(r"^\W*(?P<label>[^:]{3,80}):\s*(?P<value>\S.*)$", re.DOTALL)


# The body a sentence advises or reports to is not its actor
_ADVISED = re.compile(
    r"(?<!\w)(?:tham mưu(?:\s+cho)?|giúp|trình|báo cáo(?:\s+với)?|đề xuất(?:\s+với)?"
    r"|kiến nghị(?:\s+với)?)\s*$",
    re.IGNORECASE,
)


# Who proposed or submitted is asked ("do cơ quan nào trình lên"), and the sentence says
# whose proposal the instrument follows ("Theo đề nghị của Giám đốc Sở …")
_PROPOSING = re.compile(r"(?:trình(?!\s*bày)|đề nghị|đề xuất|kiến nghị|tham mưu)(?!\w)")
_PROPOSED_BY = re.compile(
    r"(?<!\w)(?:theo|xét) (?:đề nghị|đề xuất|tờ trình(?: số \S+)?(?: ngày \S+)?) của\s+"
    r"(?:(?:Giám đốc|Chánh Văn phòng|Thủ trưởng|Bộ trưởng|Trưởng ban|Chủ nhiệm)\s+)?$",
    re.IGNORECASE,
)


def names_actor(sentence: str, roles: set[str], row: str = "", header: str = "") -> bool:
    """The sentence's subject is a body taking one of `roles` (any role when none asked);
    in a table row, a body in the column the role names ("Cơ quan chủ trì")."""
    if header:
        cell = cell_under(row, header, _specific(roles) or {"chủ trì", "cơ quan", "đơn vị"})
        return bool(cell and BODY.search(cell))
    labelled = _LABEL.match(sentence)
    # "- Người có thẩm quyền quyết định: Chủ tịch Ủy ban nhân dân cấp tỉnh."
    if labelled and BODY.search(labelled["value"]) and _takes_role(labelled["label"], roles):
        return True
    proposing = any(_PROPOSING.match(r) for r in roles)
    for body in BODY.finditer(sentence):
        if body.group(1).islower() and _KIND.search(sentence[: body.start()]):
            continue
        if proposing and _PROPOSED_BY.search(sentence[: body.start()]):
            return True  # "Theo đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số …"
        if _OWNER.search(sentence[: body.start()]):
            continue  # the owner of a plan or a document
        if _ADVISED.search(sentence[: body.start()]):
            continue  # "chủ trì tham mưu Ủy ban nhân dân Tỉnh triển khai": the one advised
        # past the body's name first: "Sở Lao động - Thương binh và Xã hội chủ trì …"
        tail = " ".join(_past_name(sentence[body.end() :].split()))
        clause = re.split(r"[;:.]|\s-\s|\bphối hợp\b", tail, maxsplit=1)[0]
        words = clause.split()[:_NEAR]
        if _takes_role(" ".join(words), roles):
            return True
    return False


_NAME_WORDS = 16  # a body's name is never longer


def _past_name(words: list[str]) -> list[str]:
    """The words after a body's name ("Giáo dục và Đào tạo chỉ đạo …" -> "tạo chỉ đạo …"):
    the name runs to its last capitalised word, each followed by at most one more syllable
    of its word ("dục", "binh"), with "và", "-" or "&" between ("Lao động - Thương binh và
    Xã hội"); it ends at the second lower-case word in a row."""
    last = 0
    for i, word in enumerate(words[:_NAME_WORDS]):
        if word[:1].isupper():
            last = i + 1
        elif i - last >= 1 and word not in ("và", "-", "&"):
            break
    return words[last:]


# "1. Sở Công Thương:", "2. Ban Quản lý … có trách nhiệm:": a line naming a body whose
# tasks follow, by its name alone or with the words that give it duties
_HEADING = re.compile(
    r"^\W*(?:[0-9IVX]{1,4}[.)]\s*|[a-zđ][.)]\s*)?(?P<body>[^:]{3,300}):\s*$"
    r"|^\W*[0-9IVX]{1,4}[.)]\s*(?P<named>[^:.;,]{3,80})$"  # "4. Bộ Công an", items under it
    # "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh": the bodies asked to do them
    r"|^\W*(?:[0-9IVX]{1,4}[.)]\s*)?(?:Đề nghị|Giao)\s*:\s*(?P<asked>[^:]{3,300}?):?\s*$"
)
_DUTIES = re.compile(
    r"(?:(?:có|chịu) trách nhiệm|có nhiệm vụ|thực hiện (?:các|những) nhiệm vụ sau(?: đây)?)$"
)


def heads_items(opener: str, item: str, roles: set[str]) -> bool:
    """The line opening a list names the body doing its items: it takes the role asked
    ("Ban Tôn giáo Chính phủ được phân cấp thực hiện tiếp nhận … sau đây:"), or it names a
    body ("1. Sở Công Thương:", "2. Ban Quản lý … có trách nhiệm:") and the item is the role
    asked ("- Chủ trì …", "a) Chủ trì tiếp nhận …")."""
    if names_actor(opener, roles):
        return True
    m = _HEADING.match(opener.strip())
    if m is None:
        return False
    if m.group("asked"):
        return bool(BODY.match(m.group("asked").strip()))
    body = (m.group("body") or m.group("named")).strip()
    if not BODY.match(body) or (len(body.split()) > 12 and not _DUTIES.search(body)):
        return False
    return _takes_role(item[:80], roles)


# "Điều 15. Trách nhiệm của Công an thành phố": an article setting one body's duties
_DUTY_HEADING = re.compile(
    r"(?:^|> )(?P<heading>(?:Điều\s+\d+[a-zđ]?\.\s*)?(?:Trách nhiệm|Nhiệm vụ|Nhiệm vụ, quyền hạn"
    r"|Nhiệm vụ và quyền hạn|Quyền hạn|Quyền và nghĩa vụ|Quyền và trách nhiệm)\s+của\s+"
    r"(?P<body>[^>]{3,120}?))\s*$"
)


def duty_holder(heading: str) -> str | None:
    """The heading of the article the passage stands in, when that article sets the duties
    of one body ("Điều 15. Trách nhiệm của Công an thành phố"): the body doing what its
    sentences say."""
    m = _DUTY_HEADING.search(heading)
    if m is None or not BODY.search(m.group("body")) or "," in m.group("body"):
        return None
    return m.group("heading").strip()


def in_duties(heading: str, item: str, roles: set[str]) -> bool:
    """The sentence is a duty of the one body its article sets duties for, and the role
    asked (any, when none is) is what it does."""
    if duty_holder(heading) is None:
        return False
    return not _specific(roles) or _takes_role(item[:80], roles)


# "gửi báo cáo về đâu", "nộp ở đâu": the body something goes to is asked …
DESTINATION_ASKED = re.compile(
    r"(?<!\w)(?:(?:về|gửi|nộp)\s+(?:ở\s+|tại\s+)?đâu"
    r"|thông\s+qua\s+(?:đâu|(?:đơn vị|cơ quan|sở|bộ|ban)\s+nào)"
    r"|(?<!đi\s)qua\s+(?:đơn vị|cơ quan|sở|bộ|ban)\s+nào)(?!\w)",
    re.IGNORECASE,
)
# The body something belongs to, asked last: "Trung tâm … trực thuộc sở nào?"; not "Đề án
# thuộc đơn vị nào chủ trì?" (who leads it)
PARENT_ASKED = re.compile(
    r"(?<!\w)thuộc\s+(?:đơn vị|cơ quan|sở|bộ|ban|ủy ban|uỷ ban)\s+nào"
    r"(?:\s+(?:vậy|ạ|nhỉ|thế|quản lý))*\s*\??\s*$",
    re.IGNORECASE,
)
# … which a sentence names after "về", "gửi", "nộp", or the body it goes through ("báo cáo
# kết quả thực hiện về Sở Xây dựng", "(qua Sở Khoa học và Công nghệ)")
_TO_BODY = re.compile(
    r"(?:(?<!\w)(?:về|gửi|nộp|đến|tới|thông qua)|\(qua)\s+(?:cho\s+|tại\s+)?(?="
    + BODY.pattern
    + ")"
)


def names_destination(sentence: str) -> bool:
    """The sentence sends something to a body it names."""
    return bool(_TO_BODY.search(sentence))


_UNDER_BODY = re.compile(r"(?<!\w)(?:trực\s+)?thuộc\s+(?=" + BODY.pattern + ")")


def names_parent(sentence: str) -> bool:
    """The sentence puts something under a body it names ("… trực thuộc Sở Giao thông vận
    tải", "đơn vị sự nghiệp thuộc Sở …")."""
    return bool(_UNDER_BODY.search(sentence))


# "sở nào", "bộ nào": the kind of body asked, which the body answering must be
_KIND_ASKED = re.compile(
    r"(?<!\w)(sở|bộ|ban|cục|chi cục|trung tâm|hiệp hội|hội|ủy ban|uỷ ban|văn phòng|viện|phòng)"
    r"\s+nào(?!\w)",
    re.IGNORECASE,
)


def kind_asked(question: str) -> str | None:
    """The kind of body a who-question names ("sở nào" -> "Sở"), or None ("cơ quan nào")."""
    m = _KIND_ASKED.search(question)
    return m.group(1).capitalize() if m else None


def _names_kind(text: str, kind: str) -> bool:
    """The text names a body of that kind ("Sở Thông tin và Truyền thông")."""
    named = re.finditer(rf"(?<!\w){re.escape(kind)}\s+(\w)", text)
    return any(m.group(1).isupper() for m in named)


def acts_as_asked(
    sent: Sentence,
    roles: set[str],
    *,
    destination: bool,
    kind: str | None = None,
    parent: bool = False,
) -> bool:
    """A body does what a who-question asks in this sentence: its subject; the body its
    list's opening line names ("Ban Tôn giáo Chính phủ … sau đây:"); the one whose duties
    its article sets ("Điều 15. Trách nhiệm của Công an …"); asked where something goes
    (`destination`), also the body it is sent to; asked what it belongs to (`parent`), only
    the body it is put under. Asked "sở nào" (`kind`), only a Sở does."""
    if parent:  # "trực thuộc sở nào": a body acting in the sentence is no answer
        acts = names_parent(sent.text)
    else:
        acts = (
            names_actor(sent.text, roles, sent.row, sent.header)
            or bool(sent.opener and heads_items(sent.opener, sent.text, roles))
            or in_duties(sent.hit.chunk.heading, sent.text, roles)
            or (destination and names_destination(sent.text))
        )
    if not acts or kind is None:
        return acts
    said = f"{sent.opener}\n{sent.hit.chunk.heading}\n{sent.text}\n{sent.row}"
    return _names_kind(said, kind)


def acts_as_question_asks(question: str, sent: Sentence) -> bool:
    """A body in the sentence does what the who-question asks (acts_as_asked, with the
    role, destination and kind of body read from the question)."""
    destination = bool(DESTINATION_ASKED.search(question))
    roles, kind = roles_asked(question), kind_asked(question)
    parent = bool(PARENT_ASKED.search(question))
    return acts_as_asked(sent, roles, destination=destination, kind=kind, parent=parent)
