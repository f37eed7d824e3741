"""`outcomes generate`'s folder: exactly the current pages, and never a user's other files.

Each run writes its files, then removes the files an earlier run wrote that this one did
not. What a run wrote is kept in `OUT_DIR/.outcomes-manifest` (path and SHA-256 of each
file), so a file that no run wrote is never touched, and a stale file changed since it
was written is kept and named instead of removed. The project itself is off limits: the
root (or a folder holding it), `docs/` and the YAML folders are refused as OUT_DIR.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from outcomes.settings import Settings

MANIFEST = ".outcomes-manifest"
_HEADER = "# Files written by `outcomes generate` (SHA-256, path); stale ones are removed.\n"


class OutDirError(Exception):
    """An OUT_DIR that would overwrite the project; the message says which folder."""


@dataclass
class Written:
    """What a run did to OUT_DIR."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # stale, but changed since written


def check_out_dir(root: Path, settings: Settings, out_dir: Path) -> None:
    """Refuse the project root or a folder holding it, `docs/` and the YAML folders (or a
    folder inside one of those)."""
    target = out_dir.resolve()
    project = root.resolve()
    if target == project or target in project.parents:
        raise OutDirError("refusing to write into the project's root; choose another folder")
    for folder in (settings.roadmap_dir, settings.journeys_dir, settings.okrs_dir, "docs"):
        guarded = (project / folder).resolve()
        if target == guarded or guarded in target.parents:
            raise OutDirError(f"refusing to write into {folder}/; choose another folder")


def write_files(out_dir: Path, files: Mapping[str, str]) -> Written:
    """Write `{relative path: text}` into `out_dir`, then remove what only earlier runs
    wrote; the manifest is rewritten last, so an interrupted run is finished by the next."""
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = _read_manifest(out_dir)
    report = Written()
    digests: dict[str, str] = {}
    for uri, text in files.items():
        data = text.encode("utf-8")
        path = _inside(out_dir, uri)
        if path is None:
            raise OutDirError(f"refusing to write {uri!r} outside {out_dir}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        digests[uri] = hashlib.sha256(data).hexdigest()
        report.written.append(uri)
    for uri, digest in sorted(previous.items()):
        if uri in digests:
            continue
        path = _inside(out_dir, uri)
        if path is None or not path.is_file() or path.is_symlink():
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            report.kept.append(uri)
            continue
        path.unlink()
        report.removed.append(uri)
        _remove_empty_parents(out_dir, path.parent)
    _write_manifest(out_dir, digests)
    return report


def _inside(out_dir: Path, uri: str) -> Path | None:
    """The path of a relative POSIX path inside `out_dir`; None for anything else (a
    manifest is a file in a folder anyone may write to: its lines are not trusted)."""
    clean = posixpath.normpath(uri)
    if (not uri or clean.startswith(("/", "../")) or clean in (".", "..")
            or "\\" in uri or ":" in uri or clean == MANIFEST):  # fmt: skip
        return None
    path = out_dir / clean
    try:
        path.parent.resolve().relative_to(out_dir.resolve())
    except ValueError:  # through a symlinked folder
        return None
    return path


def _remove_empty_parents(out_dir: Path, folder: Path) -> None:
    top = out_dir.resolve()
    while folder.resolve() != top and top in folder.resolve().parents:
        try:
            folder.rmdir()  # only when empty
        except OSError:
            return
        folder = folder.parent


def _read_manifest(out_dir: Path) -> dict[str, str]:
    try:
        text = (out_dir / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, str] = {}
    for line in text.splitlines():
        digest, sep, uri = line.partition("  ")
        if sep and len(digest) == 64 and not line.startswith("#"):
            found[uri] = digest
    return found


def _write_manifest(out_dir: Path, digests: Mapping[str, str]) -> None:
    lines: Sequence[str] = [f"{digest}  {uri}\n" for uri, digest in sorted(digests.items())]
    temporary = out_dir / f"{MANIFEST}.tmp"
    temporary.write_text(_HEADER + "".join(lines), encoding="utf-8")
    os.replace(temporary, out_dir / MANIFEST)
