"""`outcomes init [DIR]`: a complete starting repository that validates and builds on a fresh clone.

The files are package data in `starter_files/` (real YAML, Markdown and a workflow a reader can
review), with a few `@@name@@` fields filled in here; the measurements CSV, the OKR
period's file name and the JSON Schemas (from `schema/jsonschema.py`, so the modelines
resolve) are made here.

Dates. The starter is dated relative to the day of `init`: eight weekly measurements
ending a week ago, an outcome from the first of them to the end of the next quarter,
the current quarter's OKRs and an experiment that started three weeks ago. A fixed date
would make a starter created a year later look abandoned (every figure `missed`).
The figures are computed for the day of the build (`as_of` is not set in mkdocs.yml,
so the site shows today's progress), so the content must stay free of warnings on
every later day, or `outcomes validate --strict` would start failing on its own:

- every date is on or before the day of `init`, so nothing is ever "in the future";
- the `testing` hypothesis has a `kill` value but its experiment has no `end` and
  there is no `decide_by`: its verdict is `running` and it never becomes overdue (the
  two warnings on hypotheses, `hypothesis-overdue` and `status-contradicted`, need an
  ended experiment or a validated/invalidated status);
- an outcome or key result past its end is `missed`, and a KPI without new rows is
  stale: both are shown on the site but are not warnings.

Install route. requirements.txt and the pre-commit hook name the Outcomes that runs
`init`: installed from a git URL, PEP 610's `direct_url.json` gives the repository and
commit, which are pinned; otherwise (a wheel, a checkout) the version is pinned and a
comment says how to point at the repository, and the hook runs the installed
`outcomes` (`repo: local`).
"""

from __future__ import annotations

import datetime
import importlib.metadata
import importlib.resources
import json
import re
from dataclasses import dataclass
from pathlib import Path

from outcomes.edit.atomic import write_atomically
from outcomes.schema.jsonschema import json_schemas

DISTRIBUTION = "mkdocs-outcomes"
KPI = "week1-invite-rate"
# Package data -> path in the new project (dot files are stored without the dot, which
# setuptools' package-data globs would skip).
_TEMPLATES = {
    "mkdocs.yml": "mkdocs.yml",
    "docs/index.md": "docs/index.md",
    "roadmap/onboarding.yaml": "roadmap/onboarding.yaml",
    "okrs/kpis.yaml": "okrs/kpis.yaml",
    "okrs/teams.yaml": "okrs/teams.yaml",
    "okrs/period.yaml": "okrs/{period}.yaml",
    "journeys/new-team.yaml": "journeys/new-team.yaml",
    "workflow.yml": ".github/workflows/roadmap.yml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "gitignore": ".gitignore",
}
_FIELD = re.compile(r"@@([a-z_]+)@@")
_VALUES = (0.29, 0.30, 0.31, 0.30, 0.32, 0.33, 0.33, 0.35)  # weekly, oldest first


class StarterError(Exception):
    """`init` cannot write the starter (exit code 2); the message says why."""


@dataclass(frozen=True)
class InstallRoute:
    """How the project installs Outcomes: a requirements line and the pre-commit repo."""

    requirement: str
    git_url: str | None = None
    commit: str | None = None


def install_route() -> InstallRoute:
    """The route this Outcomes was installed by, when it came from a git URL (PEP 610)."""
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:  # running from a source tree
        return InstallRoute(DISTRIBUTION)
    try:
        direct = json.loads(dist.read_text("direct_url.json") or "{}")
    except ValueError:
        direct = {}
    vcs = direct.get("vcs_info", {}) if isinstance(direct, dict) else {}
    url, commit = direct.get("url") if vcs else None, vcs.get("commit_id")
    if vcs.get("vcs") == "git" and isinstance(url, str) and isinstance(commit, str):
        return InstallRoute(f"{DISTRIBUTION} @ git+{url}@{commit}", url, commit)
    return InstallRoute(f"{DISTRIBUTION}=={dist.version}")


def _quarter(day: datetime.date) -> tuple[str, datetime.date]:
    """The period of `day`'s quarter (`2026-Q4`) and the last day of the next quarter."""
    quarter = (day.month - 1) // 3 + 1
    after_next = quarter + 2
    year = day.year + (after_next - 1) // 4
    first = datetime.date(year, ((after_next - 1) % 4) * 3 + 1, 1)
    return f"{day.year}-Q{quarter}", first - datetime.timedelta(days=1)


def _requirements(route: InstallRoute) -> str:
    if route.git_url:
        return f"# Outcomes, pinned to the commit `outcomes init` ran from.\n{route.requirement}\n"
    return (
        "# Outcomes. Until it is in your package index, install it from its git repository\n"
        '# ("mkdocs-outcomes @ git+<the repository URL>@<tag>") or from a wheel built with\n'
        "# `python -m build` (the path or URL of the .whl file): replace the line below.\n"
        f"{route.requirement}\n"
    )


def _pre_commit_repo(route: InstallRoute) -> str:
    if route.git_url and route.commit:
        return (
            f"  - repo: {route.git_url}\n"
            f"    rev: {route.commit}\n"
            "    hooks:\n"
            "      - id: outcomes-validate\n"
        )
    return (
        "  # Outcomes' repository offers this hook (.pre-commit-hooks.yaml); once you know\n"
        "  # its git URL, use it instead of the local hook below:\n"
        "  #   - repo: <the git URL of Outcomes>\n"
        "  #     rev: <a tag or commit>\n"
        "  #     hooks:\n"
        "  #       - id: outcomes-validate\n"
        "  # The local hook runs the `outcomes` installed from requirements.txt.\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: outcomes-validate\n"
        "        name: outcomes validate\n"
        "        entry: outcomes validate\n"
        "        language: system\n"
        "        pass_filenames: false\n"
        "        require_serial: true\n"
        "        files: ^(roadmap|journeys|okrs)/\n"
    )


def starter_files(today: datetime.date, route: InstallRoute | None = None) -> dict[str, str]:
    """Path in the new project -> text, for every file `init` writes."""
    route = route or install_route()
    period, next_quarter_end = _quarter(today)
    week = datetime.timedelta(days=7)
    dates = [today - week * k for k in range(len(_VALUES), 0, -1)]
    fields = {
        "period": period,
        "outcome_from": dates[0].isoformat(),
        "outcome_by": next_quarter_end.isoformat(),
        "experiment_start": (today - 3 * week).isoformat(),
        "pre_commit_repo": _pre_commit_repo(route).rstrip("\n"),
    }
    package = importlib.resources.files("outcomes.edit") / "starter_files"
    files: dict[str, str] = {}
    for source, target in _TEMPLATES.items():
        text = (package / source).read_text(encoding="utf-8")
        files[target.format(period=period)] = _FIELD.sub(lambda m: fields[m.group(1)], text)
    rows = "".join(f"{d.isoformat()},{v:.2f}\n" for d, v in zip(dates, _VALUES, strict=True))
    files[f"okrs/measurements/{KPI}.csv"] = "date,value\n" + rows
    files["requirements.txt"] = _requirements(route)
    for name, text in json_schemas().items():
        files[f"schemas/{name}"] = text
    return dict(sorted(files.items()))


def init_project(root: Path, today: datetime.date, route: InstallRoute | None = None) -> list[str]:
    """Write the starter into `root`; nothing at all when any of its files exists."""
    files = starter_files(today, route)
    if root.exists() and not root.is_dir():
        raise StarterError(f"{root}: not a directory")
    taken = [path for path in files if (root / path).exists() or (root / path).is_symlink()]
    if taken:
        more = f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""
        raise StarterError(
            f"{root / taken[0]} already exists{more}; `outcomes init` never overwrites a "
            "file: run it in an empty folder"
        )
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text)
    return list(files)
