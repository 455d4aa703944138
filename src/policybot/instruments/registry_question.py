"""Which registry question a question is, read from its wording alone.

Officials ask "Những văn bản nào triển khai Nghị quyết 52-NQ/TW?", "Kế hoạch 5807/KH-UBND
căn cứ vào những văn bản nào?", "Nghị quyết 52 do ai ban hành, khi nào?", "Quảng Trị đã ban
hành những văn bản nào về chuyển đổi số từ năm 2020?". No special syntax: the instrument or
place it names, a "which" word and a cue ("triển khai", "căn cứ", "ban hành") decide. What
is read here is answered in lineage_answers.py and issuance_answers.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from policybot.instruments.lineage import BASED_ON, IMPLEMENTS, TARGETS
from policybot.instruments.own_cues import ISSUER_ASKED
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry
from policybot.questions.question import QuestionSpec
from policybot.text.issuers import find_issuers
from policybot.text.places import find_localities, find_provinces, modern_tones
from policybot.text.refs import RefQuery
from policybot.text.symbols import INSTRUMENT_TYPES, TYPE_WORDS

Kind = Literal[
    "not-in-registry",  # names an instrument the registry does not hold
    "carried-out-by",  # which instruments carry out the one named
    "rests-on",  # which instruments the one named rests on
    "issued",  # when and by whom it was issued
    "mentioned-in",  # which documents name it
    "place-rests-on",  # which instruments a place's own instruments rest on
    "issued-by-place",  # which instruments a place issued (on a topic, in a period)
]

# Cues in the many ways officials write them: carrying out ("quán triệt", "thể chế hóa"),
# resting on ("lấy làm căn cứ", "trên cơ sở"), mentioning ("dẫn chiếu", "viện dẫn").
_IMPL = (
    r"triển khai(?: thực hiện)?|tổ chức thực hiện|thực hiện|cụ thể hóa|hiện thực hóa|thi hành"
    r"|quán triệt|thể chế hóa|làm theo"
)
_BASE = r"căn cứ(?: vào)?|dựa trên|dựa vào|làm cơ sở|trên cơ sở|(?<!kèm )theo"  # not "kèm theo"
_TARGET = r"(?:hoàn thành|đạt)(?: (?:các|những))? mục tiêu (?:tại|của|trong)|hướng tới mục tiêu"
_CUE = re.compile(rf"(?<!\w)(?P<cue>{_TARGET}|{_IMPL}|{_BASE})(?!\w)")


def _which(gap: int, number: bool) -> re.Pattern[str]:
    """ "<type> … nào / gì" with at most `gap` words between, within one clause ("dựa vào
    kế hoạch thì giao sở nào" asks for a body), and "… số mấy" when `number`; "những gì",
    "vào đâu": the instrument a question asks for."""
    asks = r"nào|gì|(?P<number>số mấy)" if number else r"nào|gì"
    word = r" (?!(?:thì|mà)(?!\w))[^ ?,]+"
    return re.compile(
        rf"(?<!\w)(?P<noun>văn bản|văn kiện|tài liệu|{TYPE_WORDS})(?:{word}){{0,{gap}}}?"
        rf" (?:{asks})(?!\w)"
        r"|(?<!\w)những gì(?!\w)|(?<!\w)(?:vào|trên) (?:những )?(?:gì|đâu)(?!\w)"
    )


_WHICH = _which(3, number=True)
# After a base cue the instrument asked may carry a longer description ("dựa vào thông tư
# quy hoạch kênh tần số nào").
_WHICH_GROUND = _which(8, number=False)
# (not "Quy chế ban hành kèm theo Quyết định …": the name of an attached text)
_ISSUANCE = re.compile(
    r"(?<!\w)(?:ban hành(?! kèm)|ra đời|được ký|ký ngày|ký khi|ai ký"
    r"|(?:do|của) (?:ai|cơ quan nào)(?=\s*[?,.]|\s*$)|nào (?:đã )?ra(?=\s*[?,.]|\s*$)"
    r"|(?:do|bởi) (?:ai|cơ quan nào|đơn vị nào|tổ chức nào) (?:đã )?(?:thông qua|phê duyệt))(?!\w)"
)
_MENTIONED = re.compile(
    r"(?<!\w)(?:nhắc|đề cập|được nêu|nêu ở|nêu tên|có tên|xuất hiện|nói đến|nói tới"
    r"|dẫn chiếu|viện dẫn|trích dẫn|dẫn ra)(?!\w)"
)
_PASSIVE_END = re.compile(r"(?<!\w)được\s*$")
_WHERE_NEXT = re.compile(r"(?:\s+(?:đến|tới))?\s+(?:trong|ở|tại)(?!\w)")
_MENTIONED_ACTIVE = re.compile(
    r"(?<!\w)(?:nhắc|đề cập|nói đến|nói tới|dẫn chiếu|viện dẫn|trích dẫn)"
)


def _cites_others(masked: str, asked: _Asked, mention: re.Match[str]) -> bool:
    """The instrument asked is the one that mentions ("Chỉ thị 02/CT-BCT có nhắc đến những
    quyết định nào"): what it cites is asked, not which documents name it."""
    return (
        mention.start() >= asked.span[1]
        and bool(_MENTIONED_ACTIVE.match(mention.group(0)))
        and not _PASSIVE_END.search(masked[asked.span[1] : mention.start()])
        # "X nhắc đến trong văn bản nào": passive, "được" left out
        and not _WHERE_NEXT.match(masked, mention.end())
        and _WHICH.search(masked, mention.end()) is not None
    )


_WANTS_DATE = re.compile(r"(?<!\w)(?:khi nào|ngày nào|năm nào|bao giờ|lúc nào|thời gian nào)")
# "ra" alone issues when an instrument follows ("Cần Thơ có ra văn bản nào", "đã ra những
# nghị quyết nào"); "ít ra", "đề ra", "xảy ra", "ra sao" issue nothing
_ISSUED_LIST = re.compile(
    r"(?<!\w)(?:ban hành|thông qua|xây dựng|đưa ra|ký|phê duyệt|công bố|ra đời"
    r"|(?<!ít )(?<!đề )(?<!đứng )(?<!đặt )(?<!chỉ )(?<!làm )(?<!vạch )ra"
    rf"(?=\s+(?:(?:những|các|một|cái|bản)\s+)?(?:văn bản|{TYPE_WORDS})(?!\w)))(?!\w)"
)
_OF_WHO = re.compile(r"(?:nào|gì) của (?P<who>.+?)(?= về | từ | trong |\s*[?.,]|$)")
_TOPIC = re.compile(
    r"(?<!\w)về (?P<topic>.+?)(?= (?:từ|kể từ|trong|năm|giai đoạn|đến|tới|trước|sau|của)(?!\w)"
    r"|\s*[?.,]|$)"
)
_SINCE = re.compile(r"(?:từ|kể từ|sau)(?: năm)? ((?:19|20)\d\d)(?!\d)")
_UNTIL = re.compile(r"(?:đến|tới|trước)(?: năm)? ((?:19|20)\d\d)(?!\d)")
_IN = re.compile(r"(?:trong năm|năm) ((?:19|20)\d\d)(?!\d)")
_RANGE = re.compile(r"((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)")
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/])")


def lowered(text: str) -> str:
    """How questions and registry texts are compared: modern tones, casefolded, one space."""
    return " ".join(modern_tones(text).casefold().split())


@dataclass(frozen=True)
class RegistryQuestion:
    """What a registry question asks; the fields after `said` matter to some kinds only."""

    kind: Kind
    entries: tuple[Entry, ...] = ()  # the instruments named, or a place's own instruments
    said: str = ""  # the instrument as the question wrote it, or the place
    other_type: str | None = None  # "... nghị quyết nào": the type of the other side
    other_issuer: str | None = None  # "... của Bộ Chính trị": its issuer (lowered)
    kinds: frozenset[str] = frozenset()  # the relation kinds the cue asks about
    wants_date: bool = False  # "khi nào": an issuer alone is no answer
    wants_year: bool = False  # "năm nào" alone: the year of issue answers
    # "Ban Thường vụ Huyện ủy X ban hành văn bản cụ thể hóa Nghị quyết 52 ngày nào?": a body
    # the question names outside the instrument's naming, the one whose act is asked about
    actor: str | None = None
    years: frozenset[int] = frozenset()  # years of issue the question states
    topic: str = ""
    since: int | None = None
    until: int | None = None


def _actor(text: str, naming: str) -> str | None:
    """The first issuing body the question names outside the instrument's own naming."""
    for start, end, name in find_issuers(text):
        if lowered(text[start:end]) not in naming:
            return name
    return None


@dataclass(frozen=True)
class _Asked:
    entries: tuple[Entry, ...]
    span: tuple[int, int]  # where the question names them (in the lowered text)
    said: str  # as the question wrote it


def read_question(registry: Registry, spec: QuestionSpec) -> RegistryQuestion | None:
    """The registry question asked, or None when the question is not one (it then goes to
    ordinary retrieval)."""
    text = spec.text
    low = lowered(text)
    asked, unknown = _asked(registry, spec, low)
    masked = low
    if asked is not None:
        s, e = asked.span
        masked = low[:s] + " " * (e - s) + low[e:]
    which = _WHICH.search(masked)
    # the cue in the clause of what is asked: "NQ … dựa trên mấy cột chính, gồm những gì?"
    # asks of the pillars, not of an instrument
    cue = _cue(masked, which)
    if which and cue is None and _cue(masked) is not None:
        which = None
    if unknown is not None and asked is None:
        if (which and cue) or _ISSUANCE.search(masked):
            return RegistryQuestion("not-in-registry", said=unknown)
        return None
    if asked is not None:
        if which and cue:
            s, e = asked.span
            passive = re.match(rf"\s*(?:đã |đang )?được (?:{_IMPL}|{_BASE})", low[e:])
            kind: Kind = "carried-out-by" if cue.start() < s or passive else "rests-on"
            other_type, other_issuer = _other_side(which, masked)
            return RegistryQuestion(kind, asked.entries, asked.said, other_type, other_issuer)
        if _ISSUANCE.search(masked) and not spec.relates_named:
            years = frozenset(int(y) for y in _YEAR.findall(masked))
            when = {m.group(0) for m in _WANTS_DATE.finditer(masked)}
            return RegistryQuestion(
                "issued",
                asked.entries,
                asked.said,
                wants_date=bool(when),
                wants_year=when == {"năm nào"},
                years=years,
                # "Cơ quan nào ban hành …?": the issuer is what is asked; a body named in
                # the instrument's description ("… Luật … của Quốc hội …") is no actor
                actor=None
                if ISSUER_ASKED.search(low)
                else _actor(text, low[asked.span[0] : asked.span[1]]),
            )
        mention = _MENTIONED.search(masked)
        if mention and (which or "đâu" in masked) and not _cites_others(masked, asked, mention):
            return RegistryQuestion("mentioned-in", asked.entries, asked.said)
        return None
    places = [*find_localities(text), *find_provinces(text)]
    if not places or not which:
        return None
    if cue is not None:
        other_type, other_issuer = _other_side(which, masked)
        return RegistryQuestion(
            "place-rests-on",
            _of_places(registry, places),
            places[0],
            other_type,
            other_issuer,
            kinds=_kinds_of(cue.group("cue")),
        )
    issued = _ISSUED_LIST.search(masked)
    if issued and not which.group("number") and not _approved_thing(masked, issued, which, places):
        # "… ban hành kèm theo quyết định số mấy?" asks one instrument's number, not a list
        topic_m = _TOPIC.search(masked)
        since, until = _period(masked)
        return RegistryQuestion(
            "issued-by-place",
            _of_places(registry, places),
            places[0],
            _one_type(which, masked),  # "những nghị quyết nào": of that type only
            topic=topic_m.group("topic").strip() if topic_m else "",
            since=since,
            until=until,
        )
    return None


# "Quy trình … ở Hà Nội được phê duyệt tại quyết định nào?": the instrument of a thing
_PASSIVE_BEFORE = re.compile(r"(?<!\w)được\s*$")
_PLACE_OR_TIME = re.compile(
    r"(?<!\w)(?:ở|tại|trong|vào|năm|đã|đang|tỉnh|thành phố|huyện|xã|(?:19|20)\d\d)(?!\w)|[,.;:]"
)


def _approved_thing(
    masked: str, issued: re.Match[str], which: re.Match[str], places: list[str]
) -> bool:
    """A thing said to be issued or approved, with no one doing it, and the instrument asked
    after the verb: which instrument carries it, not what the place issued."""
    before = masked[: issued.start()]
    if not _PASSIVE_BEFORE.search(before) or which.start() < issued.end():
        return False
    # the thing: words before "được" that are not only the place and time ("Ở Quảng Trị đã
    # được ban hành những kế hoạch nào?" lists what it issued)
    thing = _PASSIVE_BEFORE.sub(" ", before)
    for place in places:
        thing = thing.replace(lowered(place), " ")
    thing = _PLACE_OR_TIME.sub(" ", thing)
    return len(thing.split()) >= 2


def asked_entries(registry: Registry, spec: QuestionSpec) -> tuple[Entry, ...]:
    """The registry entries a question names (none when it names none the registry holds)."""
    asked, _ = _asked(registry, spec, lowered(spec.text))
    return asked.entries if asked is not None else ()


def grounds_asked(entries: tuple[Entry, ...], spec: QuestionSpec) -> RegistryQuestion | None:
    """What an instrument the question names in words ("Kế hoạch chuyển kênh … của Bộ")
    rests on, when that is asked: a base cue, then the instrument asked after it
    ("… dựa vào thông tư nào?"); None for any other question."""
    low = lowered(spec.text)
    cue = _cue(low)
    which = _WHICH_GROUND.search(low, cue.end()) if cue is not None else None
    if cue is None or which is None or not re.fullmatch(_BASE, cue.group("cue")):
        return None
    other_type, other_issuer = _other_side(which, low)
    said = entries[0].title() if entries else ""
    return RegistryQuestion("rests-on", entries, said, other_type, other_issuer)


def _one_clause(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Nothing ends a clause (",", ";", "?") between the two matches."""
    first, second = sorted((a, b), key=lambda m: m.start())
    return not re.search(r"[,;?]", text[first.end() : second.start()])


def _cue(masked: str, which: re.Match[str] | None = None) -> re.Match[str] | None:
    """The first cue (carrying out, resting on), in the clause of `which` when given."""
    for m in _CUE.finditer(masked):
        if m.group("cue") == "theo" and not masked[: m.start()].strip():
            continue  # "Theo Kế hoạch X, ...": according to, not based on
        if which is not None and not _one_clause(masked, which, m):
            continue
        return m
    return None


def _asked(registry: Registry, spec: QuestionSpec, low: str) -> tuple[_Asked | None, str | None]:
    """The instrument the question names, or (None, how it was written) when the registry
    has no such instrument."""
    text = spec.text
    for ref in spec.refs:
        span = _span_of(ref, low)
        said = " ".join(p for p in (ref.type, ref.number) if p)
        found = tuple(registry.match_ref(ref))
        if found:
            return _Asked(found, span, said), None
        return None, said
    named = registry.match_name(text)
    if named:
        best = max(named, key=lambda e: len(e.name or ""))
        full = lowered(best.name or "")
        head = full if full in low else " ".join(full.split()[:6])
        pos = low.find(head)
        start = max(0, low.rfind(lowered(best.type), 0, pos)) if pos >= 0 else 0
        end = pos + len(head) if pos >= 0 else 0
        return _Asked((best,), (start, end), best.title()), None
    return None, None


def _span_of(ref: RefQuery, low: str) -> tuple[int, int]:
    """Where the question writes the reference: its number (and type word before it)."""
    number = lowered(ref.number or "")
    pos = low.find(number) if number else -1
    if pos < 0:
        digits = re.search(r"\d+", number)
        pos = low.find(digits.group(0)) if digits else -1
    if pos < 0:
        return (0, 0)
    end = pos + len(number)
    while end < len(low) and not low[end].isspace() and low[end] not in "?,.":
        end += 1
    start = pos
    if ref.type:
        t = low.rfind(lowered(ref.type), 0, pos)
        if t >= 0 and pos - t <= len(ref.type) + 8:
            start = t
    return (start, end)


def _other_side(which: re.Match[str], masked: str) -> tuple[str | None, str | None]:
    """The type ("nghị quyết nào") and issuer ("... nào của Bộ Chính trị") the question
    asks of the instruments on the other side of a relation."""
    noun = which.groupdict().get("noun")
    wanted = next((t for t in INSTRUMENT_TYPES if t.lower() == noun), None)
    who_m = _OF_WHO.search(masked)
    return wanted, lowered(who_m.group("who")) if who_m else None


def _one_type(which: re.Match[str], masked: str) -> str | None:
    """The one type a list asks for ("những kế hoạch nào"); none when it names more ("những
    nghị quyết, kế hoạch nào", "nghị quyết và kế hoạch nào")."""
    wanted = _other_side(which, masked)[0]
    clause = re.split(r"[?.;]", masked[: which.end()])[-1]
    named = {m.group(0) for m in re.finditer(rf"(?<!\w)(?:{TYPE_WORDS})(?!\w)", clause)}
    return wanted if len(named) == 1 else None


def _kinds_of(cue: str) -> frozenset[str]:
    cue = cue.strip()
    if re.match(_TARGET, cue):
        return frozenset({TARGETS})
    return frozenset({BASED_ON, IMPLEMENTS})


def _of_places(registry: Registry, places: list[str]) -> tuple[Entry, ...]:
    """Instruments issued by a place's own bodies (not central ones its texts cite)."""
    bares = [
        re.sub(r"^(?:tỉnh|huyện|thị xã|thành phố|quận|xã|phường) ", "", lowered(place))
        for place in places
    ]

    def of_place(province: str | None, issuer: str | None) -> bool:
        return any(
            lowered(province or "") == bare or bare in lowered(issuer or "") for bare in bares
        )

    return tuple(registry.local_entries(of_place))


def _period(masked: str) -> tuple[int | None, int | None]:
    rng = _RANGE.search(masked)
    if rng:
        return int(rng.group(1)), int(rng.group(2))
    since = _SINCE.search(masked)
    until = _UNTIL.search(masked)
    if since or until:
        return (int(since.group(1)) if since else None, int(until.group(1)) if until else None)
    year = _IN.search(masked)
    if year:
        return int(year.group(1)), int(year.group(1))
    return None, None
