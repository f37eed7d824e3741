"""The one settings object of every host: plugin options and CLI flags, checked in one place.

The MkDocs plugin, `outcomes generate`, `export`, `validate` and `pull` all fill the same
frozen `Settings` (the plugin from its config, the CLI from its flags over the `outcomes`
entry of `mkdocs.yml`), so a setting means the same thing to each and "the same pages"
holds for every setting, not only the defaults. Before, the plugin and the CLI each built
their own and drifted: `generate` could not take `weights`, `thresholds` or `dot_timeout`.

Every option is described once in `OPTIONS`: its default, what it expects (the phrase
every error message uses), how a command-line value is read, and its help text. The
module imports nothing but the standard library, so `validate` and `import outcomes`
stay quick.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, get_args

from outcomes.suggestions import did_you_mean

Audience = Literal["internal", "public"]
AUDIENCES: tuple[str, ...] = get_args(Audience)

# The outcome-quality lint of `outcomes validate` (`outcomes.model.quality`): every rule
# by its problem code. The `lint` option switches rules off project-wide.
LINT_CODES: tuple[str, ...] = (
    "outcome-is-output", "theme-without-outcome", "bet-without-exit", "kpi-unused",
    "key-result-restates-objective", "expect-not-better",
)  # fmt: skip

DEFAULT_SQL_TIMEOUT = 30.0
MAX_TIMEOUT = 3600.0  # seconds: the longest a KPI query or a Graphviz diagram may take
DEFAULT_DOT_TIMEOUT = 10.0
MAX_ROWS = 100_000  # rows a KPI query may return: the limit of a measurements CSV


class SettingsError(ValueError):
    """An option of the wrong type or out of range; the message names the option."""


class Weights(NamedTuple):
    """Weights of the four scores on the Priorities page (a weighted mean)."""

    value: float = 1.0
    viability: float = 1.0
    usability: float = 1.0
    feasibility: float = 1.0


@dataclass(frozen=True)
class Thresholds:
    """How far behind the expected progress an outcome may be: on track, then at risk."""

    on_track: float = 0.10
    at_risk: float = 0.30


@dataclass(frozen=True)
class SqlSettings:
    """How KPI queries run: seconds before a query is stopped, rows kept at most."""

    timeout: float = DEFAULT_SQL_TIMEOUT
    max_rows: int = MAX_ROWS


@dataclass(frozen=True)
class Settings:
    """Every option of DESIGN's "Plugin options", typed and checked when constructed.

    `audience` is format 1.1's: accepted and kept so that configurations can name it
    now; the feature behind it comes later. `history` turns the Changes page and the
    per-hypothesis history from git on or off.
    """

    enabled: bool = True
    roadmap_dir: str = "roadmap"
    journeys_dir: str = "journeys"
    okrs_dir: str = "okrs"
    as_of: datetime.date | None = None  # None: the day of the build
    weights: Weights = field(default_factory=Weights)
    thresholds: Thresholds = field(default_factory=Thresholds)
    dot_timeout: float = DEFAULT_DOT_TIMEOUT
    sql_timeout: float = DEFAULT_SQL_TIMEOUT
    sql_max_rows: int = MAX_ROWS
    nav: bool = True
    audience: Audience = "internal"
    history: bool = True
    # The lint rules switched off, in `LINT_CODES` order: `lint: {kpi-unused: false}`.
    lint: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for option in OPTIONS.values():
            object.__setattr__(self, option.name, option.check(getattr(self, option.name)))

    @property
    def sql(self) -> SqlSettings:
        return SqlSettings(self.sql_timeout, self.sql_max_rows)

    def day(self) -> datetime.date:
        """The date the figures are computed for: `as_of`, or today."""
        return self.as_of or datetime.date.today()

    def merged(self, options: Mapping[str, object]) -> Settings:
        """These settings with `options` (raw values, as a config file holds them) on top.

        `weights` and `thresholds` merge key by key, as the plugin's sub-options do; an
        unknown option or key is an error with a "did you mean".
        """
        changes: dict[str, Any] = {}
        for name, value in options.items():
            if name not in OPTIONS:
                raise SettingsError(_unknown("option", name, OPTIONS))
            current = changes.get(name, getattr(self, name))
            if name in ("weights", "thresholds") and isinstance(value, Mapping):
                value = _merge_keys(name, current, value)
            changes[name] = value
        return dataclasses.replace(self, **changes)

    def options(self) -> dict[str, object]:
        """Every option as a plain value (what `merged` takes back), for messages and tests."""
        values: dict[str, object] = {}
        for name in OPTIONS:
            value = getattr(self, name)
            if isinstance(value, Weights):
                value = value._asdict()
            elif isinstance(value, Thresholds):
                value = dataclasses.asdict(value)
            elif name == "lint":
                value = {code: code not in self.lint for code in LINT_CODES}
            values[name] = value
        return values


def settings_from(options: Mapping[str, object] | None) -> Settings:
    """Settings from raw option values (a plugin config, an `outcomes` entry of mkdocs.yml);
    `None` values and missing keys keep the default."""
    given = {k: v for k, v in (options or {}).items() if v is not None}
    return Settings().merged(given)


# -- the options ----------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One option: its name, what it expects (for messages), how it is checked and read."""

    name: str
    expects: str  # completes "<value> is not ..."
    help: str
    normalise: Callable[[object], object]  # the typed value, or raises _Invalid
    from_text: Callable[[str], object] = str  # a command-line value to a raw value
    flag_expects: str = ""  # when a flag's message says it otherwise

    def check(self, value: object) -> Any:
        """The typed value of a raw one, or SettingsError naming the option."""
        try:
            return self.normalise(value)
        except _Invalid as exc:
            shown = exc.shown or repr(value)
            raise SettingsError(f"{self.name} {shown} is not {self.expects}") from None

    def parse_text(self, text: str) -> object:
        """The raw value of a command-line value, checked on its own (it may still be
        merged with a file's); the message shows the text as typed."""
        try:
            raw = self.from_text(text)
            self.normalise(raw)
        except SettingsError:
            raise
        except (_Invalid, ValueError):
            raise SettingsError(f"{text!r} is not {self.flag_expects or self.expects}") from None
        return raw


class _Invalid(Exception):
    def __init__(self, shown: str = "") -> None:
        super().__init__(shown)
        self.shown = shown


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid
    return value


def _folder(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or value.startswith(("/", "\\")):
        raise _Invalid
    parts = value.replace("\\", "/").split("/")
    if ".." in parts or (len(value) > 1 and value[1] == ":"):
        raise _Invalid
    return value


def _date(value: object) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise _Invalid from None
    raise _Invalid


def _number(value: object, low: float, high: float, *, low_open: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Invalid
    number = float(value)
    if not math.isfinite(number) or number > high or number < low or (low_open and number == low):
        raise _Invalid
    return number


def _seconds(value: object) -> float:
    return _number(value, 0.0, MAX_TIMEOUT, low_open=True)


def _rows(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ROWS:
        raise _Invalid
    return value


def _weights(value: object) -> Weights:
    if isinstance(value, Weights):
        numbers = value._asdict()
    elif isinstance(value, Mapping):
        numbers = {**Weights()._asdict(), **_known_keys("weights", value, Weights._fields)}
    else:
        raise _Invalid
    checked = {}
    for key, number in numbers.items():
        try:
            checked[key] = _number(number, 0.0, math.inf, low_open=False)
        except _Invalid:
            raise _Invalid(f"{{{key}: {number!r}}}") from None
    return Weights(**checked)


def _thresholds(value: object) -> Thresholds:
    if isinstance(value, Thresholds):
        numbers = dataclasses.asdict(value)
    elif isinstance(value, Mapping):
        fields = tuple(f.name for f in dataclasses.fields(Thresholds))
        numbers = {**dataclasses.asdict(Thresholds()), **_known_keys("thresholds", value, fields)}
    else:
        raise _Invalid
    checked = {}
    for key, number in numbers.items():
        try:
            checked[key] = _number(number, 0.0, 1.0, low_open=False)
        except _Invalid:
            raise _Invalid(f"{{{key}: {number!r}}}") from None
    if checked["on_track"] > checked["at_risk"]:
        raise _Invalid(f"{{on_track: {numbers['on_track']!r}, at_risk: {numbers['at_risk']!r}}}")
    return Thresholds(**checked)


def _audience(value: object) -> str:
    if value not in AUDIENCES:
        raise _Invalid
    return str(value)


def _lint(value: object) -> tuple[str, ...]:
    """`{code: false}` (a config file) or the codes switched off (a `Settings` value)."""
    if isinstance(value, tuple | list):
        off = {str(code) for code in value}
    elif isinstance(value, Mapping):
        _known_keys("lint", value, LINT_CODES)
        for code, on in value.items():
            if not isinstance(on, bool):
                raise _Invalid(f"{{{code}: {on!r}}}")
        off = {str(code) for code, on in value.items() if not on}
    else:
        raise _Invalid
    for code in off:
        if code not in LINT_CODES:
            raise SettingsError(_unknown("lint rule", code, LINT_CODES))
    return tuple(code for code in LINT_CODES if code in off)


def _text_lint(text: str) -> dict[str, bool]:
    """`kpi-unused=off,outcome-is-output=off` as a mapping of rules to on/off."""
    rules: dict[str, bool] = {}
    for part in text.split(","):
        code, sep, state = part.partition("=")
        if not sep:
            raise ValueError(text)
        rules[code.strip()] = _text_bool(state.strip())
    return rules


def _known_keys(
    option: str, value: Mapping[Any, object], known: tuple[str, ...]
) -> dict[str, object]:
    for key in value:
        if key not in known:
            raise SettingsError(_unknown(f"{option} key", str(key), known))
    return {str(k): v for k, v in value.items()}


def _merge_keys(name: str, current: object, value: Mapping[Any, object]) -> dict[str, object]:
    if isinstance(current, Weights):
        base: dict[str, object] = dict(current._asdict())
    elif isinstance(current, Thresholds):
        base = dict(dataclasses.asdict(current))
    else:  # an earlier raw value in the same mapping
        base = dict(current) if isinstance(current, Mapping) else {}
    return {**base, **value}


def _unknown(what: str, name: str, known: Mapping[str, object] | tuple[str, ...]) -> str:
    hint = did_you_mean(name, known)
    return f"unknown {what} {name!r}" + (f"; {hint}" if hint else "")


def _text_bool(text: str) -> bool:
    words = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
    if text.lower() not in words:
        raise ValueError(text)
    return words[text.lower()]


def _text_number(text: str) -> float:
    return float(text)


def _text_int(text: str) -> int:
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def _text_pairs(text: str) -> dict[str, float]:
    """`value=3,feasibility=0.5` (spaces allowed) as a mapping of numbers."""
    pairs: dict[str, float] = {}
    for part in text.split(","):
        key, sep, number = part.partition("=")
        if not sep:
            raise ValueError(text)
        pairs[key.strip()] = float(number)
    return pairs


_FOLDER = "a folder inside the project (a relative path without '..')"

OPTIONS: dict[str, Option] = {
    option.name: option
    for option in (
        Option("enabled", "true or false", "build the roadmap's pages (the plugin only)",
               _bool, _text_bool),
        Option("roadmap_dir", _FOLDER, "folder of the themes (default: roadmap)", _folder),
        Option("journeys_dir", _FOLDER, "folder of the journeys (default: journeys)", _folder),
        Option("okrs_dir", _FOLDER, "folder of OKRs, KPIs and measurements (default: okrs)",
               _folder),
        Option("as_of", "an ISO date such as 2026-11-22",
               "compute figures for this date (default: today)", _date),
        Option("weights", "a mapping of value, viability, usability and feasibility to "
               "numbers of 0 or more",
               "weights of the scores on the Priorities page, as KEY=NUMBER,... "
               "(default: value=1,viability=1,usability=1,feasibility=1)",
               _weights, _text_pairs),
        Option("thresholds", "a mapping of on_track and at_risk to fractions from 0 to 1, "
               "on_track not above at_risk",
               "how far behind the expected progress an outcome is still on track, then at "
               "risk, as KEY=FRACTION,... (default: on_track=0.1,at_risk=0.3)",
               _thresholds, _text_pairs),
        Option("dot_timeout", f"a number of seconds up to {MAX_TIMEOUT:g}",
               "seconds per Graphviz diagram, then a placeholder (default: 10)",
               _seconds, _text_number),
        Option("sql_timeout", f"a number of seconds up to {MAX_TIMEOUT:g}",
               "stop a KPI query after this long (default: 30)", _seconds, _text_number),
        Option("sql_max_rows", f"a number up to {MAX_ROWS}",
               f"rows a KPI query may return (default: {MAX_ROWS})", _rows, _text_int,
               f"a number of rows up to {MAX_ROWS}"),
        Option("nav", "true or false",
               "list the roadmap's pages in the navigation; for `generate`, write nav.yml "
               "(default: true)", _bool, _text_bool),
        Option("audience", " or ".join(AUDIENCES),
               "who the site is for: internal or public (format 1.1; default: internal)",
               _audience),
        Option("lint", "a mapping of lint rules to true or false",
               "switch lint rules of `outcomes validate` on or off, as RULE=off,... "
               "(default: every rule on)", _lint, _text_lint),
        Option("history", "true or false",
               "the Changes page and per-hypothesis history from git (format 1.1; "
               "default: true)", _bool, _text_bool),
    )
}  # fmt: skip
