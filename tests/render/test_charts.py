"""Tests of the SVG chart renderer: golden files, formatting, escaping, thinning, ticks.

Golden files live in tests/render/golden/; refresh them after an intended change with
`OUTCOMES_UPDATE_GOLDEN=1 pytest tests/render` and review the diff like code.
"""

from __future__ import annotations

import datetime
import itertools
import math
import re
import timeit
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldens import assert_golden
from outcomes.render.charts import (
    CHART_CSS,
    UNITS,
    ChartSpec,
    Point,
    RefLine,
    Window,
    format_value,
    narrow_variant,
    nice_ticks,
    render_chart,
    render_chart_block,
    render_data_table,
)

GOLDEN = Path(__file__).parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"
D = datetime.date


# --------------------------------------------------------------------------- fixtures


def weekly_invite_rate() -> ChartSpec:
    """A typical hypothesis chart: a year of weekly values, three lines, two windows."""
    start = D(2025, 11, 3)
    points = tuple(
        Point(
            start + datetime.timedelta(weeks=i),
            # Deterministic noise: integer arithmetic, no random, no libm.
            round(0.38 + 0.09 * i / 53 + ((i * 7919) % 23 - 11) / 700, 3),
        )
        for i in range(54)
    )
    return ChartSpec(
        chart_id="week1-invite-rate",
        title="Week-1 invite rate",
        description=(
            "54 weekly values from 2025-11-03 to 2026-11-16; latest "
            f"{format_value(points[-1].value, 'percent')} on 2026-11-16."
        ),
        unit="percent",
        points=points,
        lines=(
            RefLine(0.38, "Baseline", "baseline"),
            RefLine(0.55, "Target", "target"),
            RefLine(0.45, "Expected", "expect"),
        ),
        windows=(
            Window(D(2026, 6, 1), D(2026, 6, 28), "10% rollout"),
            Window(D(2026, 10, 1), D(2026, 10, 28), "50% rollout"),
        ),
        as_of=D(2026, 11, 22),
        period=(D(2026, 7, 1), D(2027, 3, 31)),
    )


def empty_series() -> ChartSpec:
    return ChartSpec(
        chart_id="nps",
        title="Net promoter score",
        description="No measurements yet.",
        unit="score",
        points=(),
    )


def single_point() -> ChartSpec:
    return ChartSpec(
        chart_id="weekly-active-teams",
        title="Weekly active teams",
        description="1 value: 1,204 on 2026-11-16.",
        unit="count",
        points=(Point(D(2026, 11, 16), 1204),),
        as_of=D(2026, 11, 22),
    )


def decreasing_hours() -> ChartSpec:
    """A decrease-direction KPI: lower is better, so the target sits below the baseline."""
    start = D(2026, 1, 5)
    points = tuple(
        Point(start + datetime.timedelta(weeks=2 * i), round(31.5 - 0.55 * i + (i % 3) * 0.8, 1))
        for i in range(24)
    )
    return ChartSpec(
        chart_id="time-to-first-dashboard",
        title="Time to first dashboard",
        description="24 fortnightly values from 2026-01-05 to 2026-11-23; latest 19.3 h.",
        unit="hours",
        points=points,
        lines=(
            RefLine(30.0, "Baseline", "baseline"),
            RefLine(8.0, "Target", "target"),
            RefLine(12.0, "Expected with templates", "expect"),
        ),
        windows=(Window(D(2026, 9, 7), D(2026, 10, 4), "Template gallery beta"),),
        as_of=D(2026, 11, 30),
    )


def daily_series(days: int = 730) -> ChartSpec:
    start = D(2025, 1, 1)
    points = tuple(
        Point(start + datetime.timedelta(days=i), 1000 + (i * 7919) % 500 + i) for i in range(days)
    )
    return ChartSpec(
        chart_id="daily-signups",
        title="Daily signups",
        description=f"{days} daily values.",
        unit="count",
        points=points,
        lines=(RefLine(1200, "Baseline", "baseline"), RefLine(2000, "Target", "target")),
        as_of=points[-1].date,
    )


CASES = {
    "weekly-percent": weekly_invite_rate,
    "empty": empty_series,
    "single-point": single_point,
    "decrease-hours": decreasing_hours,
}


def golden(name: str, actual: str) -> None:
    assert_golden(GOLDEN / name, actual + "\n")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def vertices(svg: str, css_class: str) -> int:
    match = re.search(rf'<path class="{css_class}" d="([^"]*)"', svg)
    assert match, f"no path with class {css_class}"
    return match.group(1).count("L") + 1


# --------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("name", sorted(CASES))
def test_chart_matches_golden(name: str) -> None:
    golden(f"{name}.svg", render_chart(CASES[name]()))


@pytest.mark.parametrize("name", sorted(CASES))
def test_table_matches_golden(name: str) -> None:
    golden(f"{name}.table.html", render_data_table(CASES[name]()))


@pytest.mark.parametrize("name", sorted(CASES))
def test_block_is_figure_of_chart_and_table(name: str) -> None:
    spec = CASES[name]()
    block = render_chart_block(spec)
    # A wide and a narrow drawing (charts.css shows one by the figure's width), one table.
    assert block == (
        f'<figure class="outcomes-chart">\n{render_chart(spec, "wide")}\n'
        f"{render_chart(narrow_variant(spec), 'narrow')}\n"
        f"{render_data_table(spec)}\n</figure>"
    )
    assert "\n\n" not in block and not re.search(r"\n\s*\n", block)


# --------------------------------------------------------------------------- format_value


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (0.473, "percent", "47.3%"),
        (0.5, "percent", "50.0%"),
        (1.25, "percent", "125.0%"),
        (-0.0001, "percent", "0.0%"),
        (0.47, "ratio", "0.47"),
        (1.5, "ratio", "1.50"),
        (1204, "count", "1,204"),
        (1204.0, "count", "1,204"),
        (1204.56, "count", "1,204.6"),
        (-3, "count", "-3"),
        (1204, "currency", "$1,204"),
        (1204.5, "currency", "$1,204.50"),
        (-1204, "currency", "-$1,204"),
        (-0.001, "currency", "$0.00"),
        (120, "ms", "120 ms"),
        (1250.25, "ms", "1,250.2 ms"),
        (4.2, "seconds", "4.2 s"),
        (4, "seconds", "4.0 s"),
        (3.5, "minutes", "3.5 min"),
        (3.5, "hours", "3.5 h"),
        (12, "days", "12.0 d"),
        (7.4, "score", "7.4"),
        (-12.04, "score", "-12.0"),
    ],
)
def test_format_value(value: float, unit: str, expected: str) -> None:
    assert format_value(value, unit) == expected


def test_format_value_covers_every_unit() -> None:
    for unit in UNITS:
        assert format_value(1.0, unit)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_format_value_rejects_non_finite(value: float) -> None:
    with pytest.raises(ValueError, match="non-finite"):
        format_value(value, "count")


def test_format_value_rejects_unknown_unit() -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        format_value(1.0, "parsecs")


# --------------------------------------------------------------------------- escaping and safety


HOSTILE = "<script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }}"


def hostile_spec() -> ChartSpec:
    return ChartSpec(
        chart_id="hostile",
        title=HOSTILE,
        description=f'{TEMPLATE} "quoted" & <b onload="x()">bold</b>\n\nsecond paragraph',
        unit="percent",
        points=(Point(D(2026, 1, 1), 0.4), Point(D(2026, 2, 1), 0.5)),
        lines=(RefLine(0.6, '<img src=x onerror="alert(1)">', "target"),),
        windows=(Window(D(2026, 1, 10), D(2026, 1, 20), "javascript:alert(1) {% raw %}"),),
        as_of=D(2026, 2, 2),
    )


def test_text_from_the_spec_is_escaped_everywhere() -> None:
    spec = hostile_spec()
    block = render_chart_block(spec)
    assert "<script" not in block
    assert "<img" not in block and "<b " not in block
    assert "{{" not in block and "{%" not in block
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in block
    assert "&#123;&#123; 7*7 &#125;&#125;" in block
    # The block is one raw HTML block for Markdown: no blank line from the description.
    assert not re.search(r"\n\s*\n", block)


def test_escaped_text_reads_back_literally() -> None:
    root = parse(render_chart(hostile_spec()))
    assert root.findtext(f"{SVG}title") == HOSTILE
    desc = root.findtext(f"{SVG}desc")
    assert desc is not None and desc.startswith(TEMPLATE + ' "quoted" & <b onload')
    assert desc.endswith("</b> second paragraph")


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_active_content(name: str) -> None:
    block = render_chart_block(CASES[name]())
    lowered = block.lower()
    for needle in ("<script", "javascript:", "data:", "foreignobject", "href", "url(", "style="):
        assert needle not in lowered
    assert not re.search(r"\son[a-z]+\s*=", lowered)


def test_hostile_spec_has_no_event_handler_attributes() -> None:
    root = parse(render_chart(hostile_spec()))
    for element in root.iter():
        for attribute in element.attrib:
            assert not attribute.lower().startswith("on")
            assert "javascript:" not in element.attrib[attribute].lower()
        assert not element.tag.endswith(("script", "foreignObject"))


@given(st.text())
def test_any_text_gives_valid_xml_and_reads_back(text: str) -> None:
    spec = ChartSpec("any", text, text, "count", (Point(D(2026, 1, 1), 1),))
    root = parse(render_chart(spec))
    expected = " ".join(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", "", text).split())
    assert " ".join((root.findtext(f"{SVG}title") or "").split()) == expected
    header = ET.fromstring(render_data_table(spec)).find("table/thead/tr/th[2]")
    assert header is not None
    assert " ".join((header.text or "").split()) == expected


any_date = st.dates()
any_value = st.floats(allow_nan=False, allow_infinity=False)


@given(
    st.lists(st.tuples(any_date, any_value), max_size=40),
    st.lists(st.tuples(any_value, st.sampled_from(["baseline", "target", "expect"])), max_size=3),
    st.lists(st.tuples(any_date, any_date), max_size=2),
    st.none() | any_date,
    st.none() | st.tuples(any_date, any_date),
    st.sampled_from(sorted(UNITS)),
)
def test_any_valid_spec_renders_without_raising(
    raw_points: list[tuple[datetime.date, float]],
    raw_lines: list[tuple[float, str]],
    raw_windows: list[tuple[datetime.date, datetime.date]],
    as_of: datetime.date | None,
    period: tuple[datetime.date, datetime.date] | None,
    unit: str,
) -> None:
    spec = ChartSpec(
        "any",
        "t",
        "d",
        unit,
        tuple(Point(day, value) for day, value in sorted(raw_points)),
        tuple(RefLine(value, kind, kind) for value, kind in raw_lines),
        tuple(Window(min(a, b), max(a, b), "w") for a, b in raw_windows),
        as_of,
        (min(period), max(period)) if period else None,
    )
    parse(render_chart(spec))
    ET.fromstring(render_data_table(spec))


@pytest.mark.parametrize(
    "chart_id", ["", "Upper", "has space", "-leading", 'q"uote', "a/b", "x\n", "é", "a" * 200]
)
def test_chart_id_must_be_a_slug(chart_id: str) -> None:
    spec = ChartSpec(chart_id, "t", "d", "count", ())
    for render in (render_chart, render_data_table, render_chart_block):
        with pytest.raises(ValueError, match="slug"):
            render(spec)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unit": "furlongs"}, "unknown unit"),
        ({"points": (Point(D(2026, 2, 1), 1), Point(D(2026, 1, 1), 2))}, "sorted"),
        ({"points": (Point(D(2026, 2, 1), math.nan),)}, "non-finite"),
        ({"lines": (RefLine(1, "x", "goal"),)}, "kind"),
        ({"lines": (RefLine(math.inf, "x", "target"),)}, "non-finite"),
        ({"windows": (Window(D(2026, 2, 1), D(2026, 1, 1), "w"),)}, "ends before"),
        ({"period": (D(2026, 2, 1), D(2026, 1, 1))}, "ends before"),
        ({"width": 10}, "size"),
    ],
)
def test_invalid_specs_are_rejected(change: dict[str, object], message: str) -> None:
    base = {"chart_id": "c", "title": "t", "description": "d", "unit": "count", "points": ()}
    spec = ChartSpec(**{**base, **change})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        render_chart(spec)


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("name", sorted(CASES))
def test_svg_is_accessible_and_responsive(name: str) -> None:
    spec = CASES[name]()
    root = parse(render_chart(spec))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{spec.chart_id}-title {spec.chart_id}-desc"
    # The keys of the reference lines add rows below the plot's height.
    view_box = root.get("viewBox", "").split()
    assert view_box[:3] == ["0", "0", str(spec.width)]
    assert int(view_box[3]) >= spec.height
    assert (int(view_box[3]) == spec.height) == (not spec.lines)
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert root.get("preserveAspectRatio") == "xMidYMid meet"
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (
        f"{SVG}title",
        f"{spec.chart_id}-title",
        spec.title,
    )
    assert (desc.tag, desc.get("id"), desc.text) == (
        f"{SVG}desc",
        f"{spec.chart_id}-desc",
        spec.description,
    )


def test_empty_chart_says_so() -> None:
    svg = render_chart(empty_series())
    root = parse(svg)
    assert [t.text for t in root.iter(f"{SVG}text")] == ["No measurements yet"]
    assert 'class="oc-series"' not in svg
    table = render_data_table(empty_series())
    assert "<summary>Data (0 values)</summary>" in table
    assert "No measurements yet" in table


def test_empty_series_still_shows_target_and_period() -> None:
    spec = ChartSpec(
        "c",
        "t",
        "d",
        "percent",
        (),
        lines=(RefLine(0.5, "Target", "target"),),
        period=(D(2026, 1, 1), D(2026, 12, 31)),
    )
    svg = render_chart(spec)
    assert "Target: 50.0%" in svg and "No measurements yet" in svg
    assert "Jan 2026" in svg


@pytest.mark.parametrize(
    ("points", "lines"),
    [
        ((Point(D(2026, 1, 1), 1e300), Point(D(2026, 2, 1), -1.7e308)), ()),
        ((Point(D(2026, 1, 1), 5.0),), (RefLine(1e16, "Target", "target"),)),
    ],
)
def test_absurd_values_are_not_drawn_but_never_raise(
    points: tuple[Point, ...], lines: tuple[RefLine, ...]
) -> None:
    spec = ChartSpec("huge", "t", "d", "count", points, lines)
    svg = render_chart(spec)
    parse(svg)
    assert "Values too large to chart" in svg
    assert 'class="oc-series"' not in svg and 'class="oc-ref ' not in svg
    assert render_data_table(spec).count("<tr><td>") == len(points)


def test_single_point_is_a_dot() -> None:
    svg = render_chart(single_point())
    assert 'class="oc-series"' not in svg
    assert svg.count("<circle") == 1
    assert "<title>2026-11-16: 1,204</title>" in svg
    assert "<summary>Data (1 value)</summary>" in render_data_table(single_point())


def test_reference_lines_are_styled_and_labelled() -> None:
    svg = render_chart(weekly_invite_rate())
    assert re.search(r'class="oc-ref oc-ref-baseline"[^>]*stroke-dasharray="6 4"', svg)
    assert re.search(r'class="oc-ref oc-ref-expect"[^>]*stroke-dasharray="2 4"', svg)
    target = re.search(r'<path class="oc-ref oc-ref-target"[^>]*>', svg)
    assert target and "dasharray" not in target.group(0)
    for label in ("Baseline: 38.0%", "Target: 55.0%", "Expected: 45.0%"):
        assert label in svg


def test_windows_have_tooltips_and_as_of_is_marked() -> None:
    svg = render_chart(weekly_invite_rate())
    assert "<title>10% rollout: 2026-06-01 to 2026-06-28</title>" in svg
    assert "<title>50% rollout: 2026-10-01 to 2026-10-28</title>" in svg
    assert ">as of 2026-11-22</text>" in svg


def y_ticks(svg: str) -> list[float]:
    root = parse(svg)
    group = next(g for g in root.iter(f"{SVG}g") if "oc-ticks-y" in g.get("class", ""))
    return [float(t.get("y", "0")) for t in group]


def x_labels(svg: str) -> list[str]:
    root = parse(svg)
    group = next(g for g in root.iter(f"{SVG}g") if "oc-ticks-x" in g.get("class", ""))
    return [t.text or "" for t in group]


@pytest.mark.parametrize("name", ["weekly-percent", "decrease-hours", "single-point"])
def test_y_axis_has_four_to_six_ticks_around_everything(name: str) -> None:
    spec = CASES[name]()
    svg = render_chart(spec)
    assert 4 <= len(y_ticks(svg)) <= 6
    # Every drawn y (points, lines) lies inside the plot frame given by the grid.
    grid = re.search(r'class="oc-grid" d="([^"]*)"', svg)
    assert grid
    grid_ys = [float(y) for y in re.findall(r"M[\d.]+,([\d.]+)H", grid.group(1))]
    paths = re.findall(r'<path class="oc-(?:ref|series)[^"]*" d="([^"]*)"', svg)
    drawn = [float(y) for d in paths for y in re.findall(r"[ML][\d.]+,([\d.]+)", d)]
    drawn += [float(y) for y in re.findall(r'<circle[^>]* cy="([\d.]+)"', svg)]
    assert drawn and min(grid_ys) <= min(drawn) and max(drawn) <= max(grid_ys)


@pytest.mark.parametrize(
    ("start", "end", "style"),
    [
        (D(2026, 1, 1), D(2026, 1, 25), r"[A-Z][a-z]{2} \d{1,2}(, \d{4})?"),
        (D(2026, 1, 1), D(2026, 4, 10), r"[A-Z][a-z]{2} \d{1,2}(, \d{4})?|[A-Z][a-z]{2} \d{4}"),
        (D(2025, 11, 3), D(2026, 11, 16), r"[A-Z][a-z]{2} \d{4}"),
        (D(2024, 1, 1), D(2026, 12, 31), r"[A-Z][a-z]{2} \d{4}"),
        (D(2020, 1, 1), D(2026, 12, 31), r"\d{4}"),
        (D(1990, 1, 1), D(2026, 12, 31), r"\d{4}"),
    ],
)
def test_x_axis_has_four_to_eight_calendar_ticks(
    start: datetime.date, end: datetime.date, style: str
) -> None:
    spec = ChartSpec("c", "t", "d", "count", (Point(start, 1), Point(end, 2)))
    labels = x_labels(render_chart(spec))
    assert 4 <= len(labels) <= 8, labels
    assert all(re.fullmatch(style, label) for label in labels), labels


@given(
    st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 1, 1)),
    st.integers(min_value=0, max_value=365 * 150),
)
def test_x_axis_has_four_to_eight_ticks_for_any_range(start: datetime.date, days: int) -> None:
    end = start + datetime.timedelta(days=days)
    spec = ChartSpec("c", "t", "d", "count", (Point(start, 1), Point(end, 2)))
    labels = x_labels(render_chart(spec))
    assert 4 <= len(labels) <= 8, labels


def test_close_reference_labels_do_not_overlap() -> None:
    spec = ChartSpec(
        "c",
        "t",
        "d",
        "percent",
        (Point(D(2026, 1, 1), 0.2), Point(D(2026, 6, 1), 0.6)),
        lines=(
            RefLine(0.381, "Baseline", "baseline"),
            RefLine(0.38, "Expected", "expect"),
            RefLine(0.382, "Target", "target"),
        ),
    )
    for drawn in (spec, narrow_variant(spec)):
        root = parse(render_chart(drawn))
        labels = [t for t in root.iter(f"{SVG}text") if "oc-label" in t.get("class", "")]
        assert len(labels) == 3
        # Keys sit below the plot (never on the series), and keys on one row do not meet:
        # each spans its sample line, a gap and its text at 7 units a character.
        grid = re.search(r'class="oc-grid" d="([^"]*)"', render_chart(drawn))
        assert grid
        plot_bottom = max(float(y) for y in re.findall(r"M[\d.]+,([\d.]+)H", grid.group(1)))
        boxes = sorted(
            (float(t.get("y", "0")), float(t.get("x", "0")) - 27, float(t.get("x", "0"))
             + 7 * len(t.text or ""))
            for t in labels
        )  # fmt: skip
        assert all(y > plot_bottom + 20 for y, _, _ in boxes), (plot_bottom, boxes)
        for (y1, _, end1), (y2, start2, _) in itertools.pairwise(boxes):
            assert y2 - y1 >= 12.9 or start2 >= end1, boxes


def test_x_range_covers_period_windows_and_as_of() -> None:
    spec = weekly_invite_rate()
    svg = render_chart(spec)
    # The period runs to 2027-03-31, past the last point and the as-of date.
    assert "Jan 2027" in x_labels(svg)
    axis = re.search(r'class="oc-axis" d="M([\d.]+),[\d.]+H([\d.]+)', svg)
    latest = re.search(r'<circle[^>]* cx="([\d.]+)"', svg)
    as_of = re.search(r'class="oc-asof"><path d="M([\d.]+),', svg)
    assert axis and latest and as_of
    left, right = float(axis.group(1)), float(axis.group(2))
    window_x = [float(x) for x in re.findall(r'<rect class="oc-window" x="([\d.]+)"', svg)]
    assert all(left < x < right for x in window_x)
    assert left < float(latest.group(1)) < float(as_of.group(1)) < right - 100


# --------------------------------------------------------------------------- thinning


def test_long_series_is_thinned_for_drawing_but_table_keeps_every_value() -> None:
    spec = daily_series(730)
    svg = render_chart(spec)
    assert vertices(svg, "oc-series") <= 400
    assert 'class="oc-dots"' not in svg
    table = render_data_table(spec)
    assert table.count("<tr><td>") == 730
    assert "<summary>Data (730 values)</summary>" in table
    assert "<td>2025-01-01</td>" in table and "<td>2026-12-31</td>" in table


def test_thinning_keeps_ends_and_spikes() -> None:
    start = D(2025, 1, 1)
    values = [10.0] * 1000
    values[517] = 90.0  # one spike must survive thinning
    spec = ChartSpec(
        "spiky",
        "t",
        "d",
        "count",
        tuple(Point(start + datetime.timedelta(days=i), v) for i, v in enumerate(values)),
    )
    svg = render_chart(spec)
    path = re.search(r'class="oc-series" d="M([^"]*)"', svg)
    assert path
    coords = [tuple(map(float, pair.split(","))) for pair in path.group(1).split("L")]
    ys = [y for _, y in coords]
    assert len(coords) <= 400
    assert min(ys) < max(ys)  # the spike is drawn
    assert coords[0][0] < coords[1][0] and coords[-1][0] > coords[-2][0]


def test_long_chart_stays_fast() -> None:
    """A guard against accidental quadratic work, not a benchmark (about 2.5 ms here)."""
    spec = daily_series(730)
    best = min(timeit.repeat(lambda: render_chart_block(spec), number=5, repeat=5)) / 5
    assert best < 0.025


def test_short_series_is_drawn_whole_with_dots() -> None:
    svg = render_chart(weekly_invite_rate())
    assert vertices(svg, "oc-series") == 54
    assert svg.count("h0") == 54


# --------------------------------------------------------------------------- ticks


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (0.35, 0.57, (0.35, 0.4, 0.45, 0.5, 0.55, 0.6)),
        (0, 1, (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)),
        (0, 100, (0.0, 20.0, 40.0, 60.0, 80.0, 100.0)),
        (8, 31, (0.0, 10.0, 20.0, 30.0, 40.0)),
        (-7, 1234, (-500.0, 0.0, 500.0, 1000.0, 1500.0)),
        (3, 3, (2.6, 2.8, 3.0, 3.2, 3.4)),
        (0.1, 0.3, (0.1, 0.15, 0.2, 0.25, 0.3)),
    ],
)
def test_nice_ticks_examples(lo: float, hi: float, expected: tuple[float, ...]) -> None:
    assert nice_ticks(lo, hi) == expected


finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(finite, finite)
def test_nice_ticks_properties(a: float, b: float) -> None:
    lo, hi = min(a, b), max(a, b)
    ticks = nice_ticks(lo, hi)
    assert 4 <= len(ticks) <= 6
    step = ticks[1] - ticks[0]
    assert ticks[0] <= lo + 1e-9 * step and ticks[-1] >= hi - 1e-9 * step
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 5, 10))
    for x, y in itertools.pairwise(ticks):
        assert math.isclose(y - x, step, rel_tol=1e-6, abs_tol=1e-9 * max(1.0, abs(y)))


# --------------------------------------------------------------------------- output properties


def test_rendering_is_deterministic() -> None:
    assert render_chart_block(weekly_invite_rate()) == render_chart_block(weekly_invite_rate())


def test_block_survives_markdown_as_one_html_block() -> None:
    spec = hostile_spec()
    block = render_chart_block(spec)
    html = markdown.markdown(f"# Page\n\n{block}\n\nAfter the chart.\n")
    assert block in html
    assert "<p>After the chart.</p>" in html


def test_numbers_have_fixed_precision() -> None:
    svg = render_chart(daily_series())
    numbers = re.findall(r'\s(?:x|y|cx|cy|width|height)="(-?[\d.]+)"', svg)
    assert numbers and all(re.fullmatch(r"-?\d+\.\d", n) for n in numbers)


def test_css_styles_with_material_variables_and_fallbacks() -> None:
    assert re.findall(r"var\(--md-[\w-]+\)", CHART_CSS) == []  # every variable has a fallback
    for variable in ("--md-default-fg-color", "--md-accent-fg-color", "--md-primary-fg-color"):
        assert f"var({variable}" in CHART_CSS
    for css_class in (
        "oc-series",
        "oc-grid",
        "oc-window",
        "oc-ref-baseline",
        "oc-ref-target",
        "oc-ref-expect",
        "oc-label",
        "oc-asof",
        "oc-latest",
        "oc-empty",
    ):
        assert f".{css_class}" in CHART_CSS
    lowered = CHART_CSS.lower()
    assert "url(" not in lowered and "@import" not in lowered and "expression(" not in lowered


def test_y_axis_does_not_exaggerate_small_moves() -> None:
    """Churn between 0.046 and 0.051 spans at least a quarter of its magnitude."""
    from outcomes.render.charts import value_ticks
    from outcomes.render.charts.scales import MIN_RELATIVE_SPAN

    ticks = value_ticks([0.046, 0.051, 0.048], "ratio")
    assert ticks[-1] - ticks[0] >= MIN_RELATIVE_SPAN * 0.051
    assert ticks[0] <= 0.046 and ticks[-1] >= 0.051
    # A large move is drawn as before: its own range, padded by 8 %.
    assert value_ticks([0.2, 0.6], "percent") == nice_ticks(0.2 - 0.032, 0.6 + 0.032)
