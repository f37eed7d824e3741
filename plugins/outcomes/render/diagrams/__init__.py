"""Graphviz diagrams, the journey map and the traceability graph, as DOT and inline SVG.

`dot` writes DOT safely, `journey` and `traceability` lay out the two diagrams from
the model (reading its relations, rebuilding none), `runner` runs Graphviz's `dot`
with a timeout and never raises, and `svg` rebuilds dot's SVG from an allowlist so it
can be inlined into a page; `palette` holds their colours. The names below are the
package's interface.
"""

from __future__ import annotations

from outcomes.render.diagrams.dot import LinkFor, dot_string
from outcomes.render.diagrams.journey import journey_dot
from outcomes.render.diagrams.palette import EMOTION_COLOURS
from outcomes.render.diagrams.runner import DOT_TIMEOUT, DiagramResult, has_svg, render_svg
from outcomes.render.diagrams.svg import embeddable_svg
from outcomes.render.diagrams.traceability import (
    MAX_HYPOTHESES_PER_GROUP,
    TraceabilityPart,
    traceability_dot,
    traceability_parts,
)

__all__ = [
    "DOT_TIMEOUT",
    "EMOTION_COLOURS",
    "MAX_HYPOTHESES_PER_GROUP",
    "DiagramResult",
    "LinkFor",
    "TraceabilityPart",
    "dot_string",
    "embeddable_svg",
    "has_svg",
    "journey_dot",
    "render_svg",
    "traceability_dot",
    "traceability_parts",
]
