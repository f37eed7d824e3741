"""The binding through which libyaml parses: ruamel.yaml.clib's, else PyYAML's.

Both are the same C parser behind the same event API (PyYAML's `_yaml.pyx` is the
original of ruamel's), so they yield the same events with the same marks and the same
messages. ruamel.yaml.clib is the default because it has always been; PyYAML's binding
keeps Outcomes working where that package has no wheels (Python 3.15, free-threaded
3.14). PyYAML is imported only when the first is missing.
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


BINDINGS = {"ruamel.yaml.clib": _ruamel, "PyYAML": _pyyaml}


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
        "Outcomes reads YAML with libyaml, through ruamel.yaml.clib or PyYAML: install "
        "ruamel.yaml.clib, or PyYAML with its libyaml extension (yaml.__with_libyaml__)"
    )
