"""Questions: what a question asks, analysed once into a typed value.

Takes the asker's words (and the conversation so far); gives a `QuestionSpec`: the kind of
fact wanted, places, years, instruments named, follow-ups resolved. Every stage above reads
the spec instead of re-reading the words.
"""
