"""Helpers of the browser tests: the offline guard, axe-core, colour contrast, screenshots.

The tests drive Debian's Chromium through Playwright for Python against the demo site
served on 127.0.0.1. Nothing here downloads a browser: `executable_path` points at the
system Chromium (`/usr/bin/chromium`, or `OUTCOMES_CHROMIUM`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Route, WebError

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("OUTCOMES_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium phones home at every start, and this
# machine's closed network refuses it; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


# -- no request leaves 127.0.0.1 ------------------------------------------------------


@dataclass
class Guard:
    """Routes every request of a browser context: our origin passes, anything else is
    blocked and recorded. Records console errors and uncaught page errors too."""

    origin: str  # http://127.0.0.1:PORT
    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def attach(self, context: BrowserContext) -> None:
        context.route("**/*", self._route)
        context.on("request", self._request)
        context.on("console", self._console)
        context.on("weberror", self._weberror)

    def _note(self, url: str) -> None:
        if url not in self.external:
            self.external.append(url)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if self.is_local(url):
            route.continue_()
        else:
            self._note(url)
            route.abort("blockedbyclient")

    def _request(self, request: Request) -> None:
        # Belt and braces: a request that bypassed routing (a worker's, say) still counts.
        if not self.is_local(request.url):
            self._note(request.url)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        where = str(message.location.get("url", ""))
        self.console_errors.append(f"{message.text} ({where})")

    def _weberror(self, error: WebError) -> None:
        self.console_errors.append(f"uncaught: {error.error}")

    def problems(self) -> list[str]:
        return [f"request left 127.0.0.1: {url}" for url in self.external] + [
            f"console error: {text}" for text in self.console_errors
        ]


# -- axe-core ---------------------------------------------------------------------------

# (axe rule, CSS selector) pairs excluded because Material for MkDocs itself causes them,
# not our templates; each is checked on the element axe reports, nothing else is skipped.
MATERIAL_EXCLUSIONS: tuple[tuple[str, str], ...] = (
    # Material's search overlay is `<div class="md-search" role="dialog">` with no name.
    ("aria-dialog-name", ".md-search"),
    # Material's footer line "Made with Material for MkDocs": 4.47:1 against 4.5:1.
    ("color-contrast", ".md-copyright, .md-copyright *"),
)

_AXE_RUN = """
async ([exclusions, impacts, rules]) => {
  const options = {resultTypes: ["violations"]};
  if (rules) options.runOnly = {type: "rule", values: rules};
  const result = await axe.run(document, options);
  const found = [];
  for (const v of result.violations) {
    if (!impacts.includes(v.impact)) continue;
    for (const node of v.nodes) {
      const el = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
      const excluded = exclusions.some(([rule, sel]) => rule === v.id && el && el.matches(sel));
      if (!excluded) found.push({rule: v.id, impact: v.impact, target: node.target.join(" "),
                                 html: node.html.slice(0, 160), why: node.failureSummary});
    }
  }
  return found;
}
"""


def axe_violations(
    page: Page,
    exclusions: Iterable[tuple[str, str]] = MATERIAL_EXCLUSIONS,
    impacts: Iterable[str] = ("serious", "critical"),
    rules: Iterable[str] | None = None,
) -> list[dict[str, str]]:
    """Serious and critical axe-core violations on the page, less the narrow exclusions;
    every rule axe runs by default unless `rules` names some."""
    page.add_script_tag(path=str(AXE_JS))
    only = None if rules is None else list(rules)
    found: list[dict[str, str]] = page.evaluate(
        _AXE_RUN, [[list(pair) for pair in exclusions], list(impacts), only]
    )
    return found


def describe(violations: Iterable[Mapping[str, str]]) -> str:
    return "\n".join(
        f"- {v['rule']} ({v['impact']}) at {v['target']}: {v['html']}\n    {v['why']}"
        for v in violations
    )


# -- colour -----------------------------------------------------------------------------

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")

Rgba = tuple[float, float, float, float]


def parse_color(css: str) -> Rgba:
    """`rgb(…)`/`rgba(…)` as getComputedStyle returns it, channels 0-255, alpha 0-1."""
    match = _RGB.fullmatch(css.strip())
    if not match:
        raise ValueError(f"not a computed rgb() colour: {css!r}")
    r, g, b, a = match.groups()
    alpha = 1.0 if a is None else (float(a[:-1]) / 100 if a.endswith("%") else float(a))
    return float(r), float(g), float(b), alpha


def over(top: Rgba, bottom: Rgba) -> Rgba:
    """`top` composited over an opaque `bottom`."""
    a = top[3]
    return (
        top[0] * a + bottom[0] * (1 - a),
        top[1] * a + bottom[1] * (1 - a),
        top[2] * a + bottom[2] * (1 - a),
        1.0,
    )


def luminance(color: Rgba) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color[0]) + 0.7152 * channel(color[1]) + 0.0722 * channel(color[2])


def contrast(fg: Rgba, bg: Rgba) -> float:
    """WCAG contrast ratio of `fg` (composited over `bg` if translucent) against `bg`."""
    lighter, darker = sorted((luminance(over(fg, bg)), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The background an element is painted on: the first ancestor with an opaque background.
BACKGROUND_JS = """
(el) => {
  for (let node = el; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    const m = bg.match(/rgba?\\(([^)]*)\\)/);
    if (m) {
      const parts = m[1].split(/[\\s,\\/]+/).filter(Boolean);
      if (parts.length < 4 || parseFloat(parts[3]) === 1) return bg;
    }
  }
  return getComputedStyle(document.documentElement).backgroundColor || "rgb(255, 255, 255)";
}
"""


# -- screenshots ------------------------------------------------------------------------


def shoot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot as a test artifact under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    return path


def path_of(url: str, base_url: str) -> str:
    """`http://127.0.0.1:PORT/a/b/?q#f` -> `a/b/`."""
    assert url.startswith(base_url), url
    return urlsplit(url).path.lstrip("/")


def load_json(path: Path) -> Any:
    import json

    return json.loads(path.read_text(encoding="utf-8"))
