"""The safe YAML reader: exact positions for every refusal, and values without surprises."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outcomes.diagnostics import Severity
from outcomes.parse.yaml_reader import MAX_DEPTH, MAX_FILE_BYTES, YamlDocument, read_yaml

PATH = "roadmap/onboarding.yaml"


def parse(text: str | bytes) -> YamlDocument:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    document, problems = read_yaml(raw, PATH)
    assert problems == []
    assert document is not None
    return document


def problem(text: str | bytes) -> tuple[int, int, str, str, str]:
    """The single problem of a file, as (line, col, code, message, hint)."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    document, problems = read_yaml(raw, PATH)
    assert document is None
    assert len(problems) == 1, problems
    (found,) = problems
    assert found.path == PATH
    assert found.severity is Severity.ERROR
    return found.line, found.col, found.code, found.message, found.hint


# -- syntax -------------------------------------------------------------------------


def test_syntax_error_is_located_with_the_context_that_started_it() -> None:
    line, col, code, message, _ = problem("id: x\nsteps: [a, b\ntitle: t\n")
    assert (line, col, code) == (3, 6, "yaml-syntax")
    assert message == (
        "did not find expected ',' or ']' while parsing a flow sequence"
        " that starts at line 2, column 8"
    )


def test_mapping_value_in_plain_scalar() -> None:
    assert problem("title: a: b\n")[:4] == (
        1,
        9,
        "yaml-syntax",
        "mapping values are not allowed in this context",
    )


def test_tab_indentation_gets_a_hint() -> None:
    line, col, code, _, hint = problem("id: x\noutcomes:\n\t- kpi: a\n")
    assert (line, col, code, hint) == (3, 1, "yaml-syntax", "indent with spaces, not tabs")


def test_syntax_error_without_tab_has_no_tab_hint() -> None:
    hint = problem("a:\n  b: 1\n c: 2\n")[4]
    assert hint == "check the indentation: the keys of one mapping start in the same column"


@pytest.mark.parametrize(
    ("text", "where", "hint"),
    [
        ("id: a\ntitle: Setup: step one\n", (2, 13),
         'quote the text: a ": " inside a value starts a mapping, as in title: "Setup: step one"'),
        ("id: a\nmeasured_by:\n  kpi: x\n   expect: 3\n", (4, 10),
         "check the indentation: this line is indented deeper than the key above it"),
        ("hypotheses:\n  - id: a\n    title: x\n   - id: b\n", (4, 4),
         "start every item of the list with `- `, indented as the items above it"),
        ("tags:\n  - a\n  b\n", (4, 1),
         "add `: ` after the key, or `- ` before a list item; quote a text that spans lines"),
        ("id: a\ntags: - a\n", (2, 7),
         "write the list on the next lines, one `- item` each, or as [a, b] on this line"),
    ],
)  # fmt: skip
def test_common_syntax_errors_have_a_plain_hint(
    text: str, where: tuple[int, int], hint: str
) -> None:
    line, col, code, _, found = problem(text)
    assert ((line, col), code, found) == (where, "yaml-syntax", hint)


def test_unclosed_quote_names_where_the_quote_started() -> None:
    line, col, code, message, _ = problem("id: x\ntitle: 'abc\nhorizon: now\n")
    assert (line, col, code) == (4, 1, "yaml-syntax")
    assert message.endswith("while scanning a quoted scalar that starts at line 2, column 8")


def test_control_character_is_located_at_its_position() -> None:
    line, col, code, message, hint = problem("id: x\ntitle: café\x07\n")
    assert (line, col, code) == (2, 12, "yaml-syntax")
    assert message == "character #x0007: control characters are not allowed"
    assert hint == 'remove it, or write it escaped in a double-quoted string: "\\x07"'


def test_control_character_beyond_latin1_gets_a_u_escape_in_its_hint() -> None:
    line, col, code, message, hint = problem("title: x\ufffe\n")
    assert (line, col, code) == (1, 9, "yaml-syntax")
    assert message == "character #xfffe: control characters are not allowed"
    assert hint == 'remove it, or write it escaped in a double-quoted string: "\\ufffe"'


def test_control_character_after_cr_only_line_ends_is_located() -> None:
    line, col, code, _, _ = problem("id: x\rtitle: café\x07\r")
    assert (line, col, code) == (2, 12, "yaml-syntax")


@pytest.mark.parametrize(
    ("character", "name", "escaped"),
    [("\x85", "next line", "\\x85"), ("\u2028", "line separator", "\\u2028"),
     ("\u2029", "paragraph separator", "\\u2029")],
)  # fmt: skip
def test_unicode_line_breaks_are_refused_where_they_stand(
    character: str, name: str, escaped: str
) -> None:
    line, col, code, message, hint = problem(f"id: x\r\ntitle: é{character}b\nowner: y\n")
    assert (line, col, code) == (2, 9, "file-encoding")
    assert message == (
        f"character U+{ord(character):04X} ({name}) is a line break to some YAML readers "
        "and text to others"
    )
    assert hint == (
        f'use a plain line break, or write it escaped in a double-quoted string: "{escaped}"'
    )


def test_unicode_line_break_in_a_comment_is_refused_too() -> None:
    assert problem("id: x\n# note\u2029\n")[:3] == (2, 7, "file-encoding")


def test_escaped_unicode_line_break_is_fine() -> None:
    assert parse('title: "a\\u2028b"\n').data == {"title": "a\u2028b"}


def test_escaped_control_character_in_double_quotes_is_fine() -> None:
    assert parse('title: "a\\x07b"\n').data == {"title": "a\x07b"}


# -- duplicate keys -----------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_and_names_the_first() -> None:
    text = "id: onboarding\ntitle: T\nhorizon: now\nid: other\n"
    assert problem(text) == (
        4,
        1,
        "yaml-duplicate-key",
        "duplicate key 'id'; first defined at line 1",
        "remove one of the two",
    )


def test_duplicate_key_in_a_nested_mapping() -> None:
    text = "hypotheses:\n  - id: a\n    title: T\n    title: U\n"
    assert problem(text)[:4] == (
        4,
        5,
        "yaml-duplicate-key",
        "duplicate key 'title'; first defined at line 3",
    )


def test_same_key_in_sibling_mappings_is_fine() -> None:
    assert parse("- id: a\n- id: b\n").data == [{"id": "a"}, {"id": "b"}]


# -- anchors, aliases, tags, directives, documents ----------------------------------


def test_anchor_is_refused_where_it_is_written() -> None:
    assert problem("a: &base 1\nb: 2\n") == (
        1,
        4,
        "yaml-anchor",
        "anchor &base is not allowed",
        "remove the anchor; aliases and anchors are not supported",
    )


def test_alias_is_refused_where_it_is_written() -> None:
    assert problem("a: 1\nb: *base\n") == (
        2,
        4,
        "yaml-anchor",
        "alias *base is not allowed",
        "repeat the value instead of referring to an anchor",
    )


def test_anchor_on_a_mapping_key() -> None:
    assert problem("&k a: 1\n")[:3] == (1, 1, "yaml-anchor")


def test_merge_key_is_refused() -> None:
    assert problem("a: {x: 1}\nb:\n  <<: {y: 2}\n")[:4] == (
        3,
        3,
        "yaml-anchor",
        "merge keys (<<) are not allowed",
    )


def test_quoted_merge_key_is_plain_text() -> None:
    assert parse("'<<': 1\n").data == {"<<": 1}


@pytest.mark.parametrize(
    ("text", "col", "tag"),
    [
        ("a: !!python/object:os.system x\n", 4, "tag:yaml.org,2002:python/object:os.system"),
        ("a: !include other.yaml\n", 4, "!include"),
        ("a: !!binary aGVsbG8=\n", 4, "tag:yaml.org,2002:binary"),
        ("a: !!str 12\n", 4, "tag:yaml.org,2002:str"),
        ("a: ! 12\n", 4, "!"),
        ("list: !!set\n  ? a\n", 7, "tag:yaml.org,2002:set"),
    ],
)
def test_tags_are_refused(text: str, col: int, tag: str) -> None:
    assert problem(text) == (
        1,
        col,
        "yaml-tag",
        f"tag {tag} is not allowed",
        "remove the tag; quote the value if it must stay text",
    )


def test_tag_on_a_nested_value_is_located() -> None:
    assert problem("a:\n  b:\n    - !x 1\n")[:3] == (3, 7, "yaml-tag")


@pytest.mark.parametrize(
    "text", ["%YAML 1.2\n---\na: 1\n", "%TAG !e! tag:example.com,2000:\n---\na: 1\n"]
)
def test_directives_are_refused(text: str) -> None:
    assert problem(text) == (
        1,
        1,
        "yaml-directive",
        "%YAML and %TAG directives are not allowed",
        "remove the directive line",
    )


def test_several_documents_are_refused_at_the_second() -> None:
    assert problem("id: a\ntitle: T\n---\nid: b\n") == (
        3,
        1,
        "yaml-multiple-documents",
        "file holds more than one YAML document",
        "keep one document per file; remove the extra `---`",
    )


def test_one_document_with_start_and_end_markers_is_fine() -> None:
    assert parse("---\nid: a\n...\n").data == {"id": "a"}


# -- empty files, encodings -----------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "\n\n", "# yaml-language-server: $schema=x.json\n# nothing else\n", "---\n", "~\n"]
)
def test_empty_files(text: str) -> None:
    assert problem(text) == (1, 1, "file-empty", "file is empty", "write a YAML mapping")


def test_byte_order_mark() -> None:
    assert problem(b"\xef\xbb\xbfid: a\n") == (
        1,
        1,
        "file-encoding",
        "file starts with a byte-order mark",
        "save the file as UTF-8 without BOM",
    )


def test_nul_byte_is_located() -> None:
    assert problem(b"id: a\ntitle: ab\x00c\n") == (
        2,
        10,
        "file-encoding",
        "file contains a NUL byte (binary data?)",
        "save the file as UTF-8 text",
    )


def test_invalid_utf8_is_located_at_the_bad_byte_in_characters() -> None:
    # "é" is two bytes but one column: the bad byte is the 10th character of line 3.
    raw = b"id: a\ntitle: x\nnote: \xc3\xa9, \xff\n"
    assert problem(raw) == (
        3,
        10,
        "file-encoding",
        "invalid UTF-8 byte 0xff",
        "save the file as UTF-8",
    )


def test_latin1_file_is_refused() -> None:
    assert problem("title: café\n".encode("latin-1"))[:3] == (1, 11, "file-encoding")


def test_too_large_file() -> None:
    document, problems = read_yaml(b"a: 1\n" + b"#" * MAX_FILE_BYTES, PATH)
    assert document is None
    assert [(p.line, p.col, p.code) for p in problems] == [(1, 1, "file-too-large")]
    assert problems[0].message == "file is larger than the limit of 4,194,304 bytes"


# -- depth ----------------------------------------------------------------------------


def test_depth_limit_in_flow_style() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    # The root mapping is level 1, so the 40th bracket opens level 41.
    assert problem(text) == (
        1,
        3 + MAX_DEPTH,
        "yaml-too-deep",
        "nesting is deeper than 40 levels",
        "flatten the structure",
    )


def test_depth_limit_in_block_style() -> None:
    text = "".join("  " * i + "k:\n" for i in range(MAX_DEPTH + 2))
    line, col, code, _, _ = problem(text)
    # Mapping number 41 starts at the key on line 41.
    assert (line, col, code) == (MAX_DEPTH + 1, 2 * MAX_DEPTH + 1, "yaml-too-deep")


def test_exactly_max_depth_is_fine() -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse(text).data["a"] is not None


def test_pathological_nesting_is_refused_without_crashing() -> None:
    # libyaml's composer recursed in C and crashed the interpreter near 50,000 levels.
    text = "a: " + "[" * 200_000 + "]" * 200_000 + "\n"
    assert problem(text)[2] == "yaml-too-deep"


# -- scalars ----------------------------------------------------------------------------


def test_yaml_11_habits_stay_text() -> None:
    data = parse(
        "a: yes\nb: on\nc: 012\nd: no\ne: off\nf: 0x1f\ng: 0o17\nh: 1_000\n"
        "i: 12:30\nj: True\nk: 2026-11-22\nl: y\nm: 00\nn: -012\n"
    ).data
    assert data == {
        "a": "yes",
        "b": "on",
        "c": "012",
        "d": "no",
        "e": "off",
        "f": "0x1f",
        "g": "0o17",
        "h": "1_000",
        "i": "12:30",
        "j": "True",
        "k": "2026-11-22",
        "l": "y",
        "m": "00",
        "n": "-012",
    }


def test_core_schema_values() -> None:
    data = parse(
        "a: true\nb: false\nc: ~\nd: null\ne:\nf: 0\ng: -3\nh: +3\ni: 0.5\nj: .5\n"
        "k: 1e3\nl: -0.25\nm: '12'\nn: \"true\"\no: |\n  block\n"
    ).data
    assert data == {
        "a": True,
        "b": False,
        "c": None,
        "d": None,
        "e": None,
        "f": 0,
        "g": -3,
        "h": 3,
        "i": 0.5,
        "j": 0.5,
        "k": 1000.0,
        "l": -0.25,
        "m": "12",
        "n": "true",
        "o": "block\n",
    }
    assert type(data["f"]) is int
    assert type(data["k"]) is float


def test_non_finite_numbers_become_floats_for_the_schema_to_refuse() -> None:
    data = parse("a: .nan\nb: .inf\nc: -.inf\nd: 1e999\ne: -1e999\nf: .NaN\ng: +.INF\n").data
    assert math.isnan(data["a"])
    assert math.isnan(data["f"])
    assert data["b"] == data["d"] == data["g"] == math.inf
    assert data["c"] == data["e"] == -math.inf


def test_keys_are_always_text() -> None:
    assert parse("1: a\ntrue: b\n~: c\n").data == {"1": "a", "true": "b", "~": "c"}


def test_complex_key_is_refused() -> None:
    assert problem("? [a, b]\n: 1\n")[:4] == (1, 3, "yaml-key", "mapping keys must be plain text")


# -- positions --------------------------------------------------------------------------


def test_positions_of_keys_and_values() -> None:
    document = parse(
        "id: onboarding\n"
        "outcomes:\n"
        "  - kpi: invites\n"
        "    target: 0.55\n"
        "hypotheses:\n"
        "- id: h\n"
        "  journey_steps: [new-team/signup, new-team/invite]\n"
    )
    assert document.positions[()] == (1, 1)
    assert document.positions[("id",)] == (1, 5)
    assert document.key_positions[("id",)] == (1, 1)
    assert document.positions[("outcomes",)] == (3, 3)
    assert document.positions[("outcomes", 0)] == (3, 5)
    assert document.positions[("outcomes", 0, "target")] == (4, 13)
    assert document.key_positions[("outcomes", 0, "target")] == (4, 5)
    assert document.positions[("hypotheses", 0, "journey_steps", 1)] == (7, 36)
    # Unknown paths fall back to their nearest known parent.
    assert document.position(("outcomes", 0, "baseline")) == (3, 5)
    assert document.position(("outcomes", 0, "target"), key=True) == (4, 5)
    assert document.position(("nothing",)) == (1, 1)


def test_columns_count_characters_not_bytes() -> None:
    document = parse('title: "ééé"\nété:\n  ünïcödé: [x, 😀, y]\n')
    assert document.key_positions[("été",)] == (2, 1)
    assert document.key_positions[("été", "ünïcödé")] == (3, 3)
    assert document.positions[("été", "ünïcödé", 0)] == (3, 13)
    assert document.positions[("été", "ünïcödé", 1)] == (3, 16)
    assert document.positions[("été", "ünïcödé", 2)] == (3, 19)


def test_windows_line_endings_keep_lines() -> None:
    document = parse("id: a\r\ntitle: T\r\nhorizon: now\r\n")
    assert document.data == {"id": "a", "title": "T", "horizon": "now"}
    assert document.positions[("horizon",)] == (3, 10)


# -- never a crash ------------------------------------------------------------------------

YAML_PIECES = st.sampled_from(
    ["a", "b: ", "- ", "  ", "\t", "\n", ":", "[", "]", "{", "}", ",", "&x ", "*x", "!t ",
     "%YAML 1.2\n", "---\n", "...\n", "'", '"', "#", "? ", "|\n", ">\n", "012", "yes",
     ".nan", "1e999", "~", "é", "\x07", "\ufeff", "<<: "]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(YAML_PIECES, max_size=40).map("".join))
def test_any_text_gives_a_document_or_one_located_problem(text: str) -> None:
    document, problems = read_yaml(text.encode("utf-8"), PATH)
    assert (document is None) == (len(problems) == 1)
    for found in problems:
        assert found.line >= 1 and found.col >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_document_or_one_problem(raw: bytes) -> None:
    document, problems = read_yaml(raw, PATH)
    assert (document is None) == (len(problems) == 1)
