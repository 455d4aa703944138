"""Search: a question's text -> ranked `Hit`s.

Dense and BM25 retrieval fused with phrase overlap and instrument boosts, filters, and
the text a question is searched with. Reads what `index` wrote.
"""
