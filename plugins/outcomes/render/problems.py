"""The roadmap's problems as hosts show them: one line each, a summary, a page.

A host that fails the build shows the summary; `mkdocs serve` shows the page in place of
the board instead, so the next fix brings the site back without a restart.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from outcomes.diagnostics import Diagnostic

PAGE_TITLE = "Roadmap problems"


def problem_line(d: Diagnostic) -> str:
    """`path:line:col: severity[code] message (hint)`, as hosts log it."""
    hint = f" ({d.hint})" if d.hint else ""
    return f"{d.location}: {d.severity.value}[{d.code}] {d.message}{hint}"


def problems_summary(errors: Sequence[Diagnostic]) -> str:
    """The message a failed build ends with: the count, then every error."""
    count = len(errors)
    head = f"outcomes: the roadmap has {count} error{'s' * (count != 1)}:"
    return "\n".join([head, *(f"  {problem_line(d)}" for d in errors)])


def problems_page(errors: Sequence[Diagnostic]) -> str:
    """Markdown of a page listing the errors, shown where the board would be."""
    items = "\n".join(f"<li><code>{escape(problem_line(d))}</code></li>" for d in errors)
    return (
        f"# {PAGE_TITLE}\n\n"
        '<div class="admonition failure" role="alert"><p class="admonition-title">'
        f"The roadmap has {len(errors)} error(s); fix them and the site comes back.</p>\n"
        f"<ul>\n{items}\n</ul></div>\n"
    )
