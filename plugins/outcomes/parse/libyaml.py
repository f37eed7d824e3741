"""The binding through which libyaml parses: PyYAML's, else ruamel.yaml.clib's.

Both are the same C parser behind the same event API (PyYAML's `_yaml.pyx` is the
original of ruamel's), so they yield the same events with the same marks and the same
messages. PyYAML's is the default: MkDocs needs PyYAML anyway, its wheels carry libyaml
for every Python including free-threaded 3.14 (ruamel.yaml.clib has none for 3.15 or
3.14t), and its events are plain attributes where ruamel's `tag` is a property: reading
the 76 YAML files of the 1,000-hypothesis benchmark takes 0.106 s through it against
0.128 s through ruamel's (best of 15 in one process). ruamel.yaml.clib's binding serves where
PyYAML was built without libyaml; it is imported only then.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Binding:
    """A libyaml event parser and the exception classes its errors come as."""

    name: str
    parser: Any  # called with the text; `.get_event()` gives one event after the other
    marked_error: type[Exception]  # a syntax problem with `problem_mark`, `context_mark`
    reader_error: type[Exception]  # a refused character, with its byte `position`
    yaml_error: type[Exception]  # any other problem of the parser


def _ruamel() -> Binding:
    parser = importlib.import_module("_ruamel_yaml").CParser
    error = importlib.import_module("ruamel.yaml.error")
    reader = importlib.import_module("ruamel.yaml.reader")
    return Binding("ruamel.yaml.clib", parser, error.MarkedYAMLError, reader.ReaderError,
                   error.YAMLError)  # fmt: skip


def _pyyaml() -> Binding:
    parser = importlib.import_module("yaml._yaml").CParser
    error = importlib.import_module("yaml.error")
    reader = importlib.import_module("yaml.reader")
    return Binding("PyYAML", parser, error.MarkedYAMLError, reader.ReaderError, error.YAMLError)


BINDINGS = {"PyYAML": _pyyaml, "ruamel.yaml.clib": _ruamel}


def load_binding(name: str) -> Binding:
    """The binding of that name; ImportError when its package is not installed."""
    return BINDINGS[name]()


def default_binding() -> Binding:
    """The first binding that imports, or an ImportError that says what to install."""
    for load in BINDINGS.values():
        try:
            return load()
        except ImportError:
            continue
    raise ImportError(
        "Outcomes reads YAML with libyaml, through PyYAML or ruamel.yaml.clib: install "
        "PyYAML with its libyaml extension (yaml.__with_libyaml__), or ruamel.yaml.clib"
    )
