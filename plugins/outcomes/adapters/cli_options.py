"""What every `outcomes` command shares: exit codes, the project flags, the settings.

The flags are made from `outcomes.settings.OPTIONS` (name, help, check), so each plugin
option has its flag with the same meaning, default and message. A command's settings are
the `outcomes` entry of the project's `mkdocs.yml` (when it has one) with the flags given
on top: `outcomes generate` in a project with `weights` in mkdocs.yml ranks the bets as
`mkdocs build` does.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from outcomes.load.site_config import CONFIG_NAMES, plugin_entry
from outcomes.settings import OPTIONS, Settings, SettingsError, settings_from

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

FOLDERS = ("roadmap_dir", "journeys_dir", "okrs_dir")
FOLDER_DEFAULTS = ("roadmap", "journeys", "okrs")
SQL = ("as_of", "sql_timeout", "sql_max_rows")
MODEL = ("weights", "thresholds", "audience", "history", "lint")
SITE = ("dot_timeout", "nav")
_METAVARS = {"as_of": "DATE", "sql_timeout": "SECONDS", "dot_timeout": "SECONDS",
             "sql_max_rows": "N", "weights": "KEY=N,...", "thresholds": "KEY=F,...",
             "roadmap_dir": "DIR", "journeys_dir": "DIR", "okrs_dir": "DIR",
             "lint": "RULE=off,..."}  # fmt: skip
_BOOLEANS = ("nav", "history")


class UsageError(Exception):
    """A mistake in how the command was called; exit code 2."""


def _flag_type(name: str) -> Callable[[str], object]:
    option = OPTIONS[name]

    def parse(text: str) -> object:
        try:
            return option.parse_text(text)
        except SettingsError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse


def add_setting_flags(sub: argparse.ArgumentParser, names: tuple[str, ...]) -> None:
    """One flag per option; `None` when not given, so a file's value stays."""
    for name in names:
        option = OPTIONS[name]
        flag = "--" + name.replace("_", "-")
        help_text = option.help
        if name in FOLDERS:
            help_text = f"{option.help}; relative to DIR"
        if name in _BOOLEANS:
            sub.add_argument(flag, action=argparse.BooleanOptionalAction, default=None,
                             help=help_text)  # fmt: skip
        elif name == "audience":
            sub.add_argument(flag, choices=("internal", "public"), default=None, help=help_text)
        else:
            sub.add_argument(flag, type=_flag_type(name), default=None,
                             metavar=_METAVARS.get(name), help=help_text)  # fmt: skip


def project_settings(args: argparse.Namespace) -> Settings:
    """The settings of this run: mkdocs.yml's `outcomes` entry, then the flags given."""
    root = project_root(args)
    try:
        entry = plugin_entry(root)
    except SettingsError as exc:
        raise UsageError(f"outcomes: {exc}") from None
    try:
        base = settings_from(entry.options if entry else None)
    except SettingsError as exc:
        where = entry.path if entry else root
        raise UsageError(f"outcomes: {where}: the outcomes plugin's {exc}") from None
    flags = {name: getattr(args, name) for name in OPTIONS
             if getattr(args, name, None) is not None}  # fmt: skip
    try:
        return base.merged(flags)
    except SettingsError as exc:
        raise UsageError(f"outcomes: {exc}") from None


# What marks a project's root: its site configuration, or one of the default folders.
_MARKERS = (*CONFIG_NAMES, "properdocs.yml", "zensical.toml", *FOLDER_DEFAULTS)


def project_root(args: argparse.Namespace) -> Path:
    """DIR, or the nearest folder above it that is a project (run from inside `roadmap/`,
    every command works on the project, and `new theme` writes into its `roadmap/`).

    The search stops at the top of a git repository: a project never spans two.
    """
    root = Path(args.dir)
    if not root.is_dir():
        reason = "not a directory" if root.exists() else "no such directory"
        raise UsageError(f"outcomes: {args.dir}: {reason}")
    return _enclosing_project(root)


def _enclosing_project(start: Path) -> Path:
    if _is_project(start):
        return start
    here = start.resolve()
    for folder in (here, *here.parents):
        if folder != here and _is_project(folder):
            return folder
        if (folder / ".git").exists():
            break
    return start


def _is_project(folder: Path) -> bool:
    return any((folder / marker).exists() for marker in _MARKERS)


def add_command(
    commands: Any, name: str, help_text: str, about: tuple[str, str]
) -> argparse.ArgumentParser:
    """A sub-command with its description and an example (`about`), shown by `--help`."""
    description, example = about
    sub: argparse.ArgumentParser = commands.add_parser(
        name, help=help_text, description=description, epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    return sub
