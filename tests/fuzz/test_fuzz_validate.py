"""Fuzzing `outcomes validate` and `outcomes export`: any input ends in exit 0 or 1 with
located problems, never an exception, a traceback or forged output lines.

Three kinds of input: documents shaped like each kind's model with any value in any
field (serialised by PyYAML, so the text is valid YAML and the schema is exercised),
the same text with random bytes spliced in, and raw random bytes; for measurements,
random CSV text and bytes. Each is written beside tests/hostile/base (a valid theme
and KPI), whose warning must still be reported.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from io import StringIO
from pathlib import Path
from typing import Any

import yaml
from fuzzkit import document, fuzz_settings, yaml_values
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from outcomes.adapters.cli import main
from outcomes.schema.journey import Journey
from outcomes.schema.kpi import KpiFile
from outcomes.schema.okr import OkrPeriod
from outcomes.schema.team import TeamsFile
from outcomes.schema.theme import Theme

BASE = Path(__file__).parent.parent / "hostile" / "base"
AS_OF = "2026-11-22"
KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "theme": (Theme, "roadmap/fuzz.yaml"),
    "kpis": (KpiFile, "okrs/fuzz-kpis.yaml"),
    "okrs": (OkrPeriod, "okrs/fuzz-period.yaml"),
    "journey": (Journey, "journeys/fuzz.yaml"),
    "teams": (TeamsFile, "okrs/teams.yaml"),
}
CODE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+")
WHOLE_FILE = {"file-too-large", "file-unreadable", "too-many-files", "csv-too-large"}
DIAGNOSTIC_LINE = re.compile(
    r"[^\s:][^:]*(?::[0-9]+(?::[0-9]+)?)?: (?:error|warning|info)\[[a-z0-9-]+\] .*"
)
SUMMARY_LINE = re.compile(r"[0-9]+ errors?, [0-9]+ warnings?|ok: [0-9]+ themes?, .*")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def run(root: Path, *argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main([*argv, str(root), "--as-of", AS_OF], out, err)
    return code, out.getvalue(), err.getvalue()


def check_project(files: dict[str, bytes]) -> None:
    """Validate (json and text) and export a project with `files` over the base."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(BASE, root)
        for relative, raw in files.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(raw)
        code, out, err = run(root, "validate", "--format", "json")
        assert code in (0, 1), (code, err)
        assert err == ""
        diagnostics = json.loads(out)
        for d in diagnostics:
            assert d["path"] and CODE.fullmatch(d["code"]), d
            if d["path"].endswith(".yaml") and d["code"] not in WHOLE_FILE:
                assert d["line"] >= 1 and d["col"] >= 1, d
            if d["path"].endswith(".csv") and d["code"] not in WHOLE_FILE:
                assert d["line"] >= 1, d
        assert any(d["code"] == "hypothesis-overdue" for d in diagnostics), "control not read"
        code, out, err = run(root, "validate", "--format", "text")
        assert code in (0, 1) and err == ""
        for line in out.splitlines():  # user text can neither forge a line nor a terminal escape
            assert (
                DIAGNOSTIC_LINE.fullmatch(line)
                or line.startswith("  hint: ")
                or (SUMMARY_LINE.fullmatch(line))
            ), line
            assert not CONTROL.search(line), line
        code, out, err = run(root, "export")
        assert code in (0, 1), (code, err)
        assert "internal error" not in err and "Traceback" not in err
        if code == 0:
            json.loads(out, parse_constant=_no_constants)  # strict JSON: no NaN or Infinity


def _no_constants(name: str) -> Any:
    raise AssertionError(f"export wrote {name}")


def dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@st.composite
def shaped_file(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(sorted(KINDS)))
    model, relative = KINDS[kind]
    return relative, dump(draw(document(model)))


@fuzz_settings(120)
@given(shaped_file())
def test_any_value_in_any_field(file: tuple[str, bytes]) -> None:
    check_project(dict([file]))


@fuzz_settings(40)
@given(shaped_file(), st.binary(min_size=1, max_size=8), st.integers(min_value=0))
def test_random_bytes_spliced_into_valid_yaml(
    file: tuple[str, bytes], noise: bytes, where: int
) -> None:
    relative, raw = file
    at = where % (len(raw) + 1)
    check_project({relative: raw[:at] + noise + raw[at:]})


@fuzz_settings(40)
@given(st.sampled_from(sorted(v[1] for v in KINDS.values())), st.binary(max_size=200))
def test_raw_bytes_as_yaml(relative: str, raw: bytes) -> None:
    check_project({relative: raw})


@fuzz_settings(20)
@given(yaml_values)
def test_any_yaml_value_as_a_whole_file(value: Any) -> None:
    check_project({"roadmap/fuzz.yaml": dump(value)})


_csv_cells = st.one_of(
    st.sampled_from(["2026-11-01", "2026-02-30", "nan", "1e999", "0.5", "", '"', "a,b", "\r"]),
    st.text(st.characters(codec="utf-8"), max_size=10),
)
_csv_text = st.lists(st.lists(_csv_cells, max_size=4).map(",".join), max_size=6).map(
    lambda rows: "date,value,note\n" + "\n".join(rows)
)


@fuzz_settings(40)
@given(st.one_of(_csv_text.map(lambda t: t.encode("utf-8")), st.binary(max_size=200)))
def test_random_measurements(raw: bytes) -> None:
    check_project({"okrs/measurements/rate.csv": raw})
