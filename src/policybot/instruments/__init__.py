"""Instruments: the registry of policy instruments and their lineage.

Built at ingest from the indexed passages (who issued what, when, which instrument carries
out or rests on which); answers instrument questions from it with cited sentences, and
renders the lineage graph.
"""
