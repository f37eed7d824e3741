"""Generated tables in Material's own table style, each cell labelled for narrow screens.

Material styles only `table:not([class])`, so our tables carry no class: the class goes
on a wrapping `<div>` that our CSS and the filters select on. Every body cell gets a
`data-label` naming its column, so on a phone (`outcomes.css`) a row stacks into
"label: value" lines instead of an eight-column grid that breaks words mid-word
(measured on the demo at 390 px before: 201 words broken in the hypotheses index).
One pass over the finished page, so no template can forget a label.

Cells are also separated by a space: the search plugin collects a table's text node by
node, and cells with nothing between them ran together in every search preview
("Key resultBaselineValue…").
"""

from __future__ import annotations

import html
import re

__all__ = ["label_tables"]

_TABLE = re.compile(r'<table class="(outcomes-table[^"]*)">(.*?)</table>', re.DOTALL)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.DOTALL)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL)
_TD = re.compile(r'<td(?P<attrs>(?: (?!data-label)[a-z-]+="[^"]*")*)>')
_COLSPAN = re.compile(r'colspan="(\d+)"')
_TAG = re.compile(r"<[^>]+>")
_CELL_END = re.compile(r"</(t[dh])>(?=<t[dh]\b)")


def _plain(cell: str) -> str:
    """A header's text without markup, re-escaped for an attribute."""
    return html.escape(html.unescape(_TAG.sub("", cell)).strip(), quote=True)


def _label_body(body: str, labels: list[str]) -> str:
    def row(match: re.Match[str]) -> str:
        column = 0

        def cell(td: re.Match[str]) -> str:
            nonlocal column
            attrs = td.group("attrs")
            span = _COLSPAN.search(attrs)
            label = labels[column] if column < len(labels) else ""
            column += int(span.group(1)) if span else 1
            if span or not label:
                return td.group(0)
            return f'<td{attrs} data-label="{label}">'

        return _TD.sub(cell, match.group(0))

    return _ROW.sub(row, body)


def label_tables(page: str) -> str:
    """Wrap every `<table class="outcomes-table …">` and label its cells by column."""
    if "outcomes-table" not in page:
        return page

    def table(match: re.Match[str]) -> str:
        classes, inner = match.group(1), match.group(2)
        head = _HEAD.search(inner)
        labels = [_plain(th) for th in _TH.findall(head.group(1))] if head else []
        if head is not None:
            cut = head.end()
            inner = inner[:cut] + _label_body(inner[cut:], labels)
        inner = _CELL_END.sub(r"</\1> ", inner)
        return f'<div class="{classes}">\n<table>{inner}</table>\n</div>'

    return _TABLE.sub(table, page)
