"""The caches kept across `mkdocs serve` rebuilds: a hit gives what a fresh build gives,
and an edit invalidates exactly what depends on it.

Each test builds a small synthetic roadmap (`bench/synth.py`, 40 hypotheses: 2 themes,
8 KPIs, 1 journey) twice in one process with caching on, the way `mkdocs serve`
rebuilds, and compares the second build with a build that uses no cache at all.
"""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from outcomes import generations
from outcomes.load.project import Layout
from outcomes.model.roadmap import Roadmap
from outcomes.pipeline import analyse
from outcomes.render import urls
from outcomes.render.site import Site, SiteOptions, render_site
from outcomes.settings import Settings, Weights
from synthkit import synthetic_project

AS_OF = datetime.date(2026, 11, 22)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_project(tmp_path_factory.mktemp("synthetic"), 40)


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(template, root)
    return root


@pytest.fixture
def caching() -> Iterator[None]:
    generations.enable()
    try:
        yield
    finally:
        generations.enable(False)


def build(
    root: Path, as_of: datetime.date = AS_OF, settings: Settings | None = None
) -> tuple[Roadmap, Site]:
    """One build as the plugin runs it: a new generation, then the core and the pages."""
    generations.next_generation()
    roadmap, diagnostics = analyse(Layout(root), as_of, settings)
    assert not [d for d in diagnostics if d.severity.value == "error"]
    return roadmap, render_site(roadmap, SiteOptions())


def fresh(root: Path, as_of: datetime.date = AS_OF, settings: Settings | None = None) -> Site:
    """The same build with every cache off (and emptied)."""
    was = generations.enabled()
    generations.enable(False)
    try:
        return build(root, as_of, settings)[1]
    finally:
        generations.enable(was)


def contents(site: Site) -> dict[str, str]:
    return {page.src_uri: page.content for page in site.pages}


def theme_files(root: Path) -> list[Path]:
    return sorted((root / "roadmap").glob("*.yaml"))


def edit_first_hypothesis_title(path: Path, suffix: str) -> str:
    """Append `suffix` to the title of the file's first hypothesis; returns its id."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("hypotheses:")
    hypothesis = lines[start + 1].split("id: ", 1)[1]
    title = next(i for i in range(start, len(lines)) if lines[i].startswith("    title: "))
    lines[title] += suffix
    path.write_text("\n".join(lines), encoding="utf-8")
    return hypothesis


def test_an_unchanged_project_comes_entirely_from_the_cache(project: Path, caching: None) -> None:
    roadmap, first = build(project)
    again, second = build(project)
    assert again is roadmap  # the model: no input changed
    assert first.from_cache == []
    assert sorted(second.from_cache) == sorted(p.src_uri for p in second.pages
                                               if p.src_uri.endswith(".md"))  # fmt: skip
    assert contents(second) == contents(first) == contents(fresh(project))


def test_editing_one_theme_re_renders_only_what_shows_it(project: Path, caching: None) -> None:
    edited, other = theme_files(project)
    _, first = build(project)
    hypothesis = edit_first_hypothesis_title(edited, " (renamed)")
    roadmap, second = build(project)

    assert contents(second) == contents(fresh(project))
    changed = {uri for uri, text in contents(second).items() if contents(first)[uri] != text}
    reused = set(second.from_cache)
    edited_theme = roadmap.themes[edited.stem]
    other_theme = roadmap.themes[other.stem]
    # The edited theme's pages are drawn again; the other theme's come from the cache.
    assert urls.hypothesis(hypothesis) in changed
    assert urls.theme(edited_theme.id) in changed
    assert urls.theme(other_theme.id) in reused
    assert {urls.hypothesis(h) for h in other_theme.hypotheses} <= reused
    assert not {urls.hypothesis(h) for h in edited_theme.hypotheses} & reused
    # Nothing that changed came from the cache.
    assert not changed & reused


def test_editing_a_csv_redraws_the_charts_of_its_kpi(project: Path, caching: None) -> None:
    roadmap, first = build(project)
    kpi = next(k for k in roadmap.kpis.values() if k.measurements)
    csv = project / kpi.source
    last = csv.read_text(encoding="utf-8").rstrip("\n").split("\n")[-1]
    day = last.split(",")[0]
    csv.write_text(csv.read_text(encoding="utf-8").replace(last, f"{day},12345"),
                   encoding="utf-8")  # fmt: skip
    charts_before = generations.stats()["charts"]
    _, second = build(project)
    hits, misses, _ = generations.stats()["charts"]

    assert contents(second) == contents(fresh(project))
    assert urls.kpi(kpi.id) not in second.from_cache
    assert contents(second)[urls.kpi(kpi.id)] != contents(first)[urls.kpi(kpi.id)]
    # KPI pages that show nothing of it (not even a theme with an outcome on it) are kept.
    assert [k for k in roadmap.kpis if urls.kpi(k) in second.from_cache]
    assert misses >= 1 and hits >= 1
    assert charts_before[1] > misses  # the first build drew every chart, this one a few


def test_a_new_as_of_or_settings_re_renders(project: Path, caching: None) -> None:
    roadmap, _ = build(project)
    later = AS_OF + datetime.timedelta(days=1)
    moved, site = build(project, as_of=later)
    assert moved is not roadmap
    assert site.from_cache == []
    assert contents(site) == contents(fresh(project, as_of=later))

    weights = Settings(weights=Weights(3.0, 1.0, 1.0, 1.0))
    weighted, site = build(project, as_of=later, settings=weights)
    assert weighted is not moved
    assert urls.PRIORITIES not in site.from_cache  # scores changed
    assert contents(site) == contents(fresh(project, as_of=later, settings=weights))


def test_measurements_that_are_new_objects_are_never_taken_from_the_cache(
    project: Path, caching: None
) -> None:
    """Values read from a database are new lists on every build, even when equal: what
    shows them is drawn again (SQL stays live), unlike a CSV whose bytes did not change."""
    roadmap, _ = build(project)
    generations.next_generation()
    kpi = next(k for k in roadmap.kpis.values() if k.measurements)
    kpi.measurements = list(kpi.measurements)  # as a query result: equal, but new
    site = render_site(roadmap, SiteOptions())
    assert urls.kpi(kpi.id) not in site.from_cache
    assert len(site.from_cache) > 0


def test_caches_keep_only_what_the_last_build_used(project: Path, caching: None) -> None:
    build(project)
    sizes = {name: entries for name, (_, _, entries) in generations.stats().items()}
    for _ in range(3):
        build(project, as_of=AS_OF + datetime.timedelta(days=1))
    build(project, as_of=AS_OF + datetime.timedelta(days=2))
    after = {name: entries for name, (_, _, entries) in generations.stats().items()}
    # Two generations at most: the pages of 2026-11-22 are gone, only two dates remain.
    assert after["pages"] <= 2 * sizes["pages"]
    generations.next_generation()
    generations.next_generation()
    assert all(entries == 0 for _, _, entries in generations.stats().values())


def test_caching_is_off_unless_enabled(project: Path) -> None:
    assert not generations.enabled()
    roadmap, _ = build(project)
    again, site = build(project)
    assert again is not roadmap
    assert site.from_cache == []
    assert all(entries == 0 for _, _, entries in generations.stats().values())


def test_dot_output_is_kept_by_source_and_failures_are_not(caching: None) -> None:
    from outcomes.render import diagrams

    generations.next_generation()
    good, bad = "digraph { a -> b }", "digraph { a -> "
    first = diagrams.render_svg(good)
    assert first.svg is not None
    assert diagrams.render_svg(good) == first
    assert diagrams.render_svg(bad).svg is None
    assert diagrams.render_svg(bad).svg is None
    hits, misses, entries = generations.stats()["dot runs"]
    assert (hits, misses, entries) == (1, 3, 1)  # `dot` ran once for good, twice for bad
