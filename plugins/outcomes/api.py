"""The stable Python entry points: load a project, build its model, export it.

Thin wrappers that take a project root and one `Settings` (the plugin's options), so a
script reads a roadmap exactly as `outcomes validate` and the plugin do. Everything else
in the package may move between releases; these keep their signatures.
"""

from __future__ import annotations

from pathlib import Path

from outcomes.diagnostics import Diagnostic, sort_diagnostics
from outcomes.load.project import Sources, load
from outcomes.load.sql_sources import read_sql_sources
from outcomes.model import build
from outcomes.model.roadmap import Roadmap
from outcomes.pipeline import analyse as _analyse
from outcomes.pipeline import project_layout
from outcomes.settings import Settings


def load_project(root: Path | str, settings: Settings | None = None) -> Sources:
    """Every file of the project at `root`, parsed and validated, SQL-sourced KPIs queried;
    the problems found are in `.diagnostics`."""
    settings = settings or Settings()
    return read_sql_sources(load(project_layout(Path(root), settings)), settings.sql)


def build_model(
    sources: Sources, settings: Settings | None = None
) -> tuple[Roadmap, list[Diagnostic]]:
    """The resolved roadmap with its derived figures for `settings.as_of` (default: today),
    and every problem: the loader's and the model's, sorted by path and position."""
    settings = settings or Settings()
    roadmap, problems = build.build_model(sources, settings.day(), settings)
    return roadmap, sort_diagnostics([*sources.diagnostics, *problems])


def analyse(root: Path | str, settings: Settings | None = None) -> tuple[Roadmap, list[Diagnostic]]:
    """`load_project` then `build_model`, as `outcomes validate` runs them."""
    settings = settings or Settings()
    return _analyse(project_layout(Path(root), settings), settings.day(), settings)


def export_json(roadmap: Roadmap) -> str:
    """The resolved model as `outcomes export` prints it (`roadmap.json` of the site)."""
    from outcomes.render.export import export_json as export  # rendering: loaded when used

    return export(roadmap)
