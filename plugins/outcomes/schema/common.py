"""Shared field types of format v1: ids, dates, periods, numbers, text and links."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
PERIOD_PATTERN = r"^[1-9][0-9]{3}(-Q[1-4]|-H[12])?$"
STEP_REF_PATTERN = r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$"
ENV_REF_PATTERN = r"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Strict(BaseModel):
    """Base of every format model: unknown keys are errors, no silent coercion."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        populate_by_name=True,
        allow_inf_nan=False,
        str_strip_whitespace=False,
    )


def problem(code: str, message: str, *, at: str = "", hint: str = "") -> PydanticCustomError:
    """A validation error carrying its problem code and hint, pointing at field `at` if given.

    Model validators see the whole mapping; `at` names the key the message is about,
    so the diagnostic lands on the line a user must change (`end:`, not the experiment).
    """
    return PydanticCustomError(code, "{message}", {"message": message, "at": at, "hint": hint})


def _text(value: Any) -> Any:
    """Plain YAML scalars such as `2027` are text where the field is text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _date(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise problem(
            "invalid-date",
            "expected an ISO date such as 2027-03-31",
            hint="write dates as YYYY-MM-DD" if isinstance(value, str) else "",
        )
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise problem("invalid-date", f"{value} is not a real date") from None


def _path(value: Any) -> Any:
    """Paths are echoed in messages: a line break or escape code could forge output."""
    if isinstance(value, str) and _CONTROL.search(value):
        raise problem(
            "unsafe-path",
            "paths must not contain control characters, tabs or line breaks",
            hint="write the path on one line, as in okrs/measurements/<kpi-id>.csv",
        )
    return value


NO_CONTROL = BeforeValidator(_path)
"""For path fields: refuses control characters before anything else looks at the path."""


def _period(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _link(value: Any) -> Any:
    """Evidence links: http(s) URLs or relative links, nothing a browser would run."""
    if not isinstance(value, str):
        return value
    stripped = "".join(value.split())  # browsers drop tabs and newlines in URLs, so do we
    if _CONTROL.search(stripped):
        # Browsers also drop leading control characters, so "\x01javascript:..." would
        # run; no real link contains them.
        raise problem(
            "invalid-link",
            "links must not contain control characters",
            hint="remove escapes such as \\x01 from the URL",
        )
    if stripped.startswith("//") or stripped.startswith("\\"):
        raise problem("invalid-link", "links must be http(s) URLs or relative links")
    scheme = _SCHEME.match(stripped)
    if scheme and scheme.group(0).lower() not in ("http:", "https:"):
        raise problem(
            "invalid-link",
            f"links with scheme {scheme.group(0)!r} are not allowed",
            hint="use an http(s) URL or a link relative to the site",
        )
    if scheme and not re.match(r"^https?://[^/\s]", stripped, re.IGNORECASE):
        raise problem(
            "invalid-link", "an http(s) link needs a host, as in https://example.com/page"
        )
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=100),
    Field(description="A lowercase id: letters, digits and dashes.", examples=["onboarding"]),
]
Text = Annotated[str, BeforeValidator(_text), StringConstraints(max_length=2_000)]
Markdown = Annotated[str, BeforeValidator(_text), StringConstraints(max_length=100_000)]
IsoDate = Annotated[
    datetime.date,
    BeforeValidator(_date),
    Field(json_schema_extra={"type": "string", "format": "date"}),
]
Number = Annotated[float, Field(allow_inf_nan=False)]
Period = Annotated[
    str,
    BeforeValidator(_period),
    StringConstraints(pattern=PERIOD_PATTERN),
    Field(description="A year, half or quarter.", examples=["2026-Q4", "2026-H1", "2026"]),
]
StepRef = Annotated[
    str,
    StringConstraints(pattern=STEP_REF_PATTERN),
    Field(
        description="A journey step as `<journey-id>/<step-id>`.", examples=["new-team/first-run"]
    ),
]
Link = Annotated[str, BeforeValidator(_link), StringConstraints(min_length=1, max_length=2_000)]
Tag = Annotated[str, BeforeValidator(_text), StringConstraints(min_length=1, max_length=60)]

Visibility = Literal["public", "internal"]
VISIBILITY_DESCRIPTION = (
    "Who may see it (format 1.1): `public` (default) or `internal`. A build for "
    "`audience: public` leaves an internal entity out of every page, diagram, feed and export."
)


def _lint_ignore(value: Any) -> Any:
    """`{code: reason}`, checked as a whole so a problem points at `lint_ignore:` itself."""
    if not isinstance(value, dict):
        return value  # pydantic reports the wrong type
    for code, reason in value.items():
        if not isinstance(code, str) or not re.fullmatch(SLUG_PATTERN, code):
            raise problem(
                "invalid-value",
                f"{code!r} is not a lint rule's code",
                hint="write `lint_ignore:` as `code: reason`, e.g. `kpi-unused: watched "
                "as a north star`",
            )
        if not isinstance(reason, str | int | float) or not str(reason).strip():
            raise problem(
                "invalid-value",
                f"switching off {code!r} needs a reason",
                hint=f"write why, as in `{code}: the reason`",
            )
    return {code: str(reason)[:2_000] for code, reason in value.items()}


LintIgnore = Annotated[
    dict[str, str],
    BeforeValidator(_lint_ignore),
    Field(
        description="Lint rules switched off for this item, each with the reason (format 1.1): "
        "`{code: reason}`.",
        examples=[{"outcome-is-output": "the migration is the behaviour change here"}],
    ),
]
