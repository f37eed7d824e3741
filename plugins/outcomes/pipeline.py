"""The core in one call: load a project and build its model, collecting every problem."""

from __future__ import annotations

import datetime
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from outcomes.diagnostics import Diagnostic, sort_diagnostics
from outcomes.generations import GenerationCache
from outcomes.load.project import Layout, Sources, dated_too_late, load
from outcomes.model.build import build_model
from outcomes.model.roadmap import Roadmap
from outcomes.settings import Settings


@dataclass(frozen=True)
class _Model:
    inputs: tuple[object, ...]  # the validated contents and measurement lists it came from
    sources: Sources
    roadmap: Roadmap
    problems: list[Diagnostic]


# The last resolved model per project, options and date; reused while no input changed.
_MODELS: GenerationCache[_Model] = GenerationCache("models")


def project_layout(root: Path, settings: Settings) -> Layout:
    """Where the project at `root` keeps its roadmap, by the folder settings."""
    return Layout(root, settings.roadmap_dir, settings.journeys_dir, settings.okrs_dir)


def analyse(
    layout: Layout, as_of: datetime.date, settings: Settings | None = None
) -> tuple[Roadmap, list[Diagnostic]]:
    """Load and resolve a project; diagnostics sorted by path and position.

    SQL-sourced KPIs are queried after loading, on every call: their values are live.
    Of `settings`, the model's knobs and the SQL limits apply here; the folders and the
    date are `layout`'s and `as_of` (see `project_layout` and `Settings.day`).
    """
    settings = settings or Settings()
    with _cyclic_gc_paused():
        sources = load(layout)
        if sources.sql_requests:  # the SQL loader, and SQLAlchemy, only when a KPI needs it
            from outcomes.load.sql_sources import read_sql_sources

            sources = read_sql_sources(sources, settings.sql)
        if sources.recipe_requests:  # the recipes' query builder (and DuckDB for files)
            from outcomes.load.recipe_sources import read_recipe_sources

            sources = read_recipe_sources(sources, settings.sql)
        sources.diagnostics.extend(dated_too_late(sources, as_of))
        key = (layout, as_of, settings.thresholds, settings.weights)
        inputs = _inputs(sources)
        cached = _MODELS.get(key)
        if cached is not None and _unchanged(cached, sources, inputs):
            roadmap, problems = cached.roadmap, cached.problems
        else:
            if cached is not None:
                _MODELS.stale()
            roadmap, problems = build_model(sources, as_of, settings)
            live = sources.sql_requests or sources.recipe_requests
            if not live:  # live values: never reuse a model built on them
                _MODELS.put(key, _Model(inputs, sources, roadmap, problems))
    return roadmap, sort_diagnostics([*sources.diagnostics, *problems])


def _inputs(sources: Sources) -> tuple[object, ...]:
    """What the model is built from. Unchanged files come back from the load cache as the
    very same objects, so comparing by identity is exact and costs nothing."""
    files = tuple(f.content for f in sources.files)
    series = tuple(s.points for s in sources.measurements.values())
    return (*files, *series)


def _unchanged(cached: _Model, sources: Sources, inputs: tuple[object, ...]) -> bool:
    old = cached.sources
    return (
        len(cached.inputs) == len(inputs)
        and all(a is b for a, b in zip(cached.inputs, inputs, strict=True))
        and [(f.kind, f.path) for f in old.files] == [(f.kind, f.path) for f in sources.files]
        and [(s.kpi, s.source) for s in old.measurements.values()]
        == [(s.kpi, s.source) for s in sources.measurements.values()]
        and old.diagnostics == sources.diagnostics
        and old.invalid_ids == sources.invalid_ids
    )


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Loading allocates a few hundred thousand small objects and frees almost none, so
    every run of the cyclic collector walks everything loaded so far: at 10,000
    hypotheses that made validation 11.3x slower than at 1,000 instead of 10.1x (and
    cost a quarter of its time). Loading creates no garbage cycles worth collecting, so
    the collector waits until it is done; reference counting still frees everything else.

    When it resumes, everything loaded is still in the youngest generation, and the
    first collection would walk all of it (32 ms of a 0.30 s validate at 1,000
    hypotheses) only to keep it. `freeze` + `unfreeze` moves it to the oldest generation
    without walking it, where the collector would have put the survivors anyway; a later
    full collection still sees it, so no cycle is kept forever.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()
