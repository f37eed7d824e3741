"""The roadmap's navigation as one value, with a serialiser per host.

The rule — board, themes, OKR periods, journeys and teams, then the hypotheses and KPIs
indexes, priorities, health and traceability; never every hypothesis or KPI — lives
here once. The MkDocs plugin hands `Nav.entries()` to MkDocs; `outcomes generate` writes
`Nav.yaml()` to `OUT_DIR/nav.yml` for other generators (`INHERIT: OUT_DIR/nav.yml`);
the benchmarks read that file back with `Nav.parse`. Material writes the whole nav into
every page, so a nav that grew with the roadmap made the build quadratic (see
`render.site.NAV_SECTION_LIMIT`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from outcomes.render import urls
from outcomes.render.text import title_html

# MkDocs' nav structure: a page, or {title: page}, or {title: [entries]}.
NavEntry: TypeAlias = "str | dict[str, str | list[NavEntry]]"

_SECTIONS = (("Themes", "themes/"), ("OKRs", "okrs/"), ("Journeys", "journeys/"),
             ("Teams", "teams/"))  # fmt: skip
_LINKS = (("Hypotheses", urls.HYPOTHESES_INDEX), ("KPIs", urls.KPIS_INDEX),
          ("Priorities", urls.PRIORITIES), ("Health", urls.HEALTH), ("Changes", urls.CHANGES),
          ("Traceability", urls.TRACEABILITY), ("Glossary", urls.LEGEND))  # fmt: skip


class NavFileError(ValueError):
    """A nav file that is not the shape `Nav.yaml` writes."""


@dataclass(frozen=True)
class NavItem:
    """A page (`title` may be "" for a page titled by itself) or a titled section."""

    title: str
    uri: str = ""
    children: tuple[NavItem, ...] = ()

    def entry(self) -> NavEntry:
        if self.children or not self.uri:
            return {self.title: [child.entry() for child in self.children]}
        return {self.title: self.uri} if self.title else self.uri


@dataclass(frozen=True)
class NavPage:
    """What the nav rule needs of a generated page."""

    src_uri: str
    title: str
    in_nav: bool = True


@dataclass(frozen=True)
class Nav:
    """The navigation of a site: the roadmap's entries, optionally with the host's own."""

    items: tuple[NavItem, ...] = ()

    def entries(self) -> list[NavEntry]:
        """MkDocs' nav structure (also what `nav:` of a YAML config holds)."""
        return [item.entry() for item in self.items]

    def yaml(self) -> str:
        """A config file a host pulls in with `INHERIT:`: `nav:` and nothing else."""
        from ruamel.yaml import YAML  # only `outcomes generate` writes one

        yaml = YAML(typ="safe", pure=True)
        yaml.default_flow_style = False
        yaml.allow_unicode = False  # every character outside ASCII escaped: any YAML reads it
        yaml.width = 4096
        text = io.StringIO()
        text.write("# Written by `outcomes generate`: the roadmap's pages, for a host config's\n")
        text.write("# `INHERIT: <this folder>/nav.yml`. Rewritten on every run.\n")
        yaml.dump({"nav": self.entries()}, text)
        return text.getvalue()

    def pages(self) -> set[str]:
        """Every page the nav links to."""
        found: set[str] = set()
        stack = list(self.items)
        while stack:
            item = stack.pop()
            if item.uri:
                found.add(item.uri)
            stack.extend(item.children)
        return found

    def with_own_pages(self, own: Sequence[str]) -> Nav:
        """The nav of a site without a `nav:` of its own: its home page, the roadmap, then
        the project's other pages, one section per top-level folder."""
        home = [NavItem("", "index.md")] if "index.md" in own else []
        top: list[NavItem] = []
        folders: dict[str, list[NavItem]] = {}
        for uri in own:
            if uri == "index.md":
                continue
            if "/" in uri:
                folders.setdefault(uri.split("/", 1)[0], []).append(NavItem("", uri))
            else:
                top.append(NavItem("", uri))
        sections = [NavItem(folder.replace("-", " ").capitalize(), children=tuple(pages))
                    for folder, pages in folders.items()]  # fmt: skip
        return Nav((*home, *self.items, *top, *sections))

    def in_host_nav(self, nav: list[NavEntry] | None, own: Sequence[str]) -> list[NavEntry]:
        """The host's nav with the roadmap in it: appended as a "Roadmap" section to a nav
        the host spells out, else `with_own_pages(own)`."""
        if nav:
            return [*nav, {"Roadmap": self.entries()}]
        return self.with_own_pages(own).entries()

    @classmethod
    def parse(cls, entries: object) -> Nav:
        """A nav from MkDocs' structure (`Nav.yaml`'s `nav:` read back)."""
        if not isinstance(entries, list):
            raise NavFileError("a nav is a list")
        return cls(tuple(_item(entry) for entry in entries))


def roadmap_nav(pages: Iterable[NavPage], board: str) -> Nav:
    """The roadmap's entries for the pages of a site; empty when it has no board."""
    pages = list(pages)
    generated = {p.src_uri for p in pages}
    if board not in generated:
        return Nav()
    items = [NavItem("Board", board)]
    for label, prefix in _SECTIONS:
        overview = f"{prefix}index.md"
        if overview in generated:  # too many to list: an overview page
            items.append(NavItem(label, overview))
            continue
        # Hosts write nav titles as HTML: user titles go in escaped.
        entries = tuple(NavItem(title_html(p.title), p.src_uri) for p in pages
                        if p.src_uri.startswith(prefix) and p.in_nav
                        and not p.src_uri.endswith("index.md"))  # fmt: skip
        if entries:
            items.append(NavItem(label, children=entries))
    items += [NavItem(label, uri) for label, uri in _LINKS if uri in generated]
    return Nav(tuple(items))


def _item(entry: object) -> NavItem:
    if isinstance(entry, str):
        return NavItem("", entry)
    if isinstance(entry, dict) and len(entry) == 1:
        ((title, target),) = entry.items()
        if isinstance(target, str):
            return NavItem(str(title), target)
        if isinstance(target, list):
            return NavItem(str(title), children=tuple(_item(child) for child in target))
    raise NavFileError(f"not a nav entry: {entry!r}")
