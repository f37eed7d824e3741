"""The core in one call: load a project and build its model, collecting every problem."""

from __future__ import annotations

import datetime

from outcomes.diagnostics import Diagnostic, sort_diagnostics
from outcomes.load.project import Layout, load
from outcomes.model.build import Settings, build_model
from outcomes.model.roadmap import Roadmap


def analyse(
    layout: Layout, as_of: datetime.date, settings: Settings | None = None
) -> tuple[Roadmap, list[Diagnostic]]:
    """Load and resolve a project; diagnostics sorted by path and position."""
    sources = load(layout)
    roadmap, problems = build_model(sources, as_of, settings)
    return roadmap, sort_diagnostics([*sources.diagnostics, *problems])
