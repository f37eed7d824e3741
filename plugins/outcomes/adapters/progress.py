"""A status line for long commands on a terminal, and nothing when output is not one.

`outcomes generate` of a large roadmap takes seconds (reading, git history, rendering,
writing); a line that says which step runs tells the person waiting that it is not
stuck. In CI the stream is not a terminal, and logs stay free of redraws.
"""

from __future__ import annotations

from typing import TextIO


def is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


class Status:
    """`outcomes: rendering the pages…`, redrawn in place on a terminal; cleared by `done`."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream if is_terminal(stream) else None
        self.shown = False

    def __call__(self, step: str) -> None:
        if self.stream is None:
            return
        self.stream.write(f"\routcomes: {step}…\x1b[K")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.stream is not None and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
