"""The benchmark scripts keep working: `profile_build.py` runs, and a smoke run's table
reads as information, never as a failure (issue 12, item 6)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def bench_run() -> Iterator[ModuleType]:
    sys.path.insert(0, str(BENCH))
    try:
        import run

        yield run
    finally:
        sys.path.remove(str(BENCH))


def test_profile_build_smoke_profiles_a_small_build() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "profile_build.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "(under pyinstrument)" in done.stdout
    assert "plugin: on_files (the plugin's work)" in done.stdout


def _rows(run: ModuleType) -> list[object]:
    def side(label: str, seconds: float, whole: bool = False) -> object:
        sample = run.Sample(seconds, seconds, 0.0, seconds, 20_000, "detail")
        return run.Side(label, [sample], whole=whole)

    whole_a, whole_b = side("A", 0.5, whole=True), side("B", 0.2, whole=True)
    return [
        run.Row("validate vs libyaml floor", 40, side("A", 0.3), side("B", 0.1), goal=2.0),
        run.Row("  the same, whole processes", 40, whole_a, whole_b, goal=2.0),
    ]


def test_a_smoke_table_shows_no_goal_or_verdict(bench_run: ModuleType) -> None:
    table = bench_run.table(_rows(bench_run), goals=False)
    assert "3.00x" in table and "2.50x" in table
    for word in ("PASS", "FAIL", "goal", "<= 2.00x"):
        assert word not in table


def test_a_full_table_keeps_goals_and_verdicts(bench_run: ModuleType) -> None:
    table = bench_run.table(_rows(bench_run))
    assert "<= 2.00x" in table and "FAIL" in table
    assert "A: 0.500 s (min 0.500, max 0.500; CPU 0.500 s), peak RSS 20 MiB" in table
