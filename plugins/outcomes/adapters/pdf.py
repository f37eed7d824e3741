"""HTML to PDF with headless Chromium's print-to-PDF, for `outcomes report --pdf`.

Chromium rather than WeasyPrint, measured on the demo's 2026-Q4 review pack (18 pages,
nine charts): both take about 2.3 s, but Chromium draws the inline SVG charts exactly
as the site's readers see them (CSS classes, custom properties and `currentColor` in
SVG; WeasyPrint 70 drew every chart line black and ignored `repeat(auto-fill, …)` in
the grid), and it costs nothing to install here: `make browser-deps` already puts
Debian's Chromium on every developer's machine and CI for the browser tests, while
WeasyPrint would add 42 MB of Python packages and Pango. Its price is memory (240 MB
against 80 MB) and a larger file (about 700 KB against 170 KB: fonts embedded whole).

The document is written to a private temporary folder and printed from there with a
throwaway profile, no network and no extensions; the PDF lands at its target only
when Chromium succeeded, so a failed run never leaves half a file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["CHROMIUM_NAMES", "PdfError", "chromium", "html_to_pdf"]

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = "install it with `sudo apt-get install chromium` (or `make browser-deps`)"
TIMEOUT = 120.0  # seconds; the demo's 18 pages take about 2.3 s
# --no-sandbox: Chromium refuses to start as root without it (CI runs as root); what it
# opens is our own document, with scripts and every request blocked by its CSP.
_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-pdf-header-footer",
)


class PdfError(Exception):
    """The PDF could not be made: Chromium is missing or failed; the message says why."""


def chromium() -> Path | None:
    """The Chromium to print with: `OUTCOMES_CHROMIUM`, else the first on PATH."""
    named = os.environ.get("OUTCOMES_CHROMIUM")
    if named:
        path = Path(named)
        return path if path.is_file() and os.access(path, os.X_OK) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def html_to_pdf(html: str, target: Path, timeout: float = TIMEOUT) -> None:
    """Print `html` (a self-contained document) to the PDF file `target`."""
    browser = chromium()
    if browser is None:
        named = os.environ.get("OUTCOMES_CHROMIUM")
        where = f"OUTCOMES_CHROMIUM={named} is not an executable" if named else (
            "no Chromium on PATH"
        )  # fmt: skip
        raise PdfError(f"the PDF needs headless Chromium: {where}; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="outcomes-pdf-") as folder:
        work = Path(folder)
        page, printed = work / "report.html", work / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            str(browser), *_FLAGS, f"--user-data-dir={work / 'profile'}",
            f"--print-to-pdf={printed}", page.as_uri(),
        ]  # fmt: skip
        if os.name == "posix" and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                 stdin=subprocess.DEVNULL, check=False)  # fmt: skip
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium did not finish the PDF within {timeout:g} s") from None
        except OSError as exc:
            raise PdfError(f"could not start Chromium ({browser}): {exc.strerror or exc}") from None
        if run.returncode != 0 or not printed.is_file() or printed.stat().st_size == 0:
            last = (run.stderr.strip().splitlines() or ["no message"])[-1]
            raise PdfError(f"Chromium could not print the PDF (exit {run.returncode}): {last}")
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(printed, partial)
        os.replace(partial, target)
