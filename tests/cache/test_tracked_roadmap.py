"""Under `mkdocs serve` a template gets the same roadmap object as under `mkdocs build`.

It used to get a stand-in with six maps and `as_of`, so a template using anything else
(a method such as `steps()`, a field added later) broke only in `serve`.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator

import pytest

from outcomes import generations
from outcomes.generations import GenerationCache
from outcomes.model.roadmap import Roadmap
from outcomes.render import cache


@pytest.fixture
def caching() -> Iterator[None]:
    generations.enable()
    try:
        yield
    finally:
        generations.enable(False)


def test_a_cached_render_sees_a_real_roadmap(caching: None) -> None:
    roadmap = Roadmap(as_of=datetime.date(2026, 11, 22))
    store: GenerationCache[cache.Cached[str]] = GenerationCache("test pages")
    seen: list[Roadmap] = []

    def render(given: Roadmap) -> str:
        seen.append(given)
        return f"{len(given.steps())} steps on {given.as_of}"

    generations.next_generation()
    value, reused = cache.reuse(store, "page", roadmap, cache.Fingerprints(), render)
    assert (value, reused) == ("0 steps on 2026-11-22", False)
    (given,) = seen
    assert isinstance(given, Roadmap)
    fields = {f.name for f in dataclasses.fields(Roadmap)}
    assert {f.name for f in dataclasses.fields(given)} == fields
    generations.next_generation()
    assert cache.reuse(store, "page", roadmap, cache.Fingerprints(), render)[1] is True


def test_every_field_is_a_dependency() -> None:
    roadmap = Roadmap(as_of=datetime.date(2026, 11, 22))
    watched, dependencies = cache.tracked(roadmap)
    assert watched.as_of == roadmap.as_of
    assert ("as_of", "*") in dependencies
    _ = watched.steps()
    assert ("journeys", "*") in dependencies
    _ = "x" in watched.kpis
    assert ("kpis", "x") in dependencies
