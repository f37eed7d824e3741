"""`outcomes new KIND ID`: a valid entity with a short comment on each field, in the right file.

Themes, journeys and OKR periods get a file of their own; a hypothesis is appended to
its theme's `hypotheses:` list, a KPI to the `kpis:` list of okrs/kpis.yaml (with an
empty measurements CSV beside it) and a team to the `teams:` list of okrs/teams.yaml.
A new file starts with a modeline pointing at `schemas/<kind>.schema.json`; when that
schema is missing (a project that never ran `outcomes schema`), it is written too, so
the editor's autocomplete works at once instead of reporting a schema it cannot find.
Appending inserts lines of text and leaves every other byte of the file as it was
(see `blocks.py` for why not ruamel's round trip).
A scaffold never references anything that may not exist (a new hypothesis is an
`idea` without `measured_by`), so `outcomes validate` stays clean; every result is
validated before it is written, and written atomically.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from outcomes.edit.atomic import write_atomically
from outcomes.edit.blocks import block_end, indent_block, indent_of, item_indent, split_lines
from outcomes.edit.scaffold_kinds import KINDS
from outcomes.load.paths import UnsafePath, resolve_inside
from outcomes.load.project import Layout, Sources, load
from outcomes.parse.yaml_reader import read_yaml
from outcomes.schema import placeholders
from outcomes.schema.common import PERIOD_PATTERN, SLUG_PATTERN
from outcomes.schema.errors import validate_document
from outcomes.schema.journey import Journey
from outcomes.schema.jsonschema import json_schemas
from outcomes.schema.kinds import JOURNEY, KPIS, OKRS, TEAMS, THEME, Kind
from outcomes.schema.kpi import KpiFile
from outcomes.schema.okr import OkrPeriod
from outcomes.schema.team import TeamsFile
from outcomes.schema.theme import Theme
from outcomes.suggestions import did_you_mean

SCHEMAS_DIR = "schemas"


class ScaffoldError(Exception):
    """The entity cannot be created as asked (exit code 2); the message says why."""


@dataclass(frozen=True)
class Scaffolded:
    """Files created or changed, relative to the project root, with a line for each."""

    written: list[tuple[str, str]]  # (path, "created" | "added <kind> 'id' to")


def scaffold(layout: Layout, kind: str, ident: str, theme: str | None = None) -> Scaffolded:
    """Create the entity `ident` of `kind`; raise `ScaffoldError` when it cannot be."""
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    if theme is not None and kind != "hypothesis":
        raise ScaffoldError("--theme is only for `outcomes new hypothesis`")
    if kind == "okr":
        if not re.fullmatch(PERIOD_PATTERN, ident):
            raise ScaffoldError(f"{ident!r} is not a period such as 2027-Q1, 2027-H1 or 2027")
    elif not re.fullmatch(SLUG_PATTERN, ident) or len(ident) > 100:
        raise ScaffoldError(
            f"{ident!r} is not a valid id: use lowercase letters, digits and dashes, "
            "starting with a letter or digit (e.g. setup-checklist)"
        )
    sources = load(layout)
    existing = _Existing(sources)
    if kind == "theme":
        return _new_file(layout, layout.roadmap_dir, ident, THEME, existing.themes, "theme",
                         _theme(ident, existing))  # fmt: skip
    if kind == "journey":
        return _new_file(layout, layout.journeys_dir, ident, JOURNEY, existing.journeys,
                         "journey", _journey(ident))  # fmt: skip
    if kind == "okr":
        return _new_file(layout, layout.okrs_dir, ident, OKRS, existing.periods, "OKR period",
                         _okr(ident, existing))  # fmt: skip
    if kind == "hypothesis":
        return _new_hypothesis(layout, existing, ident, theme)
    if kind == "team":
        return _new_team(layout, sources, existing, ident)
    return _new_kpi(layout, sources, existing, ident)


class _Existing:
    """Ids the project already declares, valid files or not, and the file of each theme."""

    def __init__(self, sources: Sources) -> None:
        invalid = sources.invalid_ids
        self.themes: set[str] = set(invalid.get("theme", set()))
        self.theme_files: dict[str, str] = {}
        self.hypotheses: set[str] = set()
        self.kpis: set[str] = set(invalid.get("KPI", set()))
        self.journeys: set[str] = set()
        self.periods: set[str] = set()
        self.teams: list[str] = []
        self.owners: set[str] = set()  # named by `owner:`, with or without a teams file
        for source in sources.files:
            content = source.content
            if isinstance(content, Theme):
                self.themes.add(content.id)
                self.theme_files[content.id] = source.path
                self.hypotheses.update(h.id for h in content.hypotheses)
                self.owners.add(content.owner or "")
            elif isinstance(content, KpiFile):
                self.kpis.update(k.id for k in content.kpis)
                self.owners.update(k.owner or "" for k in content.kpis)
            elif isinstance(content, Journey):
                self.journeys.add(content.id)
            elif isinstance(content, OkrPeriod):
                self.periods.add(content.period)
                self.owners.update(o.owner or "" for o in content.objectives)
            elif isinstance(content, TeamsFile):
                self.teams.extend(t.id for t in content.teams)
        self.journeys |= {ref.split("/")[0] for ref in invalid.get("journey step", set())}
        self.owners.discard("")


def _refuse_existing(ident: str, what: str, known: set[str]) -> None:
    if ident in known:
        raise ScaffoldError(f"{what} {ident!r} already exists; choose another id")


def _modeline(layout: Layout, folder: str, kind: Kind) -> str:
    here = layout.root / folder
    target = layout.root / SCHEMAS_DIR / kind.schema_file
    relative = PurePosixPath(Path(os.path.relpath(target, here)).as_posix())
    return f"# yaml-language-server: $schema={relative}\n"


def _title(ident: str) -> str:
    return ident.replace("-", " ").capitalize()


def _teams_hint(existing: _Existing) -> str:
    known = f": {', '.join(existing.teams)}" if existing.teams else ""
    return f"  # id of the owning team{known}"


def _theme(ident: str, existing: _Existing) -> str:
    owner = existing.teams[0] if existing.teams else "growth"
    return f"""\
id: {ident}  # also the file name
title: {_title(ident)}  # the theme as an outcome, in one sentence
horizon: later  # now | next | later | done
# owner: {owner}{_teams_hint(existing)}
problem: |  # Markdown: the problem, for whom, what we know
  {placeholders.THEME_PROBLEM}
outcomes: []  # behaviour changes sought, each measured by a KPI, for example:
#  - kpi: week1-invite-rate  # id of a KPI defined under okrs/
#    baseline: 0.38  # optional: else the first measured value on or after `from`
#    target: 0.55
#    from: 2026-07-01  # optional
#    by: 2027-03-31
hypotheses: []  # the bets: add one with `outcomes new hypothesis <id> --theme {ident}`
"""


def _journey(ident: str) -> str:
    return f"""\
id: {ident}  # also the file name
title: {_title(ident)}  # what the journey is
persona: {placeholders.JOURNEY_PERSONA}  # who takes it
stages:  # shown left to right
  - id: discover  # unique within the journey
    title: Discover
    steps:  # in order
      - id: first-step  # hypotheses target it as {ident}/first-step
        title: First step
        actions: []  # what people do
        touchpoints: []  # where they do it
        emotion: 0  # how they feel, -2 .. 2
        boosters: []  # behaviours that predict success
        blockers: []  # behaviours that predict failure
        kpis: []  # ids of KPIs measuring this step
"""


def _okr(period: str, existing: _Existing) -> str:
    kpi = min(existing.kpis) if existing.kpis else "week1-invite-rate"
    return f"""\
period: {period}  # a year (2027), half (2027-H1) or quarter (2027-Q1)
objectives: []  # qualitative goals for the period, for example:
#  - id: first-week-success  # unique within the period
#    title: New teams succeed in their first week
#    themes: []  # ids of the themes serving it
#    key_results:
#      - id: invites  # unique within the objective
#        kpi: {kpi}  # id of the KPI
#        baseline: 0.38  # optional: else the first value in the period
#        target: 0.50
"""


def _hypothesis(ident: str, existing: _Existing) -> str:
    kpi = min(existing.kpis) if existing.kpis else "week1-invite-rate"
    return f"""\
- id: {ident}  # unique across the roadmap
  title: {_title(ident)}  # short name
  status: idea  # idea | planned | testing | validated | invalidated | parked
  we_believe: {placeholders.WE_BELIEVE}  # we believe <this change>
  for: {placeholders.FOR}  # for <these people>
  will_result_in: {placeholders.WILL_RESULT_IN}  # will result in <this>
  # measured_by:  # needed from status `testing` on
  #   kpi: {kpi}  # the KPI that will prove it right or wrong
  #   expect: 0.45  # the value that would prove it right
  # journey_steps: []  # steps it targets, as <journey-id>/<step-id>
  # tags: []
"""


def _kpi(ident: str, layout: Layout, existing: _Existing) -> str:
    owner = existing.teams[0] if existing.teams else "growth"
    return f"""\
- id: {ident}  # unique id of the KPI
  name: {_title(ident)}  # readable name
  description: {placeholders.KPI_DESCRIPTION}  # Markdown
  unit: ratio  # percent | ratio | count | currency | ms | seconds | minutes | hours | days | score
  direction: increase  # increase | decrease: which way is better
  cadence: weekly  # daily | weekly | monthly | quarterly: how often it is measured
  # owner: {owner}{_teams_hint(existing)}
  # measurements: {layout.default_csv(ident)} (date,value[,note]), unless `source:` says
"""


def _check(text: str, relative: str, kind: Kind) -> None:
    """The scaffolded file must be valid; a failure here is a bug of ours."""
    document, problems = read_yaml(text.encode("utf-8"), relative)
    if document is not None:
        problems = validate_document(document, kind.model)[1]
    if problems:
        first = problems[0]
        raise RuntimeError(f"scaffold of {relative} is invalid: {first.code} {first.message}")


def _target(layout: Layout, relative: str, *, new: bool = False) -> Path:
    """Where to write `relative`: inside the project, also after resolving symbolic links.

    A new file's folder is created first; an existing file is resolved as the loader does.
    """
    try:
        if not new:
            return resolve_inside(layout.root, relative)
        folder = PurePosixPath(relative).parent
        (layout.root / folder).mkdir(parents=True, exist_ok=True)
        return resolve_inside_folder(layout.root, folder.as_posix()) / PurePosixPath(relative).name
    except UnsafePath as exc:
        raise ScaffoldError(f"{relative}: {exc}") from None


def resolve_inside_folder(root: Path, folder: str) -> Path:
    real_root = root.resolve()
    real = (real_root / folder).resolve()
    if real != real_root and real_root not in real.parents:
        raise UnsafePath("the folder leads outside the project (through a symbolic link)")
    return real


def _new_file(
    layout: Layout, folder: str, ident: str, kind: Kind, known: set[str], what: str, body: str
) -> Scaffolded:
    _refuse_existing(ident, what, known)
    relative = f"{PurePosixPath(folder)}/{ident}.yaml"
    path = layout.root / relative
    if path.exists() or path.is_symlink() or (layout.root / folder / f"{ident}.yml").exists():
        raise ScaffoldError(f"{relative} already exists; choose another id")
    text = _modeline(layout, folder, kind) + body
    _check(text, relative, kind)
    write_atomically(_target(layout, relative, new=True), text)
    return Scaffolded([(relative, "created"), *_write_schema(layout, kind)])


def _new_hypothesis(
    layout: Layout, existing: _Existing, ident: str, theme: str | None
) -> Scaffolded:
    if theme is None:
        raise ScaffoldError("a hypothesis belongs to a theme: add --theme THEME")
    _refuse_existing(ident, "hypothesis", existing.hypotheses)
    if theme not in existing.theme_files:
        if theme in existing.themes:
            raise ScaffoldError(
                f"theme {theme!r} has problems; fix them first (`outcomes validate`)"
            )
        hint = did_you_mean(theme, existing.themes)
        raise ScaffoldError(f"unknown theme {theme!r}" + (f"; {hint}" if hint else ""))
    relative = existing.theme_files[theme]
    _append_item(layout, relative, "hypotheses", _hypothesis(ident, existing), THEME)
    return Scaffolded([(relative, f"added hypothesis {ident!r} to")])


def _new_kpi(layout: Layout, sources: Sources, existing: _Existing, ident: str) -> Scaffolded:
    _refuse_existing(ident, "KPI", existing.kpis)
    files = [f.path for f in sources.of_kind(KPIS)]
    default = f"{PurePosixPath(layout.okrs_dir)}/kpis.yaml"
    written: list[tuple[str, str]] = []
    item = _kpi(ident, layout, existing)
    if default in files or files:
        relative = default if default in files else files[0]
        _append_item(layout, relative, "kpis", item, KPIS)
        written.append((relative, f"added KPI {ident!r} to"))
    elif (layout.root / default).exists():
        raise ScaffoldError(f"{default} has problems; fix them first (`outcomes validate`)")
    else:
        text = _modeline(layout, layout.okrs_dir, KPIS) + "kpis:\n" + "".join(indent_block(item, 2))
        _check(text, default, KPIS)
        write_atomically(_target(layout, default, new=True), text)
        written.extend([(default, "created"), *_write_schema(layout, KPIS)])
    csv = layout.default_csv(ident)
    if not (layout.root / csv).exists():
        write_atomically(_target(layout, csv, new=True), "date,value\n")
        written.append((csv, "created"))
    return Scaffolded(written)


def _team(ident: str) -> str:
    return f"""\
- id: {ident}  # unique id; `owner:` of themes, objectives and KPIs names it
  name: {_title(ident)}  # readable name
  # description: what the team does and owns  # Markdown
"""


def _new_team(layout: Layout, sources: Sources, existing: _Existing, ident: str) -> Scaffolded:
    _refuse_existing(ident, "team", set(existing.teams) | set(sources.invalid_ids.get("team", ())))
    files = [f.path for f in sources.of_kind(TEAMS)]
    default = f"{PurePosixPath(layout.okrs_dir)}/teams.yaml"
    if files:
        relative = default if default in files else files[0]
        _append_item(layout, relative, "teams", _team(ident), TEAMS)
        return Scaffolded([(relative, f"added team {ident!r} to")])
    if (layout.root / default).exists():
        raise ScaffoldError(f"{default} has problems; fix them first (`outcomes validate`)")
    # Once a teams file exists every `owner:` must name a team: the owners already named
    # become teams too, so that creating the file breaks no theme, KPI or objective.
    named = sorted(existing.owners - {ident})
    items = [line for team in [*named, ident] for line in indent_block(_team(team), 2)]
    text = _modeline(layout, layout.okrs_dir, TEAMS) + "teams:\n" + "".join(items)
    _check(text, default, TEAMS)
    write_atomically(_target(layout, default, new=True), text)
    also = [(default, f"added the teams already named as owners ({', '.join(named)}) to")]
    return Scaffolded(
        [(default, "created"), *(also if named else []), *_write_schema(layout, TEAMS)]
    )


def _write_schema(layout: Layout, kind: Kind) -> list[tuple[str, str]]:
    """Write the schema a new file's modeline names when the project lacks it."""
    relative = f"{SCHEMAS_DIR}/{kind.schema_file}"
    path = layout.root / relative
    if path.exists() or path.is_symlink():
        return []
    write_atomically(_target(layout, relative, new=True), json_schemas()[kind.schema_file])
    return [(relative, "created")]


_EMPTY_LIST = r"^( *){key}:(?: *\[ *\])? *(#.*)?\n$"


def _append_item(layout: Layout, relative: str, key: str, item: str, kind: Kind) -> None:
    """Append `item` (a `- ` list item written at indentation 0) to the top-level `key`."""
    path = _target(layout, relative)
    raw = path.read_bytes()
    document, _ = read_yaml(raw, relative)
    if document is None or not isinstance(document.data, dict):
        raise ScaffoldError(f"{relative} has problems; fix them first (`outcomes validate`)")
    lines = split_lines(raw.decode("utf-8"))
    items = document.data.get(key)
    if key not in document.data:
        lines = [*lines, f"{key}:\n", *indent_block(item, 2)]
    elif not items:
        line = document.key_positions[(key,)][0] - 1
        match = re.match(_EMPTY_LIST.format(key=re.escape(key)), lines[line])
        if match is None:
            raise ScaffoldError(f"{relative}:{line + 1}: write `{key}:` as a block list first")
        comment = f"  {match.group(2)}" if match.group(2) else ""
        block = indent_block(item, indent_of(lines[line]) + 2)
        lines[line : line + 1] = [f"{match.group(1)}{key}:{comment}\n", *block]
    else:
        first_line, first_col = document.positions[(key, 0)]
        dash = item_indent(lines, first_line - 1, first_col - 1)
        if dash is None or not isinstance(items, list):
            raise ScaffoldError(
                f"{relative}:{first_line}: `{key}:` is not a block list; run `outcomes fmt` first"
            )
        last_line = document.positions[(key, len(items) - 1)][0] - 1
        end = block_end(lines, last_line, dash, sequence=True)
        lines[end:end] = indent_block(item, dash, first_col - 1)
    text = "".join(lines)
    after, _ = read_yaml(text.encode("utf-8"), relative)
    unchanged = {k: v for k, v in document.data.items() if k != key}
    if (
        after is None
        or after.data.get(key, [])[:-1] != (items or [])
        or {k: v for k, v in after.data.items() if k != key} != unchanged
    ):
        raise RuntimeError(f"appending to {relative} would change its other entries")
    _check(text, relative, kind)
    write_atomically(path, text)
