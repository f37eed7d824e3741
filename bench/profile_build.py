"""Where the time of `mkdocs build` with the outcomes plugin goes: pyinstrument, by stage.

    python bench/profile_build.py [--hypotheses 1000] [--seed 0] [--plain] [--html FILE]
                                  [--save FILE | --load FILE] [--smoke]

Builds site A of the `build` case (the synthetic roadmap with the plugin; `--plain`: site
B, which `bench/run.py --cases build` must have prepared) once, in this process, under
pyinstrument (1 ms sampling, wall clock), and prints the time of each stage: the
plugin's `on_files` and inside it `analyse`, `render_site` (charts, diagrams and their
`dot` subprocesses, Jinja, user Markdown, roadmap.json) and `File.generated`, then
MkDocs' own stages. A stage counts the outermost call of its function only (no double
counting of recursion); nested stages are part of the stage above them. `--html`
also writes pyinstrument's interactive report; `--save` keeps the session and `--load`
prints the stages of a saved one without building again.

Sampling adds overhead to Python-heavy code, so compare shares, not absolute times,
with the figures of `bench/run.py`.

`--smoke` profiles a tiny roadmap (N=20) generated into a temporary folder: a test runs
it, so the script keeps working when `run.py` changes (it once crashed on a new field of
`run.Context`).
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402  (beside this script)
import synth  # noqa: E402

SMOKE_HYPOTHESES = 20


@dataclass(frozen=True)
class Stage:
    label: str
    functions: tuple[str, ...]  # function names, any of them; () any function of the file
    path: str  # the file's path ends with this
    under: str | None = None  # counted only inside this stage (its label)

    def matches(self, frame: Any) -> bool:
        path = (frame.file_path or "").replace("\\", "/")
        if not path.endswith(self.path):
            return False
        return not self.functions or frame.function in self.functions


PLUGIN = "plugin: on_files (the plugin's work)"
RENDER = "  render_site"
BUILD = "mkdocs: build() in all"
POPULATE = "mkdocs: pages' Markdown (_populate_page)"
PAGE = "mkdocs: pages' HTML (_build_page)"
CONVERT = "  Markdown.convert"
STAGES = (
    Stage(BUILD, ("build",), "mkdocs/commands/build.py"),
    Stage(PLUGIN, ("on_files",), "outcomes/adapters/mkdocs_plugin.py"),
    Stage("  analyse (load + model)", ("analyse",), "outcomes/pipeline.py"),
    Stage("    load: YAML, schemas, CSV", ("load",), "outcomes/load/project.py"),
    Stage("    build_model", ("build_model",), "outcomes/model/build.py"),
    Stage(RENDER, ("render_site",), "outcomes/render/site.py"),
    Stage(
        "    charts (render_chart_block)", ("render_chart_block",), "outcomes/render/charts/svg.py"
    ),
    Stage("      chart SVG", ("render_chart", "_render_svg"), "outcomes/render/charts/svg.py"),
    Stage(
        "      data table", ("render_data_table", "_render_table"), "outcomes/render/charts/svg.py"
    ),
    Stage(
        "    diagrams: journey DOT text", ("journey_dot",), "outcomes/render/diagrams/journey.py"
    ),
    Stage(
        "    diagrams: traceability DOT text",
        ("traceability_dot",),
        "outcomes/render/diagrams/traceability.py",
    ),
    Stage(
        "    diagrams: dot subprocess (render_svg)",
        ("render_svg",),
        "outcomes/render/diagrams/runner.py",
    ),
    Stage("    diagrams: embeddable_svg", ("embeddable_svg",), "outcomes/render/diagrams/svg.py"),
    Stage(
        "    Jinja: Template.render (with filters)",
        ("render",),
        "jinja2/environment.py",
        under=RENDER,
    ),
    Stage(
        "      user Markdown + nh3 (markdown_html)",
        ("markdown_html",),
        "outcomes/render/text.py",
        under=RENDER,
    ),
    Stage(
        "    Jinja: get_template (load, compile)",
        ("get_template",),
        "jinja2/environment.py",
        under=RENDER,
    ),
    Stage("    roadmap.json (export_json)", ("export_json",), "outcomes/render/export.py"),
    Stage("  File.generated", ("generated",), "mkdocs/structure/files.py", under=PLUGIN),
    Stage("  _set_nav", ("_set_nav",), "outcomes/adapters/mkdocs_plugin.py"),
    Stage(POPULATE, ("_populate_page",), "mkdocs/commands/build.py"),
    Stage(CONVERT, ("convert",), "markdown/core.py", under=POPULATE),
    Stage(
        "    raw HTML blocks split out by md_in_html",
        (),
        "markdown/extensions/md_in_html.py",
        under=CONVERT,
    ),
    Stage(
        "    raw HTML blocks split out (no md_in_html)",
        (),
        "markdown/preprocessors.py",
        under=CONVERT,
    ),
    Stage(
        "    raw HTML scanned for anchors, links (mkdocs)",
        (),
        "mkdocs/structure/pages.py",
        under=CONVERT,
    ),
    Stage("    of which html.parser (both scans)", (), "html/parser.py", under=CONVERT),
    Stage("    block parser", (), "markdown/blockparser.py", under=CONVERT),
    Stage("    inline patterns", (), "markdown/treeprocessors.py", under=CONVERT),
    Stage("    toc", (), "markdown/extensions/toc.py", under=CONVERT),
    Stage("    serializing (etree to HTML)", (), "markdown/serializers.py", under=CONVERT),
    Stage(
        "    raw HTML put back (postprocessors)", (), "markdown/postprocessors.py", under=CONVERT
    ),
    Stage(PAGE, ("_build_page",), "mkdocs/commands/build.py"),
    Stage(
        "  material search: parse page HTML (on_page_context)",
        ("on_page_context",),
        "material/plugins/search/plugin.py",
        under=PAGE,
    ),
    Stage("  Jinja: theme templates", ("render",), "jinja2/environment.py", under=PAGE),
    Stage("  writing the file", ("write_file",), "mkdocs/utils/__init__.py", under=PAGE),
    Stage("mkdocs: get_navigation", ("get_navigation",), "mkdocs/structure/nav.py"),
    Stage(
        "material: search index (on_post_build)",
        ("on_post_build",),
        "material/plugins/search/plugin.py",
    ),
    Stage("mkdocs: copy static files (copy_file)", ("copy_file",), "mkdocs/structure/files.py"),
)


def stage_times(root: Any) -> dict[str, float]:
    """Seconds per stage: the outermost matching frames' times, inside `under` if given."""
    totals = dict.fromkeys((s.label for s in STAGES), 0.0)
    stack: list[tuple[Any, frozenset[str]]] = [(root, frozenset())]
    while stack:
        frame, active = stack.pop()
        entered = set(active)
        for stage in STAGES:
            if stage.label in active or not stage.matches(frame):
                continue
            if stage.under is not None and stage.under not in active:
                continue
            totals[stage.label] += frame.time
            entered.add(stage.label)
        now = frozenset(entered)
        stack.extend((child, now) for child in frame.children)
    return totals


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Profile mkdocs build with the plugin.")
    parser.add_argument("--hypotheses", type=int, default=1000, help="roadmap size (1000)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (0)")
    parser.add_argument("--plain", action="store_true", help="profile site B instead")
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML report")
    saved = parser.add_mutually_exclusive_group()
    saved.add_argument("--save", type=Path, help="also save the pyinstrument session here")
    saved.add_argument("--load", type=Path, help="print the stages of a saved session")
    parser.add_argument(
        "--smoke", action="store_true", help=f"N={SMOKE_HYPOTHESES} in a temporary folder"
    )
    args = parser.parse_args(argv)
    if args.smoke and args.plain:
        parser.error("--smoke profiles site A only")
    if args.load:
        from pyinstrument.session import Session

        report(Session.load(str(args.load)), str(args.load), None)
        return 0

    hypotheses = SMOKE_HYPOTHESES if args.smoke else args.hypotheses
    ctx = run.Context(hypotheses=hypotheses, scale_hypotheses=hypotheses, repeat=1,
                      seed=args.seed, warmup=False, cache=None if args.smoke else HERE / "out",
                      verbose=True)  # fmt: skip
    try:
        return profile(ctx, args, parser)
    finally:
        ctx.cleanup()


def profile(ctx: run.Context, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Build site A (or B) of `ctx`'s roadmap once under pyinstrument and report it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from pyinstrument import Profiler

    root = ctx.project(ctx.hypotheses)
    if args.plain:
        config_file = root / run.PLAIN_DIR / "mkdocs.yml"
        if not config_file.exists():
            parser.error(f"no site B in {root}: run bench/run.py --cases build first")
    else:
        synth.write_site(root)
        config_file = root / "mkdocs.yml"
    logging.getLogger("mkdocs").addHandler(logging.NullHandler())  # no warnings printed
    site_dir = Path(tempfile.mkdtemp(prefix="outcomes-profile-site-"))
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        profiler = Profiler(interval=0.001)
        started, cpu = time.perf_counter(), time.process_time()
        profiler.start()
        build(config, dirty=False)
        profiler.stop()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        config.plugins.on_shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    session = profiler.last_session
    if session is None:
        raise SystemExit("pyinstrument recorded nothing")
    report(session, f"{config_file}: build() {wall:.2f} s wall, {cpu:.2f} s CPU", wall)
    if args.save:
        session.save(str(args.save))
        print(f"wrote {args.save}")
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
        print(f"wrote {args.html}")
    return 0


def report(session: Any, title: str, wall: float | None) -> None:
    """Print the time and share of the build of every stage."""
    frame = session.root_frame()
    if frame is None:
        raise SystemExit("pyinstrument recorded nothing")
    totals = stage_times(frame)
    whole = totals[BUILD] or wall or 1.0
    print(f"{title} (under pyinstrument)")
    width = max(len(s.label) for s in STAGES)
    for stage in STAGES:
        seconds = totals[stage.label]
        print(f"{stage.label.ljust(width)}  {seconds:7.2f} s  {100 * seconds / whole:5.1f} %")


if __name__ == "__main__":
    sys.exit(main())
