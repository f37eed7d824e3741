"""User text into HTML: Markdown rendered then sanitised, plain text escaped.

Markdown fields (problem, results, descriptions) may hold anything a pull request
author typed; after rendering, nh3 keeps only a small set of tags and attributes
and http(s)/mailto/relative links, so no script, event handler or
`javascript:`/`data:` URL reaches a page.

They are rendered with markdown-it-py (CommonMark, plus tables and strikethrough)
rather than Python-Markdown, which MkDocs uses for hand-written pages, because
Python-Markdown is not safe on hostile input: 20,000 `[` in a field took more than
20 s (the link pattern rescans the rest of the paragraph for every bracket: quadratic),
and 5,000 `- ` on one line raised RecursionError. markdown-it-py is linear on the same
inputs (the worst pattern measured, 100,000 characters of `[` and newlines, takes
about 4 s; see tests/hostile) and stops nesting at `MAX_NESTING` levels: deeper
blocks are not rendered. nh3 stays the one gate for what reaches a page, so links are
not pre-filtered here (`validate_link` accepts all; nh3 removes unsafe `href`s and
keeps the text).
"""

from __future__ import annotations

import html
from typing import Any

import nh3
from markdown_it import MarkdownIt

MAX_NESTING = 20  # lists, quotes and inline markup nested deeper are not rendered

_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "s", "sup",
    "sub", "abbr", "dl", "dt", "dd",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title"}, "abbr": {"title"}, "th": {"align", "style"},
    "td": {"align", "style"}, "ol": {"start"},
}  # fmt: skip
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags={"script", "style"},
    attributes=_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    strip_comments=True,
    filter_style_properties={"text-align"},  # table column alignment, nothing else
)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    md.validateLink = _any_link  # type: ignore[method-assign]
    return md


def _any_link(url: str) -> bool:
    return True  # nh3 decides which links stay (see the module's docstring)


_MARKDOWN = _parser()


def markdown_html(text: str) -> str:
    """Markdown of a user field as safe HTML (headings shifted below the page's own)."""
    if not text.strip():
        return ""
    tokens = _MARKDOWN.parse(text)
    for token in tokens:  # user headings never outrank the page's own h1/h2
        if token.type in ("heading_open", "heading_close") and token.tag in ("h1", "h2"):
            token.tag = "h3"
    env: dict[str, Any] = {}
    rendered = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, env)
    return str(_CLEANER.clean(rendered))


def plain_html(text: str) -> str:
    """A plain text field, escaped for HTML."""
    return html.escape(text, quote=True)


def title_html(text: str) -> str:
    """A title for MkDocs (nav, page title, heading) as HTML text: escaped, on one line.

    Themes write `page.title` as HTML, and Material writes `page.title|striptags` into
    `<title>`, which unescapes it again; a word joiner after each `<` of `</` keeps an
    escaped `</title>` from closing that element and letting the rest become markup.
    """
    escaped = html.escape(" ".join(text.split()), quote=False)
    return escaped.replace("&lt;/", "&lt;\u2060/")
