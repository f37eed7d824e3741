"""The figures a template prints, each with its basis: values, changes, trends, verdicts.

Templates get one `PageFigures` per page render (as `fig`), built over the roadmap the
page reads, so under `mkdocs serve` every KPI it looks up is recorded like any other
lookup. Numbers go through `outcomes.render.numbers`, sentences through
`outcomes.render.explain`: one formatter and one wording for the whole site.
"""

from __future__ import annotations

from markupsafe import Markup

from outcomes.model.figures import Trend
from outcomes.model.roadmap import HypothesisView, Progress, Roadmap
from outcomes.render import explain, numbers

__all__ = ["CONFIDENTIAL", "PageFigures"]

# What a page writes for any value of a confidential KPI on a public site. The model
# already left the values out (`model/audience.py`); this keeps a template that reaches
# for one anyway from printing a dash that reads as "no data".
CONFIDENTIAL = "confidential"


class PageFigures:
    """Figure helpers bound to one roadmap: `fig.value(kpi, v, *peers)`, `fig.trend(...)`."""

    def __init__(self, roadmap: Roadmap) -> None:
        self.roadmap = roadmap
        self._words: dict[str, explain.Words] = {}

    def _unit(self, kpi_id: str | None) -> str:
        kpi = self.roadmap.kpis.get(kpi_id or "")
        return kpi.definition.unit if kpi else "score"

    def _confidential(self, kpi_id: str | None) -> bool:
        kpi = self.roadmap.kpis.get(kpi_id or "")
        return kpi is not None and kpi.confidential

    def words(self, kpi_id: str) -> explain.Words:
        found = self._words.get(kpi_id)
        if found is None:
            kpi = self.roadmap.kpis.get(kpi_id)
            unit = self._unit(kpi_id)
            if self._confidential(kpi_id):
                found = explain.Words(
                    kpi.definition.name if kpi else kpi_id,
                    lambda _value: CONFIDENTIAL,
                    lambda _delta: CONFIDENTIAL,
                )
                self._words[kpi_id] = found
                return found
            found = explain.Words(
                kpi.definition.name if kpi else kpi_id,
                numbers.value_formatter(unit),
                lambda delta: numbers.format_change(delta, unit),
            )
            self._words[kpi_id] = found
        return found

    def value(self, kpi_id: str | None, value: float | None, *peers: float | None) -> str:
        """A KPI value; with `peers` (baseline, target…), in enough decimals to tell them apart."""
        if self._confidential(kpi_id):
            return CONFIDENTIAL
        if value is None:
            return numbers.NO_VALUE
        return numbers.distinct_formatter(self._unit(kpi_id), (value, *peers))(value)

    def change(self, kpi_id: str | None, delta: float) -> str:
        if self._confidential(kpi_id):
            return CONFIDENTIAL
        return numbers.format_change(delta, self._unit(kpi_id))

    def trend(self, kpi_id: str | None, trend: Trend | None) -> Markup:
        """▲ +4.0 pts since 23 Oct 2026, coloured better or worse for the KPI's direction."""
        if self._confidential(kpi_id):
            return Markup('<span class="outcomes-trend">trend confidential</span>')
        if trend is None:
            return Markup('<span class="outcomes-trend">no 30-day trend yet</span>')
        kpi = self.roadmap.kpis.get(kpi_id or "")
        increase = kpi is None or kpi.definition.direction == "increase"
        if trend.change == 0:
            mood, arrow = "flat", "▶"
        else:
            better = (trend.change > 0) == increase
            mood = "better" if better else "worse"
            arrow = "▲" if trend.change > 0 else "▼"
        since = explain.day(trend.since)
        tip = (
            f"{self.value(kpi_id, trend.previous.value)} on {explain.day(trend.previous.date)}, "
            f"the last value on or before {since}"
        )
        return Markup(
            '<span class="outcomes-trend outcomes-trend-{}" title="{}">{} {} since {}</span>'
        ).format(mood, tip, arrow, self.change(kpi_id, trend.change), since)

    def basis(self, progress: Progress, period: str | None = None) -> str:
        return explain.progress_basis(
            progress, self.roadmap.as_of, self.words(progress.kpi), period
        )

    def verdict(self, h: HypothesisView) -> str:
        names = {kpi: self.words(kpi) for kpi in self._kpis_of(h)}
        return explain.verdict_basis(h, self.roadmap, names)

    def decision(self, h: HypothesisView) -> str:
        return explain.decision_line(h, self.roadmap.as_of)

    def _kpis_of(self, h: HypothesisView) -> list[str]:
        return [k for k in [h.kpi, *(g.kpi for g in h.guardrails)] if k is not None]
