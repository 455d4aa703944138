"""What the chat shows of an answer: the message, the source cards, hints and dates.

Pure functions from the answer JSON to Markdown or escaped HTML; everything taken from a
document is escaped here.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from policybot.types import Instrument
from policybot.web.docview import highlight

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def source_card(cite: dict[str, Any], link: str, date: str) -> str:
    """One source: the instrument the cited sentence names first, then the document."""
    sentence = cite.get("sentence", "")
    insts = sorted(
        cite["instruments"],
        key=lambda i: 0 if i.get("number") and i["number"] in sentence else 1,
    )
    labels = instrument_labels(insts)
    head = f"<div class='pb-inst'>{escape(labels[0])}</div>" if labels else ""
    also = (
        f"<div class='pb-also'>Cũng nhắc đến: {escape('; '.join(labels[1:4]))}</div>"
        if len(labels) > 1
        else ""
    )
    doc = cite["document"]
    page = f", trang {doc['page']}" if doc.get("page") else ""
    when = f"<div class='pb-date'>Ngày đăng: {escape(date_label(date))}</div>" if date else ""
    return (
        f"<div class='pb-source' id='source-{cite['n']}'>"
        f"<span class='pb-n'>[{cite['n']}]</span>{head}"
        f"<div class='pb-title'>{escape(doc['title'])}{escape(page)}</div>{when}{also}"
        f"<blockquote>{highlight(cite['passage'], sentence)}</blockquote>"
        f"<a class='pb-open' href='{escape(link)}' target='_blank' rel='noopener'>"
        "Mở toàn văn tại đoạn này ↗</a></div>"
    )


def instrument_labels(instruments: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(Instrument.from_dict(i).label() for i in instruments))


def chat_message(asked: str, payload: dict[str, Any]) -> str:
    note = ""
    if payload["question"] != " ".join(asked.split()):
        note = f"_(Hiểu câu hỏi là: {md(payload['question'])})_\n\n"
    if payload["refused"] and payload.get("related"):
        return f"{note}❔ **Chưa chắc chắn.** {md(payload['answer'])}"
    if payload["refused"]:
        return f"{note}⚠️ **Không có câu trả lời trong các văn bản.** {md(payload['answer'])}"
    if payload.get("generator") == "llm-from-related":
        # answers/from_related.py: the documents do not state it in so many words.
        return f"{note}❔ **Văn bản không nêu trực tiếp; mô hình đọc các đoạn liên quan:** " + md(
            payload["answer"]
        )
    return note + md(payload["answer"])


def md(text: str) -> str:
    """Text from documents shown as literal characters in the Markdown chat."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def hint(text: str) -> str:
    return f"<p class='pb-hint'>{escape(text)}</p>"


def date_label(iso: str) -> str:
    parts = iso[:10].split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[2])}/{int(parts[1])}/{parts[0]}"
    return iso
