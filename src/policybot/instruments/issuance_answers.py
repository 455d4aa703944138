"""Answers to questions about issuing: when and by whom an instrument was issued, which
documents name it, and which instruments a place issued (on a topic, in a period).

Each date and issuer is cited to a sentence that states it; when no one sentence states
both, the line is cut in two and each half cited to its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from policybot.answers.draft import Draft, refuse
from policybot.answers.stated import STOPWORDS
from policybot.instruments.cited_lines import CitedLines, Part
from policybot.instruments.deciding import deciding, enacting
from policybot.instruments.registry import Registry
from policybot.instruments.registry_question import RegistryQuestion, lowered
from policybot.instruments.registry_records import Entry, MentionRec
from policybot.text.identity import same_body
from policybot.text.segment import syllables
from policybot.types import Chunk


class IssuanceAnswers:
    """Built once per loaded index."""

    def __init__(
        self,
        registry: Registry,
        chunks: Mapping[str, Chunk],
        preamble: Callable[[str], str],
    ) -> None:
        """`preamble`: a document's text up to where its body starts (its header, grounds
        and enacting line), looked up."""
        self.registry = registry
        self.preamble = preamble
        self.chunks = chunks
        self.cite = CitedLines(registry, chunks)

    def mentioned_in(self, q: RegistryQuestion) -> Draft:
        """The documents that name the instrument, each cited at its first mention and named
        by its instruments (type + number): those it holds in full and those it says rest on
        or carry out the target. A document with none (a news report on the topic) is named
        as a document, by its title, never as if its headline were an instrument."""
        parts: list[Part] = []
        for target in q.entries:
            firsts: dict[str, MentionRec] = {}
            for mention in target.mentions:
                firsts.setdefault(mention.doc_id, mention)
            related = self._related_by_doc(target)
            for i, mention in enumerate(firsts.values()):
                chunk = self.chunks.get(mention.chunk_id)
                if chunk is None:
                    continue
                lead = (
                    f"{target.label()} được nhắc đến trong các văn bản sau:\n" if i == 0 else "\n"
                )
                named = self._instruments_of(mention.doc_id, target, related)
                line = (
                    f"{'; '.join(e.label() for e in named)} (trong “{chunk.title}”)"
                    if named
                    else f"văn bản “{chunk.title}”"
                )
                parts.append(self.cite.mention(mention, f"{lead}- {line}."))
        if not parts:
            return refuse(f"về {q.said}", "no-mention")
        return Draft(refused=False, parts=tuple(parts))

    def _related_by_doc(self, target: Entry) -> dict[str, list[str]]:
        """Per document, the keys of instruments it says rest on or carry out the target."""
        found: dict[str, list[str]] = {}
        for relation in self.registry.incoming(target.key):
            if relation.source == target.key:
                continue
            for p in (*relation.passages, *relation.support):
                keys = found.setdefault(p.doc_id, [])
                if relation.source not in keys:
                    keys.append(relation.source)
        return found

    def _instruments_of(
        self, doc_id: str, target: Entry, related: Mapping[str, list[str]]
    ) -> list[Entry]:
        """The instruments a document holds in full (a report: the local instrument it names
        most), then those it says rest on or carry out the target."""
        named = [e for e in self.registry.held([doc_id]) if e.key != target.key]
        if not named:
            named = [e for e in self._mains(doc_id) if e.key != target.key]
        for key in related.get(doc_id, ()):
            entry = self.registry.get(key)
            if entry is not None and entry.key not in {e.key for e in named}:
                named.append(entry)
        return named

    def issued(self, q: RegistryQuestion) -> Draft:
        """When and by whom. A year the question states must be the year of issue: "... ban
        hành năm 2020 phải không?" about a 2022 resolution is not confirmed."""
        parts: list[Part] = []
        for entry in q.entries:
            if entry.implied or not (entry.issuer or entry.date):
                continue
            if q.years and entry.year not in q.years:
                continue
            if q.actor and entry.issuer and not same_body(q.actor, entry.issuer):
                continue  # another body's act: the instrument is what it carries out
            both = _best_mention(entry, date=True, issuer=True)
            by_date = _best_mention(entry, date=True, issuer=False)
            by_issuer = _best_mention(entry, date=False, issuer=True)
            sentence = f"{entry.title()} được"
            preamble = self.preamble(entry.own_doc) if entry.own_doc else ""
            if entry.issuer:
                sentence += f" {deciding(preamble, entry.issuer) or entry.issuer}"
            sentence += " ban hành"
            if q.wants_date and not entry.date and not (q.wants_year and entry.year):
                continue  # asked "when": a date the documents do not give is no answer
            if entry.date:
                sentence += f" ngày {_day(entry.date)}"
            elif entry.year:  # its day unread (a scan's handwritten day): the year
                sentence += f" năm {entry.year}"
            enacted = enacting(preamble, entry.issuer)
            if enacted:
                sentence += f"; {enacted} ban hành"
            sentence += "."
            if both is not None or by_date is None or by_issuer is None:
                mention = both or by_date or by_issuer or entry.mentions[0]
                parts.append(self.cite.mention(mention, sentence))
            else:
                cut = sentence.index(" ban hành")
                parts.append(self.cite.mention(by_issuer, sentence[:cut]))
                parts.append(self.cite.mention(by_date, sentence[cut + 1 :]))
        if not parts and q.actor:
            return refuse(f"về văn bản của {q.actor} liên quan đến {q.said}", "no-issuance")
        if not parts:
            return refuse(f"về việc ban hành {q.said}", "no-issuance")
        return Draft(refused=False, parts=tuple(parts))

    def issued_by_place(self, q: RegistryQuestion) -> Draft:
        place, topic, lo, hi = q.said, q.topic, q.since, q.until
        dated: list[Entry] = []
        undated: list[Entry] = []
        for entry in q.entries:
            if entry.planned or (topic and not self._about(entry, topic)):
                continue
            if q.other_type and entry.type != q.other_type:
                continue
            if entry.year is None:
                undated.append(entry)
            elif (lo is None or entry.year >= lo) and (hi is None or entry.year <= hi):
                dated.append(entry)
        noun = q.other_type.lower() if q.other_type else "văn bản"
        if not dated and not undated:
            what = f"về {noun} {topic} của {place}" if topic else f"về {noun} của {place}"
            return refuse(what, "no-instrument")
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
            head = f"Các {noun}{about} của {place} ban hành{period}:\n" if i == 0 else "\n"
            parts.append(self.cite.mention(_cite_for(entry), f"{head}- {entry.label()}."))
        for i, entry in enumerate(undated):
            head = "\nVăn bản không nêu ngày ban hành:\n" if i == 0 else "\n"
            if i == 0 and not dated:
                head = f"Các {noun}{about} của {place} (không nêu ngày ban hành):\n"
                if period:
                    head = (
                        f"Không có {noun}{about} nào của {place} ghi ngày ban hành{period}; "
                        "các văn bản sau không nêu ngày ban hành:\n"
                    )
            parts.append(self.cite.mention(_cite_for(entry), f"{head}- {entry.label()}."))
        return Draft(refused=False, parts=tuple(parts))

    def _about(self, entry: Entry, topic: str, depth: int = 1) -> bool:
        """On the topic: its own title, subject or sentences say it; or it is the main
        instrument of an article that does; or it carries out an instrument that is."""
        texts = [entry.name or "", entry.subject or "", *(m.sentence for m in entry.mentions)]
        if any(on_topic(t, topic) for t in texts):
            return True
        for doc_id in {m.doc_id for m in entry.mentions}:
            if self._main_in(entry, doc_id) and any(
                on_topic(c.text, topic) for c in self.chunks.values() if c.doc_id == doc_id
            ):
                return True
        if depth > 0:
            for rel in self.registry.outgoing(entry.key):
                other = self.registry.entries.get(rel.target)
                if other is not None and other.local and self._about(other, topic, 0):
                    return True
        return False

    def _main_in(self, entry: Entry, doc_id: str) -> bool:
        """The local instrument the article names most (ties all count)."""
        return any(e.key == entry.key for e in self._mains(doc_id))

    def _mains(self, doc_id: str) -> list[Entry]:
        """The local instruments an article names most often (ties all count)."""
        counts = self.registry.local_counts(doc_id)
        if not counts:
            return []
        best = max(counts.values())
        return [self.registry.entries[key] for key, n in counts.items() if n == best]


# Words that frame a topic without being it ("về chuyện …", "về vấn đề …").
_FRAMING = frozenset({"chuyện", "việc", "vấn", "đề", "lĩnh", "vực", "nội", "dung", "mảng"})
TOPIC_SHARE = 0.8  # of the topic's words one text must hold


def on_topic(text: str, topic: str) -> bool:
    """The text says the topic: its words in order, or nearly all of its content words
    (officials' wording: "chủ động tham gia cách mạng công nghiệp 4.0" for "... chủ động
    tham gia cuộc Cách mạng công nghiệp lần thứ tư")."""
    key, said = lowered(topic), lowered(text)
    if key in said:
        return True
    words = {w for w in syllables(key) if w not in STOPWORDS and w not in _FRAMING}
    if len(words) < 3:
        return False
    return len(words & set(syllables(said))) >= TOPIC_SHARE * len(words)


def _day(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)}/{int(m)}/{y}"


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
