"""Fuzzing the site: random text in every text and Markdown field never becomes markup.

A valid project whose every text field (titles, beliefs, Markdown problems, results
and descriptions, journey steps, notes in the CSV...) is drawn from hostile fragments
and random characters is rendered by the core (`render_site`), and each page goes
through Python-Markdown with the extensions of the site, as MkDocs does. An HTML
parser then checks the result: no script, frame, object, form or other active tag, no
`on*` attribute, no `javascript:`/`data:`/`vbscript:` URL (read as a browser reads it),
no style that loads anything; and template-looking text shows literally. A few
examples also run a real `mkdocs build --strict` with the Material theme.
"""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import yaml
from fuzzkit import any_text, fuzz_settings, html_problems, html_text, url_scheme_is_bad
from hypothesis import given
from hypothesis import strategies as st

from outcomes.diagnostics import Severity
from outcomes.load.project import Layout
from outcomes.pipeline import analyse
from outcomes.render.site import SiteOptions, render_site
from sitekit import MKDOCS_YML, build_site

AS_OF = datetime.date(2026, 11, 22)
TEMPLATE = "{{ 1234*1000 }}"  # evaluated, it would read 1234000
EVALUATED = "1234000"
MARKDOWN_EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html"]
# Tags the templates write themselves, per page (charts hold their data in <details>).
OWN_TAGS = {"hypotheses/index.md": frozenset({"details", "input", "style"})}
# The one script the site writes (filters in the URL): a literal of the macros, with no
# value in it, so the fuzz can reach it only by forging it. Pages may hold it, once.
_MACROS = Path(__file__).parents[2] / "plugins/outcomes/render/templates/_macros.j2"
_MACROS_TEXT = _MACROS.read_text(encoding="utf-8")
OWN_SCRIPT = _MACROS_TEXT[_MACROS_TEXT.index("<script>") : _MACROS_TEXT.index("</script>") + 9]


def without_own_script(html: str) -> str:
    """`html` less the site's own filter script, which must appear whole and at most once."""
    assert html.count("<script") == html.count(OWN_SCRIPT) <= 1
    return html.replace(OWN_SCRIPT, "")


URLS = (
    'https://example.com/a?b="c"&d=<e>', "&#106;avascript:alert(1)", "../kpis/rate/",
    "https://example.com/#<script>alert(1)</script>", "javascript&colon;alert(1)",
    "https://example.com/' onmouseover='alert(1)",
)  # fmt: skip


def project(text: Callable[[], str], url: str) -> dict[str, str]:
    """Every file of a valid project, with `text()` in every text field."""

    def tag() -> str:
        return text().strip()[:60] or "tag"

    def dump(data: Any) -> str:
        # Escaped, not raw: the reader refuses raw U+0085, U+2028 and U+2029 (YAML
        # readers disagree on them), while an escape still brings any character to the
        # renderer, which is what this test is about.
        return yaml.safe_dump(data, allow_unicode=False, sort_keys=False)

    notes = io.StringIO()
    writer = csv.writer(notes)  # quotes notes holding \r or \n
    writer.writerow(["date", "value", "note"])
    for day, value in (("2026-10-04", 0.40), ("2026-11-01", 0.44), ("2026-11-15", 0.45)):
        writer.writerow([day, value, text().replace("\x00", "")])  # NUL: file-encoding
    return {
        "okrs/teams.yaml": dump({"teams": [
            {"id": "growth", "name": text(), "description": text()},
        ]}),
        "okrs/kpis.yaml": dump({"kpis": [{
            "id": "rate", "name": text(), "description": text(), "unit": "percent",
            "direction": "increase", "owner": "growth",
        }]}),
        "okrs/measurements/rate.csv": notes.getvalue(),
        "okrs/2026-Q4.yaml": dump({"period": "2026-Q4", "objectives": [{
            "id": "grow", "title": text(), "owner": "growth", "themes": ["fuzz"],
            "key_results": [{"id": "up", "kpi": "rate", "baseline": 0.3, "target": 0.5}],
        }]}),
        "journeys/trip.yaml": dump({
            "id": "trip", "title": text(), "persona": text(), "description": text(),
            "stages": [{"id": "start", "title": text(), "steps": [{
                "id": "step", "title": text(), "actions": [text()], "touchpoints": [text()],
                "emotion": 1, "boosters": [text()], "blockers": [text()], "kpis": ["rate"],
            }]}],
        }),
        "roadmap/fuzz.yaml": dump({
            "id": "fuzz", "title": f"{text()} {TEMPLATE}", "horizon": "now", "owner": "growth",
            "problem": f"{text()}\n\n{TEMPLATE}\n\n{text()}",
            "outcomes": [{"kpi": "rate", "baseline": 0.3, "target": 0.5,
                          "from": datetime.date(2026, 9, 1), "by": datetime.date(2027, 3, 31)}],
            "hypotheses": [{
                "id": "bet", "title": text(), "status": "testing", "we_believe": text(),
                "for": text(), "will_result_in": f"{text()} {TEMPLATE}",
                "measured_by": {"kpi": "rate", "expect": 0.45}, "journey_steps": ["trip/step"],
                "experiments": [{"title": text(), "start": datetime.date(2026, 10, 1),
                                 "end": datetime.date(2026, 12, 1), "result": text()}],
                "evidence": [{"title": text(), "url": url}], "tags": [tag(), tag()],
                "scores": {"value": 3, "viability": 3, "usability": 3, "feasibility": 3},
            }],
        }),
    }  # fmt: skip


@st.composite
def hostile_project(draw: st.DrawFn) -> dict[str, str]:
    return project(lambda: draw(any_text), draw(st.sampled_from(URLS)))


def write(root: Path, files: dict[str, str]) -> None:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


@fuzz_settings(40)
@given(hostile_project())
def test_random_text_never_becomes_markup(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write(root, files)
        roadmap, diagnostics = analyse(Layout(root), AS_OF)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    assert errors == []  # the texts are valid; only their content is hostile
    site = render_site(roadmap, SiteOptions(dot_timeout=30))
    assert not [d for d in site.diagnostics if d.code == "diagram-failed"]
    pages = {p.src_uri: p.content for p in site.pages if p.src_uri.endswith(".md")}
    for uri, content in pages.items():
        html = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert(content)
        allowed = OWN_TAGS.get(uri, frozenset({"details"}))
        assert html_problems(without_own_script(html), allowed) == [], uri
        assert EVALUATED not in html, uri
    theme = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS).convert(pages["themes/fuzz.md"])
    assert TEMPLATE in html_text(theme)


def mkdocs_build(root: Path) -> Path:
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    return build_site(root, strict=True)


@fuzz_settings(3, shrink=False)
@given(hostile_project())
def test_random_text_in_a_real_strict_build(files: dict[str, str]) -> None:
    """Material's own scripts, forms and links are allowed; nothing from the fuzz is."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write(root, files)
        site = mkdocs_build(root)
        checked = 0
        for page in sorted(site.rglob("*.html")):
            html = page.read_text(encoding="utf-8")
            material = {"script", "link", "meta", "form", "input", "button", "details", "img"}
            problems = html_problems(html, frozenset({*material, "style"}))
            assert problems == [], page
            assert not _scripts_with_user_text(html), page
            assert EVALUATED not in html, page
            checked += 1
        assert checked >= 10
        shutil.rmtree(site)


def _scripts_with_user_text(html: str) -> list[str]:
    """Inline scripts or script sources carrying fuzz text (every fragment says alert)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Scripts(HTMLParser):
        inside = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "title":
                self.set_cdata_mode(tag)  # as a browser reads <title>: text up to `</title`
            if tag == "script":
                self.inside = True
                src = dict(attrs).get("src") or ""
                if src and ("assets/javascripts/" not in src or url_scheme_is_bad(src)):
                    found.append(src)

        def handle_endtag(self, tag: str) -> None:
            self.inside = self.inside and tag != "script"

        def handle_data(self, data: str) -> None:
            if self.inside and "alert" in data:
                found.append(data[:80])

    Scripts().feed(html)
    return found
