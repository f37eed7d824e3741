"""Outcomes benchmarks: each case against its floor, side by side, in fresh processes.

    python bench/run.py [--hypotheses 1000] [--scale-hypotheses 10000] [--repeat 3] [--seed 0]
                        [--cases validate,build,scale,rebuild,recipes,history] [--smoke] [--check]
                        [--json FILE]

The synthetic roadmap (`bench/synth.py`) is generated once per parameters into
`bench/out/n<N>-s<seed>-<generator hash>/` and reused; `--no-cache` (and `--smoke`)
use a temporary folder instead.

Every sample runs in a new interpreter (`bench/child.py`), so no import, parse result or
cache survives between samples; A and B alternate (A B, B A, A B, ...) after one untimed
warm-up of each, so drift of the machine hits both alike. Reported per side: the median
time of the work inside the child (excluding interpreter start-up and imports), the
median whole-process wall time, the import time and the peak RSS.

Cases are listed in `CASES`; a case is a function `(Context) -> list[Row]`. To add one,
write the child task in `child.py` and a case function here, and list it. `--cases
validate,build` runs only the cases named. By default every case runs: validate against
the libyaml floor, the plugin build against a plain build, both at 10x the roadmap
against 1x, the plugin's share of a `mkdocs serve` rebuild, KPI recipes against a
hand-written GROUP BY, and the build of the roadmap in a git repository of 200 commits
with its history against `history: false`.

Exit status: 0 when every case ran (missed goals are reported, not failed, unless
`--check`), 1 when something crashed or the synthetic project did not validate.
`--smoke` (N=40 and 80, one sample, no warm-up, every case) is what CI runs to keep this
script working.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

HERE = Path(__file__).resolve().parent
CHILD = HERE / "child.py"
sys.path.insert(0, str(HERE))

import child  # noqa: E402  (beside this script too)
import synth  # noqa: E402  (the generator sits beside this script)

SMOKE_HYPOTHESES = 40
CHILD_TIMEOUT_S = 600


class BenchError(Exception):
    """Something crashed: a child failed, or the synthetic project is not valid."""


# -- samples ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """One child task: `python bench/child.py NAME ROOT *args`, shown as `label`.

    With `command`, a whole process instead: `command(ROOT)` run as it is, timed from
    outside only (start-up, imports, work and exit: what pre-commit and CI pay).
    """

    name: str
    label: str
    args: tuple[str, ...] = ()
    command: Callable[[Path], list[str]] | None = None


@dataclass(frozen=True)
class Sample:
    work_s: float  # the work, timed inside the child (wall clock)
    work_cpu_s: float  # CPU time of the same work
    import_s: float  # imports of the child's task, timed inside the child
    process_s: float  # the whole process, timed by the parent
    peak_rss_kib: int
    detail: str
    facts: dict[str, str] = field(default_factory=dict)


def run_child(task: Task, root: Path) -> Sample:
    """Run one task in a fresh interpreter and return its figures."""
    if task.command is not None:
        return run_process(task, root)
    command = [sys.executable, str(CHILD), task.name, str(root), *task.args]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S, env=env
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"{task.label}: timed out after {CHILD_TIMEOUT_S} s") from exc
    process_s = time.perf_counter() - started
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise BenchError(
            f"{task.label}: child exited {done.returncode}\n{done.stderr.strip()[-2000:]}"
        )
    figures = json.loads(lines[-1])
    if figures["exit"] != 0:
        raise BenchError(f"{task.label}: exit {figures['exit']} on {root}: {figures['detail']}")
    return Sample(
        work_s=figures["work_s"],
        work_cpu_s=figures["work_cpu_s"],
        import_s=figures["import_s"],
        process_s=process_s,
        peak_rss_kib=figures["peak_rss_kib"],
        detail=figures["detail"],
        facts=figures.get("facts", {}),
    )


def run_process(task: Task, root: Path) -> Sample:
    """Run a whole command and return its wall time, CPU time and peak RSS (`wait4`), as
    `bench/spawner.py` measures them.

    Its output goes to temporary files, so nothing but the process itself is timed;
    `detail` is its last line of output.
    """
    assert task.command is not None
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as folder:
        out, err = Path(folder) / "out", Path(folder) / "err"
        figures = Spawner.get().run(task.command(root), env, out, err, CHILD_TIMEOUT_S)
        lines = out.read_text(encoding="utf-8").strip().splitlines()
        problems = err.read_text(encoding="utf-8").strip()
    code = os.waitstatus_to_exitcode(int(figures["status"]))
    if code != 0:
        raise BenchError(f"{task.label}: exited {code} on {root}\n{problems[-2000:]}")
    detail = lines[-1] if lines else ""
    wall = float(figures["wall"])
    return Sample(wall, float(figures["cpu"]), 0.0, wall, int(figures["maxrss_kib"]), detail)


class Spawner:
    """`bench/spawner.py`, started once and asked to run each whole-process sample."""

    _running: Spawner | None = None

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "spawner.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    @classmethod
    def get(cls) -> Spawner:
        if cls._running is None or cls._running.process.poll() is not None:
            cls._running = Spawner()
        return cls._running

    @classmethod
    def stop(cls) -> None:
        if cls._running is not None:
            assert cls._running.process.stdin is not None
            cls._running.process.stdin.close()
            cls._running.process.wait()
            cls._running = None

    def run(
        self, argv: Sequence[str], env: dict[str, str], out: Path, err: Path, timeout: float
    ) -> dict[str, float | int]:
        assert self.process.stdin is not None and self.process.stdout is not None
        request = {"argv": list(argv), "env": env, "stdout": str(out), "stderr": str(err),
                   "timeout": timeout}  # fmt: skip
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        reply = self.process.stdout.readline()
        if not reply:
            raise BenchError(f"bench/spawner.py ended while running {argv[0]}")
        figures: dict[str, float | int] = json.loads(reply)
        return figures


@dataclass
class Side:
    """Every sample of one side of a comparison, with the medians reported.

    `whole`: the samples are whole processes (`Task.command`); work is the process.
    """

    label: str
    samples: list[Sample] = field(default_factory=list)
    whole: bool = False

    @property
    def work(self) -> float:
        return statistics.median(s.work_s for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.work_cpu_s for s in self.samples)

    @property
    def process(self) -> float:
        return statistics.median(s.process_s for s in self.samples)

    @property
    def imports(self) -> float:
        return statistics.median(s.import_s for s in self.samples)

    @property
    def peak_rss_mib(self) -> float:
        return max(s.peak_rss_kib for s in self.samples) / 1024

    @property
    def rss_mib(self) -> float:
        """The median of the samples' peak RSS."""
        return statistics.median(s.peak_rss_kib for s in self.samples) / 1024

    @property
    def spread(self) -> tuple[float, float]:
        works = [s.work_s for s in self.samples]
        return min(works), max(works)


def compare(
    ctx: Context,
    a: Task,
    b: Task,
    root: Path,
    root_b: Path | None = None,
    warmup: Sequence[tuple[Task, Path]] | None = None,
) -> tuple[Side, Side]:
    """Samples of A and B alternated (AB, BA, AB, ...) after one untimed warm-up each.

    B runs on `root_b` when given (the scaling case: the same task on two roadmaps).
    `warmup` replaces the warm-up runs (when one of A would take minutes).
    """
    side_a = Side(a.label, whole=a.command is not None)
    side_b = Side(b.label, whole=b.command is not None)
    roots = {id(side_a): root, id(side_b): root_b or root}
    if ctx.warmup:
        for task, where in warmup if warmup is not None else ((a, root), (b, root_b or root)):
            run_child(task, where)
    for i in range(ctx.repeat):
        order = ((a, side_a), (b, side_b)) if i % 2 == 0 else ((b, side_b), (a, side_a))
        for task, side in order:
            side.samples.append(run_child(task, roots[id(side)]))
            ctx.progress(f"  {side.label}: {side.samples[-1].work_s:.3f} s")
    return side_a, side_b


# -- rows and cases --------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table: A against B, their ratio and the goal it must meet.

    `metric` "time" compares the median work time; "rss" the median peak RSS of the
    same samples (a memory row reuses the sides of a time row: no extra runs).
    """

    case: str
    n: int | str
    a: Side
    b: Side
    goal: float | None  # A/B must be at most this; None: reported only
    metric: Literal["time", "rss"] = "time"
    percent: bool = False  # A is a part of B: show A/B as a share

    def value(self, side: Side) -> float:
        return side.work if self.metric == "time" else side.rss_mib

    def shown(self, side: Side) -> str:
        return f"{side.work:.3f} s" if self.metric == "time" else f"{side.rss_mib:.0f} MiB"

    @property
    def ratio(self) -> float:
        b = self.value(self.b)
        return self.value(self.a) / b if b else float("inf")

    @property
    def cpu_ratio(self) -> float | None:
        """The time ratio in CPU time: steadier when other work competes for the CPUs."""
        if self.metric != "time":
            return None
        return self.a.cpu / self.b.cpu if self.b.cpu else float("inf")

    @property
    def passed(self) -> bool | None:
        return None if self.goal is None else self.ratio <= self.goal

    def to_dict(self) -> dict[str, object]:
        def side(s: Side) -> dict[str, object]:
            return {
                "label": s.label,
                "work_median_s": s.work,
                "work_cpu_median_s": s.cpu,
                "process_median_s": s.process,
                "import_median_s": s.imports,
                "peak_rss_mib": s.peak_rss_mib,
                "peak_rss_median_mib": s.rss_mib,
                "samples": [asdict(x) for x in s.samples],
            }

        return {"case": self.case, "n": self.n, "metric": self.metric, "ratio": self.ratio,
                "cpu_ratio": self.cpu_ratio, "goal": self.goal,
                "passed": self.passed, "a": side(self.a), "b": side(self.b)}  # fmt: skip


@dataclass
class Context:
    """What a case needs: parameters, and the synthetic projects (generated once)."""

    hypotheses: int
    scale_hypotheses: int  # the larger roadmap of the scaling case
    repeat: int
    seed: int
    warmup: bool
    cache: Path | None  # None: generate into a temporary folder
    verbose: bool
    _projects: dict[tuple[int, int], Path] = field(default_factory=dict)
    _temporary: list[Path] = field(default_factory=list)

    def progress(self, message: str) -> None:
        if self.verbose:
            print(message, file=sys.stderr, flush=True)

    def project(self, hypotheses: int, commits: int = 0) -> Path:
        """The synthetic project of `hypotheses` hypotheses, generated at most once; with
        `commits`, a git repository of that many commits of edits (`synth.write_history`)."""
        if (hypotheses, commits) in self._projects:
            return self._projects[hypotheses, commits]
        name = f"n{hypotheses}-s{self.seed}" + (f"-git{commits}" if commits else "")
        if self.cache is None:
            root = Path(tempfile.mkdtemp(prefix=f"outcomes-bench-{name}-"))
            self._temporary.append(root)
            self._generate(root, hypotheses, commits)
        else:
            key = hashlib.sha256((HERE / "synth.py").read_bytes()).hexdigest()[:10]
            root = self.cache / f"{name}-{key}"
            if not (root / ".complete").exists():
                shutil.rmtree(root, ignore_errors=True)
                partial = root.with_name(root.name + ".partial")
                shutil.rmtree(partial, ignore_errors=True)
                self._generate(partial, hypotheses, commits)
                (partial / ".complete").write_text("ok\n", encoding="utf-8")
                partial.rename(root)
                self.progress(f"cached in {root}")
            else:
                self.progress(f"reusing {root}")
        self._projects[hypotheses, commits] = root
        return root

    def _generate(self, root: Path, hypotheses: int, commits: int = 0) -> None:
        started = time.perf_counter()
        synth.generate(root, hypotheses, self.seed)
        if commits:
            synth.write_history(root, commits, self.seed)
        self.progress(
            f"generated {hypotheses} hypotheses{f', {commits} commits,' if commits else ''} "
            f"into {root} in {time.perf_counter() - started:.1f} s"
        )

    def cleanup(self) -> None:
        for root in self._temporary:
            shutil.rmtree(root, ignore_errors=True)


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    run: Callable[[Context], list[Row]]


VALIDATE = Task("validate", "A: outcomes validate, main() call")
FLOOR = Task("floor", "B: PyYAML CSafeLoader + csv.reader")
VALIDATE_PROCESS = Task(
    "validate-process",
    "A: outcomes validate, the whole process (console script)",
    command=lambda root: [*outcomes_command(), "validate", str(root),
                          "--as-of", synth.AS_OF.isoformat()],
)  # fmt: skip
FLOOR_PROCESS = Task(
    "floor-process",
    "B: python -c, PyYAML CSafeLoader + csv.reader, the whole process",
    command=lambda root: [sys.executable, "-c", child.FLOOR_SCRIPT, str(root)],
)


def case_validate(ctx: Context) -> list[Row]:
    """`outcomes validate` against the libyaml floor, goal A/B <= 2.0 (issues 2, 7, 12):
    the `main()` call against the floor's work inside fresh interpreters, and the whole
    processes, start-up and imports included, as pre-commit and CI run them."""
    root = ctx.project(ctx.hypotheses)
    a, b = compare(ctx, VALIDATE, FLOOR, root)
    whole_a, whole_b = compare(ctx, VALIDATE_PROCESS, FLOOR_PROCESS, root)
    floor_counts = {s.detail for s in (*b.samples, *whole_b.samples)}
    if len(floor_counts) != 1:
        raise BenchError(f"the two floors read different files: {sorted(floor_counts)}")
    return [
        Row("validate vs libyaml floor", ctx.hypotheses, a, b, goal=2.0),
        Row("  the same, whole processes", ctx.hypotheses, whole_a, whole_b, goal=2.0),
    ]


PLUGIN_BUILD = Task("mkdocs-build", "A: mkdocs build with the outcomes plugin", ("mkdocs.yml",))
PLAIN_BUILD = Task(
    "mkdocs-build", "B: plain mkdocs build of outcomes generate's pages", ("plain/mkdocs.yml",)
)
PLAIN_DIR = "plain"  # site B, inside the synthetic project, rewritten on every run


def compile_bytecode() -> None:
    """Write the bytecode of the package under test, as `pip install` of its wheel does.

    An editable install compiles each module when a process first imports it, and not at
    all under PYTHONDONTWRITEBYTECODE: every sample would then pay for compiling the
    package (about 70 ms of `outcomes validate`), which no installed copy pays, while the
    floors' PyYAML was compiled when it was installed.
    """
    import compileall

    import outcomes

    compileall.compile_dir(Path(outcomes.__file__).parent, quiet=2)


def outcomes_command() -> list[str]:
    """`outcomes` as installed beside this interpreter (the console script), or its module."""
    script = Path(sys.executable).parent / "outcomes"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from outcomes.adapters.cli import run; run()"]


def plugin_nav(out_dir: Path, own: Sequence[str]) -> list[synth.NavEntry]:
    """The nav the plugin gives a site without a `nav:`, made explicit: the roadmap's part
    is the core `Nav` that `outcomes generate` wrote to `OUT_DIR/nav.yml`, then the
    project's own pages, by the same rule the plugin applies (`Nav.in_host_nav`).
    Never a hypothesis or KPI page.
    """
    from ruamel.yaml import YAML

    from outcomes.render.nav import Nav

    written = YAML(typ="safe", pure=True).load((out_dir / "nav.yml").read_text(encoding="utf-8"))
    entries: list[synth.NavEntry] = Nav.parse(written["nav"]).in_host_nav(None, own)
    return entries


def _nav_pages(entries: Sequence[synth.NavEntry]) -> set[str]:
    found: set[str] = set()
    for entry in entries:
        if isinstance(entry, str):
            found.add(entry)
            continue
        for target in entry.values():
            found |= {target} if isinstance(target, str) else _nav_pages(target)
    return found


def prepare_plain(ctx: Context, root: Path) -> Path:
    """Site B: `outcomes generate` writes the pages, then a mkdocs.yml with the plugin's nav.

    Not timed. The project's own `docs/` pages are copied beside the generated ones.
    """
    plain = root / PLAIN_DIR
    shutil.rmtree(plain, ignore_errors=True)
    docs = plain / "docs"
    own_docs = root / "docs"
    own = sorted(p.relative_to(own_docs).as_posix() for p in own_docs.rglob("*.md"))
    board = "board.md" if "index.md" in own else "index.md"
    started = time.perf_counter()
    command = [*outcomes_command(), "generate", str(root), str(docs),
               "--as-of", synth.AS_OF.isoformat(), "--board", board]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S)
    if done.returncode != 0:
        raise BenchError(f"outcomes generate exited {done.returncode}: {done.stderr[-2000:]}")
    ctx.progress(
        f"  outcomes generate: {time.perf_counter() - started:.1f} s, {done.stdout.strip()}"
    )
    nav = plugin_nav(docs, own)
    # Site B holds the pages only: nav.yml and generate's manifest are not site files.
    (docs / "nav.yml").unlink()
    (docs / ".outcomes-manifest").unlink()
    shutil.copytree(own_docs, docs, dirs_exist_ok=True)
    # The plugin leaves every hypothesis and KPI page out of the nav, and nothing else.
    # And the pages of a section listed on an overview page instead (NAV_SECTION_LIMIT).
    folders = ["hypotheses", "kpis"]
    folders += [f for f in ("themes", "journeys", "teams") if (docs / f / "index.md").is_file()]
    not_in_nav = [pattern for f in folders for pattern in (f"/{f}/*.md", f"!/{f}/index.md")]
    # Single pages the plugin keeps out of the nav too: the whole traceability graph.
    kept_out = [uri for uri in ("traceability/all.md",) if (docs / uri).is_file()]
    not_in_nav += [f"/{uri}" for uri in kept_out]
    listed = _nav_pages(nav)
    unlisted = sorted(
        uri for p in docs.rglob("*.md")
        if (uri := p.relative_to(docs).as_posix()) not in listed and uri not in kept_out
        and not (uri.split("/", 1)[0] in folders and uri.count("/") == 1)
    )  # fmt: skip
    if unlisted:
        raise BenchError(f"site B: pages neither in the nav nor not_in_nav: {unlisted[:5]}")
    synth.write_plain_site(plain, nav, not_in_nav, ["assets/outcomes/outcomes.css"])
    return plain


def case_build(ctx: Context) -> list[Row]:
    """`mkdocs build` with the plugin against plain MkDocs + Material on the pages of
    `outcomes generate` with the same nav: goal A/B <= 1.10 in time, <= 1.2 in peak RSS
    (issues 3 and 7)."""
    root = ctx.project(ctx.hypotheses)
    synth.write_site(root)  # A's mkdocs.yml follows the demo's, even in a cached project
    prepare_plain(ctx, root)
    a, b = compare(ctx, PLUGIN_BUILD, PLAIN_BUILD, root)
    for fact in ("nav", "pages"):
        seen_a = {s.facts.get(fact) for s in a.samples}
        seen_b = {s.facts.get(fact) for s in b.samples}
        if len(seen_a | seen_b) != 1:
            raise BenchError(f"A and B differ in {fact}: A {sorted(map(str, seen_a))}, "
                             f"B {sorted(map(str, seen_b))}")  # fmt: skip
    return [
        Row("mkdocs build vs plain build", ctx.hypotheses, a, b, goal=1.10),
        Row("  peak RSS of the same builds", ctx.hypotheses, a, b, goal=1.2, metric="rss"),
    ]


def case_scale(ctx: Context) -> list[Row]:
    """The same work on a 10x larger roadmap: time(10N) / time(N) <= 11 for `outcomes
    validate` and for `mkdocs build` with the plugin (issue 7). Plain MkDocs is not built
    at 10N: no goal needs it, and it would take about 20 minutes a sample.

    The warm-up is one `validate` of each roadmap (it reads every file into the OS
    cache): a warm-up build at 10N would cost minutes and warm nothing else.
    """
    small, large = ctx.project(ctx.hypotheses), ctx.project(ctx.scale_hypotheses)
    n = f"{ctx.scale_hypotheses}/{ctx.hypotheses}"
    factor = f"{ctx.scale_hypotheses / ctx.hypotheses:g}x"
    big_validate = Task("validate", f"A: outcomes validate, N={ctx.scale_hypotheses}")
    small_validate = Task("validate", f"B: outcomes validate, N={ctx.hypotheses}")
    a, b = compare(ctx, big_validate, small_validate, large, small)
    rows = [Row(f"validate, {factor} the roadmap", n, a, b, goal=11.0)]
    synth.write_site(large)
    synth.write_site(small)
    big_build = Task("mkdocs-build", f"A: mkdocs build with the plugin, N={ctx.scale_hypotheses}",
                     ("mkdocs.yml",))  # fmt: skip
    small_build = Task("mkdocs-build", f"B: mkdocs build with the plugin, N={ctx.hypotheses}",
                       ("mkdocs.yml",))  # fmt: skip
    warm = [(VALIDATE, large), (VALIDATE, small)]
    a, b = compare(ctx, big_build, small_build, large, small, warmup=warm)
    return [*rows, Row(f"plugin build, {factor} the roadmap", n, a, b, goal=11.0)]


def case_rebuild(ctx: Context) -> list[Row]:
    """`mkdocs serve` after editing one hypothesis file: the plugin's own share of the
    rebuild <= 10 % (issue 7). One process (as `mkdocs serve`): a first build, then
    `--repeat` rebuilds, each after a new edit; on a copy of the synthetic project."""
    root = ctx.project(ctx.hypotheses)
    with tempfile.TemporaryDirectory(prefix="outcomes-bench-serve-") as folder:
        copy = Path(folder) / "project"
        copy.mkdir()
        for name in ("roadmap", "journeys", "okrs"):
            shutil.copytree(root / name, copy / name)
        synth.write_site(copy)
        task = Task("serve-rebuild", "serve rebuild", ("mkdocs.yml", str(ctx.repeat)))
        sample = run_child(task, copy)
    plugin = Side("A: the plugin's event handlers during a rebuild")
    rebuild = Side("B: the whole rebuild (load_config + build)")
    for wall, cpu, own, own_cpu, _ in json.loads(sample.facts["rebuilds"]):
        plugin.samples.append(Sample(own, own_cpu, 0.0, own, sample.peak_rss_kib, sample.detail))
        rebuild.samples.append(Sample(wall, cpu, sample.import_s, wall, sample.peak_rss_kib,
                                      sample.detail))  # fmt: skip
    return [Row("serve rebuild: plugin's share", ctx.hypotheses, plugin, rebuild, goal=0.10,
                percent=True)]  # fmt: skip


HISTORY_BUILD = Task("mkdocs-build", "A: mkdocs build with history", ("mkdocs.yml",))
NO_HISTORY_CONFIG = "mkdocs-no-history.yml"
NO_HISTORY_BUILD = Task(
    "mkdocs-build", "B: the same build with `history: false`", (NO_HISTORY_CONFIG,)
)
SMOKE_COMMITS = 20


def case_history(ctx: Context) -> list[Row]:
    """`mkdocs build` of the synthetic roadmap in a git repository of 200 commits of edits
    (`synth.write_history`) with the history against the same build with `history:
    false`, goal A/B <= 1.3 (issue 16). Both configs sit in the same project folder."""
    commits = SMOKE_COMMITS if ctx.hypotheses == SMOKE_HYPOTHESES else synth.HISTORY_COMMITS
    root = ctx.project(ctx.hypotheses, commits)
    synth.write_site(root)
    synth.write_site(root, history=False, config_name=NO_HISTORY_CONFIG)
    a, b = compare(ctx, HISTORY_BUILD, NO_HISTORY_BUILD, root)
    pages_a = {s.facts.get("pages") for s in a.samples}
    pages_b = {s.facts.get("pages") for s in b.samples}
    if len(pages_a) != 1 or len(pages_b) != 1:
        raise BenchError(f"builds differ between samples: A {pages_a}, B {pages_b}")
    n = f"{ctx.hypotheses}, {commits} commits"
    return [Row("mkdocs build, history vs history: false", n, a, b, goal=1.3)]


def survey_rows(count: int, seed: int) -> list[tuple[str, int]]:
    """`count` NPS answers spread over 2026, scores 0-10, reproducible by `seed`."""
    rng = random.Random(seed)
    start = datetime.date(2026, 1, 1).toordinal()
    return [(datetime.date.fromordinal(start + rng.randrange(365)).isoformat(), rng.randrange(11))
            for _ in range(count)]  # fmt: skip


def recipe_data(root: Path, count: int, seed: int) -> Path:
    """`root/raw.db` (table survey) and `root/duckdb/raw/survey.csv` with `count` rows, and
    the two projects whose nps KPI reads them; written once."""
    if (root / "done").exists():
        return root
    root.mkdir(parents=True, exist_ok=True)
    rows = survey_rows(count, seed)
    (root / "raw.db").unlink(missing_ok=True)
    with sqlite3.connect(root / "raw.db") as connection:
        connection.execute("create table survey (date text, score integer)")
        connection.executemany("insert into survey values (?, ?)", rows)
    connection.close()
    kpi = ("kpis:\n  - id: nps\n    name: NPS\n    unit: score\n    direction: increase\n"
           "    cadence: monthly\n    source:\n      recipe: nps\n")  # fmt: skip
    sql = "      sql:\n        url: ${RAW_DB}\n        table: survey\n"
    for engine, source in (("sqlite", sql), ("duckdb", "      csv: raw/survey.csv\n")):
        (root / engine / "okrs").mkdir(parents=True, exist_ok=True)
        (root / engine / "okrs" / "kpis.yaml").write_text(kpi + source, encoding="utf-8")
    (root / "duckdb" / "raw").mkdir(exist_ok=True)
    with (root / "duckdb" / "raw" / "survey.csv").open("w", encoding="utf-8") as handle:
        handle.write("date,score\n")
        handle.writelines(f"{date},{score}\n" for date, score in rows)
    (root / "done").touch()
    return root


def case_recipes(ctx: Context) -> list[Row]:
    """The nps recipe over 1,000,000 raw survey rows against a hand-written GROUP BY on
    the same engine (goal A/B <= 1.2), and its peak memory against 1,000 rows (<= 1.2)."""
    big, small = (10_000, 100) if ctx.hypotheses == SMOKE_HYPOTHESES else (1_000_000, 1_000)
    base = Path(tempfile.gettempdir()) if ctx.cache is None else ctx.cache
    big_root = recipe_data(base / f"recipes-{big}-s{ctx.seed}", big, ctx.seed)
    small_root = recipe_data(base / f"recipes-{small}-s{ctx.seed}", small, ctx.seed)
    rows: list[Row] = []
    for engine in ("sqlite", "duckdb"):
        recipe = Task("recipe", f"A: nps recipe on {engine}", (engine,))
        hand = Task("hand-group-by", f"B: hand-written GROUP BY on {engine}", (engine,))
        a, b = compare(ctx, recipe, hand, big_root)
        rows.append(Row(f"nps recipe vs GROUP BY, {engine}", big, a, b, goal=1.2))
        small_side = Side(f"B: nps recipe on {engine}, {small:,} rows")
        small_side.samples = [run_child(recipe, small_root) for _ in range(ctx.repeat)]
        rows.append(Row(f"  peak RSS, {big:,} vs {small:,} rows", engine, a, small_side,
                        goal=1.2, metric="rss"))  # fmt: skip
    return rows


CASES: list[Case] = [
    Case("validate", "outcomes validate against PyYAML CSafeLoader + csv.reader", case_validate),
    Case("build", "mkdocs build with the plugin against a plain build of its pages", case_build),
    Case("scale", "validate and plugin build at 10x the hypotheses against 1x", case_scale),
    Case("rebuild", "the plugin's share of a mkdocs serve rebuild after one edit", case_rebuild),
    Case(
        "recipes",
        "a KPI recipe on 1,000,000 raw rows against a hand-written GROUP BY",
        case_recipes,
    ),
    Case(
        "history",
        "mkdocs build with git history (200 commits) against history: false",
        case_history,
    ),
]


# -- report ----------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def table(rows: Sequence[Row], goals: bool = True) -> str:
    """The rows, then a line per side. Without `goals` (a smoke run, whose sizes say
    nothing about them) the goal and result columns are left out: the rows are
    information, and nothing reads as a failure."""
    header: tuple[str, ...] = ("case", "N", "A median", "B median", "A/B", "goal", "result",
                               "A/B CPU")  # fmt: skip
    lines: list[tuple[str, ...]] = [header]
    for row in rows:
        verdict = {None: "-", True: "PASS", False: "FAIL"}[row.passed]

        def ratio(value: float | None, row: Row = row) -> str:
            if value is None:
                return "-"
            return f"{value * 100:.1f} %" if row.percent else f"{value:.2f}x"

        goal = f"<= {ratio(row.goal)}" if row.goal is not None else "-"
        lines.append((row.case, str(row.n), row.shown(row.a), row.shown(row.b),
                      ratio(row.ratio), goal, verdict, ratio(row.cpu_ratio)))  # fmt: skip
    if not goals:
        lines = [(*line[:5], line[7]) for line in lines]
        header = lines[0]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
           for line in lines]  # fmt: skip
    out.insert(1, "  ".join("-" * w for w in widths))
    out.append("")
    shown: list[Side] = []
    for row in rows:
        if any(row.a is side for side in shown):
            continue  # a memory row of sides already described
        shown += [row.a, row.b]
        for side in (row.a, row.b):
            low, high = side.spread
            if side.whole:
                out.append(
                    f"{side.label}: {side.work:.3f} s (min {low:.3f}, max {high:.3f}; "
                    f"CPU {side.cpu:.3f} s), peak RSS {side.rss_mib:.0f} MiB "
                    f"(max {side.peak_rss_mib:.0f})"
                )
                continue
            out.append(
                f"{side.label}: work {side.work:.3f} s (min {low:.3f}, max {high:.3f}; "
                f"CPU {side.cpu:.3f} s), import {side.imports:.3f} s, "
                f"whole process {side.process:.3f} s, "
                f"peak RSS {side.rss_mib:.0f} MiB (max {side.peak_rss_mib:.0f})"
            )
        details = dict.fromkeys((row.a.samples[-1].detail, row.b.samples[-1].detail))
        out.append(f"  ({'; '.join(details)})")
    return "\n".join(out)


def load_note(warn: bool = True) -> str:
    """The 1-minute load average, with a warning when other work competes for the CPUs
    (unless `warn` is false: a smoke run's timings are information only)."""
    try:
        load = os.getloadavg()[0]
    except OSError:
        return ""
    cores = os.cpu_count() or 1
    busy = "  WARNING: the machine is busy, timings are noisy" if load > 0.5 * cores else ""
    busy = busy if warn else ""
    return f"load average {load:.2f} on {cores} cores{busy}"


# -- entry point -----------------------------------------------------------------------


@contextmanager
def context(args: argparse.Namespace) -> Iterator[Context]:
    ctx = Context(
        hypotheses=SMOKE_HYPOTHESES if args.smoke else args.hypotheses,
        scale_hypotheses=2 * SMOKE_HYPOTHESES if args.smoke else args.scale_hypotheses,
        repeat=1 if args.smoke else args.repeat,
        seed=args.seed,
        warmup=not args.smoke,
        cache=None if (args.smoke or args.no_cache) else args.out,
        verbose=not args.quiet,
    )
    try:
        yield ctx
    finally:
        ctx.cleanup()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Outcomes benchmarks (see docs/performance.md).")
    parser.add_argument("--hypotheses", type=int, default=1000, help="roadmap size (1000)")
    parser.add_argument("--scale-hypotheses", type=int, default=10_000,
                        help="the larger roadmap of the scale case (10000)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3, help="samples per side (3, min 3)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (0)")
    names = [c.name for c in CASES]
    parser.add_argument("--cases", help=f"comma-separated cases to run ({','.join(names)})")
    parser.add_argument("--case", action="append", choices=names,
                        help="run only this case (repeatable; same as --cases)")  # fmt: skip
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"N={SMOKE_HYPOTHESES}, one sample: checks the script still works",
    )
    parser.add_argument("--out", type=Path, default=HERE / "out", help="cache of roadmaps")
    parser.add_argument("--no-cache", action="store_true", help="generate into a temp folder")
    parser.add_argument("--json", type=Path, help="also write every sample to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    if not args.smoke and args.repeat < 3:
        parser.error("--repeat must be at least 3 (medians of fewer samples mislead)")
    wanted = {*(args.case or ()), *(n.strip() for n in (args.cases or "").split(",") if n.strip())}
    if unknown := wanted - set(names):
        parser.error(
            f"unknown case(s) {', '.join(sorted(unknown))}; choose from {', '.join(names)}"
        )
    cases = [c for c in CASES if not wanted or c.name in wanted]
    compile_bytecode()
    rows: list[Row] = []
    try:
        with context(args) as ctx:
            print(f"Outcomes benchmark: N={ctx.hypotheses} hypotheses, median of {ctx.repeat} "
                  f"sample(s) per side, fresh process each; {machine()}", flush=True)  # fmt: skip
            before = load_note(warn=not args.smoke)
            started = time.perf_counter()
            for case in cases:
                ctx.progress(f"case {case.name}: {case.description}")
                case_started = time.perf_counter()
                rows += case.run(ctx)
                ctx.progress(f"case {case.name}: {time.perf_counter() - case_started:.0f} s")
            after = load_note(warn=not args.smoke)
            elapsed = time.perf_counter() - started
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        Spawner.stop()
    print(table(rows, goals=not args.smoke))
    if args.smoke:
        print(f"A smoke run (N={SMOKE_HYPOTHESES}, one sample) checks that the benchmark "
              "runs; its figures are information. The goals apply to `make bench` "
              "(N=1000, docs/performance.md).")  # fmt: skip
    print(f"before: {before}\nafter:  {after}\nthe run took {elapsed / 60:.1f} min")
    if args.json:
        args.json.write_text(json.dumps([r.to_dict() for r in rows], indent=2) + "\n")
    if args.check and not args.smoke and any(r.passed is False for r in rows):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
