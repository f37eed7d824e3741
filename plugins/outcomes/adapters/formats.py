"""Printing diagnostics: text for people, GitHub Actions annotations, JSON for tools,
SARIF 2.1.0 for code scanning and GitLab Code Quality reports.

SARIF and Code Quality are small, fixed JSON shapes, so they are built here as plain
dicts rather than through a SARIF object-model library; tests/cli validates the SARIF
output against the official OASIS schema.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from outcomes.adapters.problem_titles import title
from outcomes.diagnostics import Diagnostic, Severity

FORMATS = ("text", "github", "json", "sarif", "gitlab")

# SARIF's `helpUri` must be an absolute URI (format "uri" in the 2.1.0 schema), and no
# address of the documentation is right for every install (a fork, a wheel, a checkout),
# so each rule carries its help as text instead (`help`, "useful when there is no online
# documentation"), naming the page of Outcomes' documentation that explains the code.
PROBLEM_CODES_PAGE = "docs/reference/problem-codes.md"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
# GitHub turns at most this many error (and as many warning) commands of one step into
# annotations; the rest are only in the step's log.
GITHUB_ANNOTATIONS_PER_STEP = 10


def tool_version() -> str:
    """The installed version of Outcomes, for `--version` and the reports that name the tool.

    `importlib.metadata` is imported here, not with the module: it took 26 ms of every
    `outcomes validate`'s start-up, which prints no version.
    """
    import importlib.metadata

    try:
        return importlib.metadata.version("mkdocs-outcomes")
    except importlib.metadata.PackageNotFoundError:  # running from a source tree
        return "unknown"


def _counts(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def format_text(diagnostics: Sequence[Diagnostic], ok: str = "") -> str:
    """Each problem with its hint, then the counts; `ok` (what was checked, as in
    "ok: 2 themes, ...") ends a run that passed instead, with its warnings counted."""
    lines: list[str] = []
    for d in diagnostics:
        lines.append(f"{d.location}: {d.severity.value}[{d.code}] {d.message}")
        if d.hint:
            lines.append(f"  hint: {d.hint}")
    if ok:
        warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
        lines.append(f"{ok} ({warnings} warning{'s' * (warnings != 1)})" if warnings else ok)
    elif any(d.severity is not Severity.INFO for d in diagnostics):
        lines.append(_counts(diagnostics))
    return "\n".join(lines) + ("\n" if lines else "")


# -- GitHub Actions workflow commands ---------------------------------------------------------


def _escape_data(text: str) -> str:
    """A message: `%`, CR and LF would end or corrupt the command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A property value: also `:` (ends the properties) and `,` (separates them)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """Workflow commands; GitHub shows them as annotations on the pull request's diff.

    Every problem is printed. GitHub keeps only the first ten errors and ten warnings of
    a step as annotations, so past that a last notice says how many there are and that
    the step's log lists them all.
    """
    lines: list[str] = []
    for d in diagnostics:
        props = [f"file={_escape_property(d.path)}", f"line={d.line}", f"col={d.col}",
                 f"title={_escape_property(d.code)}"]  # fmt: skip
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        lines.append(f"::{_GITHUB_COMMAND[d.severity]} {','.join(props)}::{_escape_data(message)}")
    per_kind = Counter(d.severity for d in diagnostics)
    if max(per_kind.values(), default=0) > GITHUB_ANNOTATIONS_PER_STEP:
        summary = (
            f"{_counts(diagnostics)}: GitHub shows only the first "
            f"{GITHUB_ANNOTATIONS_PER_STEP} of each kind as annotations; "
            "the log of this step lists all of them"
        )
        lines.append(f"::notice title=outcomes validate::{_escape_data(summary)}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    import json  # here, in each format that needs it: the text format does not

    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


# -- SARIF and GitLab Code Quality -----------------------------------------------------------


def _one_line(d: Diagnostic) -> str:
    return f"{d.message} ({d.hint})" if d.hint else d.message


def fingerprints(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """A stable, unique id per problem: sha256 of path, code, message and occurrence.

    The line is left out on purpose, so a problem keeps its fingerprint when lines are
    added above it and a review tool does not see it as fixed and new again. The
    occurrence (the n-th problem with the same path, code and message, in order of
    position) keeps two identical problems of one file apart.
    """
    seen: Counter[tuple[str, str, str]] = Counter()
    found: list[str] = []
    for d in diagnostics:
        key = (d.path, d.code, d.message)
        text = "\0".join((*key, str(seen[key])))
        seen[key] += 1
        found.append(hashlib.sha256(text.encode("utf-8")).hexdigest())
    return found


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif_result(d: Diagnostic, rule_index: int, fingerprint: str) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": quote(d.path, safe="/"), "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": d.line, "startColumn": d.col},
    }
    return {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": _one_line(d)},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"outcomes/v1": fingerprint},
    }


def _sarif_help(code: str) -> dict[str, str]:
    where = "of Outcomes' documentation: an example and the fix"
    return {
        "text": f"{title(code)} See `{code}` in {PROBLEM_CODES_PAGE} {where}.",
        "markdown": f"{title(code)} See **{code}** in `{PROBLEM_CODES_PAGE}` {where}.",
    }


def format_sarif(diagnostics: Sequence[Diagnostic], version: str | None = None) -> str:
    """A SARIF 2.1.0 log with one run; one rule per code that occurs, sorted by code.

    Paths are relative to the project root (`%SRCROOT%`); columns count Unicode code
    points, as in every other format, and the run says so with `columnKind`.
    """
    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code,
            "shortDescription": {"text": title(code)},
            "help": _sarif_help(code),
        }
        for code in codes
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "outcomes",
                        "version": version or tool_version(),
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    _sarif_result(d, index[d.code], fingerprint)
                    for d, fingerprint in zip(diagnostics, fingerprints(diagnostics), strict=True)
                ],
            }
        ],
    }
    import json

    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# Code Quality severities, from GitLab's scale info < minor < major < critical < blocker.
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def format_gitlab(diagnostics: Sequence[Diagnostic]) -> str:
    """A GitLab Code Quality report (`artifacts: reports: codequality:`); it takes lines only."""
    issues = [
        {
            "description": _one_line(d),
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": _GITLAB_SEVERITY[d.severity],
            "location": {"path": d.path, "lines": {"begin": d.line}},
        }
        for d, fingerprint in zip(diagnostics, fingerprints(diagnostics), strict=True)
    ]
    import json

    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


_FORMATTERS: dict[str, Callable[[Sequence[Diagnostic]], str]] = {
    "text": format_text,
    "github": format_github,
    "json": format_json,
    "sarif": format_sarif,
    "gitlab": format_gitlab,
}


def format_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    return _FORMATTERS[fmt](diagnostics)
