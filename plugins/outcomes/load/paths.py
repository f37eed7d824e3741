"""Paths named in YAML: relative POSIX paths that stay inside the project root."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

_WINDOWS = re.compile(r"^[A-Za-z]:|\\")


class UnsafePath(Exception):
    """A path in YAML that may not be opened; the message says why."""


def resolve_inside(root: Path, relative: str) -> Path:
    """The real path of `relative` under `root`, refusing anything that could escape it.

    Checked before anything is opened: absolute, Windows and UNC paths, `..` parts,
    symlinks leading outside the root (after resolving them), and anything that is
    not a regular file (FIFOs and devices could block or leak).
    """
    if not relative or "\x00" in relative:
        raise UnsafePath("the path is empty or contains a NUL character")
    if _WINDOWS.search(relative):
        raise UnsafePath("use a relative POSIX path (forward slashes, no drive letter)")
    posix = PurePosixPath(relative)
    if posix.is_absolute():
        raise UnsafePath("absolute paths are not allowed; use a path relative to the project")
    if ".." in posix.parts:
        raise UnsafePath("`..` is not allowed; the file must be inside the project")
    try:
        real_root = root.resolve()
        candidate = (real_root / posix).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop: RuntimeError before 3.13
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "a link loop"
        raise UnsafePath(f"cannot resolve the path: {reason}") from None
    if candidate != real_root and real_root not in candidate.parents:
        raise UnsafePath("the path leads outside the project (through a symbolic link)")
    try:
        mode = os.stat(candidate).st_mode
    except FileNotFoundError:
        raise FileNotFoundError(relative) from None
    except OSError as exc:
        raise UnsafePath(f"cannot read it: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise UnsafePath("not a regular file (a folder, pipe or device?)")
    return candidate
