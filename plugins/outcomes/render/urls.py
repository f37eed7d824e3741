"""Stable page paths (DESIGN, "The site") and relative links between pages."""

from __future__ import annotations

import posixpath


def theme(theme_id: str) -> str:
    return f"themes/{theme_id}.md"


def hypothesis(hypothesis_id: str) -> str:
    return f"hypotheses/{hypothesis_id}.md"


def kpi(kpi_id: str) -> str:
    return f"kpis/{kpi_id}.md"


def okr(period: str) -> str:
    return f"okrs/{period.lower()}.md"


def journey(journey_id: str) -> str:
    return f"journeys/{journey_id}.md"


def team(team_id: str) -> str:
    return f"teams/{team_id}.md"


HYPOTHESES_INDEX = "hypotheses/index.md"
KPIS_INDEX = "kpis/index.md"
TRACEABILITY = "traceability.md"
TRACEABILITY_ALL = "traceability/all.md"
PRIORITIES = "priorities.md"
HEALTH = "health.md"
CHANGES = "changes.md"
CHANGES_FEED = "changes.xml"
LEGEND = "legend.md"
ROADMAP_JSON = "roadmap.json"
STYLESHEET = "assets/outcomes/outcomes.css"


def dest_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a source file, relative to the site root."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        base = stem[: -len("index")]
        return base if use_directory_urls else base + "index.html"
    return stem + "/" if use_directory_urls else stem + ".html"


def relative(
    from_src: str,
    to_src: str,
    use_directory_urls: bool = True,
    anchor: str = "",
    *,
    from_source: bool = False,
) -> str:
    """A link from one page to another, relative, as a browser resolves it.

    `from_source`: relative to the source file instead, to the target's source path, for
    hosts that rewrite links in raw HTML as they rewrite Markdown links (Zensical 0.0.73
    does: a page-relative `../../kpis/x/` came out as `../../../kpis/x/`).
    """
    if from_source:
        rel = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
        return rel + (f"#{anchor}" if anchor else "")
    source = dest_url(from_src, use_directory_urls)
    target = dest_url(to_src, use_directory_urls)
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    rel = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if (not target or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")
