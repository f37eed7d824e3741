"""User text into HTML: Markdown rendered then sanitised, plain text escaped.

Markdown fields (problem, results, descriptions) may hold anything a pull request
author typed; after rendering, nh3 keeps only a small set of tags and attributes
and http(s)/mailto/relative links, so no script, event handler or
`javascript:`/`data:` URL reaches a page.
"""

from __future__ import annotations

import html

import markdown
import nh3

_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "sup",
    "sub", "abbr", "dl", "dt", "dd",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags={"script", "style"},
    attributes=_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def markdown_html(text: str) -> str:
    """Markdown of a user field as safe HTML (headings shifted below the page's own)."""
    if not text.strip():
        return ""
    rendered = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    for level in (2, 1):  # user headings never outrank the page's own h1/h2
        rendered = rendered.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
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
