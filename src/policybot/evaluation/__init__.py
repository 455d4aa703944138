"""Evaluation: eval set -> per-question records, metrics, reports and benchmarks.

Runs questions through the real `Pipeline` and writes files a person can diff.
"""
