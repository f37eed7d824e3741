"""The commits that touched the roadmap, oldest first, with the files each one changed.

One `git log --first-parent --raw` lists every commit touching the roadmap folders
together with the blob ids it changed, and one `cat-file --batch` reads the blobs, so a
history of 200 commits costs two git processes, not one per commit (a `ls-tree` per
commit took 5 ms each). Only the first-parent line is walked: the history of the
branch being published, with a merged pull request as one step, so a side branch's
state never alternates with the main line's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from outcomes.history.git import project_prefix, run_git

_FORMAT = "%x1e%H%x1f%an%x1f%cI"
SHORT = 7  # characters of a short commit id, as git abbreviates by default
_ABSENT = "0" * 40
_REGULAR_FILES = {"100644", "100755"}


@dataclass(frozen=True)
class Commit:
    """A commit as the history shows it: ids, the author's name as git records it, the
    committer date (when it reached the branch)."""

    id: str
    short: str
    author: str
    date: datetime.datetime

    @property
    def day(self) -> datetime.date:
        return self.date.date()


@dataclass(frozen=True)
class Step:
    """One commit and the tracked files it changed: path -> blob id (None: deleted)."""

    commit: Commit
    files: dict[str, str | None]


def roadmap_log(root: Path, folders: list[str], tracked: tuple[str, ...]) -> list[Step]:
    """Every first-parent commit touching `folders`, oldest first; only files whose
    name ends in one of `tracked` are listed. Paths are relative to the project root."""
    prefix = project_prefix(root)
    specs = [f"{prefix}{PurePosixPath(f).as_posix().strip('/')}" for f in folders]
    raw = run_git(
        root, "log", "--first-parent", "--reverse", "--diff-merges=first-parent", "--raw",
        "-z", "--no-renames", "--no-abbrev", f"--format={_FORMAT}", "--", *specs,
    )  # fmt: skip
    steps: list[Step] = []
    for record in raw.decode("utf-8", "replace").split("\x1e"):
        if not record:
            continue
        header, _, changes = record.partition("\0")
        commit_id, author, date = header.strip().split("\x1f")
        when = datetime.datetime.fromisoformat(date)
        commit = Commit(commit_id, commit_id[:SHORT], author, when)
        files: dict[str, str | None] = {}
        fields = changes.lstrip("\n").split("\0")
        for meta, path in zip(fields[0::2], fields[1::2], strict=False):
            parts = meta.lstrip(":").split()
            if len(parts) < 5:
                continue
            new_mode, new_blob = parts[1], parts[3]
            relative = path.removeprefix(prefix)
            if not relative.lower().endswith(tracked):
                continue
            gone = new_blob == _ABSENT or new_mode not in _REGULAR_FILES
            files[relative] = None if gone else new_blob
        steps.append(Step(commit, files))
    return steps
