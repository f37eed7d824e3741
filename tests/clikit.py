"""Running the `outcomes` command in-process, the way every CLI test does."""

from __future__ import annotations

from io import StringIO

from outcomes.adapters.cli import main


def run(*argv: str, stderr: StringIO | None = None) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command; an internal error or a traceback
    (the CLI's last-resort guard) fails the test."""
    out, err = StringIO(), stderr or StringIO()
    code = main(list(argv), out=out, err=err)
    printed = out.getvalue() + err.getvalue()
    assert "internal error" not in printed and "Traceback" not in printed, printed
    return code, out.getvalue(), err.getvalue()
