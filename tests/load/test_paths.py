"""Paths written in YAML: relative POSIX paths that stay inside the project root."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from outcomes.load.paths import UnsafePath, resolve_inside


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """`<tmp>/project` with one CSV, and a sibling `<tmp>/project_x` sharing its prefix."""
    project = tmp_path / "project"
    (project / "okrs" / "measurements").mkdir(parents=True)
    (project / "okrs" / "measurements" / "a.csv").write_text("date,value\n")
    sibling = tmp_path / "project_x"
    sibling.mkdir()
    (sibling / "secret.csv").write_text("date,value\n")
    return project


def refusal(root: Path, relative: str) -> str:
    with pytest.raises(UnsafePath) as caught:
        resolve_inside(root, relative)
    return str(caught.value)


def test_good_path_resolves_to_the_real_file(root: Path) -> None:
    found = resolve_inside(root, "okrs/measurements/a.csv")
    assert found == (root / "okrs/measurements/a.csv").resolve()
    assert resolve_inside(root, "./okrs//measurements/a.csv") == found


def test_symlink_that_stays_inside_is_fine(root: Path) -> None:
    (root / "okrs" / "link.csv").symlink_to("measurements/a.csv")
    assert resolve_inside(root, "okrs/link.csv") == (root / "okrs/measurements/a.csv").resolve()


def test_missing_file_is_file_not_found(root: Path) -> None:
    with pytest.raises(FileNotFoundError):
        resolve_inside(root, "okrs/measurements/missing.csv")


def test_absolute_path(root: Path) -> None:
    assert refusal(root, "/etc/passwd") == (
        "absolute paths are not allowed; use a path relative to the project"
    )


@pytest.mark.parametrize(
    "relative", ["../project_x/secret.csv", "okrs/../../project_x/secret.csv", "okrs/../okrs/a.csv"]
)
def test_dot_dot(root: Path, relative: str) -> None:
    assert refusal(root, relative) == "`..` is not allowed; the file must be inside the project"


@pytest.mark.parametrize(
    "relative",
    ["C:/data/a.csv", "c:a.csv", "okrs\\measurements\\a.csv", "\\\\server\\share\\a.csv"],
)
def test_windows_and_unc_paths(root: Path, relative: str) -> None:
    assert refusal(root, relative) == (
        "use a relative POSIX path (forward slashes, no drive letter)"
    )


def test_unc_path_with_forward_slashes(root: Path) -> None:
    assert refusal(root, "//server/share/a.csv").startswith("absolute paths are not allowed")


@pytest.mark.parametrize("relative", ["", "okrs/a\x00.csv"])
def test_empty_or_nul(root: Path, relative: str) -> None:
    assert refusal(root, relative) == "the path is empty or contains a NUL character"


def test_symlink_to_outside_the_root(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("date,value\n")
    (root / "okrs" / "escape.csv").symlink_to(outside)
    assert refusal(root, "okrs/escape.csv") == (
        "the path leads outside the project (through a symbolic link)"
    )


def test_symlink_into_a_sibling_sharing_the_root_prefix(root: Path) -> None:
    # `<tmp>/project_x` starts with `<tmp>/project`: a string-prefix check would let it in.
    (root / "okrs" / "sibling.csv").symlink_to(root.parent / "project_x" / "secret.csv")
    assert refusal(root, "okrs/sibling.csv").startswith("the path leads outside the project")


def test_symlinked_folder_leading_outside(root: Path) -> None:
    (root / "data").symlink_to(root.parent / "project_x")
    assert refusal(root, "data/secret.csv").startswith("the path leads outside the project")


def test_symlink_loop(root: Path) -> None:
    (root / "okrs" / "loop.csv").symlink_to("loop.csv")
    assert refusal(root, "okrs/loop.csv").startswith("cannot resolve the path")


def test_dangling_symlink_inside_is_file_not_found(root: Path) -> None:
    (root / "okrs" / "dangling.csv").symlink_to("measurements/gone.csv")
    with pytest.raises(FileNotFoundError):
        resolve_inside(root, "okrs/dangling.csv")


def test_fifo_is_refused_before_it_can_block(root: Path) -> None:
    os.mkfifo(root / "okrs" / "pipe.csv")
    assert refusal(root, "okrs/pipe.csv") == "not a regular file (a folder, pipe or device?)"


def test_folder_is_refused(root: Path) -> None:
    assert refusal(root, "okrs/measurements").startswith("not a regular file")


def test_root_reached_through_a_symlink(root: Path, tmp_path: Path) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(root)
    assert (
        resolve_inside(alias, "okrs/measurements/a.csv")
        == (root / "okrs/measurements/a.csv").resolve()
    )
