"""The `outcomes` command line: `main(argv) -> exit code`, testable without a subprocess.

Exit codes: 0 clean, 1 problems found in the roadmap, 2 usage or I/O error.

Each command imports what only it needs (rendering, export, JSON Schema, `pull`, the
editing commands) inside its handler: `outcomes validate` runs on every commit, and
importing everything took 0.45 s of its 0.47 s on the demo.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from outcomes.adapters import cli_editing, cli_report
from outcomes.adapters.cli_options import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    FOLDERS,
    MODEL,
    SITE,
    SQL,
    UsageError,
    add_command,
    add_setting_flags,
    project_root,
    project_settings,
)
from outcomes.adapters.formats import FORMATS, format_diagnostics, format_text, tool_version
from outcomes.diagnostics import Diagnostic, Severity, sort_diagnostics
from outcomes.output_dir import OutDirError, check_out_dir, write_files
from outcomes.pipeline import analyse, project_layout

if TYPE_CHECKING:
    from outcomes.model.roadmap import Roadmap

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "UsageError", "main", "run"]

NAV_FILE = "nav.yml"


class _Version(argparse.Action):
    """`--version`, looked up only when asked for (the lookup is slow to import)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        sys.stdout.write(f"{parser.prog} {tool_version()}\n")  # like argparse's own action
        parser.exit()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


# What each command does and an example, shown by `outcomes COMMAND --help`.
ABOUT = {
    "validate": (
        "Check every roadmap file, measurement and reference, and print each "
        "problem as path:line:col with its code and a hint. Exit 1 on errors "
        "(and warnings, with --strict).",
        "outcomes validate --strict\n  outcomes validate --format github",
    ),
    "export": (
        "Print the resolved roadmap with every derived figure (progress, status, "
        "verdicts) as JSON, for other tools.",
        "outcomes export --as-of 2026-11-22 > roadmap.json\n  outcomes export --rev main~1",
    ),
    "generate": (
        "Write the site's generated pages as plain Markdown (and nav.yml) into "
        "OUT_DIR, for site generators other than MkDocs.",
        "outcomes generate docs/roadmap --board index.md",
    ),
    "pull": (
        "Run the query of every SQL-sourced KPI and write its values to the KPI's "
        "snapshot CSV, so builds are reproducible and work offline.",
        "ANALYTICS_DB_URL=postgresql://... outcomes pull",
    ),
    "schema": (
        "Write the JSON Schema of every kind of file, for editor autocomplete and inline errors.",
        "outcomes schema --out schemas",
    ),
}


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="outcomes", description="Outcome-based roadmaps as code.",
                     epilog="example:\n  outcomes init my-roadmap && cd my-roadmap && "
                     "outcomes validate\n\nRun `outcomes COMMAND --help` for a command's "
                     "options.", formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="print the version of Outcomes and exit"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return add_command(commands, name, help_text, ABOUT[name])

    def project(sub: argparse.ArgumentParser, *settings: tuple[str, ...]) -> None:
        sub.add_argument("dir", nargs="?", default=".",
                         help="project root, or a folder inside it (default: .)")  # fmt: skip
        for names in (FOLDERS, SQL, *settings):
            add_setting_flags(sub, names)

    validate = command("validate", "check every roadmap file")
    project(validate, MODEL)
    validate.add_argument("--format", choices=FORMATS, default="text",
                          help=f"how to print problems: {' | '.join(FORMATS)} "
                          "(default: text)")  # fmt: skip
    validate.add_argument("--strict", action="store_true",
                          help="warnings fail too (default: only errors fail)")  # fmt: skip

    export = command("export", "print the resolved model with its figures")
    project(export, MODEL)
    export.add_argument("--format", choices=("json",), default="json",
                        help="output format (default: json)")  # fmt: skip
    export.add_argument(
        "--rev", metavar="REV",
        help="the model as it was at this git revision, without a checkout "
        "(default: the working tree)",
    )  # fmt: skip

    generate = command("generate", "write the site's generated pages as plain Markdown")
    project(generate, MODEL, SITE)
    generate.add_argument("out_dir", metavar="OUT_DIR", help="folder to write the pages into")
    generate.add_argument(
        "--board", default="index.md", help="where the board goes (default: index.md)"
    )
    generate.add_argument(
        "--links",
        choices=("page", "source"),
        default="page",
        help="links relative to each built page (MkDocs, ProperDocs) or to its source file, "
        "for hosts that rewrite links in HTML as Zensical does (default: page)",
    )
    pull_command = command(
        "pull", "snapshot SQL-sourced measurements to okrs/measurements/<id>.csv"
    )
    project(pull_command)
    schema = command("schema", "write the JSON Schema of every kind")
    schema.add_argument("--out", default="schemas", help="folder to write (default: schemas)")
    cli_report.add_parser(commands)
    cli_editing.add_parsers(commands)  # init, fmt, new, diff
    return parser


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run one command; the exit code is 0 clean, 1 problems found, 2 usage or I/O error."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        with contextlib.redirect_stdout(out):  # argparse prints --help and --version there
            parser = _parser()
            args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        if args.command is None:  # a bare `outcomes`: what it can do, and a usage error
            out.write(parser.format_help())
            return EXIT_USAGE
        if args.command == "validate":
            return _validate(args, out)
        if args.command == "export":
            return _export(args, out, err)
        if args.command == "generate":
            return _generate(args, out, err)
        if args.command == "schema":
            return _schema(args, out)
        if args.command == "pull":
            return _pull(args, out, err)
        if args.command == "report":
            return cli_report.report(args, out, err)
        if args.command in cli_editing.HANDLERS:
            return cli_editing.HANDLERS[args.command](args, out, err)
        raise UsageError(f"unknown command {args.command}")  # pragma: no cover
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    except UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_USAGE
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        err.write(f"outcomes: {where}{exc.strerror or exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.write("outcomes: interrupted\n")
        return EXIT_USAGE
    except Exception as exc:  # last resort: a bug of ours, never a traceback for users
        import traceback  # only here: 3.7 ms of every run's start-up otherwise

        frame = traceback.extract_tb(exc.__traceback__)[-1]
        err.write(
            f"outcomes: internal error: {type(exc).__name__} at "
            f"{Path(frame.filename).name}:{frame.lineno}; please report it "
            "(set OUTCOMES_DEBUG=1 for the full trace)\n"
        )
        if os.environ.get("OUTCOMES_DEBUG"):
            err.write(traceback.format_exc())
        return EXIT_USAGE


def _failed(diagnostics: Sequence[Diagnostic], strict: bool) -> bool:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(d.severity in failing for d in diagnostics)


def _analyse(args: argparse.Namespace) -> tuple[Roadmap, list[Diagnostic]]:
    settings = project_settings(args)
    layout = project_layout(project_root(args), settings)
    return analyse(layout, settings.day(), settings)


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    from outcomes.load.hosts import zensical_problems
    from outcomes.model.quality import lint

    settings = project_settings(args)
    analysed = analyse(project_layout(project_root(args), settings), settings.day(), settings)
    _spare(analysed)
    diagnostics = [*analysed[1], *zensical_problems(project_root(args))]
    if not any(d.severity is Severity.ERROR for d in diagnostics):
        diagnostics += lint(analysed[0], settings)
    diagnostics = sort_diagnostics(diagnostics)
    failed = _failed(diagnostics, args.strict)
    if args.format == "text" and not failed:
        out.write(format_text(diagnostics, ok=_checked(analysed[0])))
    else:
        out.write(format_diagnostics(diagnostics, args.format))
    return EXIT_PROBLEMS if failed else EXIT_OK


def _checked(roadmap: Roadmap) -> str:
    """What a clean `validate` checked: "ok: 9 themes, 57 hypotheses, 21 KPIs, ..."."""
    counts = ((len(roadmap.themes), "theme", "themes"),
              (len(roadmap.hypotheses), "hypothesis", "hypotheses"),
              (len(roadmap.kpis), "KPI", "KPIs"), (len(roadmap.journeys), "journey", "journeys"),
              (len(roadmap.okrs), "OKR period", "OKR periods"))  # fmt: skip
    return "ok: " + ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from outcomes.model.audience import for_audience
    from outcomes.render.export import export_json

    if args.rev is not None:
        return _export_revision(args, out, err)
    settings = project_settings(args)
    layout = project_layout(project_root(args), settings)
    roadmap, diagnostics = analyse(layout, settings.day(), settings)
    if _failed(diagnostics, strict=False):
        err.write(format_diagnostics(diagnostics, "text"))
        return EXIT_PROBLEMS
    out.write(export_json(for_audience(roadmap, settings.audience)))
    return EXIT_OK


def _export_revision(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`export --rev`: problems are printed as the revision's, under a line naming it."""
    from outcomes.changes.at_revision import model_at
    from outcomes.history.git import GitError
    from outcomes.render.explain import day
    from outcomes.render.export import export_json

    settings = project_settings(args)
    try:
        roadmap, diagnostics, commit, committed = model_at(
            project_root(args), args.rev, settings, settings.as_of
        )
    except GitError as exc:
        raise UsageError(f"outcomes export --rev: {exc}") from None
    if _failed(diagnostics, strict=False):
        err.write(f"at revision {commit[:12]} (committed {day(committed)}):\n")
        err.write(format_diagnostics(diagnostics, "text"))
        return EXIT_PROBLEMS
    out.write(export_json(roadmap))
    return EXIT_OK


def _generate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The plugin's pages (and `nav.yml`) in OUT_DIR, and nothing stale from earlier runs."""
    from outcomes.adapters.progress import Status
    from outcomes.publication import Host, publish

    settings = project_settings(args)
    root = project_root(args)
    target = Path(args.out_dir)
    try:
        check_out_dir(root, settings, target)
    except OutDirError as exc:
        raise UsageError(f"outcomes: {exc}") from None
    status = Status(err)
    publication = publish(root, settings, Host(board=args.board,
                                               source_links=args.links == "source"),
                          progress=status)  # fmt: skip
    status.done()
    err.write(format_diagnostics(publication.diagnostics, "text"))
    if publication.failure is not None:
        return EXIT_PROBLEMS
    files = {page.src_uri: page.content for page in publication.pages}
    if publication.nav.items:
        files[NAV_FILE] = publication.nav.yaml()
    status(f"writing {len(files)} files")
    try:
        report = write_files(target, files)
    except OutDirError as exc:
        raise UsageError(f"outcomes: {exc}") from None
    finally:
        status.done()
    for uri in report.kept:
        err.write(f"outcomes: kept {target / uri}: no longer generated, but changed since\n")
    removed = f", removed {len(report.removed)} stale" if report.removed else ""
    out.write(f"wrote {len(report.written)} files to {target.resolve()}{removed}\n")
    return EXIT_OK


def _pull(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from outcomes.adapters.pull import pull

    settings = project_settings(args)
    layout = project_layout(project_root(args), settings)
    report = pull(layout, settings.sql, progress=err)
    err.write(format_diagnostics(report.diagnostics, "text"))
    for path, rows in report.written:
        out.write(f"wrote {path} ({rows} row{'s' * (rows != 1)})\n")
    if not report.written and not report.diagnostics:
        out.write("no KPI reads from SQL; nothing to pull\n")
    return EXIT_PROBLEMS if _failed(report.diagnostics, strict=False) else EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from outcomes.schema.jsonschema import json_schemas

    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in json_schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        out.write(f"wrote {folder / name}\n")
    return EXIT_OK


# Set by `run()`, for a process that ends after this one command: what `validate` loaded
# is kept here, so it is not freed object by object only for the process to end.
_spared: list[object] | None = None


def _spare(value: object) -> None:
    if _spared is not None:
        _spared.append(value)


def run() -> None:
    """Console-script entry point: one command, then the process ends at once.

    Freeing what a command loaded, tearing the modules down and the collections of
    interpreter shutdown only give back memory the operating system takes back anyway:
    12 ms, 25 ms of a 0.46 s `outcomes validate` at 1,000 hypotheses. So the output is
    flushed and the process exits without them (`os._exit`, as mypy does). When the
    flush fails (a closed pipe), the ordinary exit reports it as before.
    """
    global _spared
    _spared = []
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":  # python -m outcomes.adapters.cli
    run()
