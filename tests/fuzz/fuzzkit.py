"""Strategies and checks shared by the fuzz tests.

Documents are built from the pydantic models themselves (`model_fields`), so a field
added to a kind is fuzzed without touching this file. Examples are derandomized
(always the same, so CI is reproducible and a failure replays exactly) and no example
database is kept; set OUTCOMES_FUZZ_RANDOM=1 to explore new examples locally, and
OUTCOMES_FUZZ_SCALE=10 to run ten times as many.
"""

from __future__ import annotations

import datetime
import os
import types
import typing
from html.parser import HTMLParser
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from pydantic import BaseModel

SCALE = float(os.environ.get("OUTCOMES_FUZZ_SCALE", "1"))
RANDOM = os.environ.get("OUTCOMES_FUZZ_RANDOM") == "1"


def fuzz_settings(examples: int, *, shrink: bool = True) -> settings:
    """`shrink=False` for slow examples (a whole MkDocs build), where shrinking a failure
    would take many minutes: the failing example is reported as drawn."""
    phases = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target]
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        phases=[*phases, Phase.shrink] if shrink else phases,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- text ---------------------------------------------------------------------------

HOSTILE_FRAGMENTS = (
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))", "[x](java\tscript:alert(1))", "[x]( javascript:alert(1))",
    "<a href='&#106;avascript:alert(1)'>x</a>", "<a href=\"&#x6A;avascript&colon;x\">y</a>",
    "{: onclick=alert(1) }", "{ onclick=alert(1) }", "{{ 7*7 }}", "{% if 1 %}x{% endif %}",
    "<iframe src=//e></iframe>", "<object data=x>", "<embed src=x>",
    "<form action=javascript:alert(1)><button>b</button></form>", "<svg onload=alert(1)>",
    "<math><mi xlink:href='javascript:alert(1)'>m</mi></math>", "\n\n", "# ", "- ", "> ", "`",
    "*", "_", "|a|b|\n|-|-|\n|1|2|\n", "<style>body{}</style>", "</div>", "<div>", "<!--",
    "-->", "]]>", "\\", "&", "&lt;script&gt;", "data:text/html,<script>alert(1)</script>",
    '<a href="data:text/html,x">d</a>', "![i](javascript:alert(1))", "<http://example.com>",
    "<javascript:alert(1)>", "[a]\n\n[a]: javascript:alert(1)\n", "<base href=//evil>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>", "<link rel=x href=y>",
    "<details open ontoggle=alert(1)>", "<input autofocus onfocus=alert(1)>", "<<b>x</b>>",
    '"', "'", "\x00", "\x1b[31m", "\u202e", "\r\n", "yes", "012", ".nan", "2026-02-30",
    "<a href=vbscript:x>v</a>", "<a href='\x01javascript:alert(1)'>c</a>", "[[[[[[", "]]]]",
)  # fmt: skip

any_text = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE_FRAGMENTS),
        st.text(st.characters(codec="utf-8"), max_size=12),
    ),
    max_size=8,
).map("".join)

_dates = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))
scalar_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**320),
    st.floats(allow_nan=True, allow_infinity=True),
    any_text,
    st.sampled_from(["now", "idea", "percent", "increase", "2026-Q4", "rate", "a/b", "s/a"]),
    _dates,
)
yaml_values = st.recursive(
    scalar_values,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.text(max_size=8), children, max_size=3),
    ),
    max_leaves=8,
)

# -- documents from the models ------------------------------------------------------------


def _typed(annotation: Any, depth: int) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _typed(args[0], depth)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([_typed(a, depth) for a in args])
    if origin is list:
        return st.lists(_typed(args[0], depth), max_size=3)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if annotation is type(None):
        return st.none()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return document(annotation, depth + 1) if depth < 4 else st.just({})
    if annotation is str:
        slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,6}", fullmatch=True)
        return st.one_of(slugs, any_text, st.sampled_from(["rate", "control", "2026-Q4", "j/s"]))
    if annotation is float:
        return st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers())
    if annotation is int:
        return st.one_of(st.integers(-3, 7), st.integers())
    if annotation is datetime.date:
        return st.one_of(_dates, st.sampled_from(["2026-02-30", "2026-1-5", "99999-01-01"]))
    if annotation is bool:
        return st.booleans()
    return yaml_values


def document(model: type[BaseModel], depth: int = 0) -> st.SearchStrategy[Any]:
    """A mapping shaped like `model`: each field typed or any value, some left out, and
    now and then an unknown key; at any level, sometimes not a mapping at all."""
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        value = st.one_of(_typed(field.annotation, depth), yaml_values)
        (required if field.is_required() else optional)[key] = value
    shaped = st.fixed_dictionaries(required, optional=optional)
    extra = st.dictionaries(st.text(min_size=1, max_size=8), yaml_values, max_size=1)
    mapping = st.tuples(shaped, extra).map(lambda pair: {**pair[1], **pair[0]})
    return st.one_of(mapping, mapping, mapping, yaml_values) if depth else mapping


# -- HTML checks ----------------------------------------------------------------------------

FORBIDDEN_TAGS = frozenset({
    "script", "iframe", "object", "embed", "form", "frame", "frameset", "base", "meta", "link",
    "applet", "foreignobject", "animate", "set", "handler", "input", "button", "textarea",
    "select", "img", "math", "details", "noscript", "template", "portal",
})  # fmt: skip
URL_ATTRIBUTES = frozenset({
    "href", "src", "xlink:href", "action", "formaction", "data", "poster", "background",
    "srcset", "cite", "longdesc", "usemap", "ping", "manifest", "codebase", "archive",
})  # fmt: skip
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


def url_scheme_is_bad(value: str) -> bool:
    """As a browser reads a URL: entities are already decoded by the parser; leading and
    trailing control characters and spaces are dropped, tabs and newlines anywhere."""
    url = value.strip("".join(map(chr, range(0x21))))
    url = url.replace("\t", "").replace("\n", "").replace("\r", "").lower()
    return url.startswith(BAD_SCHEMES)


class _Checker(HTMLParser):
    def __init__(self, allowed_tags: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems: list[str] = []
        self.in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("title", "textarea") and not self.in_svg:
            # Like a browser: the text of an HTML <title> runs to `</title`, tags and all.
            self.set_cdata_mode(tag)
        self.in_svg += tag == "svg"
        if tag in FORBIDDEN_TAGS and tag not in self.allowed_tags:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value and url_scheme_is_bad(value):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if (
                name == "style"
                and value
                and any(
                    bad in value.lower()
                    for bad in ("expression(", "url(", "javascript:", "@import")
                )
            ):
                self.problems.append(f"<{tag} style={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_svg -= tag == "svg" and self.in_svg > 0

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.in_svg -= tag == "svg" and self.in_svg > 0


def html_problems(html: str, allowed_tags: frozenset[str] = frozenset()) -> list[str]:
    """Everything executable or external in `html`: tags, handlers, URL schemes, styles."""
    checker = _Checker(allowed_tags)
    checker.feed(html)
    checker.close()
    return checker.problems


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    """The text of `html`, entities decoded."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)
