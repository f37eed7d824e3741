"""One card of the roadmap for a hand-written page: a KPI, a hypothesis, a theme, a period's
key results or a board column, as HTML.

The `outcomes` fenced block (`outcomes.markdown`) shows the figures the generated pages
show, so a card is rendered by the same Jinja environment, the same macros of
`_macros.j2` (the board's theme card, an OKR period's objective table, the badges) and the
same `PageFigures`: a number or a verdict sentence can never read differently on a
hand-written page than on the roadmap's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from outcomes.model.roadmap import Roadmap
from outcomes.render import charts, explain, urls
from outcomes.render.site import chart_description, environment
from outcomes.render.wording import PageFigures
from outcomes.schema.theme import HORIZONS
from outcomes.suggestions import did_you_mean

# What a block may ask for, and what each key's value names.
KINDS = {
    "kpi": "a KPI id",
    "hypothesis": "a hypothesis id",
    "theme": "a theme id",
    "okr": "an OKR period",
    "board": f"a board column ({', '.join(HORIZONS)})",
}


class UnknownReference(LookupError):
    """A block names something the roadmap does not hold; the message says what exists."""


@dataclass(frozen=True)
class CardPlace:
    """Where the card goes: the page's path in the site's sources, its URL style, and a
    slug unique on the page (chart ids are built from it)."""

    page: str = "index.md"
    use_directory_urls: bool = True
    slug: str = "card"
    source_links: bool = False  # see `urls.relative`


def render_card(roadmap: Roadmap, kind: str, ident: str, place: CardPlace) -> str:
    """The HTML of one card; `UnknownReference` when `ident` is not in the roadmap."""
    context: dict[str, object] = {}
    if kind == "kpi":
        kpi = roadmap.kpis.get(ident)
        if kpi is None:
            raise UnknownReference(_unknown("KPI", ident, roadmap.kpis))
        points = tuple(
            charts.Point(m.date, m.value) for m in kpi.measurements if m.date <= roadmap.as_of
        )
        spec = charts.ChartSpec(
            chart_id=f"{place.slug}-values",
            title=kpi.definition.name,
            description=chart_description(kpi, points),
            unit=kpi.definition.unit,
            points=points,
            as_of=roadmap.as_of,
        )
        context.update(kpi=kpi, chart=Markup(charts.render_chart_block(spec)))
    elif kind == "hypothesis":
        hypothesis = roadmap.hypotheses.get(ident)
        if hypothesis is None:
            raise UnknownReference(_unknown("hypothesis", ident, roadmap.hypotheses))
        context["h"] = hypothesis
    elif kind == "theme":
        theme = roadmap.themes.get(ident)
        if theme is None:
            raise UnknownReference(_unknown("theme", ident, roadmap.themes))
        context["theme"] = theme
    elif kind == "okr":
        period = next((p for p in roadmap.okrs.values() if p.period == ident), None)
        if period is None:
            raise UnknownReference(
                _unknown("OKR period", ident, (p.period for p in roadmap.okrs.values()))
            )
        context["period"] = period
    elif kind == "board":
        if ident not in HORIZONS:
            raise UnknownReference(f"no board column {ident!r}; the columns are "
                                   f"{', '.join(HORIZONS)}")  # fmt: skip
        context["themes"] = [t for t in roadmap.themes.values() if t.horizon == ident]
    else:
        raise UnknownReference(f"no card kind {kind!r}; the kinds are {', '.join(KINDS)}")
    figures = PageFigures(roadmap)

    def to(target: str, anchor: str = "") -> str:
        return urls.relative(place.page, target, place.use_directory_urls, anchor,
                             from_source=place.source_links)  # fmt: skip

    html = environment().get_template("card.html.j2").render(
        kind=kind, ident=ident, roadmap=roadmap, to=to, urls=urls, fmt=figures.value,
        fig=figures, words=explain, as_of=roadmap.as_of, **context,
    )  # fmt: skip
    return html.strip()


def _unknown(what: str, ident: str, known: Iterable[str]) -> str:
    names = sorted(known)
    hint = did_you_mean(ident, names)
    listed = ", ".join(names[:8]) + (" …" if len(names) > 8 else "")
    return f"no {what} {ident!r} in the roadmap" + (
        f"; {hint}" if hint else f" (it has: {listed or 'none'})"
    )
