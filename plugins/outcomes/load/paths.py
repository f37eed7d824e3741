"""Paths named in YAML: relative POSIX paths that stay inside the project root.

`resolve_inside` checks a path before anything is opened; `read_inside` then opens it
without following a link swapped in since (`O_NOFOLLOW`) and without blocking on a
pipe (`O_NONBLOCK`), checks again on the open descriptor that it is a regular file,
and reads at most a given number of bytes, so neither a race nor a huge file can make
a build hang, read outside the root or exhaust memory.
"""

from __future__ import annotations

import functools
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
    return Inside(root).resolve(relative)


def read_inside(root: Path, relative: str, limit: int) -> bytes:
    """The bytes of a regular file inside `root`: at most `limit + 1`, so callers can
    tell a file over the limit without holding more of it.

    Raises FileNotFoundError when it does not exist and UnsafePath for anything else.
    """
    return Inside(root).read(relative, limit)


class Inside:
    """`resolve_inside` and `read_inside` for the many files of one load under one root.

    Each folder is resolved (symbolic links followed, checked to stay inside the root)
    once, and then each file in it costs one `lstat`: a file that is itself a link takes
    the whole way. Resolving every path whole cost 20 ms of the 276 files of the
    1,000-hypothesis benchmark, against 1 ms so. A folder replaced by a link while one
    load runs is seen by the next load; within one, the files are opened as before, and
    the last part of the path is never followed (`read`).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._folders: dict[str, str] = {}  # a folder as written -> its real path

    def resolve(self, relative: str) -> Path:
        """The real path of `relative` (see `resolve_inside`)."""
        posix = _written(relative)
        folder_part, _, name = str(posix).rpartition("/")
        folder = self._folders.get(folder_part)
        if folder is None:
            folder = self._folders[folder_part] = str(
                _resolve(self.root, PurePosixPath(folder_part))
            )
        candidate = f"{folder}/{name}"
        mode = _mode(candidate, relative, follow=False)
        if stat.S_ISLNK(mode):  # the file is a link: where it leads is checked whole
            real = _resolve(self.root, posix)
            _require_regular(_mode(real, relative, follow=True))
            return real
        _require_regular(mode)
        return Path(candidate)

    def read(self, relative: str, limit: int) -> bytes:
        """The bytes of the file (see `read_inside`)."""
        return _read(self.resolve(relative), relative, limit)


def _written(relative: str) -> PurePosixPath:
    """`relative` as a POSIX path, if it is written as one inside the project may be."""
    if not relative or "\x00" in relative:
        raise UnsafePath("the path is empty or contains a NUL character")
    if _WINDOWS.search(relative):
        raise UnsafePath("use a relative POSIX path (forward slashes, no drive letter)")
    posix = PurePosixPath(relative)
    if posix.is_absolute():
        raise UnsafePath("absolute paths are not allowed; use a path relative to the project")
    if ".." in posix.parts:
        raise UnsafePath("`..` is not allowed; the file must be inside the project")
    return posix


def _resolve(root: Path, posix: PurePosixPath) -> Path:
    """`posix` under `root` with every link followed; it must stay inside the root."""
    try:
        real_root = _real_root(root)
        candidate = (real_root / posix).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop: RuntimeError before 3.13
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "a link loop"
        raise UnsafePath(f"cannot resolve the path: {reason}") from None
    if candidate != real_root and real_root not in candidate.parents:
        raise UnsafePath("the path leads outside the project (through a symbolic link)")
    return candidate


def _mode(path: str | Path, relative: str, *, follow: bool) -> int:
    """The type and permissions of `path` (of a link itself, unless `follow`)."""
    try:
        return (os.stat if follow else os.lstat)(path).st_mode
    except FileNotFoundError:
        raise FileNotFoundError(relative) from None
    except OSError as exc:
        raise UnsafePath(f"cannot read it: {exc.strerror}") from None


def _require_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise UnsafePath("not a regular file (a folder, pipe or device?)")


@functools.lru_cache(maxsize=16)
def _real_root(root: Path) -> Path:
    """The project root after symlinks, once per root: every file of a load is checked
    against it (276 files at 1,000 hypotheses resolved it 276 times)."""
    return root.resolve()


_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
)  # fmt: skip


def _read(path: Path, relative: str, limit: int) -> bytes:
    """At most `limit + 1` bytes of the resolved `path`, opened without following a link
    swapped in since and checked again to be a regular file."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise FileNotFoundError(relative) from None
    except OSError as exc:  # ELOOP: replaced by a link since it was resolved
        raise UnsafePath(f"cannot read the file: {exc.strerror}") from None
    try:
        _require_regular(os.fstat(descriptor).st_mode)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise UnsafePath(f"cannot read the file: {exc.strerror}") from None
    finally:
        os.close(descriptor)
