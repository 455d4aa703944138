"""Text: pure knowledge of Vietnamese text, no I/O.

Word segmentation, dates, places, instrument references and symbols, issuing bodies,
titles. Every stage above uses it; it imports nothing but `policybot.types`.
"""
