"""Markdown fields under hostile input: linear time, bounded nesting, sanitised output.

Python-Markdown, which rendered these fields before, took over 20 s for 20,000 `[` and
raised RecursionError on 5,000 `- ` (see render/text.py); each pattern here is one that
hurt it, at 20,000 characters, and must render in well under a second.
"""

from __future__ import annotations

import time

import pytest

from outcomes.render.text import MAX_NESTING, markdown_html

PATTERNS = ["[", "![", "[a](", "<a ", "[^", "- ", "> ", "*a", "_a", "**a", "<http", "[\n", "*_"]


@pytest.mark.parametrize("unit", PATTERNS, ids=[repr(p) for p in PATTERNS])
def test_pathological_markdown_renders_in_linear_time(unit: str) -> None:
    text = (unit * (20_000 // len(unit) + 1))[:20_000]
    # CPU time, not wall time: the bound is about the algorithm (quadratic parsing took
    # over 20 s), and a machine busy with other work must not make it fail.
    started = time.process_time()
    html = markdown_html(text)
    assert time.process_time() - started < 2.0
    assert "<script" not in html


def test_nesting_stops_at_the_limit_without_recursion_errors() -> None:
    html = markdown_html(">" * 50_000 + " deep")
    assert html.count("<blockquote>") == MAX_NESTING
    lists = markdown_html("".join("  " * i + "- x\n" for i in range(300)))
    assert lists.count("<ul>") <= MAX_NESTING + 1


def test_markdown_features_survive_the_sanitiser() -> None:
    html = markdown_html(
        "# Title\n\n- **bold** ~~gone~~ `code`\n\n|a|b|\n|:-|-:|\n|1|2|\n\n"
        "[site](https://example.com) [rel](../kpis/rate/) <b onclick=x>b</b>\n\n3. three\n"
    )
    assert "<h3>Title</h3>" in html  # user headings never outrank the page's own
    assert "<strong>bold</strong> <s>gone</s> <code>code</code>" in html
    assert '<th style="text-align:left">a</th>' in html
    assert '<td style="text-align:right">2</td>' in html
    assert '<a href="https://example.com" rel="noopener noreferrer">site</a>' in html
    assert '<a href="../kpis/rate/" rel="noopener noreferrer">rel</a>' in html
    assert "<b>b</b>" in html
    assert '<ol start="3">' in html


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html,x)",
        "<a href='&#106;avascript:alert(1)'>x</a>",
        "[x]: javascript:alert(1)\n\n[x]",
        "<javascript:alert(1)>",
    ],
)
def test_unsafe_links_lose_their_href_and_keep_their_text(text: str) -> None:
    html = markdown_html(text)
    assert "href" not in html
    assert "x" in html or "javascript" in html


def test_styles_other_than_alignment_are_dropped() -> None:
    html = markdown_html('<table><tr><td style="background:url(x);text-align:left">a</td></tr>')
    assert "url(" not in html
