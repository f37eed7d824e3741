"""`outcomes report PERIOD`: the review pack of an OKR period, as HTML or PDF.

The HTML goes to stdout unless `--out FILE` or `--pdf FILE` says where; the PDF is that
same document printed by headless Chromium (`outcomes.adapters.pdf` says why Chromium).
The settings are every other command's: mkdocs.yml's `outcomes` entry, then the flags,
so the pack shows the figures the site shows on the same `as_of` and thresholds.

Jinja, the renderer and the PDF machinery are imported inside the handler: `outcomes
validate` must not pay for them (tests/cli/test_startup.py).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, TextIO

from outcomes.adapters.cli_options import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    FOLDERS,
    MODEL,
    SQL,
    UsageError,
    add_setting_flags,
    project_root,
    project_settings,
)
from outcomes.adapters.formats import format_diagnostics
from outcomes.diagnostics import Severity
from outcomes.pipeline import analyse, project_layout
from outcomes.suggestions import did_you_mean

__all__ = ["add_parser", "report"]


def add_parser(commands: Any) -> None:
    """Register `outcomes report` on the `outcomes` sub-command parser."""
    sub = commands.add_parser(
        "report", help="the review pack of an OKR period: one printable HTML or PDF document",
        description="Write the review pack of one OKR period for a quarterly business "
        "review: objectives, key results with progress and trend, the bets behind them and "
        "their verdicts.",
        epilog="example:\n  outcomes report 2026-Q4 --out review.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    sub.add_argument("period", metavar="PERIOD", help="the OKR period, as in okrs/: 2026-Q4")
    sub.add_argument("dir", nargs="?", default=".", help="project root (default: .)")
    for names in (FOLDERS, SQL, MODEL):
        add_setting_flags(sub, names)
    sub.add_argument("--out", metavar="FILE", help="write the HTML to FILE (default: stdout)")
    sub.add_argument(
        "--pdf", metavar="FILE", help="write the document as PDF to FILE (default: no PDF)"
    )


def report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print or write the review pack (as the audience setting may see it); 1 when the
    roadmap has errors, 2 on misuse."""
    from outcomes.model.audience import for_audience
    from outcomes.render.report import render_report

    settings = project_settings(args)
    root = project_root(args)
    roadmap, diagnostics = analyse(project_layout(root, settings), settings.day(), settings)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        err.write(format_diagnostics(diagnostics, "text"))
        return EXIT_PROBLEMS
    if args.period not in roadmap.okrs:
        raise UsageError(_unknown_period(args.period, sorted(roadmap.okrs), settings.okrs_dir))
    html = render_report(for_audience(roadmap, settings.audience), args.period)
    if args.out is None and args.pdf is None:
        out.write(html)
        return EXIT_OK
    if args.out is not None:
        target = Path(args.out)
        target.write_text(html, encoding="utf-8")
        out.write(f"wrote {target}\n")
    if args.pdf is not None:
        from outcomes.adapters.pdf import PdfError, html_to_pdf

        target = Path(args.pdf)
        if target.is_dir():
            raise UsageError(f"outcomes report: --pdf {args.pdf} is a folder; name a file")
        try:
            html_to_pdf(html, target)
        except PdfError as exc:
            err.write(f"outcomes report: {exc}\n")
            return EXIT_USAGE
        out.write(f"wrote {target}\n")
    return EXIT_OK


def _unknown_period(period: str, known: list[str], okrs_dir: str) -> str:
    """A usage error naming the closest period and every period there is."""
    where = f"no OKR period {period} in {okrs_dir}{os.sep}"
    if not known:
        return f"outcomes report: {where}: the project has no OKRs yet (outcomes new okr {period})"
    hint = did_you_mean(period, known)
    return f"outcomes report: {where}; {hint + ' ' if hint else ''}(periods: {', '.join(known)})"
