"""One timed task in a fresh interpreter; prints one JSON line with its figures.

    python bench/child.py TASK PROJECT_DIR [ARGS...]

Run by `bench/run.py`, never imported by it, so every sample starts cold: no module,
parse result or cache survives from one sample to the next. The JSON line holds:

- `import_s`: time to import what the task needs (not part of `work_s`);
- `work_s`: wall time of the work itself, excluding interpreter start-up and imports;
- `work_cpu_s`: CPU time of the same work (less sensitive to a busy machine);
- `peak_rss_kib`: peak resident memory of this process since it started (`peak_rss_kib()`);
- `exit`: the task's own exit code (0 when it did what it should);
- `detail`: a short free-form description (counts, output lines);
- `facts`: named values the parent checks (for a build: the digest of its nav).

Add a task by writing a function `(root, args) -> Result` and listing it in `TASKS`.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

YAML_FOLDERS = ("roadmap", "journeys", "okrs")
AS_OF = "2026-11-22"


@dataclass
class Result:
    import_s: float
    work_s: float
    work_cpu_s: float
    exit: int
    detail: str
    peak_rss_kib: int = 0
    facts: dict[str, str] = field(default_factory=dict)


class Clock:
    """Wall and CPU time since the last `lap()`."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        spent = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return spent


def yaml_files(root: Path) -> list[Path]:
    """The YAML files `outcomes validate` reads: every .yaml/.yml under the three folders."""
    found: list[Path] = []
    for folder in YAML_FOLDERS:
        for directory, subdirs, names in os.walk(root / folder):
            subdirs.sort()
            found += [
                Path(directory) / name
                for name in sorted(names)
                if name.lower().endswith((".yaml", ".yml"))
            ]
    return found


def csv_files(root: Path) -> list[Path]:
    """The measurement files of the synthetic projects (default CSV locations)."""
    return sorted((root / "okrs" / "measurements").glob("*.csv"))


def task_validate(root: Path, args: Sequence[str]) -> Result:
    """`outcomes validate ROOT --as-of 2026-11-22`, end to end, through `main(argv)`."""
    import io

    clock = Clock()
    from outcomes.adapters.cli import main

    imported, _ = clock.lap()
    out, err = io.StringIO(), io.StringIO()
    code = main(["validate", str(root), "--as-of", AS_OF, *args], out, err)
    work, cpu = clock.lap()
    summary = (out.getvalue().strip().splitlines() or [""])[-1]
    if code != 0:
        summary += " | " + err.getvalue().strip()[-500:]
    return Result(imported, work, cpu, code, summary)


def task_floor(root: Path, args: Sequence[str]) -> Result:
    """The libyaml floor: PyYAML's CSafeLoader on the same YAML, csv.reader on the CSVs."""
    clock = Clock()
    import csv

    import yaml

    imported, _ = clock.lap()
    documents = 0
    for path in yaml_files(root):
        text = path.read_text(encoding="utf-8")
        yaml.load(text, Loader=yaml.CSafeLoader)
        documents += 1
    rows = 0
    for path in csv_files(root):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += len(list(csv.reader(handle)))
    work, cpu = clock.lap()
    return Result(imported, work, cpu, 0, f"{documents} YAML files, {rows} CSV rows")


# The floor as a whole process, `python -c FLOOR_SCRIPT ROOT`: what `task_floor` reads,
# read the same way, with nothing imported but the standard library and PyYAML (run.py
# checks that both report the same counts).
FLOOR_SCRIPT = """
import csv, os, sys
import yaml
root = sys.argv[1]
documents = rows = 0
for folder in ("roadmap", "journeys", "okrs"):
    for directory, subdirs, names in os.walk(os.path.join(root, folder)):
        subdirs.sort()
        for name in sorted(names):
            if name.lower().endswith((".yaml", ".yml")):
                with open(os.path.join(directory, name), encoding="utf-8") as handle:
                    yaml.load(handle.read(), Loader=yaml.CSafeLoader)
                documents += 1
measurements = os.path.join(root, "okrs", "measurements")
for name in sorted(os.listdir(measurements)) if os.path.isdir(measurements) else ():
    if name.endswith(".csv"):
        with open(os.path.join(measurements, name), encoding="utf-8", newline="") as handle:
            rows += len(list(csv.reader(handle)))
print(f"{documents} YAML files, {rows} CSV rows")
"""


class LogCounter(logging.Handler):
    """Counts MkDocs' warnings and errors (and keeps the first few) instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.first) < 3:
            self.first.append(f"{record.levelname}: {record.getMessage()[:300]}")


def _site_figures(site_dir: Path) -> tuple[int, int, int]:
    """HTML pages, files and bytes of a built site."""
    pages = files = size = 0
    for directory, _, names in os.walk(site_dir):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(directory, name))
            pages += name.endswith(".html")
    return pages, files, size


def task_mkdocs_build(root: Path, args: Sequence[str]) -> Result:
    """`mkdocs build` of `ROOT/ARGS[0]` (a mkdocs.yml) as the CLI runs it; `build()` timed.

    Imports, `load_config` (which imports and configures the plugins) and `on_startup`
    count as `import_s`; `work_s` is the `mkdocs.commands.build.build(config)` call alone.
    The site goes to a temporary folder, removed afterwards. `facts["nav"]` is a digest
    of the nav MkDocs built from (the plugin's nav for A, mkdocs.yml's for B).
    """
    import hashlib
    import shutil
    import tempfile

    clock = Clock()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    counter = LogCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    site_dir = Path(tempfile.mkdtemp(prefix="outcomes-bench-site-"))
    try:
        config = load_config(config_file=str(root / args[0]), site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        imported, _ = clock.lap()
        try:
            build(config, dirty=False)
            work, cpu = clock.lap()
        except Exception as exc:  # Abort, PluginError: the build failed
            work, cpu = clock.lap()
            problem = f"{type(exc).__name__}: {exc}"[-500:]
            return Result(imported, work, cpu, 1, " | ".join([problem, *counter.first]))
        finally:
            config.plugins.on_shutdown()
        pages, files, size = _site_figures(site_dir)
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    nav = json.dumps(config.nav, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(nav.encode()).hexdigest()[:12]
    detail = (
        f"{pages} HTML pages, {files} files, {size / 2**20:.0f} MiB; nav {digest}; "
        f"{counter.count} warnings"
    )
    return Result(imported, work, cpu, 0, detail, facts={"nav": digest, "pages": str(pages)})


class PluginTimer:
    """Wall time spent inside the outcomes plugin's own event handlers.

    Wraps every `on_*` method the plugin's class defines, before MkDocs loads the config
    (MkDocs registers bound methods when it loads the plugin, so wrapping later would
    not be seen). What MkDocs then does with the generated pages is MkDocs' work.
    """

    def __init__(self) -> None:
        self.seconds = 0.0
        self.cpu_seconds = 0.0
        self.depth = 0

    def install(self, cls: type) -> None:
        for name, method in list(vars(cls).items()):
            if name.startswith("on_") and callable(method):
                setattr(cls, name, self._wrap(method))

    def _wrap(self, method: Callable[..., object]) -> Callable[..., object]:
        import functools

        @functools.wraps(method)
        def timed(*args: object, **kwargs: object) -> object:
            self.depth += 1
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self.seconds += time.perf_counter() - started
                    self.cpu_seconds += time.process_time() - cpu

        return timed


EDIT_MARK = " (edited "


def edit_one_hypothesis(root: Path, round_: int) -> str:
    """Change the title of the first hypothesis of the first theme file; returns the file."""
    path = sorted((root / "roadmap").glob("*.yaml"))[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("hypotheses:")
    for i in range(start, len(lines)):
        if lines[i].startswith("    title: "):
            title = lines[i].split(EDIT_MARK, 1)[0]
            lines[i] = f"{title}{EDIT_MARK}{round_})"
            break
    else:
        raise ValueError(f"no hypothesis title in {path}")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path.relative_to(root).as_posix()


def _rss_mib() -> float:
    """Resident memory now (not the peak), from /proc; 0 where there is none."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def task_serve_rebuild(root: Path, args: Sequence[str]) -> Result:
    """`mkdocs serve`'s rebuilds after editing one hypothesis file, in this process.

    `ARGS`: the mkdocs.yml and the number of rebuilds. Does what `mkdocs serve` does
    (`mkdocs/commands/serve.py`, MkDocs 1.6.1): load the config, `on_startup(command=
    "serve")`, set `site_url` to the server's URL and build; then, after each edit, its
    `builder()`: load the config again (new plugin objects) and `build(config,
    serve_url=..., dirty=False)`. The first build is not timed (`import_s`). Each
    rebuild is timed from loading the config to the end of `build`, and the plugin's
    handlers are timed inside it. ROOT is modified: run it on a copy.
    """
    import shutil
    import statistics
    import tempfile

    clock = Clock()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from outcomes import generations
    from outcomes.adapters.mkdocs_plugin import OutcomesPlugin

    timer = PluginTimer()
    timer.install(OutcomesPlugin)
    counter = LogCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    site_dir = Path(tempfile.mkdtemp(prefix="outcomes-bench-serve-"))
    serve_url = "http://127.0.0.1:8000/"
    rounds = int(args[1]) if len(args) > 1 else 3

    def get_config() -> Any:
        config = load_config(config_file=str(root / args[0]), site_dir=str(site_dir))
        config.site_url = serve_url
        return config

    samples: list[tuple[float, float, float, float, float]] = []
    hits = ""
    try:
        config = get_config()
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            build(config, serve_url=serve_url, dirty=False)
            imported, _ = clock.lap()
            for round_ in range(1, rounds + 1):
                edited = edit_one_hypothesis(root, round_)
                timer.seconds = timer.cpu_seconds = 0.0
                clock.lap()
                build(get_config(), serve_url=serve_url, dirty=False)
                wall, cpu = clock.lap()
                samples.append((wall, cpu, timer.seconds, timer.cpu_seconds, _rss_mib()))
                stats = generations.stats()
                hits = ", ".join(f"{name} {h}/{h + m}" for name, (h, m, _) in stats.items()
                                 if h + m)  # fmt: skip
        finally:
            config.plugins.on_shutdown()
    except Exception as exc:  # Abort, PluginError: a build failed
        work, cpu = clock.lap()
        problem = f"{type(exc).__name__}: {exc}"[-500:]
        return Result(0.0, work, cpu, 1, " | ".join([problem, *counter.first]))
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    walls = [s[0] for s in samples]
    detail = (
        f"{rounds} rebuilds after editing {edited}: "
        f"{', '.join(f'{w:.2f} s' for w in walls)}; plugin "
        f"{', '.join(f'{s[2]:.2f} s' for s in samples)}; RSS after each "
        f"{', '.join(f'{s[4]:.0f}' for s in samples)} MiB; cache hits (last) {hits}"
    )
    # Per rebuild: wall, CPU, the plugin's wall, the plugin's CPU, RSS after (MiB).
    facts = {"rebuilds": json.dumps(samples)}
    cpu = statistics.median(s[1] for s in samples)
    return Result(imported, statistics.median(walls), cpu, 0, detail, facts=facts)


def task_recipe(root: Path, args: Sequence[str]) -> Result:
    """The nps recipe over ROOT's raw survey rows on ARGS[0] (`sqlite` or `duckdb`), as a
    build runs it: load the KPI file, then `read_recipe_sources`."""
    clock = Clock()
    from outcomes.load.project import Layout, load
    from outcomes.load.recipe_sources import read_recipe_sources
    from outcomes.parse.libyaml import default_binding

    # What the recipe imports when it first runs, as B's import is outside its work too:
    # the engine's driver (DuckDB; for SQLite, SQLAlchemy's dialect and the recipe's query
    # builder) and the YAML binding that reads the KPI file.
    if args[0] == "duckdb":
        import duckdb  # noqa: F401
    else:
        import sqlalchemy.dialects.sqlite  # noqa: F401

        import outcomes.load.recipe_queries  # noqa: F401
    default_binding()
    imported, _ = clock.lap()
    project = root / args[0]
    sources = load(Layout(project))
    sources = read_recipe_sources(sources, environ={"RAW_DB": f"sqlite:///{root / 'raw.db'}"})
    work, cpu = clock.lap()
    points = sources.measurements["nps"].points if "nps" in sources.measurements else []
    code = 0 if points and not sources.diagnostics else 1
    detail = f"{len(points)} periods, first {points[0] if points else None}"
    return Result(imported, work, cpu, code, detail + " " + repr(sources.diagnostics)[:300])


# The hand-written query a team would write for a monthly NPS, per engine.
HAND_NPS = {
    "sqlite": "select date(date, 'start of month') as month, (sum(score >= 9) - sum(score <= 6))"
    " * 100.0 / count(*) from survey group by month order by month",
    "duckdb": "select date_trunc('month', date) as month, (count(*) filter (score >= 9) -"
    " count(*) filter (score <= 6)) * 100.0 / count(*) from read_csv('{csv}')"
    " group by month order by month",
}


def task_hand_group_by(root: Path, args: Sequence[str]) -> Result:
    """The same NPS as a hand-written GROUP BY on the same engine, straight on its driver."""
    clock = Clock()
    if args[0] == "sqlite":
        import sqlite3

        imported, _ = clock.lap()
        connection = sqlite3.connect(f"file:{root / 'raw.db'}?mode=ro", uri=True)
        rows = connection.execute(HAND_NPS["sqlite"]).fetchall()
    else:
        import duckdb

        imported, _ = clock.lap()
        csv = root / "duckdb" / "raw" / "survey.csv"
        rows = duckdb.connect().execute(HAND_NPS["duckdb"].format(csv=csv)).fetchall()
    work, cpu = clock.lap()
    return Result(imported, work, cpu, 0 if rows else 1, f"{len(rows)} periods, first {rows[0]}")


TASKS: dict[str, Callable[[Path, Sequence[str]], Result]] = {
    "recipe": task_recipe,
    "hand-group-by": task_hand_group_by,
    "validate": task_validate,
    "floor": task_floor,
    "mkdocs-build": task_mkdocs_build,
    "serve-rebuild": task_serve_rebuild,
}


def peak_rss_kib() -> int:
    """This process's peak resident memory in KiB: the kernel's `VmHWM`, which counts from
    the `exec` that started it. `ru_maxrss` does not: Linux carries it over from the
    process that forked this one, and the benchmark's own peak showed as every child's."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # other systems


def main(argv: Sequence[str]) -> int:
    if len(argv) < 2 or argv[0] not in TASKS:
        sys.stderr.write(f"usage: child.py {{{','.join(TASKS)}}} PROJECT_DIR [ARGS...]\n")
        return 2
    result = TASKS[argv[0]](Path(argv[1]), argv[2:])
    result.peak_rss_kib = peak_rss_kib()
    sys.stdout.write(json.dumps(asdict(result)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
