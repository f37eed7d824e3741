"""Long commands show what they are doing on a terminal and nothing elsewhere (CI logs)."""

from __future__ import annotations

import io
from pathlib import Path

from outcomes.adapters.cli import main
from outcomes.adapters.progress import Status

VALID = Path(__file__).parent / "fixtures" / "valid"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_status_redraws_one_line_on_a_terminal_and_clears_it() -> None:
    stream = Terminal()
    status = Status(stream)
    status("reading the roadmap")
    status("writing 3 files")
    status.done()
    assert stream.getvalue() == (
        "\routcomes: reading the roadmap…\x1b[K\routcomes: writing 3 files…\x1b[K\r\x1b[K"
    )


def test_status_is_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    status = Status(stream)
    status("reading the roadmap")
    status.done()
    assert stream.getvalue() == ""


def test_generate_shows_its_steps_on_a_terminal_only(tmp_path: Path) -> None:
    argv = ["generate", str(VALID), str(tmp_path / "a"), "--as-of", "2026-11-22", "--no-history"]
    out, terminal = io.StringIO(), Terminal()
    assert main(argv, out=out, err=terminal) == 0
    shown = terminal.getvalue()
    for step in ("reading the roadmap", "rendering the pages of 2 themes and 3 hypotheses",
                 "writing "):  # fmt: skip
        assert f"\routcomes: {step}" in shown
    assert shown.endswith("\r\x1b[K")
    quiet = io.StringIO()
    argv[2] = str(tmp_path / "b")
    assert main(argv, out=io.StringIO(), err=quiet) == 0
    assert "\r" not in quiet.getvalue() and "outcomes:" not in quiet.getvalue()
