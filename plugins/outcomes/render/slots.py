"""Finished HTML kept out of a host's Markdown step, anchor scan and search index.

Charts and diagrams are finished, sanitised HTML, yet at 1,000 hypotheses they were 28 of
the 38 MB of generated Markdown, and Python's HTML parser read them three times under
MkDocs (Markdown's raw HTML blocks, MkDocs' anchor scan, Material's search): a build took
104 s instead of 23 s and 1.45x the memory of a plain build. Each becomes a comment
holding a token drawn per build, which user text cannot forge (plain text is escaped and
sanitised Markdown keeps no comments), and is put back into the page's final HTML.
"""

from __future__ import annotations

import re
import secrets


class Slots:
    """Placeholders for HTML, filled back into a page's output."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self.pattern = re.compile(f"<!--outcomes-{self.token}-[0-9]+-->")
        self.html: dict[str, str] = {}
        self.count = 0

    def put(self, html: str) -> str:
        """The placeholder that stands for `html` (a `SiteOptions.defer_html`)."""
        key = f"<!--outcomes-{self.token}-{self.count}-->"
        self.count += 1
        self.html[key] = html
        return key

    def fill(self, output: str) -> str:
        """A page's final HTML with every placeholder replaced by its HTML."""
        if self.token not in output:
            return output
        return self.pattern.sub(lambda m: self.html.pop(m.group(0), ""), output)
