"""The hostile-input corpus: one case per class of malformed, malicious or huge input.

Each folder under cases/ is a small overlay project: `files/` is copied over base/ (a
valid KPI with measurements and a valid theme, `roadmap/control.yaml`, whose one
warning must appear in every output, proving the other files were still read,
validated and resolved); `case.toml` names the class, the expected exit code, an
optional setup from hostilekit.py (for links, pipes, huge or countless files), an
optional memory bound (peak RSS of the whole process, measured in a subprocess) and an
optional time bound for cases that must read a lot; `expected.txt` is the exact
`outcomes validate --format text` output. `OUTCOMES_UPDATE_GOLDEN=1 pytest tests/hostile`
rewrites the expected files; review the diff like code.

Every case runs the real CLI in-process and checks: the exit code, the golden output,
nothing on stderr (so no traceback and no internal error), a wall-time bound, the
control's warning, and that no path outside the project (or a pipe or device inside
it) was ever opened, through an audit hook that refuses such opens.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from hostilekit import SETUPS

from goldens import assert_golden
from outcomes.adapters.cli import main

HERE = Path(__file__).parent
BASE = HERE / "base"
CASES = sorted(p for p in (HERE / "cases").iterdir() if p.is_dir())
AS_OF = "2026-11-22"
SECONDS = 5.0  # per case, for the validate run alone (setup excluded)
CONTROL = (
    "roadmap/control.yaml:13:9: warning[hypothesis-overdue] hypothesis 'control-bet' is "
    "still testing 11 days after its decision date 2026-11-11 (14 days after its last "
    "experiment ended on 2026-10-28)"
)
ALWAYS_FORBIDDEN = ("/etc/passwd", "/dev/zero")


# -- the audit hook: no open of a forbidden path, ever --------------------------------


@dataclass
class _Watch:
    forbidden: set[str]
    attempts: list[str]


_WATCHES: list[_Watch] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event != "open" or not _WATCHES or not args:
        return
    target = args[0]
    if not isinstance(target, str | bytes | os.PathLike):
        return  # an open file descriptor
    path = os.path.realpath(os.fsdecode(target))
    watch = _WATCHES[-1]
    if path in watch.forbidden:
        watch.attempts.append(path)
        raise PermissionError(f"test: opening {path} is forbidden")


sys.addaudithook(_audit)  # process-wide and permanent; inert while no watch is active


@pytest.fixture
def watch() -> Iterator[_Watch]:
    active = _Watch({os.path.realpath(p) for p in ALWAYS_FORBIDDEN}, [])
    _WATCHES.append(active)
    try:
        yield active
    finally:
        _WATCHES.remove(active)


# -- the runner -----------------------------------------------------------------------


def config(case: Path) -> dict[str, Any]:
    with (case / "case.toml").open("rb") as stream:
        return tomllib.load(stream)


def project(case: Path, tmp_path: Path) -> tuple[Path, list[Path]]:
    """The case's project at `<tmp>/project`, and the paths its setup forbids opening."""
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    if (case / "files").is_dir():
        shutil.copytree(case / "files", root, dirs_exist_ok=True)
    setup = config(case).get("setup")
    forbidden = SETUPS[setup](root) if setup else []
    return root, forbidden


def validate(root: Path) -> tuple[int, str, str, float]:
    out, err = StringIO(), StringIO()
    # CPU time of this process (user + system): the bound is about the work a hostile
    # input can cause, and other work on a busy machine must not make a case fail.
    started = time.process_time()
    code = main(["validate", str(root), "--as-of", AS_OF, "--format", "text"], out, err)
    return code, out.getvalue(), err.getvalue(), time.process_time() - started


# Peak memory of a whole `outcomes validate` process (C allocations included, unlike
# tracemalloc): the high-water mark of its resident set, VmHWM in KiB. Not ru_maxrss,
# which Linux carries over from the forking parent (pytest) across exec.
_PEAK_RSS = """
import io, sys
from outcomes.adapters.cli import main
code = main(sys.argv[1:], io.StringIO(), io.StringIO())
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print(code, status)
"""


def peak_rss_mib(root: Path) -> float:
    argv = ["validate", str(root), "--as-of", AS_OF]
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, *argv], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[1]) / 1024


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, tmp_path: Path, watch: _Watch) -> None:
    settings = config(case)
    root, forbidden = project(case, tmp_path)
    watch.forbidden |= {os.path.realpath(p) for p in forbidden}
    code, out, err, seconds = validate(root)
    assert err == "", err  # no traceback, no internal error
    assert watch.attempts == [], f"opened outside the project: {watch.attempts}"
    assert code == settings["exit"], out
    assert CONTROL in out, "the valid files beside the hostile one were not validated"
    assert seconds < settings.get("seconds", SECONDS), f"took {seconds:.2f} s"
    assert_golden(case / "expected.txt", out)
    if "memory_mib" in settings and sys.platform == "linux":
        peak = peak_rss_mib(root)
        assert peak < settings["memory_mib"], f"peak RSS {peak:.0f} MiB"


def test_peak_rss_of_a_clean_project_is_the_baseline(tmp_path: Path) -> None:
    """The memory bounds above are whole-process figures; this is the floor they sit on."""
    if sys.platform != "linux":
        pytest.skip("reads /proc/self/status")
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    assert peak_rss_mib(root) < 100


# -- the corpus itself ----------------------------------------------------------------


def test_every_case_is_listed_in_the_readme() -> None:
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    missing = [c.name for c in CASES if f"`{c.name}`" not in readme]
    assert missing == []


def test_every_case_is_well_formed() -> None:
    for case in CASES:
        settings = config(case)
        known = {"class", "exit", "setup", "memory_mib", "seconds", "note"}
        assert set(settings) <= known, case.name
        assert settings["exit"] in (0, 1), case.name
        assert settings.get("setup") is None or settings["setup"] in SETUPS, case.name
        assert (case / "files").is_dir() or "setup" in settings, case.name


def test_every_setup_is_used() -> None:
    used = {config(case).get("setup") for case in CASES}
    assert set(SETUPS) <= used
