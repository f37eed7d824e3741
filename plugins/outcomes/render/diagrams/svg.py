"""Dot's SVG made safe to inline: rebuilt from an allowlist, accessible, responsive.

`embeddable_svg` keeps links (relative or http(s) only) and nothing executable, and
gives the diagram `role`, `<title>` and `<desc>`.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from html import escape

from outcomes.render.diagrams.dot import JOINER, clean, one_line, safe_url

__all__ = ["embeddable_svg"]

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>|<!--.*?-->", re.DOTALL)
_ELEMENTS = frozenset({
    "svg", "g", "a", "title", "desc", "text", "tspan", "path", "polygon", "polyline",
    "ellipse", "circle", "rect", "line",
})  # fmt: skip
_ATTRIBUTES = frozenset({
    "class", "transform", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity",
    "stroke-dasharray", "points", "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1",
    "x2", "y2", "width", "height", "text-anchor", "font-family", "font-size", "font-weight",
    "font-style", "text-decoration",
})  # fmt: skip
_LENGTH = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(pt|px)?\s*$")


def embeddable_svg(svg: str, title: str, description: str) -> str:
    """Dot's SVG rebuilt for inlining into a page.

    Drops the XML prolog, doctype, comments, dot's `<title>`s (node ids) and every
    element or attribute not on an allowlist (so no script, no event handler, no
    `style`, no foreign content); keeps links as plain `href` (relative or http(s)
    only) with their tooltip as a `<title>`; adds `role="img"`, a `<title>` and a
    `<desc>` referenced by `aria-labelledby`; scales to the page width (keeping the
    viewBox) up to the natural size. Never raises: input that is not well-formed SVG
    (dot never writes any) gives an empty diagram that still has its title and desc.
    """
    body = _PROLOG.sub("", svg).strip()
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        root = ET.Element(f"{{{_SVG_NS}}}svg")
    if root.tag != f"{{{_SVG_NS}}}svg":
        root = ET.Element(f"{{{_SVG_NS}}}svg")
    key = hashlib.sha256(f"{title}\x00{description}\x00{body}".encode()).hexdigest()[:10]
    prefix = f"outcomes-diagram-{key}"
    attrs = {
        "xmlns": _SVG_NS,
        "class": "outcomes-diagram",
        # A map with links is a group: role="img" would hide its links from screen readers.
        "role": "group" if f"{{{_SVG_NS}}}a" in {e.tag for e in root.iter()} else "img",
        "aria-labelledby": f"{prefix}-title {prefix}-desc",
        "width": "100%",
    }
    view_box = root.get("viewBox")
    if view_box and re.fullmatch(r"[0-9eE+.\- ]+", view_box):
        attrs["viewBox"] = view_box
    width = _LENGTH.match(root.get("width", ""))
    if width:
        # Drawn at its natural size: the page's wrapper scrolls sideways when it is wider,
        # since a shrunk map of 30 steps would be unreadable.
        attrs["style"] = f"width: {width.group(1)}{width.group(2) or 'px'}; height: auto"
    parts = [
        "<svg" + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items()) + ">\n",
        f'<title id="{prefix}-title">{escape(one_line(title))}</title>\n',
        f'<desc id="{prefix}-desc">{escape(one_line(description))}</desc>\n',
    ]
    for child in root:
        _serialise(child, parts)
    parts.append("</svg>\n")
    return "".join(parts)


def _local(tag: object) -> str | None:
    if not isinstance(tag, str):
        return None  # comments and processing instructions
    if tag.startswith(f"{{{_SVG_NS}}}"):
        return tag[len(_SVG_NS) + 2 :]
    return None


def _serialise(element: ET.Element, parts: list[str]) -> None:
    name = _local(element.tag)
    if name is None or name not in _ELEMENTS or name in ("svg", "title", "desc"):
        return  # dot's own titles are node ids: noise for readers and tooltips
    attrs: list[tuple[str, str]] = []
    tooltip: str | None = None
    for key, value in element.attrib.items():
        if key in _ATTRIBUTES:
            attrs.append((key, " ".join(value.split())))
        elif name == "a" and key in ("href", f"{{{_XLINK_NS}}}href"):
            url = safe_url(value)
            if url is not None:
                attrs.append(("href", url))
        elif name == "a" and key in ("title", f"{{{_XLINK_NS}}}title"):
            tooltip = clean(value).replace("\\" + JOINER, "\\").strip()
    is_text = name in ("text", "tspan")
    opening = f"<{name}" + "".join(f' {k}="{escape(v)}"' for k, v in attrs)
    if not len(element) and not tooltip and not (is_text and element.text):
        parts.append(opening + "/>\n")
        return
    parts.append(opening + ">")
    if not is_text:
        parts.append("\n")
    if tooltip:
        parts.append(f"<title>{escape(tooltip, quote=False)}</title>\n")
    if is_text and element.text:
        parts.append(escape(clean(element.text), quote=False))
    for child in element:
        _serialise(child, parts)
        if is_text and child.tail:
            parts.append(escape(clean(child.tail), quote=False))
    parts.append(f"</{name}>" + ("" if name == "tspan" else "\n"))
