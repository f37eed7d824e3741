"""The texts `outcomes new` writes for a team to replace, known here so validation can
tell when one was published as is."""

from __future__ import annotations

THEME_PROBLEM = "Describe the problem, who has it and what we know about it."
JOURNEY_PERSONA = "describe who takes this journey"
WE_BELIEVE = "describe the change we make"
FOR = "describe for whom"
WILL_RESULT_IN = "describe the behaviour change we expect"
KPI_DESCRIPTION = "describe exactly what is measured"

PLACEHOLDERS = frozenset(
    (THEME_PROBLEM, JOURNEY_PERSONA, WE_BELIEVE, FOR, WILL_RESULT_IN, KPI_DESCRIPTION)
)


def is_placeholder(text: str | None) -> bool:
    """Whether `text` is still the scaffold's, whitespace aside."""
    return text is not None and text.strip() in PLACEHOLDERS
