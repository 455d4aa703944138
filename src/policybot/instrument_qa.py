"""Questions about instruments, answered from the registry and its lineage with citations.

Officials ask "Những văn bản nào triển khai Nghị quyết 52-NQ/TW?", "Kế hoạch 5807/KH-UBND
căn cứ vào những văn bản nào?", "Nghị quyết 52 do ai ban hành, khi nào?", "Quảng Trị đã ban
hành những văn bản nào về chuyển đổi số từ năm 2020?". Passages ranked by similarity answer
these badly (the plan that carries out a resolution rarely looks like the question), so the
registry answers them: every relation and every date or issuer is cited [n] to the sentence
it was read from. The router needs no special syntax; a question that is not one of these
returns None and goes to ordinary retrieval.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from policybot.draft import REFUSAL, Draft
from policybot.lineage import BASED_ON, IMPLEMENTS, TARGETS
from policybot.places import find_localities, find_provinces, modern_tones
from policybot.question import analyze, normalize_question
from policybot.refs import RefQuery
from policybot.registry import Entry, MentionRec, Registry, Relation
from policybot.symbols import INSTRUMENT_TYPES
from policybot.types import Chunk, Hit

Part = tuple[str, Hit, str]

_IMPL = r"triển khai(?: thực hiện)?|tổ chức thực hiện|thực hiện|cụ thể hóa|hiện thực hóa|thi hành"
_BASE = r"căn cứ(?: vào)?|dựa trên|dựa vào|theo"
_TARGET = r"(?:hoàn thành|đạt)(?: (?:các|những))? mục tiêu (?:tại|của|trong)|hướng tới mục tiêu"
_CUE = re.compile(rf"(?<!\w)(?P<cue>{_TARGET}|{_IMPL}|{_BASE})(?!\w)")
_TYPES = "|".join(t.lower() for t in sorted(INSTRUMENT_TYPES, key=len, reverse=True))
_WHICH = re.compile(
    rf"(?<!\w)(?P<noun>văn bản|{_TYPES})(?: [^ ?,]+){{0,3}}? (?:nào|gì)(?!\w)"
    r"|(?<!\w)những gì(?!\w)|(?<!\w)(?:vào|trên) (?:những )?(?:gì|đâu)(?!\w)"
)
_ISSUANCE = re.compile(
    r"(?<!\w)(?:ban hành|ra đời|được ký|ký ngày|ký khi|ai ký"
    r"|(?:do|của) (?:ai|cơ quan nào)(?=\s*[?,.]|\s*$))(?!\w)"
)
_MENTIONED = re.compile(
    r"(?<!\w)(?:nhắc đến|nhắc tới|đề cập|được nêu|nêu ở|xuất hiện|nói đến|nói tới|có nhắc)(?!\w)"
)
_WANTS_DATE = re.compile(r"(?<!\w)(?:khi nào|ngày nào|năm nào|bao giờ|lúc nào|thời gian nào)")
_ISSUED_LIST = re.compile(r"(?<!\w)(?:ban hành|ra|thông qua|xây dựng)(?!\w)")
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
_LOCAL = ("tỉnh", "huyện", "xã")
_MAX_DEPTH = 4


def _low(text: str) -> str:
    return " ".join(modern_tones(text).casefold().split())


def _day(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)}/{int(m)}/{y}"


@dataclass(frozen=True)
class _Asked:
    entries: tuple[Entry, ...]
    span: tuple[int, int]  # where the question names them (in the lowered text)
    said: str  # as the question wrote it


class InstrumentQA:
    """The router step before the extractive answerer; built once per loaded index."""

    def __init__(self, registry: Registry, chunks: Mapping[str, Chunk]) -> None:
        self.registry = registry
        self.chunks = chunks

    # -- routing ------------------------------------------------------------------------
    def answer(self, question: str) -> Draft | None:
        if not self.registry.entries:
            return None
        text = normalize_question(question)
        low = _low(text)
        asked, unknown = self._asked(text, low)
        masked = low
        if asked is not None:
            s, e = asked.span
            masked = low[:s] + " " * (e - s) + low[e:]
        which = _WHICH.search(masked)
        cue = self._cue(masked)
        if unknown is not None and asked is None:
            if (which and cue) or _ISSUANCE.search(masked):
                return _refuse(f"về {unknown}", "instrument-not-in-registry")
            return None
        if asked is not None:
            if which and cue:
                s, e = asked.span
                passive = re.match(rf"\s*(?:đã |đang )?được (?:{_IMPL}|{_BASE})", low[e:])
                if cue.start() < s or passive:
                    return self._carried_out_by(asked, which, masked)
                return self._rests_on(asked, which, masked)
            if _ISSUANCE.search(masked):
                years = {int(y) for y in _YEAR.findall(masked)}
                return self._issued(asked, bool(_WANTS_DATE.search(masked)), years)
            if _MENTIONED.search(masked) and (which or "đâu" in masked):
                return self._mentioned_in(asked)
            return None
        places = [*find_localities(text), *find_provinces(text)]
        if not places or not which:
            return None
        if cue is not None:
            return self._place_rests_on(places, which, cue.group("cue"), masked)
        if _ISSUED_LIST.search(masked):
            return self._issued_by_place(places, masked)
        return None

    def _cue(self, masked: str) -> re.Match[str] | None:
        for m in _CUE.finditer(masked):
            if m.group("cue") == "theo" and not masked[: m.start()].strip():
                continue  # "Theo Kế hoạch X, ...": according to, not based on
            return m
        return None

    def _asked(self, text: str, low: str) -> tuple[_Asked | None, str | None]:
        """The instrument the question names, or (None, how it was written) when the
        registry has no such instrument."""
        spec = analyze(text)
        for ref in spec.refs:
            span = _span_of(ref, low)
            said = " ".join(p for p in (ref.type, ref.number) if p)
            found = tuple(self.registry.match_ref(ref))
            if found:
                return _Asked(found, span, said), None
            return None, said
        named = self.registry.match_name(text)
        if named:
            best = max(named, key=lambda e: len(e.name or ""))
            full = _low(best.name or "")
            head = full if full in low else " ".join(full.split()[:6])
            pos = low.find(head)
            start = max(0, low.rfind(_low(best.type), 0, pos)) if pos >= 0 else 0
            end = pos + len(head) if pos >= 0 else 0
            return _Asked((best,), (start, end), best.title()), None
        return None, None

    # -- answers ------------------------------------------------------------------------
    def _carried_out_by(self, asked: _Asked, which: re.Match[str], masked: str) -> Draft:
        parts: list[Part] = []
        for target in asked.entries:
            direct = self._filter(self.registry.incoming(target.key), which, masked, "source")
            if not direct:
                continue
            intro = f"{target.label()} được các văn bản sau triển khai, căn cứ:"
            for i, rel in enumerate(_by_date(direct, self.registry, "source")):
                src = self.registry.entries[rel.source]
                line = f"- {src.label()} {rel.cue} {target.title()}."
                parts.extend(self._relation_parts(rel, (f"{intro}\n" if i == 0 else "\n") + line))
            parts.extend(self._indirect(target, {r.source for r in direct}))
        if not parts:
            return _refuse(f"về văn bản triển khai {asked.said}", "no-relation")
        return Draft(refused=False, parts=tuple(parts))

    def _mentioned_in(self, asked: _Asked) -> Draft:
        """The documents that name the instrument, each cited at its first mention."""
        parts: list[Part] = []
        for target in asked.entries:
            firsts: dict[str, MentionRec] = {}
            for mention in target.mentions:
                firsts.setdefault(mention.doc_id, mention)
            for i, mention in enumerate(firsts.values()):
                chunk = self.chunks.get(mention.chunk_id)
                if chunk is None:
                    continue
                lead = (
                    f"{target.label()} được nhắc đến trong các văn bản sau:\n" if i == 0 else "\n"
                )
                parts.append(self._mention_part(mention, f"{lead}- {chunk.title}."))
        if not parts:
            return _refuse(f"về {asked.said}", "no-mention")
        return Draft(refused=False, parts=tuple(parts))

    def _indirect(self, target: Entry, direct: set[str]) -> list[Part]:
        """Instruments that reach the target only through others, each with its first link."""
        parts: list[Part] = []
        seen = {target.key, *direct}
        frontier = sorted(direct)
        first = True
        for _ in range(_MAX_DEPTH):
            nxt: list[str] = []
            for mid in frontier:
                for rel in self.registry.incoming(mid):
                    if rel.kind == TARGETS or rel.source in seen:
                        continue
                    seen.add(rel.source)
                    nxt.append(rel.source)
                    links = [
                        r
                        for r in self.registry.outgoing(rel.source)
                        if r.target in seen and r.target != rel.source and r.kind != TARGETS
                    ] or [rel]
                    src = self.registry.entries[rel.source]
                    by_chunk: dict[str, list[Relation]] = {}
                    for link in links:
                        by_chunk.setdefault(link.passages[0].chunk_id, []).append(link)
                    for group in by_chunk.values():
                        vias = " và ".join(self.registry.entries[r.target].title() for r in group)
                        head = "\nGián tiếp (qua văn bản trung gian):\n" if first else "\n"
                        first = False
                        line = f"{head}- {src.label()} {group[0].cue} {vias}."
                        parts.extend(self._relation_parts(group[0], line))
            frontier = nxt
        return parts

    def _rests_on(self, asked: _Asked, which: re.Match[str], masked: str) -> Draft:
        parts: list[Part] = []
        for source in asked.entries:
            direct = self._filter(self.registry.outgoing(source.key), which, masked, "target")
            if not direct:
                continue
            intro = f"{source.label()} căn cứ, triển khai các văn bản sau:"
            for i, rel in enumerate(_by_date(direct, self.registry, "target")):
                dst = self.registry.entries[rel.target]
                line = f"- {rel.cue} {dst.label()}."
                parts.extend(self._relation_parts(rel, (f"{intro}\n" if i == 0 else "\n") + line))
            seen = {source.key} | {r.target for r in direct}
            frontier = [r.target for r in direct]
            first = True
            for _ in range(_MAX_DEPTH):
                nxt = []
                for mid in frontier:
                    for rel in self.registry.outgoing(mid):
                        if rel.target in seen:
                            continue
                        seen.add(rel.target)
                        nxt.append(rel.target)
                        head = "\nCác văn bản đó lại dựa trên:\n" if first else "\n"
                        first = False
                        line = (
                            f"{head}- {self.registry.entries[mid].title()} {rel.cue} "
                            f"{self.registry.entries[rel.target].label()}."
                        )
                        parts.extend(self._relation_parts(rel, line))
                frontier = nxt
        if not parts:
            return _refuse(f"về văn bản mà {asked.said} căn cứ, triển khai", "no-relation")
        return Draft(refused=False, parts=tuple(parts))

    def _issued(self, asked: _Asked, wants_date: bool, years: set[int]) -> Draft:
        """When and by whom. A year the question states must be the year of issue: "... ban
        hành năm 2020 phải không?" about a 2022 resolution is not confirmed."""
        parts: list[Part] = []
        for entry in asked.entries:
            if entry.implied or not (entry.issuer or entry.date):
                continue
            if years and entry.year not in years:
                continue
            both = _best_mention(entry, date=True, issuer=True)
            by_date = _best_mention(entry, date=True, issuer=False)
            by_issuer = _best_mention(entry, date=False, issuer=True)
            sentence = f"{entry.title()} được"
            if entry.issuer:
                sentence += f" {entry.issuer}"
            sentence += " ban hành"
            if wants_date and not entry.date:
                continue  # asked "when": a date the documents do not give is no answer
            if entry.date:
                sentence += f" ngày {_day(entry.date)}"
            sentence += "."
            if both is not None or by_date is None or by_issuer is None:
                mention = both or by_date or by_issuer or entry.mentions[0]
                parts.append(self._mention_part(mention, sentence))
            else:
                cut = sentence.index(" ban hành")
                parts.append(self._mention_part(by_issuer, sentence[:cut]))
                parts.append(self._mention_part(by_date, sentence[cut + 1 :]))
        if not parts:
            return _refuse(f"về việc ban hành {asked.said}", "no-issuance")
        return Draft(refused=False, parts=tuple(parts))

    def _place_rests_on(
        self, places: list[str], which: re.Match[str], cue: str, masked: str
    ) -> Draft | None:
        """ "Huyện Triệu Phong cụ thể hóa nghị quyết nào của Bộ Chính trị?": the relations
        of the place's own instruments."""
        parts: list[Part] = []
        for entry in self._of_places(places):
            rels = self._filter(self.registry.outgoing(entry.key), which, masked, "target")
            rels = [r for r in rels if _same_kind(r.kind, cue)]
            for rel in rels:
                dst = self.registry.entries[rel.target]
                parts.extend(self._relation_parts(rel, f"{entry.label()} {rel.cue} {dst.label()}."))
        return Draft(refused=False, parts=tuple(parts)) if parts else None

    def _issued_by_place(self, places: list[str], masked: str) -> Draft | None:
        topic_m = _TOPIC.search(masked)
        topic = topic_m.group("topic").strip() if topic_m else ""
        lo, hi = _period(masked)
        dated: list[Entry] = []
        undated: list[Entry] = []
        for entry in self._of_places(places):
            if entry.planned or (topic and not self._about(entry, topic)):
                continue
            if entry.year is None:
                undated.append(entry)
            elif (lo is None or entry.year >= lo) and (hi is None or entry.year <= hi):
                dated.append(entry)
        if not dated and not undated:
            what = f"về văn bản {topic} của {places[0]}" if topic else f"về văn bản của {places[0]}"
            return _refuse(what, "no-instrument")
        period = ""
        if lo and hi:
            period = f" từ năm {lo} đến năm {hi}" if lo != hi else f" trong năm {lo}"
        elif lo:
            period = f" từ năm {lo}"
        elif hi:
            period = f" đến năm {hi}"
        about = f" về {topic}" if topic else ""
        parts: list[Part] = []
        dated.sort(key=lambda e: e.date or "")
        for i, entry in enumerate(dated):
            head = f"Các văn bản{about} của {places[0]} ban hành{period}:\n" if i == 0 else "\n"
            parts.append(self._mention_part(_cite_for(entry), f"{head}- {entry.label()}."))
        for i, entry in enumerate(undated):
            head = "\nVăn bản không nêu ngày ban hành:\n" if i == 0 else "\n"
            if i == 0 and not dated:
                head = f"Các văn bản{about} của {places[0]} (không nêu ngày ban hành):\n"
                if period:
                    head = (
                        f"Không có văn bản{about} nào của {places[0]} ghi ngày ban hành{period}; "
                        "các văn bản sau không nêu ngày ban hành:\n"
                    )
            parts.append(self._mention_part(_cite_for(entry), f"{head}- {entry.label()}."))
        return Draft(refused=False, parts=tuple(parts))

    # -- helpers ------------------------------------------------------------------------
    def _of_places(self, places: list[str]) -> list[Entry]:
        """Instruments issued by a place's own bodies (not central ones its texts cite)."""
        out = []
        for entry in self.registry.entries.values():
            if entry.level not in _LOCAL:
                continue
            for place in places:
                name = _low(place)
                bare = re.sub(r"^(?:tỉnh|huyện|thị xã|thành phố|quận|xã|phường) ", "", name)
                if _low(entry.province or "") == bare or bare in _low(entry.issuer or ""):
                    out.append(entry)
                    break
        return out

    def _about(self, entry: Entry, topic: str, depth: int = 1) -> bool:
        """On the topic: its own title, subject or sentences say it; or it is the main
        instrument of an article that does; or it carries out an instrument that is."""
        key = _low(topic)
        texts = [entry.name or "", entry.subject or "", *(m.sentence for m in entry.mentions)]
        if any(key in _low(t) for t in texts):
            return True
        for doc_id in {m.doc_id for m in entry.mentions}:
            if self._main_in(entry, doc_id) and any(
                key in _low(c.text) for c in self.chunks.values() if c.doc_id == doc_id
            ):
                return True
        if depth > 0:
            for rel in self.registry.outgoing(entry.key):
                other = self.registry.entries.get(rel.target)
                if other is not None and other.level in _LOCAL and self._about(other, topic, 0):
                    return True
        return False

    def _main_in(self, entry: Entry, doc_id: str) -> bool:
        """The local instrument the article names most (ties all count)."""
        counts = {
            e.key: sum(1 for m in e.mentions if m.doc_id == doc_id)
            for e in self.registry.entries.values()
            if e.level in _LOCAL
        }
        best = max(counts.values(), default=0)
        return best > 0 and counts.get(entry.key, 0) == best

    def _filter(
        self, rels: list[Relation], which: re.Match[str], masked: str, side: str
    ) -> list[Relation]:
        """Keep relations whose other side has the type and issuer the question asks for."""
        noun = which.groupdict().get("noun")
        wanted = next((t for t in INSTRUMENT_TYPES if t.lower() == noun), None)
        who_m = _OF_WHO.search(masked)
        who = _low(who_m.group("who")) if who_m else None
        out = []
        for rel in rels:
            other = self.registry.entries.get(getattr(rel, side))
            if other is None:
                continue
            if wanted and other.type != wanted:
                continue
            if who and who not in _low(other.issuer or ""):
                continue
            out.append(rel)
        order = {IMPLEMENTS: 0, BASED_ON: 1, TARGETS: 2}
        return sorted(out, key=lambda r: order.get(r.kind, 3))

    def _hit(self, chunk_id: str) -> Hit | None:
        chunk = self.chunks.get(chunk_id)
        return Hit(chunk=chunk, score=1.0, rank=1) if chunk is not None else None

    def _relation_parts(self, rel: Relation, text: str) -> list[Part]:
        """The line citing where the relation is stated; when its source is named in
        another passage (a quoted goal and its owner), that passage is cited too."""
        main = rel.passages[0]
        hit = self._hit(main.chunk_id)
        if hit is None:
            return []
        support = rel.support[0] if rel.support else None
        if support is not None and support.chunk_id != main.chunk_id and text:
            sup_hit = self._hit(support.chunk_id)
            cut = _split_after_source(text, self.registry.entries[rel.source].label())
            if sup_hit is not None and cut:
                return [
                    (text[:cut], sup_hit, support.sentence),
                    (text[cut:].lstrip(), hit, main.sentence),
                ]
        return [(text, hit, main.sentence)]

    def _mention_part(self, mention: MentionRec, text: str) -> Part:
        hit = self._hit(mention.chunk_id)
        if hit is None:
            raise KeyError(mention.chunk_id)
        return (text, hit, mention.sentence)


def _split_after_source(text: str, source_label: str) -> int | None:
    pos = text.find(source_label)
    return pos + len(source_label) if pos >= 0 else None


def _same_kind(kind: str, cue: str) -> bool:
    cue = cue.strip()
    if re.match(_TARGET, cue):
        return kind == TARGETS
    if re.fullmatch(_BASE, cue):
        return kind in (BASED_ON, IMPLEMENTS)
    return kind in (IMPLEMENTS, BASED_ON)


def _by_date(rels: list[Relation], registry: Registry, side: str) -> list[Relation]:
    def key(r: Relation) -> tuple[int, str]:
        e = registry.entries[getattr(r, side)]
        return (0 if e.date else 1, e.date or "")

    return sorted(rels, key=key)


def _best_mention(entry: Entry, date: bool, issuer: bool) -> MentionRec | None:
    for m in entry.mentions:
        agrees = (not date or m.date == entry.date) and (not issuer or m.issuer == entry.issuer)
        if agrees and ((date and m.date) or (issuer and m.issuer)):
            return m
    return None


def _cite_for(entry: Entry) -> MentionRec:
    return (
        _best_mention(entry, True, True)
        or _best_mention(entry, True, False)
        or _best_mention(entry, False, True)
        or entry.mentions[0]
    )


def _span_of(ref: RefQuery, low: str) -> tuple[int, int]:
    """Where the question writes the reference: its number (and type word before it)."""
    number = _low(ref.number or "")
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
        t = low.rfind(_low(ref.type), 0, pos)
        if t >= 0 and pos - t <= len(ref.type) + 8:
            start = t
    return (start, end)


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


def _refuse(what: str, reason: str) -> Draft:
    return Draft(refused=True, parts=(), reason=reason, message=REFUSAL.format(what=what))
