"""Answers: hits -> a cited `Draft`.

The extractive answerer (the sentence that states the asked fact, checked for place, year
and instrument), refusals, and LLM generation behind guardrails that check every claim
against the extractive evidence.
"""
