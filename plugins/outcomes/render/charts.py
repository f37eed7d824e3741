"""Static, accessible SVG line charts of KPI measurements.

Hand-written on purpose: vl-convert and pygal took 40–50 ms a chart here and a site
has about 1,200 charts; this module draws a 730-point chart in about 1 ms (its
730-row data table takes about as long again).
Everything is a pure function of a `ChartSpec`: no file I/O, no clock, no global state,
and the same spec always gives byte-identical markup.

Colours come from classes styled by `CHART_CSS` with Material's CSS variables, so a
chart follows the light and dark schemes; presentation attributes on the elements keep
it legible (in `currentColor`) where that stylesheet is missing.
"""

from __future__ import annotations

import datetime
import html
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "CHART_CSS",
    "REF_KINDS",
    "UNITS",
    "ChartSpec",
    "Point",
    "RefLine",
    "Window",
    "format_value",
    "nice_ticks",
    "render_chart",
    "render_chart_block",
    "render_data_table",
]


@dataclass(frozen=True, slots=True)
class Point:
    """One measurement of a KPI."""

    date: datetime.date
    value: float


@dataclass(frozen=True, slots=True)
class Window:
    """An experiment window, drawn as a shaded band from `start` to `end` (inclusive)."""

    start: datetime.date
    end: datetime.date
    label: str


@dataclass(frozen=True, slots=True)
class RefLine:
    """A horizontal reference line; `kind` is "baseline", "target" or "expect"."""

    value: float
    label: str
    kind: str


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """Everything one chart shows; `chart_id` must be a slug unique on its page."""

    chart_id: str
    title: str
    description: str
    unit: str
    points: tuple[Point, ...]
    lines: tuple[RefLine, ...] = ()
    windows: tuple[Window, ...] = ()
    as_of: datetime.date | None = None
    period: tuple[datetime.date, datetime.date] | None = None
    width: int = 640
    height: int = 260


UNITS = frozenset(
    {"percent", "ratio", "count", "currency", "ms", "seconds", "minutes", "hours", "days", "score"}
)
REF_KINDS = frozenset({"baseline", "target", "expect"})

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,127}")
# Characters XML 1.0 forbids (and lone surrogates, which cannot be encoded).
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE = re.compile(r"\s+")
# unit: (scale, default decimals, thousands separator, suffix); count, ms and currency
# drop their decimals for whole numbers, see _formatter.
_FORMATS = {
    "percent": (100, 1, "", "%"),
    "ratio": (1, 2, "", ""),
    "count": (1, 1, ",", ""),
    "ms": (1, 1, ",", " ms"),
    "seconds": (1, 1, "", " s"),
    "minutes": (1, 1, "", " min"),
    "hours": (1, 1, "", " h"),
    "days": (1, 1, "", " d"),
    "score": (1, 1, "", ""),
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Date tick steps, finest first: (kind, every n).
_DATE_STEPS: tuple[tuple[str, int], ...] = (
    *(("day", n) for n in (1, 2, 3, 4)),
    *(("week", n) for n in (1, 2, 3)),
    *(("month", n) for n in (1, 2, 3, 6)),
    *(("year", n) for n in (1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2500)),
)
_DASHES = {"baseline": "6 4", "target": "", "expect": "2 4"}

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
_LABEL_GAP = 13  # minimum vertical distance between two reference-line labels


# --------------------------------------------------------------------------- formatting


def format_value(value: float, unit: str) -> str:
    """Format a measured value for people: percent values are fractions (0.473 -> 47.3%)."""
    if not math.isfinite(value):
        raise ValueError(f"cannot format non-finite value {value!r}")
    return _formatter(unit)(value)


def _formatter(unit: str, decimals: int | None = None) -> Callable[[float], str]:
    """A formatter for one unit, built once per chart so long tables stay fast.

    `decimals` fixes the precision (axis ticks); by default each unit has its own.
    """
    if unit == "currency":
        if decimals is None:
            return lambda value: _dollars(value, 0 if float(value).is_integer() else 2)
        fixed = max(decimals, 2) if decimals else 0  # "$0.50", never "$0.5"
        return lambda value: _dollars(value, fixed)
    if unit in ("count", "ms") and decimals is None:
        suffix = " ms" if unit == "ms" else ""

        def whole_or_tenths(value: float) -> str:  # 1,204 and 1,204.6
            text = format(value, ",.0f" if float(value).is_integer() else ",.1f")
            return (_signed(text) if text[0] == "-" else text) + suffix

        return whole_or_tenths
    if unit not in _FORMATS:
        raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(sorted(UNITS))}")
    scale, default_decimals, grouping, suffix = _FORMATS[unit]
    spec = f"{grouping}.{default_decimals if decimals is None else decimals}f"

    def fixed_precision(value: float) -> str:
        text = format(value * scale, spec)
        return (_signed(text) if text[0] == "-" else text) + suffix

    return fixed_precision


def _signed(text: str) -> str:
    """Drop the sign of a negative value that rounds to zero: never show "-0.0"."""
    return text[1:] if text[0] == "-" and not text.strip("-0.,") else text


def _dollars(value: float, decimals: int) -> str:
    text = format(abs(value), f",.{decimals}f")
    return ("-$" if value < 0 and text.strip("0.,") else "$") + text


def _tick_decimals(step: float, unit: str) -> int:
    """Decimals needed to tell ticks `step` apart, in the unit's display scale."""
    shown = step * 100 if unit == "percent" else step
    return max(0, -math.floor(math.log10(shown) + 1e-9))


# --------------------------------------------------------------------------- escaping


def _text(value: str) -> str:
    """Escape untrusted text for XML/HTML content and attributes.

    Whitespace runs (newlines included) collapse to one space, so a chart block never
    contains a blank line that would end Markdown's raw HTML block; braces become
    character references, so a template engine run over the page later cannot
    evaluate `{{ ... }}` from roadmap data.
    """
    cleaned = _WHITESPACE.sub(" ", _UNSAFE_CHARS.sub("", value)).strip()
    return html.escape(cleaned, quote=True).replace("{", "&#123;").replace("}", "&#125;")


# --------------------------------------------------------------------------- validation


def _check(spec: ChartSpec) -> None:
    """Reject specs our callers should never build (they pass validated model data)."""
    if not _SLUG.fullmatch(spec.chart_id):
        raise ValueError(f"chart_id must be a slug ([a-z0-9][a-z0-9-]*): {spec.chart_id!r}")
    if spec.unit not in UNITS:
        raise ValueError(f"unknown unit {spec.unit!r}; expected one of {', '.join(sorted(UNITS))}")
    if not (240 <= spec.width <= 4000 and 120 <= spec.height <= 4000):
        raise ValueError(f"chart size {spec.width}x{spec.height} is outside 240..4000 x 120..4000")
    values = [p.value for p in spec.points] + [line.value for line in spec.lines]
    if not all(map(math.isfinite, values)):
        raise ValueError("non-finite value")
    dates = [p.date for p in spec.points]
    if dates != sorted(dates):
        raise ValueError("points must be sorted by date")
    for line in spec.lines:
        if line.kind not in REF_KINDS:
            raise ValueError(f"unknown reference line kind {line.kind!r}")
    for window in spec.windows:
        if window.end < window.start:
            raise ValueError(f"window {window.label!r} ends before it starts")
    if spec.period is not None and spec.period[1] < spec.period[0]:
        raise ValueError("period ends before it starts")


# --------------------------------------------------------------------------- scales


def nice_ticks(lo: float, hi: float, min_count: int = 4, max_count: int = 6) -> tuple[float, ...]:
    """Evenly spaced "nice" ticks (steps of 1, 2 or 5 times a power of ten) covering lo..hi.

    The first tick is at or below `lo`, the last at or above `hi`; there are between
    `min_count` and `max_count` of them. A zero-width range is widened around its value.
    """
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError("tick range must be finite")
    if not 2 <= min_count <= max_count:
        raise ValueError("need 2 <= min_count <= max_count")
    lo, hi = min(lo, hi), max(lo, hi)
    if hi - lo <= max(abs(lo), abs(hi)) * 1e-9 or hi - lo < 1e-200:
        # (Nearly) zero width: widen around the middle, else the step underflows.
        middle = (lo + hi) / 2
        pad = abs(middle) * 0.1 if abs(middle) >= 1e-200 else 1.0
        lo, hi = min(lo, middle - pad), max(hi, middle + pad)
    exponent = math.floor(math.log10((hi - lo) / max_count))
    for power in range(exponent - 1, exponent + 3):
        for multiple in (1, 2, 5):
            step = multiple * 10.0**power
            first = math.floor(lo / step + 1e-9)
            last = math.ceil(hi / step - 1e-9)
            if last - first + 1 > max_count:
                continue
            while last - first + 1 < min_count:
                last += 1
            # Round away binary noise (0.30000000000000004) so labels and layout agree.
            return tuple(round(k * step, 12 - power) + 0.0 for k in range(first, last + 1))
    raise AssertionError("unreachable: a step of 10**(exponent + 2) always fits")


def _value_ticks(values: Sequence[float], unit: str) -> tuple[float, ...]:
    """Y ticks for values: padded so nothing touches the frame, and no needless negatives."""
    lo, hi = min(values), max(values)
    if hi == lo:
        pad = abs(lo) * 0.1 or (0.1 if unit in ("percent", "ratio") else 1.0)
    else:
        pad = (hi - lo) * 0.08
    low, high = lo - pad, hi + pad
    if lo >= 0 > low:
        low = 0.0
    if unit == "percent" and hi <= 1 < high:
        high = 1.0
    return nice_ticks(low, high)


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _date_ticks(
    start: datetime.date, end: datetime.date, max_count: int
) -> list[tuple[datetime.date, str]]:
    """Labelled date ticks inside start..end, with the finest calendar step that fits."""
    span = (end - start).days
    approx_days = {"day": 1, "week": 7, "month": 30, "year": 365}
    chosen, ticks = "day", list[datetime.date]()
    for kind, every in _DATE_STEPS:
        if span / (approx_days[kind] * every) > max_count + 2:
            continue  # clearly too many; skip without generating them
        finer, chosen = (chosen, ticks), kind
        ticks = _calendar_ticks(start, end, kind, every, max_count + 2)
        if len(ticks) <= max_count:
            if len(ticks) < 4 and len(finer[1]) == max_count + 1:
                chosen, ticks = finer  # one tick too many beats too few
            break
    labelled: list[tuple[datetime.date, str]] = []
    previous_year: int | None = None
    for tick in ticks:
        if chosen == "year":
            label = str(tick.year)
        elif chosen == "month":
            label = f"{_MONTHS[tick.month - 1]} {tick.year}"
        else:
            label = f"{_MONTHS[tick.month - 1]} {tick.day}"
            if tick.year != previous_year:
                label += f", {tick.year}"
        previous_year = tick.year
        labelled.append((tick, label))
    return labelled


def _calendar_ticks(
    start: datetime.date, end: datetime.date, kind: str, every: int, limit: int
) -> list[datetime.date]:
    """Up to `limit` dates in start..end on a calendar grid (Mondays, month or year starts)."""
    ticks: list[datetime.date] = []
    if kind in ("day", "week"):
        first = start.toordinal()
        if kind == "week":
            first += (7 - start.weekday()) % 7  # Mondays
        gap = every * (7 if kind == "week" else 1)
        last = min(end.toordinal(), first + gap * (limit - 1))
        return [datetime.date.fromordinal(day) for day in range(first, last + 1, gap)]
    months = every * 12 if kind == "year" else every
    year, month = start.year, start.month
    if (year, month, 1) < (start.year, start.month, start.day):
        year, month = _add_months(year, month, 1)
    while (year * 12 + month - 1) % months:
        year, month = _add_months(year, month, 1)
    while len(ticks) < limit and year <= datetime.MAXYEAR:
        tick = datetime.date(year, month, 1)
        if tick > end:
            break
        ticks.append(tick)
        year, month = _add_months(year, month, months)
    return ticks


def _thin(ys: Sequence[float], limit: int) -> list[int]:
    """Indices to draw: both ends, and the lowest and highest value of each bucket.

    Buckets are a pixel or two wide at the default size, so the drawn line keeps the
    envelope of the data, every spike included, with at most `limit` vertices.
    """
    n = len(ys)
    if n <= limit:
        return list(range(n))
    buckets = (limit - 2) // 2
    size = (n - 2) / buckets
    value_at = ys.__getitem__
    kept = [0]
    for bucket in range(buckets):
        members = range(1 + int(bucket * size), 1 + int((bucket + 1) * size))
        low = min(members, key=value_at)
        high = max(members, key=value_at)
        if low == high:
            kept.append(low)
        else:
            kept += (low, high) if low < high else (high, low)
    kept.append(n - 1)
    return kept


# --------------------------------------------------------------------------- rendering


def _f(value: float) -> str:
    return f"{value:.1f}"


def _spread_labels(wanted: list[float], top: float, bottom: float) -> list[float]:
    """Move label baselines apart (keeping their order) so no two overlap."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [0.0] * len(wanted)
    floor = top
    for i in order:
        placed[i] = max(wanted[i], floor)
        floor = placed[i] + _LABEL_GAP
    overflow = max((placed[i] - bottom for i in order), default=0.0)
    if overflow > 0:
        ceiling = bottom
        for i in reversed(order):
            placed[i] = min(placed[i], ceiling)
            ceiling = placed[i] - _LABEL_GAP
    return placed


def _clamp_label_x(x: float, label: str, left: float, right: float) -> float:
    half = len(label) * _CHAR_WIDTH / 2
    return min(max(x, left + half), right - half)


def render_chart(spec: ChartSpec) -> str:
    """The chart as one `<svg>` element: title, description, axes, lines, windows, data."""
    _check(spec)
    return _render_svg(spec)


def _render_svg(spec: ChartSpec) -> str:
    width, height, unit, cid = spec.width, spec.height, spec.unit, spec.chart_id
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="oc-svg" role="img"'
        f' aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {width} {height}"'
        f' width="100%" preserveAspectRatio="xMidYMid meet" font-size="{_FONT_SIZE}"'
        f' fill="currentColor">',
        f'<title id="{cid}-title">{_text(spec.title)}</title>',
        f'<desc id="{cid}-desc">{_text(spec.description)}</desc>',
    ]

    values = [p.value for p in spec.points] + [line.value for line in spec.lines]
    drawable = not values or max(map(abs, values)) <= MAX_ABS_VALUE
    y_ticks = _value_ticks(values, unit) if values and drawable else ()
    y_labels: list[str] = []
    if y_ticks:
        decimals = _tick_decimals(y_ticks[1] - y_ticks[0], unit)
        y_labels = [_formatter(unit, decimals)(tick) for tick in y_ticks]
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
        out.append("</g>")

    # X axis with date ticks.
    axis = f"M{_f(left)},{_f(bottom)}H{_f(right)}"
    x_ticks = (
        _date_ticks(
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

    # Reference lines, labelled inside the plot at its right edge.
    if spec.lines and drawable:
        out.append('<g class="oc-refs">')
        label_ys = _spread_labels(
            [y_of(line.value) - 5 for line in spec.lines], top + 10, bottom - 4
        )
        for line, label_y in zip(spec.lines, label_ys, strict=True):
            y = _f(y_of(line.value))
            dash = _DASHES[line.kind]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<path class="oc-ref oc-ref-{line.kind}" d="M{_f(left)},{y}H{_f(right)}"'
                f' fill="none" stroke="currentColor" stroke-width="1.5"{dash_attr}/>'
            )
            label = f"{line.label}: {format_value(line.value, unit)}"
            out.append(
                f'<text class="oc-label oc-label-{line.kind}" x="{_f(right - 4)}"'
                f' y="{_f(label_y)}" text-anchor="end">{_text(label)}</text>'
            )
        out.append("</g>")

    # The series: thinned for drawing only; the data table keeps every value.
    if spec.points and drawable:
        xs = [left + (p.date.toordinal() - x_min) * x_scale for p in spec.points]
        ys = [bottom - (p.value - y_lo) * y_scale for p in spec.points]
        kept = _thin(ys, MAX_DRAWN_POINTS)
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
        x = x_of(spec.as_of)
        label = f"as of {spec.as_of.isoformat()}"
        out.append(
            f'<g class="oc-asof"><path d="M{_f(x)},{_f(top - 4)}V{_f(bottom)}" fill="none"'
            f' stroke="currentColor" stroke-opacity="0.6"/>'
            f'<text x="{_f(_clamp_label_x(x, label, 0, width))}" y="{_f(top - 8)}"'
            f' text-anchor="middle">{label}</text></g>'
        )

    out.append("</svg>")
    return "\n".join(out)


def render_data_table(spec: ChartSpec) -> str:
    """Every value of the chart as an HTML table, folded in `<details>` under the chart."""
    _check(spec)
    return _render_table(spec)


def _render_table(spec: ChartSpec) -> str:
    count = len(spec.points)
    if count:
        # Escape all cells in one pass: "\t" and "\n" never occur in dates or in our
        # formatted values, so they can stand for cell and row boundaries until then.
        fmt = _formatter(spec.unit)
        cells = "\n".join(f"{p.date.isoformat()}\t{fmt(p.value)}" for p in spec.points)
        rows = (
            "<tr><td>"
            + (
                html.escape(cells, quote=True)
                .replace("\t", "</td><td>")
                .replace("\n", "</td></tr>\n<tr><td>")
            )
            + "</td></tr>"
        )
    else:
        rows = '<tr><td colspan="2">No measurements yet</td></tr>'
    return (
        f'<details class="outcomes-chart-data"><summary>Data ({count}'
        f" value{'' if count == 1 else 's'})</summary>\n"
        f'<table><thead><tr><th scope="col">Date</th><th scope="col">{_text(spec.title)}'
        f"</th></tr></thead><tbody>\n{rows}\n</tbody></table></details>"
    )


def render_chart_block(spec: ChartSpec) -> str:
    """Chart and data table in one `<figure>`, an HTML block with no blank line for Markdown."""
    _check(spec)
    return f'<figure class="outcomes-chart">\n{_render_svg(spec)}\n{_render_table(spec)}\n</figure>'


CHART_CSS = """\
/* Outcomes charts: colours from Material's palette, with fallbacks for other themes. */
.md-typeset figure.outcomes-chart,
figure.outcomes-chart {
  display: block;
  width: auto;
  max-width: 100%;
  margin: 1em 0;
  text-align: left;
}
.outcomes-chart .oc-svg {
  display: block;
  width: 100%;
  max-width: 100%;
  height: auto;
  color: var(--md-default-fg-color--light, rgba(0, 0, 0, 0.54));
  font-family: inherit;
}
.oc-svg text {
  fill: currentColor;
}
.oc-svg .oc-grid {
  stroke: var(--md-default-fg-color--lightest, rgba(0, 0, 0, 0.07));
  stroke-opacity: 1;
}
.oc-svg .oc-axis {
  stroke: var(--md-default-fg-color--lighter, rgba(0, 0, 0, 0.32));
  stroke-opacity: 1;
}
.oc-svg .oc-window {
  fill: var(--md-accent-fg-color--transparent, rgba(82, 108, 254, 0.1));
  fill-opacity: 1;
}
.oc-svg .oc-series,
.oc-svg .oc-dots {
  stroke: var(--md-typeset-a-color, var(--md-primary-fg-color, #4051b5));
}
.oc-svg .oc-latest {
  fill: var(--md-typeset-a-color, var(--md-primary-fg-color, #4051b5));
  stroke: var(--md-default-bg-color, #fff);
}
.oc-svg .oc-ref-baseline {
  stroke: var(--md-default-fg-color--light, rgba(0, 0, 0, 0.54));
}
.oc-svg .oc-ref-target {
  stroke: var(--md-accent-fg-color, #526cfe);
}
.oc-svg .oc-ref-expect {
  stroke: var(--md-default-fg-color, rgba(0, 0, 0, 0.87));
}
.oc-svg .oc-label {
  fill: var(--md-default-fg-color, rgba(0, 0, 0, 0.87));
  paint-order: stroke;
  stroke: var(--md-default-bg-color, #fff);
  stroke-width: 3px;
  stroke-linejoin: round;
}
.oc-svg .oc-asof path {
  stroke: var(--md-default-fg-color--light, rgba(0, 0, 0, 0.54));
  stroke-opacity: 1;
}
.oc-svg .oc-empty {
  fill: var(--md-default-fg-color--light, rgba(0, 0, 0, 0.54));
}
.outcomes-chart-data td:last-child,
.md-typeset .outcomes-chart-data table:not([class]) td:last-child {
  text-align: right;
  font-variant-numeric: tabular-nums;
}
"""
