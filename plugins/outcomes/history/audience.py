"""The roadmap's history for an audience: only what the audience's model still shows.

A public site's Changes page, feed and per-hypothesis history are built from past
revisions, which the audience filter of the model never saw. So each event is kept only
when what it is about is in the public model (`model/audience.py:for_audience`), and a
moved target or baseline of a KPI whose values are confidential is left out, like its
values are on every other page. Events about entities that no longer exist (a removed
hypothesis) cannot show their visibility and are left out too; so are revision errors,
whose paths and messages name files of any audience.
"""

from __future__ import annotations

import dataclasses

from outcomes.history.timeline import Event, History
from outcomes.model.roadmap import Roadmap

__all__ = ["history_for"]

_VALUES = frozenset({"target", "baseline"})  # what a moved outcome or key result shows


def history_for(history: History, model: Roadmap) -> History:
    """`history` with only the events a reader of `model` may see (public builds)."""
    events = tuple(e for e in history.events if _shown(e, model))
    marks = {h: m for h, m in history.marks.items() if h in model.hypotheses}
    return dataclasses.replace(history, events=events, marks=marks)


def _key_result_kpi(model: Roadmap, key: str) -> str | None:
    """The KPI of the key result `period/objective/kr` in `model`, None when not shown."""
    period, _, rest = key.partition("/")
    objective_id, _, result_id = rest.partition("/")
    found = model.okrs.get(period)
    for objective in found.objectives if found else []:
        if objective.id == objective_id:
            for result in objective.key_results:
                if result.id == result_id:
                    return result.progress.kpi
    return None


def _public_kpi(model: Roadmap, kpi: str | None, detail: str) -> bool:
    view = model.kpis.get(kpi or "")
    return view is not None and not (view.confidential and detail in _VALUES)


def _shown(event: Event, model: Roadmap) -> bool:
    kind = event.kind
    if kind in ("hypothesis-added", "hypothesis-removed", "hypothesis-moved", "status", "verdict"):
        return event.subject in model.hypotheses
    if kind == "horizon":
        return event.subject in model.themes
    if kind == "outcome":
        return event.theme in model.themes and _public_kpi(model, event.subject, event.detail)
    if kind == "kpi-added":
        return event.subject in model.kpis
    if kind in ("key-result", "key-result-added"):
        return _public_kpi(model, _key_result_kpi(model, event.subject), event.detail)
    return False  # key results removed (gone, visibility unknown) and revision errors
