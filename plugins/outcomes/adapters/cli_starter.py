"""`outcomes init [DIR]`: write a starting roadmap repository and say what to do next.

Registered by cli_editing.py beside the other editing commands; the files themselves
come from `edit/starter.py`.
"""

from __future__ import annotations

import argparse
import datetime
import shutil
from pathlib import Path
from typing import Any, TextIO

from outcomes.adapters.cli_options import EXIT_OK, EXIT_USAGE


def add_parser(commands: Any) -> None:
    init = commands.add_parser(
        "init", help="start a roadmap repository: example roadmap, mkdocs.yml, CI, schemas",
        description="Write a complete starting repository: a theme with two hypotheses, a "
        "KPI with measurements, a team, an OKR period, a journey, mkdocs.yml, docs/index.md, "
        "the JSON Schemas, a CI workflow and a pre-commit config. Refuses to overwrite "
        "anything.",
        epilog="example:\n  outcomes init my-roadmap",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    init.add_argument(
        "dir", nargs="?", default=".", help="folder to create it in (default: .; made if missing)"
    )


def _next_steps(root: Path) -> str:
    here = [] if root == Path(".") else [f"  cd {root}"]
    steps = [
        *here,
        "  git init && git add -A && git commit -m 'Start the roadmap'",
        "  pip install -r requirements.txt     # the same Outcomes in CI (see the file)",
        "  outcomes validate --strict",
        "  mkdocs serve --livereload           # preview at http://127.0.0.1:8000",
        "Then replace the example theme, KPI, journey and OKRs with your own, or add more",
        "with `outcomes new theme|hypothesis|kpi|journey|okr|team ID`.",
    ]
    if shutil.which("dot") is None:
        steps.append(
            "Graphviz's `dot` is missing: the journey and traceability diagrams need it "
            "(apt-get install graphviz, brew install graphviz)."
        )
    return "Next steps:\n" + "\n".join(steps) + "\n"


def run_init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from outcomes.edit.starter import StarterError, init_project  # the JSON Schema writer

    root = Path(args.dir)
    try:
        written = init_project(root, datetime.date.today())
    except StarterError as exc:
        err.write(f"outcomes init: {exc}\n")
        return EXIT_USAGE
    for path in written:
        out.write(f"created {(root / path).as_posix()}\n")
    out.write(_next_steps(root))
    return EXIT_OK
