"""Parts of hostile cases that cannot live in git: links, pipes, huge and countless files.

Each setup gets the case's project root (always `<tmp>/project`, so a sibling is
`<tmp>/project_x`) after the base project and the case's files were copied there,
and returns the paths that must never be opened while the project is validated:
the runner's audit hook refuses to open them and fails the case if anything tried.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from outcomes.load.measurements import MAX_CSV_BYTES, MAX_ROWS
from outcomes.load.project import MAX_FILES
from outcomes.parse.yaml_reader import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES

Setup = Callable[[Path], list[Path]]
THEME_HEAD = "id: case\ntitle: A theme with hostile input\nhorizon: next\n"
CASE_CSV = "okrs/measurements/case-kpi.csv"
SECRET = "date,value\n2026-11-01,42\n"


def _write(root: Path, relative: str, content: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def deep_brackets(root: Path) -> list[Path]:
    depth = 200_000  # libyaml's own composer crashed the interpreter near 50,000
    assert depth > MAX_DEPTH
    _write(root, "roadmap/case.yaml", THEME_HEAD + "problem: " + "[" * depth + "]" * depth + "\n")
    return []


def huge_yaml(root: Path) -> list[Path]:
    line = "# " + "x" * 1021 + "\n"  # 1 KiB comment lines
    lines = MAX_FILE_BYTES // len(line) + 1024
    _write(root, "roadmap/case.yaml", THEME_HEAD + line * lines)
    return []


def many_values(root: Path) -> list[Path]:
    _write(root, "roadmap/case.yaml", THEME_HEAD + "tags: [" + "1," * (MAX_NODES + 1) + "]\n")
    return []


def many_files(root: Path) -> list[Path]:
    """One file more than the limit: small valid teams files, each naming a new team."""
    folder = root / "okrs" / "many"
    folder.mkdir(parents=True)
    for i in range(MAX_FILES + 1):
        (folder / f"t{i:05d}.yaml").write_bytes(f"teams:\n  - id: t{i:05d}\n    name: T\n".encode())
    return []


def many_rows(root: Path) -> list[Path]:
    import datetime

    start = datetime.date(1800, 1, 1)
    rows = (f"{start + datetime.timedelta(days=i)},{i % 7}\n" for i in range(MAX_ROWS + 1))
    _write(root, CASE_CSV, "date,value\n" + "".join(rows))
    return []


def huge_csv(root: Path) -> list[Path]:
    _write(root, CASE_CSV, "date,value,note\n2026-11-01,3," + "x" * MAX_CSV_BYTES + "\n")
    return []


def outside_secret(root: Path) -> list[Path]:
    return [_write(root.parent, "outside/secret.csv", SECRET)]


def sibling_secret(root: Path) -> list[Path]:
    return [_write(root.parent, f"{root.name}_x/secret.csv", SECRET)]


def sibling_symlink(root: Path) -> list[Path]:
    """`okrs/measurements/sibling` -> `<root>_x`: a string-prefix check would let it pass."""
    secret = _write(root.parent, f"{root.name}_x/secret.csv", SECRET)
    (root / "okrs/measurements/sibling").symlink_to(Path("../../..") / f"{root.name}_x")
    return [secret]


def symlink_outside(root: Path) -> list[Path]:
    secret = _write(root.parent, "outside/secret.csv", SECRET)
    (root / "okrs/measurements/link.csv").symlink_to(secret)
    return [secret]


def fifo_csv(root: Path) -> list[Path]:
    pipe = root / "okrs/measurements/pipe.csv"
    os.mkfifo(pipe)  # opening it for reading would wait for a writer forever
    return [pipe]


def device_link(root: Path) -> list[Path]:
    (root / "okrs/measurements/zero.csv").symlink_to("/dev/zero")
    return [Path("/dev/zero")]


def symlink_loop(root: Path) -> list[Path]:
    (root / "okrs/measurements/loop.csv").symlink_to("loop.csv")
    return []


def yaml_symlink_outside(root: Path) -> list[Path]:
    secret = _write(root.parent, "outside/secret.yaml", THEME_HEAD)
    (root / "roadmap/evil.yaml").symlink_to(secret)
    return [secret]


def yaml_fifo(root: Path) -> list[Path]:
    pipe = root / "roadmap/pipe.yaml"
    os.mkfifo(pipe)
    return [pipe]


SETUPS: dict[str, Setup] = {
    setup.__name__: setup
    for setup in (
        deep_brackets, huge_yaml, many_values, many_files, many_rows, huge_csv, outside_secret,
        sibling_secret, sibling_symlink, symlink_outside, fifo_csv, device_link, symlink_loop,
        yaml_symlink_outside, yaml_fifo,
    )
}  # fmt: skip
