"""The outcome-quality lint of `outcomes validate`: advice from the method, as problems.

Seiden (*Outcomes Over Output*): an outcome is a change in what people do, not a thing
we ship; Cagan (*Inspired*): a bet is an experiment, so it needs a way to fail and a
date to decide. Each rule below turns one such line into a located warning or info
with a fix hint; docs/reference/problem-codes.md gives its rationale and a bad and a
good example. Rules read the resolved `Roadmap` only, so they cost nothing next to
loading. A rule is switched off project-wide with the `lint` option (`Settings.lint`)
and for one item with `lint_ignore: {code: reason}` on it.

The deliverable rule looks at the first word only ("Launch the dashboard", "ship SSO"):
behaviour sentences start with who does what ("more admins invite…", "teams find…"),
and a verb deep in a sentence ("people who add a teammate") is a behaviour. Measured
on the demo's 9 theme titles and 57 `will_result_in` sentences: 0 false alarms (one,
"We ship small changes every day…", before habits in the present tense were let
through); on
tests/model/test_quality.py's corpus, every planted deliverable found, no behaviour
sentence flagged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.model.roadmap import Location, Roadmap
from outcomes.settings import Settings

# First words that name a deliverable rather than a behaviour.
DELIVERABLE_VERBS = frozenset({
    "launch", "launching", "ship", "shipping", "release", "releasing", "build", "building",
    "implement", "implementing", "migrate", "migrating", "add", "adding", "create",
    "creating", "deliver", "delivering", "deploy", "deploying", "introduce", "introducing",
    "develop", "developing", "redesign", "integrate", "rollout", "finish", "complete",
})  # fmt: skip
_ROLL_OUT = re.compile(r"^(?:we\s+|to\s+)?roll(?:ing)?\s+out\b", re.IGNORECASE)
# Words of a key result that says "the thing is done" rather than what changed.
DONE_WORDS = frozenset({"shipped", "launched", "released", "live", "done", "delivered",
                        "complete", "completed", "built", "migrated", "implemented"})  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


def deliverable(sentence: str) -> str | None:
    """The deliverable verb `sentence` starts with ("Launch …", "We will ship …"), or None."""
    if _ROLL_OUT.match(sentence.strip()):
        return "roll out"
    words = _WORD.findall(sentence.lower())
    # "We ship small changes every day" is a habit (a behaviour); "we will ship X" and
    # "ship X" are plans for a deliverable.
    for lead in (("we", "will"), ("we", "ll"), ("will",), ("to",)):
        if tuple(words[: len(lead)]) == lead:
            words = words[len(lead) :]
            break
    return words[0] if words and words[0] in DELIVERABLE_VERBS else None


class _Lint:
    def __init__(self, roadmap: Roadmap, settings: Settings) -> None:
        self.roadmap = roadmap
        self.off = set(settings.lint)
        self.found: list[Diagnostic] = []

    def _report(
        self, where: Location, ignored: Mapping[str, str], severity: Severity, code: str,
        message: str, hint: str,
    ) -> None:  # fmt: skip
        if code in self.off or code in ignored:
            return
        self.found.append(Diagnostic(where.path, where.line, where.col, severity, code,
                                     message, hint))  # fmt: skip

    def run(self) -> list[Diagnostic]:
        self._themes()
        self._hypotheses()
        self._kpis()
        self._key_results()
        return self.found

    def _themes(self) -> None:
        for theme in self.roadmap.themes.values():
            d = theme.definition
            verb = deliverable(d.title)
            if verb:
                self._report(theme.at("title"), d.lint_ignore, Severity.WARNING,
                            "outcome-is-output",
                            f"theme {theme.id!r} is titled as a deliverable ({verb!r}): "
                            f"{d.title!r}",
                            "write the change in behaviour it should cause: who will do "
                            "what differently, e.g. 'new teams invite a colleague in week "
                            "one'")  # fmt: skip
            if theme.horizon in ("now", "next") and not d.outcomes:
                self._report(theme.location, d.lint_ignore, Severity.WARNING,
                            "theme-without-outcome",
                            f"theme {theme.id!r} is in {theme.horizon} with no outcome",
                            "add an outcome: the KPI that shows the behaviour change, its "
                            "target and date")  # fmt: skip

    def _hypotheses(self) -> None:
        roadmap = self.roadmap
        for h in roadmap.hypotheses.values():
            d = h.definition
            verb = deliverable(d.will_result_in)
            if verb:
                self._report(h.at("will_result_in"), d.lint_ignore, Severity.WARNING,
                            "outcome-is-output",
                            f"hypothesis {h.id!r} will result in a deliverable ({verb!r}): "
                            f"{d.will_result_in!r}",
                            "`will_result_in` is what people will do differently once the "
                            "change is made, e.g. 'more admins inviting a teammate'")  # fmt: skip
            if h.status == "testing" and h.kill is None and d.decide_by is None:
                self._report(h.at("status"), d.lint_ignore, Severity.WARNING, "bet-without-exit",
                            f"hypothesis {h.id!r} is testing with no kill value and no "
                            "decision date",
                            "write down before the experiment runs the value at which the "
                            "bet failed (`measured_by.kill`) and when you decide "
                            "(`decide_by`)")  # fmt: skip
            if h.kpi is not None and h.expect is not None:
                self._expect(
                    h.id, h.theme, h.kpi, h.expect, h.at("measured_by.expect"), d.lint_ignore
                )

    def _expect(self, hid: str, theme_id: str, kpi_id: str, expect: float, where: Location,
                ignored: Mapping[str, str]) -> None:  # fmt: skip
        kpi = self.roadmap.kpis[kpi_id]
        for outcome in self.roadmap.themes[theme_id].outcomes:
            baseline = outcome.progress.baseline
            if outcome.progress.kpi != kpi_id or baseline is None:
                continue
            increase = kpi.definition.direction == "increase"
            if (expect <= baseline) if increase else (expect >= baseline):
                side = "above" if increase else "below"
                self._report(where, ignored, Severity.WARNING, "expect-not-better",
                            f"hypothesis {hid!r} expects {kpi_id} at {expect:g}, not {side} "
                            f"the outcome's baseline {baseline:g}",
                            f"a bet that works moves the KPI past where it started: set "
                            f"`expect` {side} {baseline:g}")  # fmt: skip
                return

    def _kpis(self) -> None:
        for kpi in self.roadmap.kpis.values():
            if not (kpi.outcomes or kpi.key_results or kpi.hypotheses):
                self._report(kpi.location, kpi.definition.lint_ignore, Severity.INFO,
                            "kpi-unused",
                            f"KPI {kpi.id!r} measures no outcome, key result or hypothesis",
                            "aim an outcome or key result at it, or remove it")  # fmt: skip

    def _key_results(self) -> None:
        for period in self.roadmap.okrs.values():
            for objective in period.objectives:
                title = set(_WORD.findall(objective.definition.title.lower()))
                for kr in objective.key_results:
                    words = set(_WORD.findall(kr.id))
                    done = words & DONE_WORDS
                    if done or (words and words <= title):
                        ignored = {**objective.definition.lint_ignore,
                                   **kr.definition.lint_ignore}  # fmt: skip
                        self._report(kr.location, ignored, Severity.WARNING,
                                    "key-result-restates-objective",
                                    f"key result {kr.id!r} restates objective "
                                    f"{objective.id!r} instead of measuring its effect",
                                    "name the change the objective should cause and the KPI "
                                    "that shows it, e.g. 'admins-invite' on the invite "
                                    "rate")  # fmt: skip


def lint(roadmap: Roadmap, settings: Settings | None = None) -> list[Diagnostic]:
    """Every outcome-quality problem of `roadmap`, minus the rules switched off."""
    return _Lint(roadmap, settings or Settings()).run()
