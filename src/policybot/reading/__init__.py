"""Reading: files -> clean `Document`s.

Takes a path (text, PDF — scanned pages by OCR —, Word .docx and .doc, HTML, legacy-encoded
files); gives NFC text with page chrome, running heads, OCR noise, legacy fonts and portal
clutter removed, plus sidecar metadata. Loaders run in a
sandbox so one bad file cannot take ingest down. Imports only `text` and the top-level
types below it.
"""
