"""Pure: index keys for instrument numbers, so "which passages name X" is a lookup."""

from __future__ import annotations

from policybot.text.refs import _leading  # the leading-number rule ref_matches compares by
from policybot.text.symbols import canonical_number


def number_keys(number: str | None) -> set[str]:
    """Keys under which `ref_matches` can pair two numbers: the leading number as written
    and as compared in full ("" for none). Two numbers that match share a key, so an index
    by these keys finds every candidate, and `ref_matches` decides."""
    if not number:
        return set()
    folded = canonical_number(number).upper().replace("Đ", "D")
    return {_leading(number) or "", _leading(folded) or ""}
