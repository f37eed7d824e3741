"""The benchmark's synthetic roadmap (bench/synth.py), for tests that need a roadmap of a
chosen size."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def synthetic_project(root: Path, hypotheses: int, seed: int = 0) -> Path:
    """Write a synthetic roadmap with `hypotheses` hypotheses under `root`; returns `root`."""
    sys.path.insert(0, str(BENCH))
    try:
        import synth
    finally:
        sys.path.remove(str(BENCH))
    synth.generate(root, hypotheses, seed=seed)
    return root


def synthetic_history(root: Path, hypotheses: int, commits: int, seed: int = 0) -> Path:
    """A synthetic roadmap in a git repository of `commits` commits of edits
    (`synth.write_history`) under `root`; returns `root`."""
    synthetic_project(root, hypotheses, seed)
    sys.path.insert(0, str(BENCH))
    try:
        import synth
    finally:
        sys.path.remove(str(BENCH))
    synth.write_history(root, commits, seed)
    return root
