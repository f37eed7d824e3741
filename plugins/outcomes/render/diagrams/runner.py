"""Running Graphviz's `dot`: a subprocess with a timeout that never raises.

A failure (no `dot`, a timeout, an error) comes back as a `DiagramResult` with the
reason, for a warning and a placeholder on the page; successes are kept across
`mkdocs serve` rebuilds by the digest of their input.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

from outcomes.generations import GenerationCache, digest
from outcomes.render.diagrams.dot import shorten

__all__ = ["DOT_TIMEOUT", "DiagramResult", "has_svg", "render_svg"]

DOT_TIMEOUT = 10.0


@dataclass(frozen=True)
class DiagramResult:
    """The SVG dot produced, or why there is none (for a warning and a placeholder)."""

    svg: str | None
    problem: str | None


# `dot`'s SVG by the digest of its input, kept across `mkdocs serve` rebuilds (only while
# caching is on, see `outcomes.generations`); failures are never kept.
_SVGS: GenerationCache[str] = GenerationCache("dot runs")


def has_svg(dot_source: str) -> bool:
    """Whether `render_svg(dot_source)` would come from the cache."""
    return _SVGS.get(digest(dot_source.encode("utf-8", errors="replace"))) is not None


def render_svg(dot_source: str, *, timeout: float = DOT_TIMEOUT) -> DiagramResult:
    """Run `dot -Tsvg` on `dot_source` with a timeout; never raises."""
    source = dot_source.encode("utf-8", errors="replace")
    key = digest(source)
    cached = _SVGS.get(key)
    if cached is not None:
        return DiagramResult(cached, None)
    result = _run_dot(source, timeout)
    if result.svg is not None:
        _SVGS.put(key, result.svg)
    return result


def _run_dot(source: bytes, timeout: float) -> DiagramResult:
    try:
        completed = subprocess.run(
            ["dot", "-Tsvg"],
            input=source,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        return DiagramResult(
            None,
            "Graphviz's dot is not installed (apt-get install graphviz, or brew install graphviz)",
        )
    except subprocess.TimeoutExpired:
        return DiagramResult(None, f"dot timed out after {timeout:g} s; the graph is too large")
    except (OSError, ValueError) as exc:
        return DiagramResult(None, f"could not run Graphviz's dot: {exc}")
    stderr = completed.stderr.decode("utf-8", errors="replace").strip()
    if completed.returncode != 0:
        first = stderr.splitlines()[0] if stderr else f"exit status {completed.returncode}"
        return DiagramResult(None, f"dot failed: {shorten(first, 300)}")
    svg = completed.stdout.decode("utf-8", errors="replace")
    if "<svg" not in svg:
        return DiagramResult(None, "dot produced no SVG")
    return DiagramResult(svg, None)
