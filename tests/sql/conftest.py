"""Fixtures of the SQL tests: one real PostgreSQL server for the session.

If PostgreSQL cannot start, the tests fail with the reason. They are skipped only when
OUTCOMES_SKIP_POSTGRES=1 is set on purpose (`make postgres` installs the server).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from pgserver import PostgresServer, find_bin
from sqlkit import PASSWORD, READER, SEED


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    skip = os.environ.get("OUTCOMES_SKIP_POSTGRES") == "1"
    bin_dir = find_bin()
    if bin_dir is None:
        message = (
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run "
            "`make postgres` or `apt-get install postgresql`; set OUTCOMES_SKIP_POSTGRES=1 "
            "to skip these tests on purpose"
        )
        if skip:
            pytest.skip(message)
        pytest.fail(message, pytrace=False)
    server = PostgresServer(bin_dir)
    try:
        server.init()
        server.start()
        with server.admin() as admin:
            admin.execute(SEED)
            admin.execute(f"create role {READER} login password '{PASSWORD}'")
            admin.execute(f"grant select, delete on all tables in schema public to {READER}")
    except Exception as exc:
        server.remove()
        if skip:
            pytest.skip(f"PostgreSQL could not start: {exc}")
        pytest.fail(f"PostgreSQL could not start: {exc}", pytrace=False)
    yield server
    server.remove()


@pytest.fixture
def reader_url(postgres: PostgresServer) -> str:
    """The reader's URL: a plain postgresql:// URL with the awkward password encoded."""
    return postgres.url(READER, PASSWORD)
