"""Discovering a project's roadmap files and reading them into validated `Sources`."""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.load.cache import read_measurements, read_yaml, validate_document
from outcomes.load.measurements import MAX_CSV_BYTES, Measurement
from outcomes.load.paths import Inside, UnsafePath
from outcomes.load.plausibility import (
    FUTURE,
    future_problem,
    looks_like_whole_percents,
    whole_percents_problem,
)
from outcomes.parse.yaml_reader import MAX_FILE_BYTES, YamlDocument
from outcomes.schema.errors import describe_value
from outcomes.schema.kinds import JOURNEY, KPIS, OKRS, TEAMS, THEME, Kind
from outcomes.schema.kpi import Kpi, KpiFile

MAX_FILES = 20_000
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Layout:
    """Where a project keeps its roadmap, relative to its root."""

    root: Path
    roadmap_dir: str = "roadmap"
    journeys_dir: str = "journeys"
    okrs_dir: str = "okrs"

    def default_csv(self, kpi_id: str) -> str:
        return f"{self.okrs_dir}/measurements/{kpi_id}.csv"


@dataclass
class SourceFile:
    """One valid YAML file: its kind, its positions and its validated content."""

    kind: Kind
    document: YamlDocument
    content: BaseModel

    @property
    def path(self) -> str:
        return self.document.path

    def at(self, *loc: str | int, key: bool = False) -> tuple[str, int, int]:
        """`(path, line, col)` of a node in this file."""
        line, col = self.document.position(tuple(loc), key=key)
        return self.document.path, line, col


@dataclass
class Series:
    """A KPI's measurements and where they came from (for messages)."""

    kpi: str
    source: str
    points: list[Measurement]


@dataclass(frozen=True)
class SqlRequest:
    """A KPI whose measurements come from a query; run after loading (see `load.sql_sources`).

    Loading only records it: reading YAML and CSV is a pure function of the files, a
    query is not (its values must be live on every build), so it stays a separate step.
    """

    kpi: str
    url: str  # the `${ENV_VAR}` reference, never the URL itself
    query: str
    where: tuple[str, int, int]  # position of `source.sql.query`, where its problems point
    snapshot: str  # the CSV `outcomes pull` writes and a build falls back to
    percent: bool = False  # the KPI's unit is `percent`: its values must be fractions


@dataclass(frozen=True)
class RecipeRequest:
    """A KPI computed by a recipe from raw rows; run after loading (see `load.recipe_sources`).

    Exactly one of `table` (with `url`, the `${ENV_VAR}` reference) and `file` is set.
    """

    kpi: str
    recipe: str
    cadence: str
    url: str | None
    table: str | None
    file: str | None
    where: tuple[str, int, int]  # position of `source`, where its problems point
    snapshot: str  # the CSV `outcomes pull` writes and a build falls back to
    percent: bool = False  # the KPI's unit is `percent`: its values must be fractions


@dataclass
class Sources:
    """Everything read from disk; the only input of the model stage."""

    layout: Layout
    files: list[SourceFile] = field(default_factory=list)
    measurements: dict[str, Series] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sql_requests: list[SqlRequest] = field(default_factory=list)
    recipe_requests: list[RecipeRequest] = field(default_factory=list)
    file_count: int = 0
    # Ids declared in files that failed validation, by what they name ("KPI", "theme",
    # "journey step", "team"): known to exist, so references to them are no error.
    invalid_ids: dict[str, set[str]] = field(default_factory=dict)
    # Percent KPIs whose CSV holds whole percents: reported there, so the model does not
    # also compare targets with them.
    misscaled: set[str] = field(default_factory=set)
    # What nothing could be read of, its folder missing: references to it are not errors
    # of their own ("theme", "journey", "KPI", "team").
    unread: set[str] = field(default_factory=set)

    def of_kind(self, kind: Kind) -> list[SourceFile]:
        return [f for f in self.files if f.kind is kind]


def load(layout: Layout) -> Sources:
    """Read and validate every roadmap file, then the measurements of every KPI."""
    sources = Sources(layout)
    paths = discover(layout, sources.diagnostics)
    defaults = Layout(layout.root)
    for folder, default, names in (
        (layout.roadmap_dir, defaults.roadmap_dir, ("theme",)),
        (layout.journeys_dir, defaults.journeys_dir, ("journey",)),
        (layout.okrs_dir, defaults.okrs_dir, ("KPI", "team")),
    ):
        if paths and folder != default and not (layout.root / folder).is_dir():
            sources.unread.update(names)  # reported as `folder-missing`
    sources.file_count = len(paths)
    inside = Inside(layout.root)
    for relative in paths:
        _load_file(layout, inside, relative, sources)
    for source_file in sources.of_kind(KPIS):
        content = source_file.content
        assert isinstance(content, KpiFile)
        for index, kpi in enumerate(content.kpis):
            _load_series(layout, inside, source_file, index, kpi, sources)
    return sources


def discover(layout: Layout, diagnostics: list[Diagnostic]) -> list[str]:
    found: list[str] = []
    folders = [layout.roadmap_dir, layout.journeys_dir, layout.okrs_dir]
    if not any((layout.root / folder).is_dir() for folder in folders):
        diagnostics.append(Diagnostic(
            ".", 1, 1, Severity.ERROR, "no-roadmap",
            f"no {', '.join(f'{f}/' for f in folders)} folder in {layout.root}",
            "run `outcomes new theme <id>` to start a roadmap",
        ))  # fmt: skip
        return found
    defaults = Layout(layout.root)
    for folder, default in zip(
        folders, (defaults.roadmap_dir, defaults.journeys_dir, defaults.okrs_dir), strict=True
    ):
        if folder != default and not (layout.root / folder).is_dir():
            diagnostics.append(Diagnostic(
                folder, 1, 1, Severity.ERROR, "folder-missing",
                f"the configured folder {folder}/ does not exist",
                f"create {folder}/, or correct the folder option (`--{_flag(folder, layout)}` "
                "or the plugin's option in mkdocs.yml)",
            ))  # fmt: skip
    for folder in folders:
        base = layout.root / folder
        for directory, subdirs, names in os.walk(base, followlinks=False):
            subdirs.sort()
            for name in sorted(names):
                if name.lower().endswith(YAML_SUFFIXES):
                    found.append((Path(directory) / name).relative_to(layout.root).as_posix())
                if len(found) > MAX_FILES:
                    diagnostics.append(Diagnostic(
                        folder, 1, 1, Severity.ERROR, "too-many-files",
                        f"more than {MAX_FILES:,} YAML files; only the first were read",
                    ))  # fmt: skip
                    return found[:MAX_FILES]
    return found


def _flag(folder: str, layout: Layout) -> str:
    """The option that names `folder`, as a command-line flag."""
    if folder == layout.roadmap_dir:
        return "roadmap-dir"
    return "journeys-dir" if folder == layout.journeys_dir else "okrs-dir"


def kind_of(layout: Layout, relative: str, data: dict[str, Any]) -> Kind | None:
    if _is_under(relative, layout.roadmap_dir):
        return THEME
    if _is_under(relative, layout.journeys_dir):
        return JOURNEY
    if "kpis" in data:
        return KPIS
    if "teams" in data:
        return TEAMS
    if "period" in data:
        return OKRS
    return None


def _is_under(relative: str, folder: str) -> bool:
    return relative.startswith(PurePosixPath(folder).as_posix().rstrip("/") + "/")


def _load_file(layout: Layout, inside: Inside, relative: str, sources: Sources) -> None:
    try:
        raw = inside.read(relative, MAX_FILE_BYTES)
    except FileNotFoundError:  # a dangling symbolic link, or removed while we read
        sources.diagnostics.append(Diagnostic(
            relative, 1, 1, Severity.ERROR, "file-unreadable",
            "the file does not exist (a symbolic link to a missing file?)",
            "remove the link or restore the file it points to",
        ))  # fmt: skip
        return
    except UnsafePath as exc:
        sources.diagnostics.append(
            Diagnostic(relative, 1, 1, Severity.ERROR, "file-unreadable", str(exc))
        )
        return
    document, problems = read_yaml(raw, relative)
    sources.diagnostics.extend(problems)
    if document is None:
        _add_ids(sources, _unparsed_ids(layout, relative, raw))
        return
    if not isinstance(document.data, dict):
        line, col = document.position(())
        sources.diagnostics.append(Diagnostic(
            relative, line, col, Severity.ERROR, "wrong-type",
            f"the file must hold a mapping of fields, not {describe_value(document.data)}",
            "start the file with `id:` (themes, journeys), `kpis:`, `teams:` or `period:`",
        ))  # fmt: skip
        return
    kind = kind_of(layout, relative, document.data)
    if kind is None:
        sources.diagnostics.append(Diagnostic(
            relative, 1, 1, Severity.ERROR, "unknown-kind",
            f"cannot tell what this file under {layout.okrs_dir}/ is",
            "a file here needs a top-level `kpis:`, `teams:` or `period:`",
        ))  # fmt: skip
        return
    content, problems = validate_document(document, kind.model)
    sources.diagnostics.extend(problems)
    if content is not None:
        sources.files.append(SourceFile(kind, document, content))
    else:
        _add_ids(sources, _declared_ids(kind, document.data, relative))


def _add_ids(sources: Sources, declared: dict[str, set[str]]) -> None:
    for what, ids in declared.items():
        sources.invalid_ids.setdefault(what, set()).update(ids)


# `id: x` or `- id: x` on a line of its own: how ids are read from a file that is not YAML.
_ID_LINE = re.compile(r"^[ -]*id:[ \t]*['\"]?([a-z0-9][a-z0-9-]*)['\"]?[ \t]*(?:#.*)?$", re.M)


def _unparsed_ids(layout: Layout, relative: str, raw: bytes) -> dict[str, set[str]]:
    """Ids a file that is not valid YAML probably declares: its file name (a theme's or a
    journey's id is its name) and every `id:` line of the text.

    A tab in one theme file must not also make every reference to that theme an error
    elsewhere: the file's own syntax error is the one to fix.
    """
    text = raw.decode("utf-8", "replace")
    found = set(_ID_LINE.findall(text))
    stem = PurePosixPath(relative).stem
    if _is_under(relative, layout.roadmap_dir):
        return {"theme": {stem, *found}}
    if _is_under(relative, layout.journeys_dir):
        return {"journey": {stem, *found}}
    declared: dict[str, set[str]] = {}
    if re.search(r"^kpis:", text, re.M):
        declared["KPI"] = found
    if re.search(r"^teams:", text, re.M):
        declared["team"] = found
    return declared


def _declared_ids(kind: Kind, data: dict[str, Any], relative: str) -> dict[str, set[str]]:
    """Ids a file that failed validation declares, read from its raw data.

    References to them are not reported as unknown: the file's own errors are, and a
    typo in one KPI must not turn every use of every KPI of its file into an error. A
    theme or journey also declares its file name, the id it should have.
    """

    def ids(items: Any, prefix: str = "") -> set[str]:
        items = items if isinstance(items, list) else []
        return {
            f"{prefix}{item['id']}"
            for item in items
            if isinstance(item, dict) and isinstance(item.get("id"), str)
        }

    own_id = data.get("id") if isinstance(data.get("id"), str) else None
    stem = PurePosixPath(relative).stem
    if kind is KPIS:
        return {"KPI": ids(data.get("kpis"))}
    if kind is TEAMS:
        return {"team": ids(data.get("teams"))}
    if kind is THEME:
        return {"theme": {stem, *([own_id] if own_id else [])}}
    if kind is JOURNEY:
        stages = data.get("stages")
        steps: set[str] = set()
        for stage in stages if isinstance(stages, list) else []:
            if isinstance(stage, dict):
                for name in {own_id or stem, stem}:
                    steps |= ids(stage.get("steps"), f"{name}/")
        return {"journey step": steps}
    return {}


def _load_series(
    layout: Layout,
    inside: Inside,
    source_file: SourceFile,
    index: int,
    kpi: Kpi,
    sources: Sources,
) -> None:
    if kpi.source is not None and kpi.source.recipe is not None:
        sql = kpi.source.sql
        where = source_file.at("kpis", index, "source")
        sources.recipe_requests.append(RecipeRequest(
            kpi.id, kpi.source.recipe, kpi.cadence, sql.url if sql else None,
            sql.table if sql else None, kpi.source.csv, where, layout.default_csv(kpi.id),
            kpi.unit == "percent",
        ))  # fmt: skip
        return
    if kpi.source is not None and kpi.source.sql is not None:
        sql = kpi.source.sql
        assert sql.query is not None  # the schema allows a table only with a recipe
        where = source_file.at("kpis", index, "source", "sql", "query")
        snapshot = layout.default_csv(kpi.id)
        sources.sql_requests.append(
            SqlRequest(kpi.id, sql.url, sql.query, where, snapshot, kpi.unit == "percent")
        )
        return
    named = kpi.source.csv if kpi.source is not None else None
    explicit = named is not None
    relative = named if named is not None else layout.default_csv(kpi.id)
    loc: tuple[str | int, ...] = (
        ("kpis", index, "source", "csv") if explicit else ("kpis", index, "id")
    )
    path, line, col = source_file.at(*loc)
    try:
        points, problems = read_csv_file(layout.root, relative, inside)
    except FileNotFoundError:
        severity = Severity.ERROR if explicit else Severity.WARNING
        sources.diagnostics.append(Diagnostic(
            path, line, col, severity, "csv-missing",
            f"no measurements for KPI {kpi.id!r}: {relative} does not exist",
            f"create {relative} with the header `date,value`",
        ))  # fmt: skip
        return
    except UnsafePath as exc:
        sources.diagnostics.append(
            Diagnostic(path, line, col, Severity.ERROR, "unsafe-path", f"{relative}: {exc}")
        )
        return
    sources.diagnostics.extend(problems)
    sources.measurements[kpi.id] = Series(kpi.id, relative, points)
    if kpi.unit == "percent" and looks_like_whole_percents(points):
        sources.diagnostics.append(whole_percents_problem(layout.root, relative, kpi.id))
        sources.misscaled.add(kpi.id)


def dated_too_late(sources: Sources, as_of: datetime.date) -> list[Diagnostic]:
    """A warning per series with rows more than a year after `as_of`: a typo in the year
    (2062 for 2026) would otherwise be dropped without a word, as every future row is."""
    found: list[Diagnostic] = []
    for series in sources.measurements.values():
        if series.points and series.points[-1].date > as_of + FUTURE:
            problem = future_problem(sources.layout.root, series.source, series.kpi, as_of)
            if problem is not None:
                found.append(problem)
    return found


def read_csv_file(
    root: Path, relative: str, inside: Inside | None = None
) -> tuple[list[Measurement], list[Diagnostic]]:
    """A measurements CSV inside the project; raises FileNotFoundError or UnsafePath.

    `inside` is the load's resolver of the paths under `root`, if it has one."""
    raw = (inside or Inside(root)).read(relative, MAX_CSV_BYTES)
    return read_measurements(raw, relative)
