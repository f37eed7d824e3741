"""The editing and review commands of the CLI: `outcomes fmt`, `new`, `diff` (and `init`).

Kept beside cli.py, which registers them with `add_parsers` and runs them with
`HANDLERS`; each handler returns the exit code (0 done, 1 problems, 2 usage or I/O error).
The folders come from the flags and mkdocs.yml as for every command (`cli_options`).

Each handler imports what its command needs: the diff machinery and the formatter took
0.10 s to import, which `outcomes validate` paid without using them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, TextIO

from outcomes.adapters import cli_starter
from outcomes.adapters.cli_options import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    FOLDERS,
    add_command,
    add_setting_flags,
    project_root,
    project_settings,
)
from outcomes.adapters.formats import format_diagnostics
from outcomes.edit.scaffold_kinds import KINDS
from outcomes.load.project import Layout
from outcomes.pipeline import project_layout

ABOUT = {
    "fmt": (
        "Rewrite every roadmap file in the canonical layout (key order, indentation, "
        "quoting), keeping comments; --check only reports, for CI.",
        "outcomes fmt --check",
    ),
    "new": (
        "Scaffold an entity in the file where it belongs, with every field explained "
        "in a comment; the texts to replace are reported by `validate` until they are.",
        "outcomes new theme search\n  outcomes new hypothesis synonyms --theme search\n"
        "  outcomes new okr 2027-Q1",
    ),
    "import": (
        "Write Outcomes themes, hypotheses and teams from another roadmap tool's "
        "file, with a report of what did not map; refuses to overwrite.",
        "outcomes import sierra roadmap.yml --out .",
    ),
    "diff": (
        "Summarise what changed in the roadmap between two git revisions: themes, "
        "hypotheses, targets, dates and new or changed measurements, with their units.",
        "outcomes diff origin/main\n  outcomes diff v1.0 v1.1 --format json",
    ),
}


def _command(commands: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    return add_command(commands, name, help_text, ABOUT[name])


def add_parsers(commands: Any) -> None:
    """Register the editing commands on the `outcomes` sub-command parser."""
    cli_starter.add_parser(commands)  # init
    fmt = _command(commands, "fmt", "write every roadmap file in the canonical layout")
    fmt.add_argument("dir", nargs="?", default=".",
                     help="project root, or a folder inside it (default: .)")  # fmt: skip
    fmt.add_argument(
        "--check", action="store_true",
        help="change nothing; exit 1 if a file would change (default: rewrite the files)",
    )  # fmt: skip
    add_setting_flags(fmt, FOLDERS)

    new = _command(commands, "new", "scaffold a theme, hypothesis, KPI, journey, OKRs or team")
    new.add_argument("kind", choices=KINDS, metavar="KIND", help=" | ".join(KINDS))
    new.add_argument("id", metavar="ID", help="id of the new entity (a period for okr)")
    new.add_argument("dir", nargs="?", default=".",
                     help="project root, or a folder inside it (default: .)")  # fmt: skip
    new.add_argument("--theme", help="theme of a new hypothesis (required for one; default: none)")
    add_setting_flags(new, FOLDERS)

    diff = _command(
        commands, "diff", "summarise what changed in the roadmap between two git revisions"
    )
    diff.add_argument("base", metavar="BASE", help="git revision to compare from")
    diff.add_argument(
        "head", metavar="HEAD", nargs="?", help="git revision to compare to (default: working tree)"
    )
    diff.add_argument("--dir", default=".", help="project root inside the repository (default: .)")
    diff.add_argument(
        "--format", choices=("markdown", "json"), default="markdown",
        help="markdown, for a pull-request comment, or json (default: markdown)",
    )  # fmt: skip
    add_setting_flags(diff, FOLDERS)

    imported = _command(
        commands, "import", "write Outcomes files from another roadmap tool's YAML file"
    )
    imported.add_argument("tool", choices=IMPORT_FORMATS, help=" | ".join(IMPORT_FORMATS))
    imported.add_argument("file", metavar="FILE", help="the tool's roadmap file")
    imported.add_argument("--out", default=".", help="project folder to write (default: .)")


IMPORT_FORMATS = ("sierra", "uroflavin")


def _import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`outcomes import TOOL FILE`: write the files, then the report of what did not map."""
    from pathlib import Path

    from outcomes.edit.importers.sierra import import_sierra
    from outcomes.edit.importers.uroflavin import import_uroflavin
    from outcomes.edit.importers.written import Refused, write

    source = Path(args.file)
    try:
        raw = source.read_bytes()
    except OSError as exc:
        err.write(f"outcomes import: cannot read {source}: {exc.strerror}\n")
        return EXIT_USAGE
    importer = import_uroflavin if args.tool == "uroflavin" else import_sierra
    imported, problems = importer(raw, args.file)
    if imported is None:
        err.write(format_diagnostics(problems, "text"))
        return EXIT_PROBLEMS
    try:
        written = write(imported, Path(args.out))
    except Refused as exc:
        names = ", ".join(str(p) for p in exc.paths)
        err.write(f"outcomes import: refusing to overwrite {names}; nothing was written\n")
        return EXIT_USAGE
    for path in written:
        out.write(f"wrote {path}\n")
    counts = ", ".join(f"{n} {kind}" for kind, n in imported.counts.items())
    out.write(f"imported {counts} from {args.file}\n")
    out.write("report (what did not map, or mapped with a loss):\n")
    out.writelines(f"  - {line}\n" for line in imported.report)
    out.write("next: write each hypothesis's outcome (will_result_in) and the themes' KPIs, "
              "then run `outcomes validate --strict`\n")  # fmt: skip
    return EXIT_OK


def _layout(args: argparse.Namespace) -> Layout:
    return project_layout(project_root(args), project_settings(args))


def _fmt(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from outcomes.edit.fmt import format_project

    layout = _layout(args)
    report = format_project(layout, write=not args.check)
    verb = "would reformat" if args.check else "reformatted"
    for path in report.changed:
        out.write(f"{verb} {path}\n")
    out.write(format_diagnostics(report.diagnostics, "text"))
    failed = bool(report.diagnostics) or (args.check and bool(report.changed))
    return EXIT_PROBLEMS if failed else EXIT_OK


def _new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from outcomes.edit.scaffold import ScaffoldError, scaffold

    layout = _layout(args)
    try:
        done = scaffold(layout, args.kind, args.id, args.theme)
    except ScaffoldError as exc:
        err.write(f"outcomes new: {exc}\n")
        return EXIT_USAGE
    for path, what in done.written:
        out.write(f"{what} {path}\n")
    return EXIT_OK


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from outcomes.changes.between import diff_revisions
    from outcomes.changes.report import render_json, render_markdown
    from outcomes.history.git import GitError

    layout = _layout(args)
    try:
        diff = diff_revisions(layout, args.base, args.head)
    except GitError as exc:
        err.write(f"outcomes diff: {exc}\n")
        return EXIT_USAGE
    out.write(render_json(diff) if args.format == "json" else render_markdown(diff))
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "fmt": _fmt,
    "new": _new,
    "diff": _diff,
    "init": cli_starter.run_init,
    "import": _import,
}
