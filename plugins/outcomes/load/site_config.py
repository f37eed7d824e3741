"""The `outcomes` entry of a project's `mkdocs.yml`, read without MkDocs, for the CLI.

When the CLI runs in a project whose `mkdocs.yml` lists the `outcomes` plugin, its options
are the project's settings (flags override them), so `outcomes generate` writes what
`mkdocs build` would. The file is read as MkDocs reads it, with PyYAML (so `yes`, `off`
and the other YAML 1.1 words mean what they mean to MkDocs), but with a safe loader:
MkDocs' `!ENV` tag is resolved the way MkDocs resolves it (the first variable set, else
the default, typed like a YAML scalar), `INHERIT:` is followed and merged as MkDocs merges
it, and every other tag (`!!python/name:...`, `!relative`) becomes null: no object is
ever constructed from it.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import Node, ScalarNode, SequenceNode

from outcomes.settings import SettingsError

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
PLUGIN = "outcomes"
_MAX_INHERIT = 10  # parents followed at most: a loop of INHERITs is a mistake, not a site
_MAX_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class PluginEntry:
    """The raw options of the `outcomes` plugin and the config file they came from."""

    path: Path
    options: dict[str, object]


# libyaml's parser where PyYAML has it (1.7 ms for the demo's mkdocs.yml against 5.5 ms
# for a pure-Python one, paid by every `outcomes validate`), with the safe constructor.
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _HostLoader(_SAFE_LOADER):  # type: ignore[misc]  # a base chosen at import
    """Safe construction plus MkDocs' `!ENV` (as its `pyyaml_env_tag` constructs it); any
    other unknown tag is null."""

    def construct_env(self, node: Node) -> object:
        default: object = None
        if isinstance(node, ScalarNode):
            names = [self.construct_scalar(node)]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
            if len(children) > 1:
                default = self.construct_object(children[-1], deep=True)
                children = children[:-1]
            names = [self.construct_scalar(child) for child in children]
        else:
            return None
        for name in names:
            value = os.environ.get(str(name))
            if value is not None:
                tag = self.resolve(ScalarNode, value, (True, False))
                return self.construct_object(ScalarNode(tag, value))
        return default

    def construct_unknown(self, node: Node) -> object:
        return None


_HostLoader.add_constructor("!ENV", _HostLoader.construct_env)
_HostLoader.add_constructor(None, _HostLoader.construct_unknown)


def find_config(root: Path) -> Path | None:
    """`mkdocs.yml` (or `mkdocs.yaml`) at the project root, if there is one."""
    for name in CONFIG_NAMES:
        path = root / name
        if path.is_file():
            return path
    return None


def plugin_entry(root: Path) -> PluginEntry | None:
    """The `outcomes` options of the project's mkdocs.yml; None when it has no such entry.

    Raises `SettingsError` when the file cannot be read as YAML.
    """
    path = find_config(root)
    if path is None:
        return None
    config = _load(path, 0)
    options = _outcomes_options(config.get("plugins"))
    return None if options is None else PluginEntry(path, options)


def _load(path: Path, depth: int) -> dict[str, Any]:
    try:
        stat = path.stat()
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read ({exc})") from None
    # Several commands' checks read the same file in one run: parse it once per version.
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, depth)
    found = _PARSED.get(key)
    if found is None:
        found = _PARSED[key] = _parse(path, stat.st_size, depth)
    return copy.deepcopy(found)


_PARSED: dict[tuple[str, int, int, int], dict[str, Any]] = {}


def _parse(path: Path, size: int, depth: int) -> dict[str, Any]:
    try:
        if size > _MAX_BYTES:
            raise SettingsError(f"{path}: larger than {_MAX_BYTES // (1024 * 1024)} MB")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot be read ({exc})") from None
    try:
        data = yaml.load(text, Loader=_HostLoader)  # a safe loader: see `_HostLoader`
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise SettingsError(f"{where}: {problem}") from None
    if not isinstance(data, dict):
        return {}
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and depth < _MAX_INHERIT:
        return _merge(_load(path.parent / parent, depth + 1), data)
    return data


def _merge(parent: dict[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """MkDocs' merge of an inherited config: mappings merge key by key, the rest replaces."""
    merged = dict(parent)
    for key, value in child.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, Mapping):
            merged[key] = _merge(old, value)
        else:
            merged[key] = value
    return merged


def _outcomes_options(plugins: object) -> dict[str, object] | None:
    """The options of `outcomes` in a `plugins:` list or mapping; {} when it has none."""
    entries: list[tuple[object, object]] = []
    if isinstance(plugins, list):
        for entry in plugins:
            if isinstance(entry, dict):
                entries.extend(entry.items())
            else:
                entries.append((entry, None))
    elif isinstance(plugins, dict):
        entries.extend(plugins.items())
    for name, options in entries:
        if name == PLUGIN:
            if options is None:
                return {}
            if not isinstance(options, dict):
                raise SettingsError(f"the {PLUGIN} plugin's options are not a mapping")
            return {str(key): value for key, value in options.items()}
    return None
