"""Fixtures of the browser tests: the demo site built once and served on 127.0.0.1, one
headless Chromium for the session, and a fresh guarded context for every test.

Every test fails when its pages make a request beyond 127.0.0.1 (blocked and recorded)
or log a console error: see `pytest_runtest_call` below.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
from browserkit import (
    AXE_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    REPO,
    Guard,
    load_json,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page


def _missing(reason: str) -> NoReturn:
    """Skip on a developer's machine; fail in CI, where `make test` installs everything."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (make browser-deps installs it)")
    pytest.skip(f"{reason}: run `make browser-deps`")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site (mkdocs.yml at the repository root), built into a temporary folder."""
    out = tmp_path_factory.mktemp("browser") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"mkdocs build failed:\n{done.stdout}\n{done.stderr}"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A page left before a response finished (BrokenPipe, ConnectionReset): expected.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served by http.server on 127.0.0.1, on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (never `playwright install`).

    One per test module, not per session: while Playwright's sync API is started, its
    event loop counts as running, and `asyncio.run()` elsewhere in the suite would fail.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed")
    if not (CHROMIUM.is_file() or shutil.which(str(CHROMIUM))):
        _missing(f"Chromium is not installed at {CHROMIUM}")
    if not AXE_JS.is_file():
        _missing(f"axe-core is not installed ({AXE_JS.relative_to(REPO)} is missing)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def roadmap(site_dir: Path) -> dict[str, Any]:
    """The site's roadmap.json: what the pages should show."""
    data: dict[str, Any] = load_json(site_dir / "roadmap.json")
    return data


@pytest.fixture(scope="session")
def search_index(site_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = load_json(site_dir / "search" / "search_index.json")
    return data


@pytest.fixture
def guard(base_url: str) -> Guard:
    return Guard(origin=base_url.rstrip("/"))


@pytest.fixture
def new_context(browser: Browser, guard: Guard) -> Iterator[Callable[..., BrowserContext]]:
    """Make guarded browser contexts (desktop 1280x900, light scheme unless told)."""
    made: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        settings: dict[str, Any] = {
            "viewport": DESKTOP,
            "color_scheme": "light",
            "locale": "en-US",
            "reduced_motion": "reduce",
            "service_workers": "block",
            **options,
        }
        context = browser.new_context(**settings)
        context.set_default_timeout(10_000)
        guard.attach(context)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context().new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail the test itself (not its teardown) on external requests and console errors."""
    result = yield
    funcargs = getattr(item, "funcargs", {})
    guard = funcargs.get("guard")
    if isinstance(guard, Guard) and guard.problems():
        raise AssertionError("the site misbehaved in the browser:\n" + "\n".join(guard.problems()))
    return result
