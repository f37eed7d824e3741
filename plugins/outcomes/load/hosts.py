"""Which host builds the site, as the project's own files show it: a Zensical build that
relies on the `outcomes` plugin gets a site without its roadmap, and no error from Zensical.

Zensical reads mkdocs.yml but silently skips every plugin it does not re-implement, ours
included. `outcomes validate` therefore looks where a project says how it is built — a
`zensical.toml`, or a CI workflow step that runs `zensical build` — and warns when the
plugin is what would put the roadmap in (mkdocs.yml or zensical.toml lists it) and no
step runs `outcomes generate` first. Text is matched line by line, so the warning points
at the line that shows it; nothing is executed or parsed as configuration here.
"""

from __future__ import annotations

import re
from pathlib import Path

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.load.site_config import plugin_entry
from outcomes.settings import SettingsError

_ZENSICAL_BUILD = re.compile(r"\bzensical\s+build\b")
_GENERATE = re.compile(r"\boutcomes\s+generate\b")
_TOML_PLUGIN = re.compile(r"^\s*\[\s*(?:project\.)?plugins\.outcomes\s*\]")
_WORKFLOWS = (".github/workflows", ".gitlab-ci.yml", ".ci")
_HINT = (
    "run `outcomes generate OUT_DIR` before `zensical build`, with `INHERIT: OUT_DIR/nav.yml` "
    "and `docs_dir: OUT_DIR` in the Zensical config (docs/guide/hosts.md)"
)


def zensical_problems(root: Path) -> list[Diagnostic]:
    """A warning for each place that builds with Zensical while relying on the plugin."""
    toml = root / "zensical.toml"
    toml_line = _line_of(toml, _TOML_PLUGIN) if toml.is_file() else None
    try:
        listed = plugin_entry(root) is not None
    except SettingsError:
        listed = False
    if not listed and toml_line is None:
        return []
    workflows = [p for p in _workflow_files(root) if _text(p) is not None]
    generates = any(_GENERATE.search(_text(p) or "") for p in workflows)
    found: list[Diagnostic] = []
    if toml.is_file() and not generates:
        line = toml_line or (1, 1)
        found.append(_warning(toml, root, line, "zensical.toml: Zensical builds this site"))
    for path in workflows:
        text = _text(path) or ""
        at = _line_of(path, _ZENSICAL_BUILD)
        if at is not None and not _GENERATE.search(text):
            found.append(_warning(path, root, at, "this step runs `zensical build`"))
    return found


def _warning(path: Path, root: Path, at: tuple[int, int], what: str) -> Diagnostic:
    return Diagnostic(
        path.relative_to(root).as_posix(), at[0], at[1],
        Severity.WARNING, "zensical-ignores-plugin",
        f"{what}, and Zensical ignores the outcomes plugin: the site would have no roadmap "
        "pages and no error",
        _HINT,
    )  # fmt: skip


def _workflow_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for name in _WORKFLOWS:
        place = root / name
        if place.is_file():
            found.append(place)
        elif place.is_dir():
            found += sorted(p for p in place.rglob("*") if p.is_file() and p.suffix in (
                ".yml", ".yaml", "") )  # fmt: skip
    return found


def _text(path: Path) -> str | None:
    try:
        if path.stat().st_size > 1_000_000:
            return None
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _line_of(path: Path, pattern: re.Pattern[str]) -> tuple[int, int] | None:
    for number, line in enumerate((_text(path) or "").splitlines(), start=1):
        match = pattern.search(line)
        if match is not None:
            return number, match.start() + 1
    return None
