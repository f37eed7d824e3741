"""`outcomes pull`: run every SQL source and write its values to the KPI's snapshot CSV.

Snapshots make builds reproducible and let them work offline: a build falls back to
them, with a warning, when the database does not answer. A KPI whose query fails or
returns a bad row keeps its previous snapshot.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from outcomes.adapters.progress import is_terminal
from outcomes.diagnostics import Diagnostic, Severity
from outcomes.edit.atomic import write_atomically
from outcomes.load.measurements import Measurement
from outcomes.load.project import Layout, load
from outcomes.load.sql import Databases, SqlError, SqlSettings
from outcomes.load.sql_sources import query_measurements, sql_problem

_BAR_WIDTH = 24


@dataclass
class PullReport:
    """What a pull did: snapshots written (path, rows) and every problem met."""

    written: list[tuple[str, int]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def pull(
    layout: Layout,
    settings: SqlSettings | None = None,
    progress: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
) -> PullReport:
    """Query every SQL-sourced KPI once and write `okrs/measurements/<id>.csv` for each.

    `progress`, when given and a terminal, shows a bar while the queries run.
    """
    sources = load(layout)
    report = PullReport([], [d for d in sources.diagnostics if d.severity is Severity.ERROR])
    requests = sources.sql_requests
    recipes = [request for request in sources.recipe_requests if request.table is not None]
    bar = _Bar(progress, len(requests) + len(recipes))
    with Databases(settings) as databases:
        for done, request in enumerate(requests):
            bar.show(done, request.kpi)
            try:
                points, problems = query_measurements(request, databases, environ)
            except SqlError as exc:
                report.diagnostics.append(sql_problem(request, exc))
                continue
            if problems:  # keep the last good snapshot rather than a partial one
                report.diagnostics.extend(problems)
                continue
            write_snapshot(layout.root, request.snapshot, points)
            report.written.append((request.snapshot, len(points)))
        if recipes:  # the recipes' query builder imports SQLAlchemy: only when needed
            from outcomes.load.recipe_sources import sql_failure, sql_measurements

        for done, recipe in enumerate(recipes, start=len(requests)):
            bar.show(done, recipe.kpi)
            try:
                points, problems = sql_measurements(recipe, databases, environ)
            except SqlError as exc:
                report.diagnostics.append(sql_failure(recipe, exc))
                continue
            if problems:
                report.diagnostics.extend(problems)
                continue
            write_snapshot(layout.root, recipe.snapshot, points)
            report.written.append((recipe.snapshot, len(points)))
    bar.done()
    return report


def write_snapshot(root: Path, relative: str, points: Sequence[Measurement]) -> None:
    """Write `date,value[,note]` rows atomically: a reader sees the old file or the new one.

    Values are written with `repr`, the shortest text that reads back as the same float.
    """
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = target.parent.resolve()
    real_root = root.resolve()
    if folder != real_root and real_root not in folder.parents:
        raise OSError(f"{target.parent} leads outside the project; not writing {relative}")
    with_notes = any(point.note for point in points)
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["date", "value", "note"] if with_notes else ["date", "value"])
    for point in points:
        row = [point.date.isoformat(), repr(point.value)]
        writer.writerow([*row, point.note] if with_notes else row)
    write_atomically(folder / target.name, text.getvalue())


class _Bar:
    """`[######      ] 12/40 kpi-id` on a terminal, redrawn in place; nothing elsewhere."""

    def __init__(self, stream: TextIO | None, total: int) -> None:
        self.stream = stream if is_terminal(stream) else None
        self.total = total

    def show(self, done: int, label: str) -> None:
        if self.stream is None or self.total < 2:
            return
        filled = _BAR_WIDTH * done // self.total
        bar = "#" * filled + " " * (_BAR_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total} {label[:40]}\x1b[K")
        self.stream.flush()

    def done(self) -> None:
        if self.stream is not None and self.total >= 2:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
