"""Index: `Document`s -> passages, vectors and lexical tables on disk.

Chunking, embedding (with its cache), the vector store, the BM25 tables and the manifest,
written crash-safely and incrementally by `ingest`. Takes what `reading` gives; gives the
`Tables` and `VectorStore` that `search` reads.
"""
