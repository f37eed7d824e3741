"""Building the `Roadmap` from `Sources`: resolve references, compute derived figures."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.load.measurements import Measurement
from outcomes.load.plausibility import typical
from outcomes.load.project import SourceFile, Sources
from outcomes.model import figures
from outcomes.model.audience import visibility_problems
from outcomes.model.roadmap import (
    GuardrailView,
    HypothesisView,
    JourneyView,
    KeyResultRef,
    KeyResultView,
    KpiView,
    Location,
    ObjectiveRef,
    ObjectiveView,
    OkrPeriodView,
    OutcomeRef,
    OutcomeView,
    Progress,
    Roadmap,
    StepView,
    TeamView,
    ThemeView,
    Usage,
    UsageKind,
)
from outcomes.schema import placeholders
from outcomes.schema.journey import Journey
from outcomes.schema.kinds import JOURNEY, KPIS, OKRS, TEAMS, THEME
from outcomes.schema.kpi import KpiFile
from outcomes.schema.okr import OkrPeriod
from outcomes.schema.team import TeamsFile
from outcomes.schema.theme import Hypothesis, Theme
from outcomes.settings import Settings  # the model reads its thresholds and weights
from outcomes.suggestions import did_you_mean

# An evidence URL like `example.com/x`: a host name without a scheme, which a browser
# reads as a relative link. A file name (`notes.md`, `study.pdf`) is a real relative link.
_HOST_LIKE = re.compile(r"(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/?#:]|$)", re.IGNORECASE)
_FILE_LIKE = re.compile(r"\.(?:md|html?|pdf|txt|png|jpe?g|gif|svg|csv|ya?ml|json|xml|zip)$",
                        re.IGNORECASE)  # fmt: skip

SCORE_KEYS = ("value", "viability", "usability", "feasibility")


@dataclass(frozen=True)
class _Guardrail:
    kpi: str
    points: list[Measurement]
    limit: float
    direction: str
    latest: Measurement | None


def build_model(
    sources: Sources, as_of: datetime.date, settings: Settings | None = None
) -> tuple[Roadmap, list[Diagnostic]]:
    """The resolved roadmap and every problem found while resolving it.

    A roadmap comes back even when there are errors, holding what could be
    resolved, so a validator reports every problem and not only the first.
    """
    builder = _Builder(sources, as_of, settings or Settings())
    builder.run()
    return builder.roadmap, builder.diagnostics


class _Builder:
    def __init__(self, sources: Sources, as_of: datetime.date, settings: Settings) -> None:
        self.sources = sources
        self.as_of = as_of
        self.settings = settings
        self.roadmap = Roadmap(as_of=as_of)
        self.diagnostics: list[Diagnostic] = []
        self.has_teams_file = False
        # File names of themes and journeys whose `id` differs: their own error is reported,
        # so a reference to the name the file promises is not a second one.
        self.misnamed: dict[str, set[str]] = {}
        self._typical: dict[str, float] = {}  # KPI -> the median size of its values

    # -- reporting --------------------------------------------------------------
    def _report(
        self,
        where: tuple[str, int, int],
        code: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        path, line, col = where
        self.diagnostics.append(Diagnostic(path, line, col, severity, code, message, hint))

    def _unknown(
        self, where: tuple[str, int, int], what: str, ref: str, known: Iterable[str]
    ) -> None:
        """Report a dangling reference, unless its target sits in a file with errors."""
        if (what if what != "journey step" else "journey") in self.sources.unread:
            return  # its folder is missing, which is reported
        declared_with_errors = self.sources.invalid_ids.get(what, set())
        if ref in declared_with_errors or ref in self.misnamed.get(what, ()):
            return
        if what == "journey step":
            journey = ref.partition("/")[0]
            if journey in self.sources.invalid_ids.get("journey", ()) or journey in (
                self.misnamed.get("journey", ())
            ):
                return
        hint = did_you_mean(ref, [*known, *declared_with_errors])
        self._report(where, "unknown-reference", f"unknown {what} {ref!r}", hint)

    def _claim(
        self, seen: dict[str, tuple[str, int, int]], what: str, key: str,
        where: tuple[str, int, int],
    ) -> bool:  # fmt: skip
        """Register an id; report both places when it is taken already."""
        first = seen.get(key)
        if first is None:
            seen[key] = where
            return True
        self._report(
            where,
            "duplicate-id",
            f"duplicate {what} id {key!r}",
            f"also defined at {first[0]}:{first[1]}:{first[2]}",
        )
        self._report(
            first,
            "duplicate-id",
            f"duplicate {what} id {key!r}",
            f"also defined at {where[0]}:{where[1]}:{where[2]}",
        )
        return False

    # -- stages -----------------------------------------------------------------
    def run(self) -> None:
        self._teams()
        self._kpis()
        self._journeys()
        self._themes()
        self._okrs()
        self._owners()
        self._relations()
        self.diagnostics += visibility_problems(self.roadmap)

    def _teams(self) -> None:
        seen: dict[str, tuple[str, int, int]] = {}
        for source in self.sources.of_kind(TEAMS):
            self.has_teams_file = True
            content = source.content
            assert isinstance(content, TeamsFile)
            for i, team in enumerate(content.teams):
                where = source.at("teams", i, "id")
                if self._claim(seen, "team", team.id, where):
                    self.roadmap.teams[team.id] = TeamView(team.id, team, Location(*where))

    def _kpis(self) -> None:
        seen: dict[str, tuple[str, int, int]] = {}
        for source in self.sources.of_kind(KPIS):
            content = source.content
            assert isinstance(content, KpiFile)
            for i, kpi in enumerate(content.kpis):
                where = source.at("kpis", i, "id")
                if not self._claim(seen, "KPI", kpi.id, where):
                    continue
                series = self.sources.measurements.get(kpi.id)
                points = series.points if series else []
                latest = figures.last_on_or_before(points, self.as_of)
                # No value on or before as_of is "no data", not "stale".
                stale = latest is not None and figures.is_stale(latest, self.as_of, kpi.cadence)
                origin = series.source if series else ""
                trend = figures.trend(points, latest, self.as_of)
                view = KpiView(kpi.id, kpi, Location(*where), origin, points, latest, stale,
                               trend)  # fmt: skip
                self.roadmap.kpis[kpi.id] = view
                self._placeholder(source, ("kpis", i, "description"), kpi.description)
                if stale and latest is not None:
                    age = (self.as_of - latest.date).days
                    self._report(where, "kpi-stale",
                                 f"KPI {kpi.id!r} is stale: its newest value is from "
                                 f"{latest.date} ({age} days before {self.as_of}), "
                                 f"cadence {kpi.cadence}",
                                 "add recent measurements", Severity.INFO)  # fmt: skip

    def _journeys(self) -> None:
        seen: dict[str, tuple[str, int, int]] = {}
        for source in self.sources.of_kind(JOURNEY):
            journey = source.content
            assert isinstance(journey, Journey)
            where = source.at("id")
            self._check_file_name(source, "journey", journey.id)
            if not self._claim(seen, "journey", journey.id, where):
                continue
            self._placeholder(source, ("persona",), journey.persona)
            steps: list[StepView] = []
            stage_ids: dict[str, tuple[str, int, int]] = {}
            step_ids: dict[str, tuple[str, int, int]] = {}
            for s, stage in enumerate(journey.stages):
                self._claim(stage_ids, f"stage (in journey {journey.id!r})", stage.id,
                            source.at("stages", s, "id"))  # fmt: skip
                for t, step in enumerate(stage.steps):
                    step_where = source.at("stages", s, "steps", t, "id")
                    if not self._claim(step_ids, f"step (in journey {journey.id!r})", step.id,
                                       step_where):  # fmt: skip
                        continue
                    for k, kpi in enumerate(step.kpis):
                        self._kpi_ref(source.at("stages", s, "steps", t, "kpis", k), kpi)
                    steps.append(StepView(step.id, journey.id, stage, step, Location(*step_where)))
            self.roadmap.journeys[journey.id] = JourneyView(
                journey.id, journey, Location(*where), steps
            )

    def _placeholder(self, source: SourceFile, loc: tuple[str | int, ...],
                     text: str | None) -> None:  # fmt: skip
        """Warn about a text `outcomes new` wrote for the team to replace, left as is."""
        if placeholders.is_placeholder(text):
            field = loc[-1]
            self._report(source.at(*loc), "placeholder-text",
                         f"`{field}` still holds the text `outcomes new` wrote: {text!r}",
                         "replace it with your own words before publishing",
                         Severity.WARNING)  # fmt: skip

    def _check_file_name(self, source: SourceFile, what: str, ident: str) -> None:
        """A theme's or journey's id is its file name: pages, links and references use it."""
        path = PurePosixPath(source.path)
        if path.stem == ident:
            return
        self.misnamed.setdefault(what, set()).add(path.stem)
        self._report(source.at("id"), "id-mismatch",
                     f"{what} id {ident!r} differs from its file name {path.name}",
                     f"rename the file to {path.with_stem(ident)}, "
                     f"or write `id: {path.stem}`")  # fmt: skip

    def _kpi_ref(self, where: tuple[str, int, int], kpi: str) -> KpiView | None:
        """The KPI `kpi` names, or None after reporting it unknown (see `_relations`)."""
        view = self.roadmap.kpis.get(kpi)
        if view is None:
            self._unknown(where, "KPI", kpi, self.roadmap.kpis)
        return view

    def _themes(self) -> None:
        theme_ids: dict[str, tuple[str, int, int]] = {}
        hypothesis_ids: dict[str, tuple[str, int, int]] = {}
        steps = self.roadmap.steps()
        for source in self.sources.of_kind(THEME):
            theme = source.content
            assert isinstance(theme, Theme)
            where = source.at("id")
            self._check_file_name(source, "theme", theme.id)
            if not self._claim(theme_ids, "theme", theme.id, where):
                continue
            self._placeholder(source, ("problem",), theme.problem)
            outcomes = [self._outcome(source, theme, i) for i in range(len(theme.outcomes))]
            view = ThemeView(theme.id, theme, Location(*where),
                             [o for o in outcomes if o is not None], [],
                             places={"title": source.at("title")})  # fmt: skip
            self.roadmap.themes[theme.id] = view
            for h, hypothesis in enumerate(theme.hypotheses):
                h_where = source.at("hypotheses", h, "id")
                if not self._claim(hypothesis_ids, "hypothesis", hypothesis.id, h_where):
                    continue
                self.roadmap.hypotheses[hypothesis.id] = self._hypothesis(
                    source, theme, h, hypothesis, steps
                )
                view.hypotheses.append(hypothesis.id)

    def _progress(
        self,
        where_target: tuple[str, int, int],
        kpi: KpiView,
        baseline: float | None,
        target: float,
        start: datetime.date | None,
        end: datetime.date,
        where_baseline: tuple[str, int, int] | None = None,
    ) -> Progress:
        points = kpi.measurements
        misscaled = kpi.id in self.sources.misscaled
        misscaled = self._misscaled(where_target, "target", target, kpi) or misscaled
        if baseline is not None and where_baseline is not None:
            misscaled = self._misscaled(where_baseline, "baseline", baseline, kpi) or misscaled
        if start is None and points:
            start = points[0].date
        if baseline is None and start is not None:
            first = figures.first_on_or_after(points, start)
            baseline = first.value if first is not None else None
        direction = kpi.definition.direction
        if misscaled:
            pass  # reported where the scale is wrong; its direction means nothing
        elif baseline is not None and not figures.target_on_right_side(baseline, target, direction):
            better = "above" if direction == "increase" else "below"
            self._report(where_target, "target-direction",
                         f"target {target:g} is not {better} the baseline {baseline:g}, "
                         f"but KPI {kpi.id!r} should {direction}",
                         "check the target, the baseline or the KPI's direction")  # fmt: skip
        judged_at = min(self.as_of, end)
        value = figures.last_on_or_before(points, judged_at)
        ratio = (
            figures.progress(value.value, baseline, target)
            if value is not None and baseline is not None
            else None
        )
        expected = figures.expected_progress(self.as_of, start, end) if start else 0.0
        state = figures.status(ratio, self.as_of, end, expected, self.settings.thresholds,
                               start=start)  # fmt: skip
        if state == "not-started":
            ratio = None
        trend = figures.trend(points, value, judged_at)
        return Progress(kpi.id, baseline, target, start, end, judged_at, value, ratio,
                        expected, state, trend)  # fmt: skip

    def _misscaled(self, where: tuple[str, int, int], field: str, value: float,
                   kpi: KpiView) -> bool:  # fmt: skip
        """Report a value about 100 times a percent KPI's measurements (`target: 45` where
        the values are fractions such as 0.42): the board would show 4500 %."""
        if abs(value) <= 1.5 or kpi.definition.unit != "percent":
            return False  # the usual case, decided before looking at the values
        if kpi.id in self.sources.misscaled:
            return False
        middle = self._typical.get(kpi.id, -1.0)
        if middle == -1.0:
            middle = self._typical[kpi.id] = typical(kpi.measurements) or 0.0
        if not (middle and 30 <= abs(value) / middle <= 1000):
            return False
        self._report(where, "percent-scale",
                     f"{field} {value:g} is about {abs(value) / middle:.0f} times the values of "
                     f"percent KPI {kpi.id!r} (around {middle:g}), whose values are fractions",
                     f"write {value / 100:g} for {value:g} %")  # fmt: skip
        return True

    def _outcome(self, source: SourceFile, theme: Theme, i: int) -> OutcomeView | None:
        outcome = theme.outcomes[i]
        kpi = self._kpi_ref(source.at("outcomes", i, "kpi"), outcome.kpi)
        if kpi is None:
            return None
        progress = self._progress(source.at("outcomes", i, "target"), kpi, outcome.baseline,
                                  outcome.target, outcome.from_, outcome.by,
                                  source.at("outcomes", i, "baseline"))  # fmt: skip
        return OutcomeView(theme.id, i, outcome, Location(*source.at("outcomes", i)), progress)

    def _hypothesis(
        self,
        source: SourceFile,
        theme: Theme,
        h: int,
        hypothesis: Hypothesis,
        steps: dict[str, StepView],
    ) -> HypothesisView:
        where = source.at("hypotheses", h, "id")
        for name, text in (("we_believe", hypothesis.we_believe), ("for", hypothesis.for_),
                           ("will_result_in", hypothesis.will_result_in)):  # fmt: skip
            self._placeholder(source, ("hypotheses", h, name), text)
        for e, evidence in enumerate(hypothesis.evidence):
            if _HOST_LIKE.match(evidence.url) and not _FILE_LIKE.search(
                evidence.url.partition("/")[0]
            ):
                self._report(source.at("hypotheses", h, "evidence", e, "url"), "link-no-scheme",
                             f"{evidence.url!r} has no scheme, so the site links to a page of "
                             "its own by that name, which does not exist",
                             f"add https://, as in https://{evidence.url}",
                             Severity.WARNING)  # fmt: skip
        kpi_view: KpiView | None = None
        if hypothesis.measured_by is not None:
            kpi_view = self._kpi_ref(source.at("hypotheses", h, "measured_by", "kpi"),
                                     hypothesis.measured_by.kpi)  # fmt: skip
        for s, ref in enumerate(hypothesis.journey_steps):
            step = steps.get(ref)
            if step is None:
                self._unknown(source.at("hypotheses", h, "journey_steps", s), "journey step",
                              ref, steps)  # fmt: skip
            elif hypothesis.id not in step.hypotheses:
                step.hypotheses.append(hypothesis.id)
        measured_by = hypothesis.measured_by
        direction = kpi_view.definition.direction if kpi_view else None
        self._check_decision_rules(source, h, hypothesis, kpi_view)
        guardrails = self._guardrails(source, h, hypothesis)
        trials = [
            figures.Trial(e.start, e.end, e.title,
                          e.readout.control if e.readout else None,
                          e.readout.treatment if e.readout else None,
                          (e.readout.interval[0], e.readout.interval[1])
                          if e.readout and e.readout.interval else None)
            for e in hypothesis.experiments
        ]  # fmt: skip
        judgement = figures.judge(
            trials,
            kpi_view.measurements if kpi_view else [],
            measured_by.expect if measured_by else None,
            measured_by.kill if measured_by else None,
            direction,
            [figures.GuardrailSeries(g.kpi, g.points, g.limit, g.direction)
             for g in guardrails],
            hypothesis.decide_by,
            self.as_of,
        )  # fmt: skip
        verdict = judgement.verdict
        breached = {b.kpi for b in judgement.breaches}
        guardrail_views = [
            GuardrailView(g.kpi, g.limit, g.latest, g.kpi in breached) for g in guardrails
        ]
        latest: Measurement | None = kpi_view.latest if kpi_view else None
        expect = measured_by.expect if measured_by else None
        overdue = figures.is_overdue(hypothesis.status, judgement.decide_by, self.as_of)
        contradicted = figures.contradicts(hypothesis.status, verdict)
        if contradicted:
            self._report(where, "status-contradicted",
                         f"hypothesis {hypothesis.id!r} is {hypothesis.status} but the data "
                         f"says {verdict}: {self._basis(judgement, kpi_view, expect)}",
                         "check the status, the expected value or the guardrail limits",
                         Severity.WARNING)  # fmt: skip
        if overdue and judgement.decide_by is not None:
            late = (self.as_of - judgement.decide_by).days
            basis = (
                "its `decide_by`" if hypothesis.decide_by is not None or judgement.decisive is None
                else f"14 days after its last experiment ended on {judgement.decisive.end}"
            )  # fmt: skip
            self._report(where, "hypothesis-overdue",
                         f"hypothesis {hypothesis.id!r} is still testing {late} "
                         f"day{'' if late == 1 else 's'} after its decision date "
                         f"{judgement.decide_by} ({basis})",
                         "record the result: set the status to validated or invalidated, "
                         "or move `decide_by` if the team agreed to wait",
                         Severity.WARNING)  # fmt: skip
        base = ("hypotheses", h)
        places = {"will_result_in": source.at(*base, "will_result_in"),
                  "status": source.at(*base, "status"),
                  "measured_by.expect": source.at(*base, "measured_by", "expect")}  # fmt: skip
        return HypothesisView(
            id=hypothesis.id,
            theme=theme.id,
            owner=theme.owner,
            definition=hypothesis,
            location=Location(*where),
            places=places,
            kpi=kpi_view.id if kpi_view else None,
            expect=expect,
            latest=latest,
            verdict=verdict,
            overdue=overdue,
            contradicted=contradicted,
            score=self._score(hypothesis),
            kill=measured_by.kill if measured_by else None,
            decisive=judgement.decisive,
            evidence=judgement.evidence,
            decide_by=judgement.decide_by,
            breaches=judgement.breaches,
            guardrails=guardrail_views,
        )

    def _check_decision_rules(
        self, source: SourceFile, h: int, hypothesis: Hypothesis, kpi: KpiView | None
    ) -> None:
        """Format 1.1 rules that need the KPI: kill on the failing side, readouts measured."""
        measured_by = hypothesis.measured_by
        if measured_by is None:
            for e, experiment in enumerate(hypothesis.experiments):
                if experiment.readout is not None:
                    self._report(source.at("hypotheses", h, "experiments", e, "readout"),
                                 "missing-field",
                                 f"experiment {experiment.title!r} has a readout, but hypothesis "
                                 f"{hypothesis.id!r} has no `measured_by`",
                                 "add `measured_by:` with the KPI the readout measured and the "
                                 "value to `expect`")  # fmt: skip
            return
        if kpi is None:
            return
        base = ("hypotheses", h, "measured_by")
        misscaled = self._misscaled(source.at(*base, "expect"), "expect", measured_by.expect, kpi)
        if measured_by.kill is not None:
            misscaled = self._misscaled(source.at(*base, "kill"), "kill", measured_by.kill,
                                        kpi) or misscaled  # fmt: skip
        if measured_by.kill is None or misscaled or kpi.id in self.sources.misscaled:
            return
        direction = kpi.definition.direction
        if not figures.is_worse(measured_by.kill, measured_by.expect, direction):
            side = "below" if direction == "increase" else "above"
            self._report(source.at("hypotheses", h, "measured_by", "kill"), "kill-direction",
                         f"kill {measured_by.kill:g} is not {side} expect "
                         f"{measured_by.expect:g}, but KPI {kpi.id!r} should {direction}",
                         f"the kill value is the failing side: write a value {side} "
                         f"{measured_by.expect:g}")  # fmt: skip

    def _guardrails(self, source: SourceFile, h: int, hypothesis: Hypothesis) -> list[_Guardrail]:
        found: list[_Guardrail] = []
        for g, guardrail in enumerate(hypothesis.guardrails):
            kpi = self._kpi_ref(source.at("hypotheses", h, "guardrails", g, "kpi"), guardrail.kpi)
            if kpi is not None:
                self._misscaled(source.at("hypotheses", h, "guardrails", g, "limit"), "limit",
                                guardrail.limit, kpi)  # fmt: skip
                found.append(_Guardrail(kpi.id, kpi.measurements, guardrail.limit,
                                        kpi.definition.direction, kpi.latest))  # fmt: skip
        return found

    def _basis(
        self, judgement: figures.Judgement, kpi: KpiView | None, expect: float | None
    ) -> str:
        """The figures a contradicted verdict rests on, for the warning."""
        if judgement.breaches:
            b = judgement.breaches[0]
            return (f"guardrail {b.kpi} is {b.value.value:g} on {b.value.date}, "
                    f"past its limit {b.limit:g}")  # fmt: skip
        evidence = judgement.evidence
        if evidence is None or kpi is None or expect is None:
            return "no value"
        where = "the experiment's readout" if evidence.source == "readout" else kpi.id
        return f"{where} is {evidence.value:g} on {evidence.date}, expected {expect:g}"

    def _score(self, hypothesis: Hypothesis) -> float | None:
        if hypothesis.scores is None:
            return None
        weights = self.settings.weights
        values = [float(getattr(hypothesis.scores, key)) for key in SCORE_KEYS]
        total = sum(weights)
        return sum(w * v for w, v in zip(weights, values, strict=True)) / total if total else None

    def _okrs(self) -> None:
        periods: dict[str, tuple[str, int, int]] = {}
        for source in self.sources.of_kind(OKRS):
            okr = source.content
            assert isinstance(okr, OkrPeriod)
            where = source.at("period")
            if not self._claim(periods, "OKR period", okr.period, where):
                continue
            start, end = figures.period_bounds(okr.period)
            view = OkrPeriodView(okr.period, start, end, Location(*where), [])
            objective_ids: dict[str, tuple[str, int, int]] = {}
            for o, objective in enumerate(okr.objectives):
                o_where = source.at("objectives", o, "id")
                if not self._claim(objective_ids, "objective", objective.id, o_where):
                    continue
                for t, theme_id in enumerate(objective.themes):
                    if theme_id not in self.roadmap.themes:
                        self._unknown(source.at("objectives", o, "themes", t), "theme", theme_id,
                                      self.roadmap.themes)  # fmt: skip
                objective_view = ObjectiveView(objective.id, okr.period, objective,
                                               Location(*o_where), [])  # fmt: skip
                kr_ids: dict[str, tuple[str, int, int]] = {}
                for k, key_result in enumerate(objective.key_results):
                    base = ("objectives", o, "key_results", k)
                    k_where = source.at(*base, "id")
                    if not self._claim(kr_ids, "key result", key_result.id, k_where):
                        continue
                    kpi = self._kpi_ref(source.at(*base, "kpi"), key_result.kpi)
                    if kpi is None:
                        continue
                    kr_start = key_result.from_ or start
                    kr_end = key_result.by or end
                    if kr_start >= kr_end:  # one date given, outside the period
                        given, other = ("from", "by") if key_result.from_ else ("by", "from")
                        self._report(
                            source.at(*base, given),
                            "date-order",
                            f"key result {key_result.id!r} starts on {kr_start} "
                            f"but ends on {kr_end}",
                            f"move `{given}` into the period {okr.period}, or set `{other}`",
                        )
                        continue
                    if key_result.by is not None and key_result.by > end:
                        self._report(
                            source.at(*base, "by"),
                            "date-order",
                            f"key result {key_result.id!r} is due on {key_result.by}, after "
                            f"its period {okr.period} ends on {end}",
                            f"move `by` into {okr.period}, or the key result into the OKR "
                            "file of the period it is due in",
                        )
                    progress = self._progress(source.at(*base, "target"), kpi,
                                              key_result.baseline, key_result.target,
                                              kr_start, kr_end,
                                              source.at(*base, "baseline"))  # fmt: skip
                    objective_view.key_results.append(KeyResultView(
                        key_result.id, objective.id, okr.period, key_result, Location(*k_where),
                        progress,
                    ))  # fmt: skip
                view.objectives.append(objective_view)
            self.roadmap.okrs[okr.period] = view
        self.roadmap.okrs = dict(sorted(self.roadmap.okrs.items()))

    def _relations(self) -> None:
        """Who uses each KPI, which objectives serve each theme, what each team owns.

        Computed once from the resolved roadmap, so pages, diagrams and export read
        relations instead of each rebuilding its own reverse index.
        """
        roadmap = self.roadmap
        kpis, teams = roadmap.kpis, roadmap.teams
        seen: set[tuple[str, Usage]] = set()

        def used(kpi: KpiView, kind: UsageKind, key: str) -> None:
            usage = Usage(kind, key)
            if (kpi.id, usage) not in seen:
                seen.add((kpi.id, usage))
                kpi.users.append(usage)

        for journey in roadmap.journeys.values():
            for step in journey.steps:
                for kpi_id in dict.fromkeys(step.definition.kpis):
                    if kpi_id in kpis:
                        kpis[kpi_id].steps.append(step.ref)
                        used(kpis[kpi_id], "journey", journey.id)
        for theme in roadmap.themes.values():
            for outcome in theme.outcomes:
                kpi = kpis[outcome.progress.kpi]
                kpi.outcomes.append(OutcomeRef(theme.id, outcome.index))
                used(kpi, "theme", theme.id)
            for hypothesis_id in theme.hypotheses:
                hypothesis = roadmap.hypotheses[hypothesis_id]
                if hypothesis.kpi is not None:
                    kpis[hypothesis.kpi].hypotheses.append(hypothesis_id)
                    used(kpis[hypothesis.kpi], "hypothesis", hypothesis_id)
                for guardrail in hypothesis.guardrails:  # watched, not measured by
                    used(kpis[guardrail.kpi], "hypothesis", hypothesis_id)
                if hypothesis.owner in teams:
                    teams[hypothesis.owner].hypotheses.append(hypothesis_id)
            if theme.definition.owner in teams:
                teams[theme.definition.owner].themes.append(theme.id)
        for period in roadmap.okrs.values():
            for objective in period.objectives:
                ref = ObjectiveRef(period.period, objective.id)
                for theme_id in objective.definition.themes:
                    if theme_id in roadmap.themes:
                        roadmap.themes[theme_id].objectives.append(ref)
                if objective.definition.owner in teams:
                    teams[objective.definition.owner].objectives.append(ref)
                for kr in objective.key_results:
                    kpi = kpis[kr.progress.kpi]
                    kpi.key_results.append(KeyResultRef(period.period, objective.id, kr.id))
                    used(kpi, "okr", f"{period.period}/{objective.id}/{kr.id}")
        for kpi in kpis.values():
            if kpi.definition.owner in teams:
                teams[kpi.definition.owner].kpis.append(kpi.id)

    def _owners(self) -> None:
        """Every `owner:` names a team when a teams file exists; else owners form the teams."""
        owned: list[tuple[str | None, tuple[str, int, int]]] = []
        for source in self.sources.files:
            content = source.content
            if isinstance(content, Theme):
                owned.append((content.owner, source.at("owner")))
            elif isinstance(content, KpiFile):
                owned += [(k.owner, source.at("kpis", i, "owner"))
                          for i, k in enumerate(content.kpis)]  # fmt: skip
            elif isinstance(content, OkrPeriod):
                owned += [(o.owner, source.at("objectives", i, "owner"))
                          for i, o in enumerate(content.objectives)]  # fmt: skip
        known = set(self.roadmap.teams)
        for owner, where in owned:
            if owner is None:
                continue
            if self.has_teams_file:
                if owner not in known:
                    self._unknown(where, "team", owner, known)
            elif owner not in self.roadmap.teams:
                self.roadmap.teams[owner] = TeamView(owner, None, None)
        self.roadmap.teams = dict(sorted(self.roadmap.teams.items()))
