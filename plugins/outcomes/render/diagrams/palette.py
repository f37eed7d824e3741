"""The diagrams' colours and font: one palette for the journey map and traceability.

A fixed palette of light fills with dark text, so each box reads the same on
Material's light and dark schemes; the lines are a mid grey visible on both. Emotion
is also written in each step's label, so colour is never the only signal.
"""

from __future__ import annotations

INK = "#1f2328"  # text on every light fill
LINE = "#8a8f98"  # edges and borders: mid grey, visible on white and on Material's slate
FONT = "Helvetica"

# emotion -> (fill, border, word); light fills keep the dark text readable in both schemes
EMOTION_COLOURS: dict[int | None, tuple[str, str, str]] = {
    -2: ("#f7b2b2", "#c92a2a", "very negative"),
    -1: ("#fcd5b5", "#d9480f", "negative"),
    0: ("#e3e5e8", "#6b7280", "neutral"),
    1: ("#cdeed5", "#37b24d", "positive"),
    2: ("#96d9a8", "#2b8a3e", "very positive"),
    None: ("#ffffff", "#6b7280", "not rated"),
}
BOOSTER = ("#e6f6ea", "#2b8a3e")
BLOCKER = ("#fde8e8", "#c92a2a")
KPI_CHIP = ("#e7f0fd", "#3b6fd8")
HYPOTHESIS_BORDER = "#b08800"
STAGE = ("#f4f6f8", "#b6bcc4")
HYPOTHESIS_FILL: dict[str, str] = {
    "idea": "#ffffff",
    "planned": "#f1f3f5",
    "testing": "#fff6d6",
    "validated": "#d3f2da",
    "invalidated": "#fbdede",
    "parked": "#eceef1",
}
STATUS_ORDER = ("testing", "planned", "idea", "validated", "invalidated", "parked")
PROGRESS_FILL: dict[str, str] = {
    "no-data": "#f1f3f5",
    "achieved": "#b7e4c2",
    "missed": "#f7c4c4",
    "on-track": "#d3f2da",
    "at-risk": "#ffe8b8",
    "off-track": "#fbdede",
}
