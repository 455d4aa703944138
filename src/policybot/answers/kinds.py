"""Pure: whether a sentence states the kind of fact a question asks for."""

from __future__ import annotations

import re

from policybot.answers.sentences import Sentence
from policybot.answers.stated import (
    ANY_YEAR,
    DAY_MONTH,
    SANCTION_STATED,
    WEEKDAY,
    dated_text,
    dates_what_is_asked,
    says_signed,
)
from policybot.answers.stated_numbers import enumerates, number_of
from policybot.index.chunk import unmarked
from policybot.questions.question import QuestionSpec
from policybot.text.dates import find_dates
from policybot.text.refs import find_mentions, ref_matches
from policybot.text.symbols import is_full

# an instrument's symbol asked, its letters and all
_SYMBOL_ASKED = re.compile(r"(?<!\w)(?:ký|kí)\s+hiệu(?!\w)", re.IGNORECASE)
# "chậm nhất khi nào" answered by a time limit: an hour of the day ("trước 10 giờ sáng ngày
# làm việc tiếp theo") or a span counted from an event ("trong 15 ngày kể từ ngày nhận")
_TIME_LIMIT = re.compile(
    r"(?<![\w/.,])(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?\s+(?:sáng|chiều|tối|trưa|ngày)"
    r"|\d+\s+(?:ngày làm việc|ngày|giờ|tháng|năm)\s*[,.]?\s+"
    r"(?:kể từ|sau khi|sau ngày|trước ngày))(?!\w)",
    re.IGNORECASE,
)
_DEADLINE_ASKED = re.compile(
    r"(?<!\w)(?:chậm nhất|muộn nhất|hạn chót|hạn cuối|thời hạn|trong vòng)(?!\w)", re.IGNORECASE
)


# A bound asked and the one a sentence sets: "trả lời trong tối đa mấy ngày" is not
# answered by "gửi … ít nhất 03 ngày làm việc trước thời hạn" (a floor, not a ceiling)
_AT_MOST = re.compile(
    r"(?<!\w)(?:tối đa|nhiều nhất|chậm nhất|muộn nhất|không quá|không vượt quá|mức trần)(?!\w)",
    re.IGNORECASE,
)
_AT_LEAST = re.compile(
    r"(?<!\w)(?:tối thiểu|ít nhất|sớm nhất|không dưới|không ít hơn|không thấp hơn)(?!\w)",
    re.IGNORECASE,
)


# a web address: a scheme, "www." or a domain under a top-level one ("ykien.cantho.gov.vn")
_WEB_ADDRESS = re.compile(
    r"https?://|(?<!\w)www\.|(?<![\w@.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|gov|edu)(?!\w)",
    re.IGNORECASE,
)


def other_bound(question: str, sentence: str) -> bool:
    """The question asks a ceiling and the sentence sets only a floor, or the reverse."""
    for asked, other in ((_AT_MOST, _AT_LEAST), (_AT_LEAST, _AT_MOST)):
        if asked.search(question) and not other.search(question):
            return bool(other.search(sentence)) and not asked.search(sentence)
    return False


def states_kind_asked(spec: QuestionSpec, sent: Sentence) -> bool:
    """The sentence states the kind of fact the question asks: a web address, a sanction,
    a signature, a date, a number of what is counted, another instrument's name."""
    text = sent.text
    if spec.wants_address:  # a site's address asked: a sentence that writes one
        return bool(_WEB_ADDRESS.search(text))
    if spec.wants_sanction and not SANCTION_STATED.search(f"{text}\n{sent.opener}"):
        return False  # a sanction asked: the sentence, or the line its item is under
    if spec.wants_signer:  # who signed: a sentence that says someone signed
        return says_signed(text)
    if spec.wants_day or spec.wants_when:
        dated = dated_text(spec, text)
        stated = bool(find_dates(dated) or DAY_MONTH.search(dated))
        stated = stated or (spec.weekday and bool(WEEKDAY.search(dated)))
        if spec.wants_when and not spec.wants_day:
            stated = stated or bool(ANY_YEAR.search(dated))
            if _DEADLINE_ASKED.search(spec.text):
                stated = stated or bool(_TIME_LIMIT.search(dated))
        return stated and dates_what_is_asked(spec, text)
    if spec.wants_number:  # an item's number may be its list's ("Phạt tiền từ … sau:")
        if other_bound(spec.text, text):
            return False
        if number_of(text, spec) or enumerates(text, spec):
            return True
        return bool(sent.opener and number_of(unmarked(sent.opener), spec))
    if spec.wants_instrument:
        asked = spec.refs
        # a number asked, or the instrument acted on: the sentence itself must write
        # another one's number
        if spec.wants_symbol or spec.wants_acted_on:
            # its symbol asked ("ký hiệu đầy đủ"): the letters too, not "Nghị quyết số 10"
            symbol = bool(_SYMBOL_ASKED.search(spec.text))
            return any(
                m.instrument.number
                and (is_full(m.instrument.number) or not symbol)
                and not any(ref_matches(r, m.instrument) for r in asked)
                for m in find_mentions(text)
            )
        if not asked and sent.hit.chunk.instruments:
            return True  # the passage's instrument is named with the answer
        return any(
            not any(ref_matches(r, m.instrument) for r in asked) for m in find_mentions(text)
        )
    return True
