"""Schema problems: every pydantic error located at `path:line:col` with a stable code."""

from __future__ import annotations

import pytest

from outcomes.diagnostics import Severity
from outcomes.parse.yaml_reader import read_yaml
from outcomes.schema.errors import validate_document
from outcomes.schema.kinds import JOURNEY, KPIS, OKRS, TEAMS, THEME, Kind
from outcomes.schema.theme import Theme

Problem = tuple[str, str, str, str]

THEME_HEAD = "id: onboarding\ntitle: New teams reach value\nhorizon: now\n"
HYPOTHESIS = (
    THEME_HEAD + "hypotheses:\n"
    "  - id: setup-checklist\n"
    "    title: Guided setup checklist\n"
    "    status: {status}\n"
    "    we_believe: adding a checklist\n"
    "    for: workspace admins\n"
    "    will_result_in: more invites\n"
)  # the hypothesis' keys start on line 5; its status is on line 7
KPI_HEAD = "kpis:\n  - id: week1-invite-rate\n    name: Week-1 invite rate\n"
KPI = KPI_HEAD + "    unit: percent\n    direction: increase\n"


def problems(kind: Kind, text: str, path: str = "f.yaml") -> list[Problem]:
    document, yaml_problems = read_yaml(text.encode("utf-8"), path)
    assert yaml_problems == []
    assert document is not None
    content, found = validate_document(document, kind.model)
    assert (content is None) == bool(found)
    assert all(p.severity is Severity.ERROR for p in found)
    return [(p.location, p.code, p.message, p.hint) for p in found]


def only(kind: Kind, text: str) -> Problem:
    found = problems(kind, text)
    assert len(found) == 1, found
    return found[0]


def test_valid_theme_has_no_problem() -> None:
    assert problems(THEME, HYPOTHESIS.format(status="idea")) == []


def test_unknown_field_with_did_you_mean() -> None:
    assert only(THEME, THEME_HEAD + "owner: growth\nproblm: text\n") == (
        "f.yaml:5:1",
        "unknown-field",
        "unknown field 'problm'",
        "did you mean 'problem'?",
    )


def test_unknown_nested_field_names_its_parent() -> None:
    text = HYPOTHESIS.format(status="idea") + "    measured_by: {kpi: k, expect: 1, expct: 2}\n"
    assert only(THEME, text) == (
        "f.yaml:11:38",
        "unknown-field",
        "unknown field 'expct' in `hypotheses[0].measured_by`",
        "did you mean 'expect'?",
    )


def test_unknown_field_without_a_close_match_lists_the_allowed_ones() -> None:
    location, code, _, hint = only(TEAMS, "teams:\n  - id: growth\n    name: G\n    slack: x\n")
    assert (location, code) == ("f.yaml:4:5", "unknown-field")
    assert hint == "allowed here: description, id, name"


def test_missing_field_is_located_at_its_parent_mapping() -> None:
    assert only(THEME, "id: onboarding\nhorizon: now\n") == (
        "f.yaml:1:1",
        "missing-field",
        "missing required field 'title'",
        "add `title:` (The theme as an outcome, in a sentence)",
    )


def test_missing_nested_field() -> None:
    text = HYPOTHESIS.format(status="idea") + "    measured_by:\n      kpi: week1-invite-rate\n"
    assert only(THEME, text) == (
        "f.yaml:12:7",
        "missing-field",
        "missing required field 'expect' in `hypotheses[0].measured_by`",
        "add `expect:` (The KPI value that would prove the hypothesis right)",
    )


def test_invalid_choice_with_did_you_mean() -> None:
    assert only(THEME, "id: onboarding\ntitle: T\nhorizon: nwo\n") == (
        "f.yaml:3:10",
        "invalid-choice",
        "`horizon` is 'nwo'; expected one of: now, next, later, done",
        "did you mean 'now'?",
    )


def test_invalid_choice_without_a_close_match() -> None:
    assert only(THEME, "id: onboarding\ntitle: T\nhorizon: soon\n")[3] == ""


def test_empty_choice_gets_no_did_you_mean() -> None:
    assert only(THEME, "id: onboarding\ntitle: T\nhorizon:\n") == (
        "f.yaml:3:9",
        "invalid-choice",
        "`horizon` is empty; write one of: now, next, later, done",
        "",
    )


def test_invalid_status_of_a_hypothesis() -> None:
    assert only(THEME, HYPOTHESIS.format(status="tested")) == (
        "f.yaml:7:13",
        "invalid-choice",
        "`hypotheses[0].status` is 'tested'; expected one of: idea, planned, testing, "
        "validated, invalidated, parked",
        "did you mean 'testing'?",
    )


def test_bad_slug_suggests_one() -> None:
    assert only(THEME, "id: On_Boarding\ntitle: T\nhorizon: now\n") == (
        "f.yaml:1:5",
        "invalid-format",
        "`id` 'On_Boarding' is not a valid id: use lowercase letters, digits and dashes",
        "did you mean 'on-boarding'?",
    )


def test_impossible_date() -> None:
    text = THEME_HEAD + "outcomes:\n  - kpi: k\n    target: 0.5\n    by: 2027-02-30\n"
    assert only(THEME, text) == (
        "f.yaml:7:9",
        "invalid-date",
        "`outcomes[0].by`: 2027-02-30 is not a real date",
        "",
    )


def test_date_in_another_format() -> None:
    text = THEME_HEAD + "outcomes:\n  - kpi: k\n    target: 0.5\n    by: 31/03/2027\n"
    assert only(THEME, text) == (
        "f.yaml:7:9",
        "invalid-date",
        "`outcomes[0].by`: expected an ISO date such as 2027-03-31",
        "write dates as YYYY-MM-DD",
    )


def test_yes_given_for_a_number_is_text_and_gets_no_quote_hint() -> None:
    text = THEME_HEAD + "outcomes:\n  - kpi: k\n    target: yes\n    by: 2027-03-31\n"
    assert only(THEME, text) == (
        "f.yaml:6:13",
        "wrong-type",
        "`outcomes[0].target` must be a number, not the text 'yes'",
        "write a number, such as 0.5",
    )


def test_yes_given_for_text_stays_text() -> None:
    assert problems(THEME, "id: onboarding\ntitle: yes\nhorizon: now\n") == []


def test_boolean_given_for_text() -> None:
    assert only(THEME, THEME_HEAD + "problem: true\n") == (
        "f.yaml:4:10",
        "wrong-type",
        "`problem` must be text, not the boolean true",
        "",
    )


def test_number_given_as_text() -> None:
    text = THEME_HEAD + "outcomes:\n  - kpi: k\n    target: '0.55'\n    by: 2027-03-31\n"
    assert only(THEME, text) == (
        "f.yaml:6:13",
        "wrong-type",
        "`outcomes[0].target` must be a number, not the text '0.55'",
        "write the number without quotes",
    )


def test_leading_zero_number() -> None:
    text = THEME_HEAD + "outcomes:\n  - kpi: k\n    target: 012\n    by: 2027-03-31\n"
    assert only(THEME, text) == (
        "f.yaml:6:13",
        "wrong-type",
        "`outcomes[0].target` must be a number, not the text '012'",
        "numbers with a leading zero are ambiguous; remove the zero",
    )


def test_whole_number_expected() -> None:
    text = (
        HYPOTHESIS.format(status="idea")
        + "    scores: {value: 4, viability: 3, usability: 2.5, feasibility: 5}\n"
    )
    assert only(THEME, text) == (
        "f.yaml:11:49",
        "wrong-type",
        "`hypotheses[0].scores.usability` must be a whole number, not the number 2.5",
        "",
    )


def test_number_given_for_an_id_gets_a_quote_hint() -> None:
    assert only(THEME, "id: 12\ntitle: T\nhorizon: now\n") == (
        "f.yaml:1:5",
        "wrong-type",
        "`id` must be text, not the number 12",
        "put the value in quotes: '12'",
    )


@pytest.mark.parametrize(
    ("value", "shown"), [(".nan", "nan"), (".inf", "inf"), ("-.inf", "-inf"), ("1e999", "inf")]
)
def test_non_finite_numbers(value: str, shown: str) -> None:
    text = THEME_HEAD + f"outcomes:\n  - kpi: k\n    target: {value}\n    by: 2027-03-31\n"
    assert only(THEME, text) == (
        "f.yaml:6:13",
        "not-finite",
        f"`outcomes[0].target` must be a finite number, not {shown}",
        "write a number such as 0.5; leave the field out if there is no value",
    )


@pytest.mark.parametrize(("emotion", "bound"), [("3", "at most 2"), ("-3", "at least -2")])
def test_emotion_out_of_range(emotion: str, bound: str) -> None:
    text = (
        "id: new-team\ntitle: A new team's first week\nstages:\n  - id: discover\n"
        f"    title: Discover\n    steps:\n      - id: signup\n        title: Sign up\n"
        f"        emotion: {emotion}\n"
    )
    assert only(JOURNEY, text) == (
        "f.yaml:9:18",
        "out-of-range",
        f"`stages[0].steps[0].emotion` is {emotion}; it must be {bound}",
        "",
    )


@pytest.mark.parametrize(
    ("period", "hint"),
    [
        ("2026-Q5", ""),
        ("Q4-2026", ""),
        ("2026-q4", "did you mean '2026-Q4'?"),
        ("26-H1", ""),
        ("0000-Q4", ""),  # year 0 does not exist: it once crashed the period bounds
    ],
)
def test_period_format(period: str, hint: str) -> None:
    assert only(OKRS, f"period: {period}\nobjectives: []\n") == (
        "f.yaml:1:9",
        "invalid-format",
        f"`period` {period!r} is not a period such as 2026-Q4, 2026-H1 or 2026",
        hint,
    )


@pytest.mark.parametrize("period", ["2026", "2026-H2", "2026-Q1"])
def test_good_periods(period: str) -> None:
    assert problems(OKRS, f"period: {period}\n") == []


def evidence(url: str) -> str:
    return (
        HYPOTHESIS.format(status="idea") + f"    evidence:\n      - title: e\n        url: {url}\n"
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:x"])
def test_javascript_evidence_url(url: str) -> None:
    text = evidence(url if "\t" not in url else '"java\\tscript:x"')
    assert only(THEME, text) == (
        "f.yaml:13:14",
        "invalid-link",
        f"`hypotheses[0].evidence[0].url`: links with scheme '{url.replace(chr(9), '')[:11]}' "
        "are not allowed",
        "use an http(s) URL or a link relative to the site",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("data:text/html,x", "links with scheme 'data:' are not allowed"),
        ("//evil.example", "links must be http(s) URLs or relative links"),
        ("https://", "an http(s) link needs a host, as in https://example.com/page"),
    ],
)
def test_other_unsafe_links(url: str, message: str) -> None:
    location, code, found, _ = only(THEME, evidence(url))
    assert (location, code, found) == (
        "f.yaml:13:14",
        "invalid-link",
        f"`hypotheses[0].evidence[0].url`: {message}",
    )


@pytest.mark.parametrize("url", ["https://example.com/notes", "http://x.io", "research/notes.md"])
def test_good_links(url: str) -> None:
    assert problems(THEME, evidence(url)) == []


def test_sql_url_must_be_an_env_reference() -> None:
    text = KPI + "    source:\n      sql:\n        url: postgres://me:pw@db/x\n        query: q\n"
    assert only(KPIS, text) == (
        "f.yaml:8:14",
        "invalid-format",
        "`kpis[0].source.sql.url` 'postgres://me:pw@db/x' is not a `${ENV_VAR}` reference",
        "secrets never live in YAML: set an environment variable and write `${NAME}`",
    )


def test_source_with_both_csv_and_sql() -> None:
    text = KPI + "    source:\n      csv: a.csv\n      sql:\n        url: ${DB}\n        query: q\n"
    assert only(KPIS, text) == (
        "f.yaml:9:9",
        "invalid-source",
        "`kpis[0].source`: a source has either `csv` or `sql`, not both",
        "keep one; to snapshot SQL values into a CSV file, remove `sql`",
    )


def test_source_with_neither() -> None:
    assert only(KPIS, KPI + "    source: {}\n") == (
        "f.yaml:6:13",
        "invalid-source",
        "`kpis[0].source`: a source needs `csv` or `sql`",
        "remove `source:` to read okrs/measurements/<id>.csv",
    )


@pytest.mark.parametrize("status", ["testing", "validated", "invalidated"])
def test_measured_by_missing_for_a_measured_status(status: str) -> None:
    assert only(THEME, HYPOTHESIS.format(status=status)) == (
        "f.yaml:7:13",
        "missing-field",
        f"`hypotheses[0]`: a hypothesis with status {status} needs `measured_by`",
        "add `measured_by:` with the `kpi` and the value to `expect`, "
        "or set the status to idea, planned or parked",
    )


@pytest.mark.parametrize("status", ["idea", "planned", "parked"])
def test_measured_by_optional_for_open_statuses(status: str) -> None:
    assert problems(THEME, HYPOTHESIS.format(status=status)) == []


def test_experiment_ending_before_it_starts_is_located_at_end() -> None:
    text = HYPOTHESIS.format(status="idea") + (
        "    experiments:\n      - title: rollout\n        start: 2026-10-10\n"
        "        end: 2026-10-01\n"
    )
    assert only(THEME, text) == (
        "f.yaml:14:14",
        "date-order",
        "`hypotheses[0].experiments[0]`: `end` (2026-10-01) is before `start` (2026-10-10)",
        "an experiment of one day has the same start and end",
    )


def test_one_day_experiment_is_fine() -> None:
    text = HYPOTHESIS.format(status="idea") + (
        "    experiments:\n      - title: x\n        start: 2026-10-10\n        end: 2026-10-10\n"
    )
    assert problems(THEME, text) == []


def test_outcome_from_after_by_is_located_at_by() -> None:
    text = THEME_HEAD + (
        "outcomes:\n  - kpi: k\n    target: 1\n    from: 2027-03-01\n    by: 2027-02-28\n"
    )
    assert only(THEME, text) == (
        "f.yaml:8:9",
        "date-order",
        "`outcomes[0]`: `by` (2027-02-28) must be after `from` (2027-03-01)",
        "",
    )


def test_key_result_from_after_by() -> None:
    text = (
        "period: 2026-Q4\nobjectives:\n  - id: o\n    title: O\n    key_results:\n"
        "      - id: kr\n        kpi: k\n        target: 1\n        from: 2026-12-01\n"
        "        by: 2026-11-01\n"
    )
    assert only(OKRS, text)[:2] == ("f.yaml:10:13", "date-order")


def test_wrong_container_types() -> None:
    assert problems(THEME, THEME_HEAD + "outcomes:\n  kpi: k\nhypotheses: {}\ntags: x\n") == [
        ("f.yaml:5:3", "wrong-type", "`outcomes` must be a list, not a mapping", ""),
        ("f.yaml:6:13", "wrong-type", "`hypotheses` must be a list, not a mapping", ""),
        ("f.yaml:7:1", "unknown-field", "unknown field 'tags'", "allowed here: "
         "horizon, hypotheses, id, lint_ignore, outcomes, owner, problem, title, visibility"),
    ]  # fmt: skip


def test_team_given_as_text() -> None:
    assert only(TEAMS, "teams:\n  - growth\n") == (
        "f.yaml:2:5",
        "wrong-type",
        "`teams[0]` must be a mapping, not the text 'growth'",
        "",
    )


def test_empty_tag() -> None:
    text = HYPOTHESIS.format(status="idea") + "    tags: ['']\n"
    assert only(THEME, text) == (
        "f.yaml:11:12",
        "empty-value",
        "`hypotheses[0].tags[0]` must not be empty",
        "write a value or remove it",
    )


def test_too_long_text() -> None:
    text = "id: onboarding\ntitle: " + "x" * 2001 + "\nhorizon: now\n"
    assert only(THEME, text) == (
        "f.yaml:2:8",
        "too-long",
        "`title` has more than 2000 characters",
        "shorten it",
    )


def test_every_problem_of_a_file_is_reported() -> None:
    text = (
        "id: Onboarding\ntitle: T\nhorizon: soon\nowner: growth\nhypotheses:\n"
        "  - id: h\n    title: H\n    status: testing\n    we_believe: x\n    for: y\n"
        "    will_result_in: z\n  - id: h2\n    title: H\n    status: idea\n"
        "    we_believe: x\n    for: y\n"
    )
    assert [(p[0], p[1]) for p in problems(THEME, text)] == [
        ("f.yaml:1:5", "invalid-format"),
        ("f.yaml:3:10", "invalid-choice"),
        ("f.yaml:8:13", "missing-field"),
        ("f.yaml:12:5", "missing-field"),
    ]


def test_text_fields_accept_plain_numbers() -> None:
    text = "id: onboarding\ntitle: 2027\nhorizon: now\n"
    document, _ = read_yaml(text.encode(), "f.yaml")
    assert document is not None
    content, _ = validate_document(document, THEME.model)
    assert isinstance(content, Theme)
    assert content.title == "2027"
