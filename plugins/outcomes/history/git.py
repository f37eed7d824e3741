"""Reading git: revisions, their files (copied into a folder so the normal loader reads
them) and the log of the commits that touched the roadmap.

Used by `outcomes diff` (two revisions), `outcomes export --rev` and the roadmap's
history (every revision); it sits below rendering so the history can be rendered.

Reading a revision as a folder (instead of teaching the loader a second file source)
keeps one code path for discovery, safety checks and validation: the copy holds the
same relative paths as the project, so every problem names the file a user knows.

git runs as a subprocess with an argument list (never a shell) and a timeout.
Revisions are resolved once with `rev-parse --verify --end-of-options` to a commit id,
and only that id is passed on, so no revision can turn into an option.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path, PurePosixPath

from outcomes.load.project import MAX_FILES, YAML_SUFFIXES
from outcomes.parse.yaml_reader import MAX_FILE_BYTES

TIMEOUT_SECONDS = 60
_REGULAR_FILES = {"100644", "100755"}


class GitError(Exception):
    """git is missing, the folder is not in a repository or a revision is unknown."""


def _git(root: Path, *arguments: str, data: bytes | None = None) -> bytes:
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *arguments],
            input=data,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            env=environment,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {arguments[0]} took more than {TIMEOUT_SECONDS} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {arguments[0]} failed")
    return done.stdout


def project_prefix(root: Path) -> str:
    """Where the project root is inside its repository: "" at the top, else "sub/dir/"."""
    return _git(root, "rev-parse", "--show-prefix").decode("utf-8").strip()


def resolve_commit(root: Path, revision: str) -> str:
    """The commit id a revision names; `GitError` for an unknown one."""
    if not revision or revision.startswith("-") or "\x00" in revision:
        raise GitError(f"{revision!r} is not a revision (it may not start with '-')")
    try:
        found = _git(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
    except GitError:
        raise GitError(f"unknown revision {revision!r}: no such branch, tag or commit") from None
    return found.decode("ascii").strip()


def is_shallow(root: Path) -> bool:
    """Whether the repository is a shallow clone (its history cut off)."""
    return _git(root, "rev-parse", "--is-shallow-repository").strip() == b"true"


def head_commit(root: Path) -> str | None:
    """The commit id of HEAD; None in a repository without commits."""
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "HEAD").decode("ascii").strip()
    except GitError:
        return None


def commit_date(root: Path, commit: str) -> datetime.datetime:
    """The committer date of a commit, with its time zone."""
    found = _git(root, "show", "-s", "--format=%cI", commit, "--")
    return datetime.datetime.fromisoformat(found.decode("ascii").strip())


def read_blobs(root: Path, object_ids: list[str]) -> dict[str, bytes]:
    """The contents of blobs by id, in one `cat-file --batch`."""
    if not object_ids:
        return {}
    batch = _git(root, "cat-file", "--batch", data="".join(f"{o}\n" for o in object_ids).encode())
    found: dict[str, bytes] = {}
    offset = 0
    for object_id in object_ids:
        header_end = batch.index(b"\n", offset)
        size = int(batch[offset:header_end].split()[2])
        found[object_id] = batch[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
    return found


def run_git(root: Path, *arguments: str) -> bytes:
    """git's output for an argument list (never a shell); `GitError` when it fails."""
    return _git(root, *arguments)


def copy_revision(
    root: Path, commit: str, folders: list[str], into: Path, suffixes: tuple[str, ...] = ()
) -> list[str]:
    """Write the YAML files of `folders` at `commit` under `into`, and the files ending in
    `suffixes` (the measurement CSVs, for a whole model); notes on files left out."""
    prefix = project_prefix(root)
    specs = [f"{prefix}{PurePosixPath(folder).as_posix().strip('/')}" for folder in folders]
    listing = _git(root, "ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", *specs)
    notes: list[str] = []
    wanted: list[tuple[str, str]] = []  # (object id, path relative to the project root)
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, object_id, listed_size = meta.decode("ascii").split()
        path = raw_path.decode("utf-8", "replace").removeprefix(prefix)
        if not path.lower().endswith((*YAML_SUFFIXES, *suffixes)):
            continue
        if kind != "blob" or mode not in _REGULAR_FILES:
            notes.append(f"{path}: skipped, not a regular file in git (mode {mode})")
        elif int(listed_size) > MAX_FILE_BYTES:
            notes.append(f"{path}: skipped, larger than the limit of {MAX_FILE_BYTES:,} bytes")
        elif len(wanted) >= MAX_FILES:
            notes.append(f"more than {MAX_FILES:,} YAML files; only the first were read")
            break
        else:
            wanted.append((object_id, path))
    if not wanted:
        return notes
    batch = _git(root, "cat-file", "--batch", data="".join(f"{o}\n" for o, _ in wanted).encode())
    offset = 0
    for _, path in wanted:
        header_end = batch.index(b"\n", offset)
        size = int(batch[offset:header_end].split()[2])
        content = batch[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1
        relative = PurePosixPath(path)
        if relative.is_absolute() or ".." in relative.parts:  # git refuses these; be sure
            notes.append(f"{path}: skipped, not a path inside the project")
            continue
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return notes
