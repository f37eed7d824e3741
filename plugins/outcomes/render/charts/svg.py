"""Static, accessible SVG line charts of KPI measurements, with their data tables.

Hand-written on purpose: vl-convert and pygal took 40–50 ms a chart here and a site
has about 1,200 charts; this module draws a 730-point chart in about 1 ms (its
730-row data table takes about as long again).
Everything is a pure function of a `ChartSpec`: no file I/O, no clock, no global state,
and the same spec always gives byte-identical markup.

Colours come from classes styled by `CHART_CSS` (the package's `templates/charts.css`)
with Material's CSS variables, so a chart follows the light and dark schemes;
presentation attributes on the elements keep it legible (in `currentColor`) where
that stylesheet is missing. Ticks come from `scales`, every number from
`outcomes.render.numbers`.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import importlib.resources
import math
import re

from outcomes.render.characters import XML_FORBIDDEN
from outcomes.render.charts.scales import date_ticks, thin, value_ticks
from outcomes.render.charts.spec import ChartSpec, check
from outcomes.render.numbers import format_value, tick_decimals, value_formatter

__all__ = [
    "CHART_CSS",
    "narrow_variant",
    "render_chart",
    "render_chart_block",
    "render_data_table",
]

# The charts' stylesheet, shipped as package data; the site appends it to outcomes.css.
CHART_CSS = (importlib.resources.files("outcomes.render") / "templates" / "charts.css").read_text(
    encoding="utf-8"
)

_WHITESPACE = re.compile(r"\s+")
_DASHES = {"baseline": "6 4", "target": "", "expect": "2 4", "kill": "8 3 2 3", "limit": "4 2"}

MAX_DRAWN_POINTS = 300  # longer series are thinned for drawing (min/max per bucket)
MAX_DOTTED_POINTS = 60  # series up to this length also get a dot per value
# Values beyond this are not drawn (labels would be absurdly long, scales could
# overflow); the chart says so and the table still lists them. The loader only
# promises finite numbers, and no input may make rendering raise.
MAX_ABS_VALUE = 1e15
_FONT_SIZE = 12
_CHAR_WIDTH = 7.0  # rough advance of a 12px sans-serif character, for layout only
_MARGIN_TOP = 24  # room for the "as of" label above the plot
_MARGIN_RIGHT = 16
_MARGIN_BOTTOM = 28
_MIN_DAYS = 28  # shortest x range drawn, so one point is not glued to the axis


def _text(value: str) -> str:
    """Escape untrusted text for XML/HTML content and attributes.

    Whitespace runs (newlines included) collapse to one space, so a chart block never
    contains a blank line that would end Markdown's raw HTML block; braces become
    character references, so a template engine run over the page later cannot
    evaluate `{{ ... }}` from roadmap data.
    """
    cleaned = _WHITESPACE.sub(" ", XML_FORBIDDEN.sub("", value)).strip()
    return html.escape(cleaned, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _f(value: float) -> str:
    return f"{value:.1f}"


_KEY_SAMPLE = 22  # length of a legend key's line sample
_KEY_GAP = 16  # space between two legend keys on a row
_KEY_ROW = 17  # height of a legend row


def _legend_layout(labels: list[str], left: float, right: float) -> list[tuple[float, int]]:
    """Where each reference line's key goes below the plot: (x, row), rows wrapping.

    The keys sit outside the plot, so a label never covers the series or another label
    (inside the plot, "Expected" and "Baseline" sat on the data line).
    """
    placed: list[tuple[float, int]] = []
    x, row = left, 0
    for label in labels:
        need = _KEY_SAMPLE + 5 + len(label) * _CHAR_WIDTH
        if x > left and x + need > right:
            x, row = left, row + 1
        placed.append((x, row))
        x += need + _KEY_GAP
    return placed


def _clamp_label_x(x: float, label: str, left: float, right: float) -> float:
    half = len(label) * _CHAR_WIDTH / 2
    return min(max(x, left + half), right - half)


def render_chart(spec: ChartSpec, variant: str = "") -> str:
    """The chart as one `<svg>` element: title, description, axes, lines, windows, data;
    `variant` ("wide", "narrow") adds the class `charts.css` chooses by."""
    check(spec)
    return _render_svg(spec, variant)


def narrow_variant(spec: ChartSpec) -> ChartSpec:
    """The same chart drawn for a phone's column (see `NARROW_WIDTH`)."""
    return dataclasses.replace(
        spec, chart_id=f"{spec.chart_id}-narrow", width=NARROW_WIDTH, height=NARROW_HEIGHT
    )


def _render_svg(spec: ChartSpec, variant: str = "") -> str:
    width, height, unit, cid = spec.width, spec.height, spec.unit, spec.chart_id
    values = [p.value for p in spec.points] + [line.value for line in spec.lines]
    drawable = not values or max(map(abs, values)) <= MAX_ABS_VALUE
    key_labels = [f"{line.label}: {format_value(line.value, unit)}" for line in spec.lines]
    keys = _legend_layout(key_labels, 8.0, width - 8.0) if drawable else []
    legend_h = (keys[-1][1] + 1) * _KEY_ROW + 4 if keys else 0
    css_class = f"oc-svg oc-svg-{variant}" if variant else "oc-svg"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="img"'
        f' aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {width} {height + legend_h}"'
        f' width="100%" preserveAspectRatio="xMidYMid meet" font-size="{_FONT_SIZE}"'
        f' fill="currentColor">',
        f'<title id="{cid}-title">{_text(spec.title)}</title>',
        f'<desc id="{cid}-desc">{_text(spec.description)}</desc>',
    ]

    if spec.glide is not None:
        values += [spec.glide[0].value, spec.glide[1].value]
        drawable = max(map(abs, values)) <= MAX_ABS_VALUE
    y_ticks = value_ticks(values, unit) if values and drawable else ()
    y_labels: list[str] = []
    if y_ticks:
        # The KPI's own tick format, unless this chart's step needs more decimals.
        decimals = max(spec.tick_decimals or 0, tick_decimals(y_ticks[1] - y_ticks[0], unit))
        y_labels = [value_formatter(unit, decimals)(tick) for tick in y_ticks]
    left = max(36.0, math.ceil(max((len(s) for s in y_labels), default=0) * _CHAR_WIDTH) + 12)
    right = width - _MARGIN_RIGHT
    top = float(_MARGIN_TOP)
    bottom = float(height - _MARGIN_BOTTOM)
    plot_w, plot_h = right - left, bottom - top

    dates = [p.date for p in spec.points]
    for window in spec.windows:
        dates += (window.start, window.end)
    if spec.as_of is not None:
        dates.append(spec.as_of)
    if spec.period is not None:
        dates += spec.period
    if spec.glide is not None:
        dates += (spec.glide[0].date, spec.glide[1].date)
    if spec.deadline is not None:
        dates.append(spec.deadline)
    x_min = min(dates).toordinal() if dates else 0
    x_max = max(dates).toordinal() if dates else 1
    if x_max - x_min < _MIN_DAYS:  # a few days only: centre them in four weeks
        extra = _MIN_DAYS - (x_max - x_min)
        x_min = max(1, x_min - extra // 2)
        x_max = min(datetime.date.max.toordinal(), x_max + extra - extra // 2)
    x_scale = plot_w / (x_max - x_min)

    def x_of(day: datetime.date) -> float:
        return left + (day.toordinal() - x_min) * x_scale

    y_lo = y_ticks[0] if y_ticks else 0.0
    y_scale = plot_h / (y_ticks[-1] - y_lo) if y_ticks else 0.0

    def y_of(value: float) -> float:
        return bottom - (value - y_lo) * y_scale

    # Grid and y tick labels.
    if y_ticks:
        grid = "".join(f"M{_f(left)},{_f(y_of(t))}H{_f(right)}" for t in y_ticks)
        out.append(
            f'<path class="oc-grid" d="{grid}" fill="none" stroke="currentColor"'
            f' stroke-opacity="0.15"/>'
        )
        out.append('<g class="oc-ticks oc-ticks-y" text-anchor="end">')
        out.extend(
            f'<text x="{_f(left - 6)}" y="{_f(y_of(t) + 4)}">{label}</text>'
            for t, label in zip(y_ticks, y_labels, strict=True)
        )
        out.append("</g>")

    # Experiment windows, behind everything drawn with data.
    if spec.windows:
        out.append('<g class="oc-windows">')
        for window in spec.windows:
            x0 = min(x_of(window.start), right - 2.0)
            x1 = max(x_of(window.end), x0 + 2.0)  # a one-day window stays visible
            tip = f"{window.label}: {window.start.isoformat()} to {window.end.isoformat()}"
            out.append(
                f'<rect class="oc-window" x="{_f(x0)}" y="{_f(top)}" width="{_f(x1 - x0)}"'
                f' height="{_f(plot_h)}" fill-opacity="0.08"><title>{_text(tip)}</title></rect>'
            )
            # The window's title inside its band, cut to the band's width.
            room = int((x1 - x0 - 6) // _CHAR_WIDTH)
            if room >= 4:
                title = window.label
                if len(title) > room:
                    title = title[: room - 1] + "…"
                out.append(
                    f'<text class="oc-window-label" x="{_f(x0 + 3)}" y="{_f(bottom - 6)}">'
                    f"{_text(title)}</text>"
                )
        out.append("</g>")

    # X axis with date ticks.
    axis = f"M{_f(left)},{_f(bottom)}H{_f(right)}"
    x_ticks = (
        date_ticks(
            datetime.date.fromordinal(x_min),
            datetime.date.fromordinal(x_max),
            max(2, min(8, int(plot_w // 80))),
        )
        if dates
        else []
    )
    axis += "".join(f"M{_f(x_of(day))},{_f(bottom)}v4" for day, _ in x_ticks)
    out.append(
        f'<path class="oc-axis" d="{axis}" fill="none" stroke="currentColor" stroke-opacity="0.4"/>'
    )
    if x_ticks:
        out.append('<g class="oc-ticks oc-ticks-x" text-anchor="middle">')
        out.extend(
            f'<text x="{_f(_clamp_label_x(x_of(day), label, 0, width))}"'
            f' y="{_f(bottom + 17)}">{label}</text>'
            for day, label in x_ticks
        )
        out.append("</g>")

    # Reference lines across the plot, each named by a key below it (see _legend_layout).
    if spec.lines and drawable:
        out.append('<g class="oc-refs">')
        for line, label, (key_x, row) in zip(spec.lines, key_labels, keys, strict=True):
            y = _f(y_of(line.value))
            dash = _DASHES[line.kind]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<path class="oc-ref oc-ref-{line.kind}" d="M{_f(left)},{y}H{_f(right)}"'
                f' fill="none" stroke="currentColor" stroke-width="1.5"{dash_attr}/>'
            )
            out.append(
                f'<path class="oc-key oc-ref-{line.kind}"'
                f' d="M{_f(key_x)},{_f(height + row * _KEY_ROW + 8)}h{_KEY_SAMPLE}"'
                f' fill="none" stroke="currentColor" stroke-width="1.5"{dash_attr}/>'
            )
            out.append(
                f'<text class="oc-label oc-label-{line.kind}" x="{_f(key_x + _KEY_SAMPLE + 5)}"'
                f' y="{_f(height + row * _KEY_ROW + 12)}">{_text(label)}</text>'
            )
        out.append("</g>")

    # The expected path and the deadline: where the series should be by now.
    if spec.glide is not None and drawable and y_ticks:
        (a, b) = spec.glide
        out.append(
            f'<path class="oc-glide" d="M{_f(x_of(a.date))},{_f(y_of(a.value))}'
            f'L{_f(x_of(b.date))},{_f(y_of(b.value))}" fill="none" stroke="currentColor"'
            f' stroke-width="1.5" stroke-dasharray="1 3" stroke-linecap="round"/>'
        )
    if spec.deadline is not None:
        out.append(
            _marker(
                "oc-deadline",
                x_of(spec.deadline),
                f"deadline {spec.deadline}",
                top,
                bottom,
                top + 12,
                width,
                ' stroke-dasharray="3 3"',
                "0.7",
            )
        )

    # The series: thinned for drawing only; the data table keeps every value.
    if spec.points and drawable:
        xs = [left + (p.date.toordinal() - x_min) * x_scale for p in spec.points]
        ys = [bottom - (p.value - y_lo) * y_scale for p in spec.points]
        kept = thin(ys, MAX_DRAWN_POINTS)
        if len(kept) > 1:
            d = "L".join(f"{xs[i]:.1f},{ys[i]:.1f}" for i in kept)
            out.append(
                f'<path class="oc-series" d="M{d}" fill="none" stroke="currentColor"'
                f' stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>'
            )
        if 1 < len(kept) <= MAX_DOTTED_POINTS:
            dots = "".join(f"M{_f(xs[i])},{_f(ys[i])}h0" for i in kept)
            out.append(
                f'<path class="oc-dots" d="{dots}" fill="none" stroke="currentColor"'
                f' stroke-width="5" stroke-linecap="round"/>'
            )
        latest = spec.points[-1]
        tip = f"{latest.date.isoformat()}: {format_value(latest.value, unit)}"
        out.append(
            f'<circle class="oc-latest" cx="{_f(xs[-1])}" cy="{_f(ys[-1])}" r="4"'
            f' stroke-width="2"><title>{_text(tip)}</title></circle>'
        )
    else:
        message = "Values too large to chart" if spec.points else "No measurements yet"
        out.append(
            f'<text class="oc-empty" x="{_f(left + plot_w / 2)}" y="{_f(top + plot_h / 2)}"'
            f' text-anchor="middle" font-size="{_FONT_SIZE + 2}">{message}</text>'
        )

    # "As of" marker last, so it stays visible over the data.
    if spec.as_of is not None:
        out.append(
            _marker(
                "oc-asof",
                x_of(spec.as_of),
                f"as of {spec.as_of}",
                top - 4,
                bottom,
                top - 8,
                width,
                "",
                "0.6",
            )
        )

    out.append("</svg>")
    return "\n".join(out)


def _marker(
    cls: str, x: float, label: str, y0: float, y1: float, label_y: float, width: int,
    dash: str, opacity: str,
) -> str:  # fmt: skip
    """A labelled vertical line at `x` (the "as of" day, a deadline)."""
    return (
        f'<g class="{cls}"><path d="M{_f(x)},{_f(y0)}V{_f(y1)}" fill="none"'
        f' stroke="currentColor"{dash} stroke-opacity="{opacity}"/>'
        f'<text x="{_f(_clamp_label_x(x, label, 0, width))}" y="{_f(label_y)}"'
        f' text-anchor="middle">{label}</text></g>'
    )


def render_data_table(spec: ChartSpec) -> str:
    """Every value of the chart as an HTML table, folded in `<details>` under the chart."""
    check(spec)
    return _render_table(spec)


def _render_table(spec: ChartSpec) -> str:
    count = len(spec.points)
    if count:
        # Escape all cells in one pass: "\t" and "\n" never occur in dates or in our
        # formatted values, so they can stand for cell and row boundaries until then.
        fmt = value_formatter(spec.unit)
        cells = "\n".join(f"{p.date.isoformat()}\t{fmt(p.value)}" for p in spec.points)
        rows = (
            "<tr><td>"
            + (
                html.escape(cells, quote=True)
                .replace("\t", "</td> <td>")  # a space: search previews keep cells apart
                .replace("\n", "</td></tr>\n<tr><td>")
            )
            + "</td></tr>"
        )
    else:
        rows = '<tr><td colspan="2">No measurements yet</td></tr>'
    return (
        f'<details class="outcomes-chart-data"><summary>Data ({count}'
        f" value{'' if count == 1 else 's'})</summary>\n"
        f'<table><thead><tr><th scope="col">Date</th> <th scope="col">{_text(spec.title)}'
        f"</th></tr></thead><tbody>\n{rows}\n</tbody></table></details>"
    )


# A phone's column (about 358 CSS px) scales the 640-unit chart to 56 %, its 12-unit
# text to 6.7 px; the narrow variant, drawn 360 units wide, keeps text at about 12 px.
# `charts.css` shows one of the two by the figure's own width (a container query).
NARROW_WIDTH = 360
NARROW_HEIGHT = 240


def render_chart_block(spec: ChartSpec) -> str:
    """Chart (wide and narrow variants) and data table in one `<figure>`: an HTML block
    with no blank line, for Markdown."""
    check(spec)
    narrow = narrow_variant(spec)
    return (
        f'<figure class="outcomes-chart">\n{_render_svg(spec, "wide")}\n'
        f"{_render_svg(narrow, 'narrow')}\n{_render_table(spec)}\n</figure>"
    )
