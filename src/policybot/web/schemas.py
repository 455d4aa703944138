"""Request and response models of the HTTP API, with the Vietnamese examples OpenAPI shows.

The response models mirror payloads.py (the contract's JSON); the API validates what it
sends against them, so the schema a portal developer reads is the one that is served.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from policybot.search.retrieve import Filters

QUESTION_EXAMPLE = "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"


class FiltersIn(BaseModel):
    """Narrow retrieval to some documents; every field is optional."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"province": "Quảng Trị", "type": "Kế hoạch"}]},
    )

    province: str | None = Field(None, description="Tỉnh/thành phố, ví dụ 'Quảng Trị'.")
    type: str | None = Field(None, description="Loại văn bản: Nghị quyết, Kế hoạch, Quyết định…")
    number: str | None = Field(None, description="Số hiệu: '5807/KH-UBND' hoặc '5807'.")
    issuer: str | None = Field(None, description="Cơ quan ban hành, ví dụ 'UBND tỉnh'.")
    year: int | None = Field(None, description="Năm ban hành.", ge=1900, le=2100)

    def to_filters(self) -> Filters:
        return Filters.from_mapping(self.model_dump(exclude_none=True))


class Turn(BaseModel):
    """An earlier message of the conversation."""

    role: Literal["user", "assistant"] = Field(description="'user' (câu hỏi) hoặc 'assistant'.")
    content: str = Field(description="Nội dung tin nhắn.")


class AskIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": QUESTION_EXAMPLE},
                {
                    "question": "Còn đến năm 2030 thì sao?",
                    "history": [
                        {
                            "role": "user",
                            "content": "Đến năm 2025 kinh tế số của Quảng Trị chiếm bao "
                            "nhiêu GRDP?",
                        }
                    ],
                },
                {
                    "question": "Mục tiêu chuyển đổi số đến năm 2025 là gì?",
                    "filters": {"province": "Bình Thuận"},
                    "stream": True,
                },
            ]
        },
    )

    question: str = Field(description="Câu hỏi bằng tiếng Việt.", examples=[QUESTION_EXAMPLE])
    filters: FiltersIn | None = Field(None, description="Thu hẹp phạm vi tìm kiếm.")
    history: list[Turn] = Field(
        default_factory=list,
        max_length=50,
        description="Các lượt trước, để hiểu câu hỏi nối tiếp như 'Còn năm 2030 thì sao?'.",
    )
    k: int | None = Field(None, ge=1, le=50, description="Số đoạn văn bản được xem xét.")
    stream: bool = Field(
        False,
        description="Trả lời dạng Server-Sent Events (cũng bật bởi Accept: text/event-stream).",
    )


class SearchIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"query": "chuyển đổi số Bình Thuận", "k": 3}],
        },
    )

    query: str = Field(description="Từ khoá hoặc câu hỏi.", examples=["kinh tế số GRDP"])
    k: int | None = Field(None, ge=1, le=50, description="Số đoạn trả về.")
    filters: FiltersIn | None = None


class FeedbackIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "question": QUESTION_EXAMPLE,
                    "answer": "Kế hoạch số 5807/KH-UBND được ban hành ngày 17/12/2020 [1].",
                    "refused": False,
                    "vote": "up",
                }
            ]
        },
    )

    question: str
    answer: str = ""
    refused: bool = False
    citations: list[dict[str, object]] = Field(default_factory=list, max_length=50)
    vote: Literal["up", "down"] = Field(description="'up' (👍) hoặc 'down' (👎).")


class InstrumentOut(BaseModel):
    type: str = Field(examples=["Kế hoạch"])
    number: str | None = Field(examples=["5807/KH-UBND"])
    date: str | None = Field(examples=["2020-12-17"])
    issuer: str | None = Field(examples=["UBND tỉnh Quảng Trị"])


class DocumentRef(BaseModel):
    id: str = Field(examples=["quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"])
    title: str = Field(examples=["Kế hoạch thực hiện Nghị quyết 52-NQ/TW tại Quảng Trị"])
    source: str = Field(examples=["documents/quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"])
    page: int | None = None


class CitationOut(BaseModel):
    n: int = Field(examples=[1])
    document: DocumentRef
    instruments: list[InstrumentOut]
    passage: str = Field(description="Đoạn văn bản nguyên văn mà câu trả lời dựa vào.")
    sentence: str = Field("", description="Câu trong đoạn trả lời trực tiếp câu hỏi.")
    score: float = Field(examples=[0.83])


class AnswerOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "question": QUESTION_EXAMPLE,
                    "answer": "Kế hoạch số 5807/KH-UBND được UBND tỉnh Quảng Trị ban hành "
                    "ngày 17/12/2020 [1].",
                    "refused": False,
                    "citations": [
                        {
                            "n": 1,
                            "document": {
                                "id": "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt",
                                "title": "Quảng Trị ban hành kế hoạch thực hiện Nghị quyết 52",
                                "source": "documents/quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt",
                                "page": None,
                            },
                            "instruments": [
                                {
                                    "type": "Kế hoạch",
                                    "number": "5807/KH-UBND",
                                    "date": "2020-12-17",
                                    "issuer": "UBND tỉnh Quảng Trị",
                                }
                            ],
                            "passage": "Ngày 17/12/2020, UBND tỉnh ban hành Kế hoạch số "
                            "5807/KH-UBND …",
                            "sentence": "Ngày 17/12/2020, UBND tỉnh ban hành Kế hoạch số "
                            "5807/KH-UBND …",
                            "score": 0.83,
                        }
                    ],
                    "timings_ms": {"retrieve": 12.0, "answer": 3.1},
                    "generator": "extractive",
                }
            ]
        }
    )

    question: str
    answer: str
    refused: bool = Field(description="true khi văn bản không có câu trả lời.")
    citations: list[CitationOut]
    timings_ms: dict[str, float]
    generator: str = Field(
        "extractive",
        description="Ai viết câu trả lời: extractive, registry, llm, extractive-fallback, "
        "llm-unchecked, hoặc llm-from-related (khi chưa chắc chắn, mô hình trả lời từ các đoạn "
        "liên quan và qua được các kiểm tra).",
    )
    reason: str | None = None
    confidence: float | None = Field(
        None,
        description="Độ tin cậy (0–1) rằng câu tốt nhất trả lời câu hỏi; null khi câu trả lời "
        "đến từ sổ văn bản hoặc từ chối vì thiếu văn bản.",
    )
    related: list[CitationOut] = Field(
        default_factory=list,
        description="Khi chưa chắc chắn (refused, 'Văn bản không nêu trực tiếp'): các đoạn "
        "liên quan nhất, không phải câu trả lời.",
    )


class HitOut(BaseModel):
    rank: int
    score: float
    document: DocumentRef
    passage: str
    instruments: list[InstrumentOut]


class SearchOut(BaseModel):
    query: str
    hits: list[HitOut]


class DocumentOut(BaseModel):
    id: str
    title: str
    source: str
    metadata: dict[str, object]
    chunks: int
    instruments: list[dict[str, object]]
    url: str = Field(description="Trang xem toàn văn.")


class InstrumentSummary(BaseModel):
    label: str = Field(
        examples=["Kế hoạch số 5807/KH-UBND ngày 17/12/2020 của UBND tỉnh Quảng Trị"]
    )
    type: str
    number: str | None
    date: str | None
    issuer: str | None
    documents: list[str]


class DocumentsOut(BaseModel):
    documents: list[DocumentOut]
    instruments: list[InstrumentSummary]


class HealthOut(BaseModel):
    status: str = Field(examples=["ok"])
    documents: int | None = None
    chunks: int | None = None
    embedder: str | None = None
    working: dict[str, int] | None = Field(
        None,
        description="Questions being worked on now, the most at once since start, and the "
        "limit (api.concurrency), counted over the API and the chat page together.",
        examples=[{"now": 1, "peak": 4, "limit": 4}],
    )
    ui: Literal["starting", "ready", "failed"] | None = Field(
        None,
        description="The chat page at /: 'starting' while it is being built (the API already "
        "answers), 'ready' once mounted, 'failed' if it could not start. Absent when the "
        "server serves no page.",
        examples=["ready"],
    )
    error: str | None = None


class ErrorOut(BaseModel):
    error: str = Field(examples=["Câu hỏi quá dài (2400 ký tự; tối đa 1000)."])
