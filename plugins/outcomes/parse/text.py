"""Bytes of a project file to text, or a located `file-encoding` problem.

Every reader (YAML, CSV) starts here, so a byte-order mark, a NUL byte or a bad UTF-8
sequence is reported the same way, at the line and column an editor shows.
"""

from __future__ import annotations

from outcomes.diagnostics import Diagnostic, Severity

Position = tuple[int, int]


def offset_position(data: bytes, offset: int) -> Position:
    """1-based line and column (in characters) of a byte offset into UTF-8 data.

    Lines end at `\\n`, `\\r\\n` or a lone `\\r`, as in YAML and in editors.
    """
    head = data[:offset]
    lf, cr = head.rfind(b"\n"), head.rfind(b"\r")
    start = max(lf, cr) + 1
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    return line, len(head[start:].decode("utf-8", errors="replace")) + 1


def decode_source(raw: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 text of a file, or a located error for a BOM, NUL bytes or bad bytes."""

    def problem(offset: int, code: str, message: str, hint: str) -> Diagnostic:
        line, col = offset_position(raw, offset)
        return Diagnostic(path, line, col, Severity.ERROR, code, message, hint)

    if raw.startswith(b"\xef\xbb\xbf"):
        return None, problem(
            0, "file-encoding", "file starts with a byte-order mark",
            "save the file as UTF-8 without BOM",
        )  # fmt: skip
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, problem(
            nul, "file-encoding", "file contains a NUL byte (binary data?)",
            "save the file as UTF-8 text",
        )  # fmt: skip
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, problem(
            exc.start, "file-encoding", f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
            "save the file as UTF-8",
        )  # fmt: skip
