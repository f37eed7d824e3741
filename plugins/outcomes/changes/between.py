"""`outcomes diff BASE [HEAD]`: load both sides of a project and compare them."""

from __future__ import annotations

import tempfile
from pathlib import Path

from outcomes.changes.compare import RoadmapDiff, Side, compare
from outcomes.changes.snapshot import Snapshot, take_snapshot
from outcomes.history.git import copy_revision, project_prefix, resolve_commit
from outcomes.load.project import Layout, load


def diff_revisions(layout: Layout, base: str, head: str | None = None) -> RoadmapDiff:
    """Changes from revision `base` to revision `head` (None: the working tree).

    Raises `GitError` when git is missing, the project is not in a repository or a
    revision is unknown.
    """
    project_prefix(layout.root)  # fails early outside a repository
    base_side = Side(base, resolve_commit(layout.root, base))
    head_side = (
        Side(head, resolve_commit(layout.root, head)) if head is not None else Side(None, None)
    )
    skipped: list[str] = []
    base_snapshot = _revision(layout, base_side, skipped)
    head_snapshot = (
        _revision(layout, head_side, skipped) if head_side.commit else take_snapshot(load(layout))
    )
    diff = compare(base_snapshot, head_snapshot)
    diff.base, diff.head, diff.skipped = base_side, head_side, skipped
    return diff


def _revision(layout: Layout, side: Side, skipped: list[str]) -> Snapshot:
    assert side.commit is not None
    folders = [layout.roadmap_dir, layout.journeys_dir, layout.okrs_dir]
    with tempfile.TemporaryDirectory(prefix="outcomes-diff-") as folder:
        copy = Path(folder)
        notes = copy_revision(layout.root, side.commit, folders, copy, (".csv",))
        skipped.extend(f"{note} (at {side.revision})" for note in notes)
        copied = Layout(copy, layout.roadmap_dir, layout.journeys_dir, layout.okrs_dir)
        return take_snapshot(load(copied))
