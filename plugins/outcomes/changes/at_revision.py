"""`outcomes export --rev REV`: the model as it was at a git revision.

The revision's roadmap files and measurement CSVs are read from git (`cat-file`, no
checkout) into a temporary folder, loaded and resolved as of the revision's commit date
unless `--as-of` says otherwise. Its problems are that revision's, and the caller says so.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

from outcomes.diagnostics import Diagnostic
from outcomes.history.git import commit_date, copy_revision, resolve_commit
from outcomes.model.roadmap import Roadmap
from outcomes.pipeline import analyse, project_layout
from outcomes.settings import Settings


def model_at(
    root: Path, revision: str, settings: Settings, as_of: datetime.date | None
) -> tuple[Roadmap, list[Diagnostic], str, datetime.date]:
    """The model at `revision`, its problems, its commit id and the commit's day.

    Raises `GitError` for a missing git, a folder outside a repository or an unknown
    revision.
    """
    commit = resolve_commit(root, revision)
    day = commit_date(root, commit).date()
    layout = project_layout(root, settings)
    folders = [layout.roadmap_dir, layout.journeys_dir, layout.okrs_dir]
    with tempfile.TemporaryDirectory(prefix="outcomes-rev-") as folder:
        copy = Path(folder)
        copy_revision(root, commit, folders, copy, suffixes=(".csv",))
        roadmap, diagnostics = analyse(project_layout(copy, settings), as_of or day, settings)
    return roadmap, diagnostics, commit, day
