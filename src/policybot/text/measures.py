"""Pure: measures written as technical texts write them, a number glued to the abbreviation
of its unit ("60m", "1,0m", "500kV", "16mm"), and the names a question asks them by."""

from __future__ import annotations

# The abbreviations, case as written ("kV", not "M" of a lot "12M"); m², m2 and m3.
UNIT = r"km|cm|mm|m|kg|ha|kV|kVA|kW|MW|MVA|m2|m3|m²|m³"
GLUED_UNIT = rf"(?:{UNIT})(?![\w/])"

# A measure's name, as said or spelled out, and its abbreviation: "bao nhiêu mét" is answered
# by "60m", "bao nhiêu héc-ta" by "1.121,3 ha". The last set is a counting noun everyday
# speech uses for the document's own: "chia thành bao nhiêu mảng" is answered by "07 nhóm".
_SAME_MEASURE = (
    {"mét", "m"},
    {"héc-ta", "hécta", "hecta", "ha"},
    {"ki-lô-mét", "kilômét", "kilomet", "km"},
    {"ki-lô-gam", "kilôgam", "kilogam", "kg"},
    {"nhóm", "mảng"},
)
# One way only: "bao nhiêu dân" is answered by "4.951 nhân khẩu" or "… người", never by
# "1.200 hộ dân" (households); "bao nhiêu người" keeps its own word.
_COUNTED_AS = {"dân": {"khẩu", "người"}}


def unit_spellings(unit: str) -> set[str]:
    """The ways a number's unit may be written, the question's word included (but for the
    words counted as others, _COUNTED_AS)."""
    same = next((set(m) for m in _SAME_MEASURE if unit in m), None)
    return same or set(_COUNTED_AS.get(unit, {unit}))
