"""`roadmap.json` and `outcomes export`: the resolved model with its derived figures."""

from __future__ import annotations

import json
from typing import Any

from outcomes.load.measurements import Measurement
from outcomes.model.figures import Evidence, Trend
from outcomes.model.roadmap import HypothesisView, Progress, Roadmap


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _point(measurement: Measurement | None) -> dict[str, Any] | None:
    if measurement is None:
        return None
    return {"date": measurement.date.isoformat(), "value": measurement.value}


def _trend(trend: Trend | None) -> dict[str, Any] | None:
    if trend is None:
        return None
    return {
        "since": trend.since.isoformat(),
        "previous": trend.previous.value,
        "change": _round(trend.change),
        "previous_date": trend.previous.date.isoformat(),
    }


def _evidence(evidence: Evidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    found: dict[str, Any] = {
        "value": evidence.value,
        "date": evidence.date.isoformat(),
        "source": evidence.source,
    }
    if evidence.source == "readout":
        found["control"] = evidence.control
        found["lift"] = _round(evidence.lift)
        found["interval"] = list(evidence.interval) if evidence.interval else None
    return found


def _hypothesis(h: HypothesisView) -> dict[str, Any]:
    decisive = h.decisive
    return {
        "id": h.id,
        "title": h.definition.title,
        "theme": h.theme,
        "status": h.status,
        "kpi": h.kpi,
        "expect": h.expect,
        "kill": h.kill,
        "latest": _point(h.latest),
        "verdict": h.verdict,
        "overdue": h.overdue,
        "contradicted": h.contradicted,
        "decide_by": h.decide_by.isoformat() if h.decide_by else None,
        "evidence": _evidence(h.evidence),
        "experiment": decisive.title if decisive else None,
        "guardrails": [
            {"kpi": g.kpi, "limit": g.limit, "latest": _point(g.latest), "breached": g.breached}
            for g in h.guardrails
        ],
        "score": _round(h.score),
        "journey_steps": list(h.definition.journey_steps),
        "tags": list(h.definition.tags),
    }


def _progress(progress: Progress) -> dict[str, Any]:
    value = progress.value
    return {
        "kpi": progress.kpi,
        "baseline": progress.baseline,
        "target": progress.target,
        "start": progress.start.isoformat() if progress.start else None,
        "end": progress.end.isoformat(),
        "latest": value.value if value else None,
        "latest_date": value.date.isoformat() if value else None,
        "progress": _round(progress.progress),
        "expected": _round(progress.expected),
        "status": progress.status,
        "trend": _trend(progress.trend),
    }


def export_model(roadmap: Roadmap) -> dict[str, Any]:
    """The model as plain JSON data, in DESIGN's shape (more keys are welcome)."""
    return {
        "format": 1,
        "as_of": roadmap.as_of.isoformat(),
        "themes": [
            {
                "id": theme.id,
                "title": theme.definition.title,
                "horizon": theme.horizon,
                "owner": theme.definition.owner,
                "source": theme.location.path,
                "outcomes": [_progress(o.progress) for o in theme.outcomes],
                "hypotheses": list(theme.hypotheses),
            }
            for theme in roadmap.themes.values()
        ],
        "hypotheses": [_hypothesis(h) for h in roadmap.hypotheses.values()],
        "kpis": [
            {
                "id": k.id,
                "name": k.definition.name,
                "unit": k.definition.unit,
                "direction": k.definition.direction,
                "cadence": k.definition.cadence,
                "owner": k.definition.owner,
                "latest": _point(k.latest),
                "trend": _trend(k.trend),
                "stale": k.stale,
                **({"confidential": True} if k.confidential else {}),
                "values": len(k.measurements),
                "used_by": [usage.label for usage in k.users],
            }
            for k in roadmap.kpis.values()
        ],
        "okrs": [
            {
                "period": p.period,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "objectives": [
                    {
                        "id": o.id,
                        "title": o.definition.title,
                        "owner": o.definition.owner,
                        "themes": list(o.definition.themes),
                        "key_results": [
                            {"id": kr.id, **_progress(kr.progress)} for kr in o.key_results
                        ],
                    }
                    for o in p.objectives
                ],
            }
            for p in roadmap.okrs.values()
        ],
        "journeys": [
            {
                "id": j.id,
                "title": j.definition.title,
                "steps": [
                    {"id": s.id, "stage": s.stage.id, "hypotheses": list(s.hypotheses)}
                    for s in j.steps
                ],
            }
            for j in roadmap.journeys.values()
        ],
        "teams": [
            {"id": t.id, "name": t.definition.name if t.definition else t.id}
            for t in roadmap.teams.values()
        ],
    }


def export_json(roadmap: Roadmap) -> str:
    return json.dumps(export_model(roadmap), indent=2, ensure_ascii=False) + "\n"
