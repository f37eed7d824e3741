"""The roadmap one audience may see: `for_audience(roadmap, "public")`, once, before render.

A public build drops every `visibility: internal` entity and every relation to it (a
journey step lists no internal bet, a KPI counts no internal user, a team owns no
internal theme), and empties the values of every `confidential: true` KPI: no series,
no latest value, no baseline, target, expected or kill value, no readout, no trend. What
stays of a confidential KPI is its name, the progress ratio and the status. Because the
filtered `Roadmap` is all that pages, navigation, diagrams, charts and `roadmap.json`
read, each output follows without checks of its own; the formatters' `confidential`
word (`render/wording.py`) is a second guard, not the first.

Internal cascades: the hypotheses of an internal theme are internal, and so is an
outcome or key result measured by an internal KPI (its page would otherwise show a
figure nobody may explain). `visibility_problems` reports each such public-to-internal
reference as a located warning, so the author learns what the public site leaves out.
"""

from __future__ import annotations

import dataclasses

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.model.roadmap import (
    HypothesisView,
    JourneyView,
    KpiView,
    Location,
    ObjectiveView,
    OkrPeriodView,
    OutcomeView,
    Progress,
    Roadmap,
    StepView,
    TeamView,
    ThemeView,
)


@dataclasses.dataclass(frozen=True)
class _Hidden:
    """The ids a public build leaves out."""

    themes: frozenset[str]
    hypotheses: frozenset[str]
    kpis: frozenset[str]
    journeys: frozenset[str]
    objectives: frozenset[tuple[str, str]]  # (period, objective)
    confidential: frozenset[str]  # public KPIs whose values stay out


def _hidden(roadmap: Roadmap) -> _Hidden:
    themes = {t.id for t in roadmap.themes.values() if t.definition.visibility == "internal"}
    hypotheses = {
        h.id for h in roadmap.hypotheses.values()
        if h.definition.visibility == "internal" or h.theme in themes
    }  # fmt: skip
    kpis = {k.id for k in roadmap.kpis.values() if k.definition.visibility == "internal"}
    journeys = {j.id for j in roadmap.journeys.values() if j.definition.visibility == "internal"}
    objectives = {
        (p.period, o.id) for p in roadmap.okrs.values() for o in p.objectives
        if o.definition.visibility == "internal"
    }  # fmt: skip
    confidential = {
        k.id for k in roadmap.kpis.values() if k.definition.confidential and k.id not in kpis
    }
    return _Hidden(frozenset(themes), frozenset(hypotheses), frozenset(kpis),
                   frozenset(journeys), frozenset(objectives), frozenset(confidential))  # fmt: skip


def for_audience(roadmap: Roadmap, audience: str) -> Roadmap:
    """The roadmap as `audience` may see it: itself for `internal`, filtered for `public`."""
    if audience != "public":
        return roadmap
    return _Filter(roadmap, _hidden(roadmap)).run()


class _Filter:
    def __init__(self, roadmap: Roadmap, hidden: _Hidden) -> None:
        self.source = roadmap
        self.hidden = hidden

    def run(self) -> Roadmap:
        src, hid = self.source, self.hidden
        kept_journeys = {j.id for j in src.journeys.values() if j.id not in hid.journeys}
        themes = {t.id: self._theme(t) for t in src.themes.values() if t.id not in hid.themes}
        hypotheses = {
            h.id: self._hypothesis(h, kept_journeys)
            for h in src.hypotheses.values() if h.id not in hid.hypotheses
        }  # fmt: skip
        kpis = {k.id: self._kpi(k) for k in src.kpis.values() if k.id not in hid.kpis}
        okrs = {p.period: self._period(p) for p in src.okrs.values()}
        journeys = {j.id: self._journey(j) for j in src.journeys.values() if j.id in kept_journeys}
        teams = {t.id: self._team(t) for t in src.teams.values()}
        return Roadmap(src.as_of, themes, hypotheses, kpis, okrs, journeys, teams)

    # -- values ---------------------------------------------------------------------
    def _progress(self, progress: Progress) -> Progress:
        if progress.kpi not in self.hidden.confidential:
            return progress
        return dataclasses.replace(progress, baseline=None, target=None, value=None, trend=None)

    # -- entities -------------------------------------------------------------------
    def _outcome_kept(self, outcome: OutcomeView) -> bool:
        return outcome.progress.kpi not in self.hidden.kpis

    def _theme(self, theme: ThemeView) -> ThemeView:
        outcomes = [
            dataclasses.replace(o, progress=self._progress(o.progress))
            for o in theme.outcomes if self._outcome_kept(o)
        ]  # fmt: skip
        return dataclasses.replace(
            theme,
            outcomes=outcomes,
            hypotheses=[h for h in theme.hypotheses if h not in self.hidden.hypotheses],
            objectives=[r for r in theme.objectives
                        if (r.period, r.objective) not in self.hidden.objectives],
        )  # fmt: skip

    def _hypothesis(self, h: HypothesisView, journeys: set[str]) -> HypothesisView:
        hid = self.hidden
        definition = h.definition
        steps = [ref for ref in definition.journey_steps if ref.split("/", 1)[0] in journeys]
        guardrails = [
            g if g.kpi not in hid.confidential else dataclasses.replace(g, limit=None, latest=None)
            for g in h.guardrails if g.kpi not in hid.kpis
        ]  # fmt: skip
        breaches = tuple(
            b for b in h.breaches if b.kpi not in hid.kpis and b.kpi not in hid.confidential
        )
        updates: dict[str, object] = {"journey_steps": steps}
        view = dataclasses.replace(h, guardrails=guardrails, breaches=breaches)
        if h.kpi is not None and (h.kpi in hid.kpis or h.kpi in hid.confidential):
            measured_by = None if h.kpi in hid.kpis else definition.measured_by
            updates["experiments"] = [
                e.model_copy(update={"readout": None}) for e in definition.experiments
            ]
            if measured_by is None:
                updates["measured_by"] = None
            decisive = h.decisive
            if decisive is not None:
                decisive = dataclasses.replace(decisive, control=None, treatment=None,
                                               interval=None)  # fmt: skip
            view = dataclasses.replace(
                view, kpi=None if h.kpi in hid.kpis else h.kpi, expect=None, kill=None,
                latest=None, evidence=None, decisive=decisive,
            )  # fmt: skip
        if definition.guardrails:
            updates["guardrails"] = [g for g in definition.guardrails if g.kpi not in hid.kpis]
        view.definition = definition.model_copy(update=updates)
        return view

    def _kpi(self, kpi: KpiView) -> KpiView:
        hid = self.hidden
        users = [
            u for u in kpi.users
            if not (u.kind == "journey" and u.key in hid.journeys)
            and not (u.kind == "theme" and u.key in hid.themes)
            and not (u.kind == "hypothesis" and u.key in hid.hypotheses)
            and not (u.kind == "okr" and tuple(u.key.split("/")[:2]) in hid.objectives)
        ]  # fmt: skip
        view = dataclasses.replace(
            kpi,
            users=users,
            outcomes=[r for r in kpi.outcomes if r.theme not in hid.themes],
            key_results=[r for r in kpi.key_results
                         if (r.period, r.objective) not in hid.objectives],
            hypotheses=[h for h in kpi.hypotheses if h not in hid.hypotheses],
            steps=[s for s in kpi.steps if s.split("/", 1)[0] not in hid.journeys],
        )  # fmt: skip
        if kpi.id in hid.confidential:
            view = dataclasses.replace(view, measurements=[], latest=None, trend=None,
                                       confidential=True)  # fmt: skip
        return view

    def _period(self, period: OkrPeriodView) -> OkrPeriodView:
        objectives: list[ObjectiveView] = []
        for objective in period.objectives:
            if (period.period, objective.id) in self.hidden.objectives:
                continue
            key_results = [
                dataclasses.replace(kr, progress=self._progress(kr.progress))
                for kr in objective.key_results if kr.progress.kpi not in self.hidden.kpis
            ]  # fmt: skip
            themes = [t for t in objective.definition.themes if t not in self.hidden.themes]
            definition = objective.definition.model_copy(update={"themes": themes})
            objectives.append(dataclasses.replace(objective, definition=definition,
                                                  key_results=key_results))  # fmt: skip
        return dataclasses.replace(period, objectives=objectives)

    def _journey(self, journey: JourneyView) -> JourneyView:
        hid = self.hidden
        steps: list[StepView] = []
        for step in journey.steps:
            kpis = [k for k in step.definition.kpis if k not in hid.kpis]
            steps.append(dataclasses.replace(
                step,
                definition=step.definition.model_copy(update={"kpis": kpis}),
                hypotheses=[h for h in step.hypotheses if h not in hid.hypotheses],
            ))  # fmt: skip
        return dataclasses.replace(journey, steps=steps)

    def _team(self, team: TeamView) -> TeamView:
        hid = self.hidden
        return dataclasses.replace(
            team,
            themes=[t for t in team.themes if t not in hid.themes],
            objectives=[r for r in team.objectives
                        if (r.period, r.objective) not in hid.objectives],
            kpis=[k for k in team.kpis if k not in hid.kpis],
            hypotheses=[h for h in team.hypotheses if h not in hid.hypotheses],
        )  # fmt: skip


def visibility_problems(roadmap: Roadmap) -> list[Diagnostic]:
    """A warning for each public entity that refers to an internal one: a public build
    leaves the reference out, which the author should know (and may not intend)."""
    hid = _hidden(roadmap)
    found: list[Diagnostic] = []

    def warn(where: Location, message: str, hint: str) -> None:
        found.append(Diagnostic(where.path, where.line, where.col, Severity.WARNING,
                                "internal-reference", message, hint))  # fmt: skip

    hint_kpi = "make the KPI public (confidential: true keeps its values off the public site)"
    for theme in roadmap.themes.values():
        if theme.id in hid.themes:
            continue
        for o in theme.outcomes:
            if o.progress.kpi in hid.kpis:
                warn(o.location, f"a public outcome of theme {theme.id!r} is measured by "
                     f"internal KPI {o.progress.kpi!r}: the public site leaves the outcome out",
                     hint_kpi)  # fmt: skip
    for h in roadmap.hypotheses.values():
        if h.id in hid.hypotheses:
            continue
        if h.kpi in hid.kpis:
            warn(h.location, f"public hypothesis {h.id!r} is measured by internal KPI "
                 f"{h.kpi!r}: the public site shows it without a measure", hint_kpi)  # fmt: skip
        for g in h.guardrails:
            if g.kpi in hid.kpis:
                warn(h.location, f"public hypothesis {h.id!r} has internal KPI {g.kpi!r} as a "
                     "guardrail: the public site leaves the guardrail out", hint_kpi)  # fmt: skip
        for ref in h.definition.journey_steps:
            if ref.split("/", 1)[0] in hid.journeys:
                warn(h.location, f"public hypothesis {h.id!r} targets step {ref!r} of an "
                     "internal journey: the public site leaves the step out",
                     "make the journey public, or the hypothesis internal")  # fmt: skip
    for period in roadmap.okrs.values():
        for objective in period.objectives:
            if (period.period, objective.id) in hid.objectives:
                continue
            for kr in objective.key_results:
                if kr.progress.kpi in hid.kpis:
                    warn(kr.location, f"key result {kr.id!r} of public objective "
                         f"{objective.id!r} is measured by internal KPI {kr.progress.kpi!r}: "
                         "the public site leaves it out", hint_kpi)  # fmt: skip
            for theme_id in objective.definition.themes:
                if theme_id in hid.themes:
                    warn(objective.location, f"public objective {objective.id!r} lists "
                         f"internal theme {theme_id!r}: the public site leaves it out",
                         "make the theme public, or the objective internal")  # fmt: skip
    for journey in roadmap.journeys.values():
        if journey.id in hid.journeys:
            continue
        for step in journey.steps:
            for kpi in step.definition.kpis:
                if kpi in hid.kpis:
                    warn(step.location, f"step {step.ref!r} of a public journey lists internal "
                         f"KPI {kpi!r}: the public site leaves it out", hint_kpi)  # fmt: skip
    return found
