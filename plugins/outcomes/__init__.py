"""Outcomes: outcome-based roadmaps as code. The stable Python API is what `__all__` names.

Names are imported on first use (PEP 562), so `import outcomes` costs next to nothing and
pulls in neither the renderer (Jinja, Graphviz), SQLAlchemy nor MkDocs.
See docs/reference/python-api.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from outcomes.api import analyse, build_model, export_json, load_project
    from outcomes.diagnostics import Diagnostic, Severity
    from outcomes.model.roadmap import Roadmap
    from outcomes.settings import Settings, SettingsError, Thresholds, Weights

__all__ = [
    "Diagnostic",
    "Roadmap",
    "Settings",
    "SettingsError",
    "Severity",
    "Thresholds",
    "Weights",
    "analyse",
    "build_model",
    "export_json",
    "load_project",
]

_HOMES = {
    "Diagnostic": "outcomes.diagnostics",
    "Severity": "outcomes.diagnostics",
    "Roadmap": "outcomes.model.roadmap",
    "Settings": "outcomes.settings",
    "SettingsError": "outcomes.settings",
    "Thresholds": "outcomes.settings",
    "Weights": "outcomes.settings",
    "analyse": "outcomes.api",
    "build_model": "outcomes.api",
    "export_json": "outcomes.api",
    "load_project": "outcomes.api",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'outcomes' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
