"""What of a question is worth searching for: exam and chat phrasing removed.

"…, đúng hay sai?", "Chọn câu trả lời đúng nhất", "điều nào sau đây" say how to answer,
not what about; "được nhắc tới trong bài về …" says where the asker read it. Their words
("đúng", "sai", "sau đây", "bài") occur all over the corpus or nowhere in the answer, and
pull BM25 and the embedding towards passages that merely share them, or make the answerer
look for them in the answering sentence. The answerer reads the question as asked for what
it pins (kind of fact, place, year, instrument) and the shortened text for the words an
answer must cover.
"""

from __future__ import annotations

import re

from policybot.text.everyday import written_words

_TAIL = re.compile(
    r"[\s,.;:–-]*(?:là\s+)?(?:"
    r"(?:có\s+)?đúng\s+hay\s+(?:là\s+)?sai|đúng\s+hay\s+không|(?:có\s+)?(?:đúng|phải)\s+không"
    r"|có\s+phải\s+không|phải\s+vậy\s+không|hay\s+không"
    r")\s*[?.!…]*\s*$",
    re.IGNORECASE,
)
# The article a question says it read: "bài viết/báo", "tin bài" with or without "về" after,
# a bare "bài"/"tin" only with it; never when a "nào/gì" follows (that asks for the article).
_ARTICLE = r"(?:(?:bài\s+(?:viết|báo)|tin\s+bài)(?:\s+về)?|(?:bài|tin)\s+về)\b(?!\s+(?:nào|gì)\b)"
_PHRASES = re.compile(
    r"\b(?:hãy\s+)?chọn\s+(?:câu\s+trả\s+lời|đáp\s+án|phương\s+án)\s+(?:đúng|chính\s+xác)"
    r"(?:\s+nhất)?\s*[.:]?"
    r"|\b(?:sau|dưới)\s+đây\b"
    r"|^\s*(?:xin\s+)?(?:cho\s+(?:tôi|em)\s+hỏi|hỏi)\s*[,:]?\s*"
    # Where the asker read it, not what about: "được nhắc tới trong bài về …". A bare "bài" or
    # "tin" is the article only before "về" ("bài học", "tin nhắn" are topics), and "… trong
    # bài nào?" asks for the article itself, so it stays.
    rf"|\b(?:được\s+)?(?:nhắc\s+(?:tới|đến)|đề\s+cập(?:\s+(?:tới|đến))?|nêu)\s+"
    rf"(?:trong|tại|ở)\s+{_ARTICLE}"
    rf"|\b(?:trong|theo)\s+{_ARTICLE}",
    re.IGNORECASE,
)


def retrieval_text(question: str) -> str:
    """The question without answer-format phrasing; never empty when the question is not."""
    text = question
    for _ in range(2):  # "…, là đúng hay sai? Chọn câu trả lời đúng nhất."
        text = _PHRASES.sub(" ", text)
        text = _TAIL.sub("", text)
    text = " ".join(text.split()).strip(" ,;:")
    return text or question.strip()


def search_text(question: str) -> str:
    """What retrieval and the sentences' meaning are matched against: the question without
    answer-format phrasing, its everyday words put as the documents write them."""
    return written_words(retrieval_text(question))


# "Theo văn bản hợp nhất Thông tư về khung giá phát điện của Bộ Công Thương, …": the
# document the answer is to come from, which retrieval looks for; its words are no words
# the answering sentence must hold.
_SOURCE_WORDS = 30
_KIND = (
    r"(?:văn bản|thông tư|nghị định|quyết định|kế hoạch|nghị quyết|bộ luật|luật|chỉ thị"
    r"|quy chế|công văn|thông báo|đề án|chương trình)"
)
_SOURCE = re.compile(
    r"^\s*(?:theo|căn cứ|trong|tại)\s+(?P<source>[^,?;:]{0,160}?(?<!\w)"
    + _KIND
    + r"(?!\w)[^,?;:]{0,160}?)\s*(?:,|\sthì(?!\w))\s*(?=\S)",
    re.IGNORECASE,
)
# "…, theo cái chỉ thị của Bộ Công Thương về Đề án 30?": the same said last, opening with
# the document ("…, trong đó vốn cho đề án là bao nhiêu?" asks more, and stays).
_SOURCE_LAST = re.compile(
    r",\s*(?:theo|căn cứ)\s+(?P<source>(?:(?:cái|các|những)\s+)?"
    + _KIND
    + r"(?!\w)[^,?;:]{0,160}?)\s*(?P<end>[?.!]*)\s*$",
    re.IGNORECASE,
)
_ASKS = re.compile(r"(?<!\w)(?:nào|gì|bao nhiêu|mấy|ai|đâu)(?!\w)", re.IGNORECASE)


def without_source(question: str) -> str:
    """The question without a leading or closing clause naming the document it asks of;
    unchanged when it has none."""
    m = _SOURCE.match(question)
    if m is not None and len(m.group("source").split()) <= _SOURCE_WORDS:
        question = question[m.end() :]
    last = _SOURCE_LAST.search(question)
    if (
        last is not None
        and len(last.group("source").split()) <= _SOURCE_WORDS
        and not _ASKS.search(last.group("source"))
    ):
        question = question[: last.start()] + last.group("end")
    return question
