"""Running KPI queries: read-only, with a statement timeout and a row cap, no secret shown.

SQLAlchemy 2 parses URLs, loads dialects and drivers and opens connections; the query
itself runs on the driver's cursor (DB-API), so no SQLAlchemy parameter syntax applies
to it (`like 'a%'` needs no escaping) and each dialect gets the guards it can enforce:

- PostgreSQL, always through psycopg 3: `SET TRANSACTION READ ONLY` and
  `SET LOCAL statement_timeout`, and the query goes through the extended protocol, which
  takes exactly one statement, so `select 1; commit; delete ...` cannot leave the
  read-only transaction.
- SQLite (the standard `sqlite3` module): the file is opened `mode=ro` (a missing file
  is an error instead of a new empty database), `PRAGMA query_only`, a progress handler
  that interrupts the query at the deadline; `sqlite3` runs one statement per call.
- Any other dialect: a transaction that is always rolled back and a watchdog that stops
  waiting at the deadline; whether a write is refused is up to the role's privileges.

Every query's transaction is rolled back, also after success. Messages name the
`${ENV_VAR}`, the dialect and the host, never the URL, and driver messages are scrubbed
of the password and the URL before they are shown.

SQLAlchemy is imported by the functions that open a database, never by this module:
importing it took 0.12 s of the 0.47 s that `outcomes validate` took on the demo, which
has no SQL source, and every command imports this module for `SqlSettings`.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, quote_plus

from outcomes.settings import SqlSettings as SqlSettings  # where callers have found it

if TYPE_CHECKING:
    from sqlalchemy import Connection, Dialect, Engine
    from sqlalchemy.engine import URL

T = TypeVar("T")

GRACE = 5.0  # seconds the watchdog adds to a timeout the database enforces itself
_MAX_DETAIL = 300

# pip packages of SQLAlchemy dialects that SQLAlchemy does not ship, by URL scheme.
DIALECT_PACKAGES: dict[str, str] = {
    "bigquery": "sqlalchemy-bigquery",
    "snowflake": "snowflake-sqlalchemy",
    "trino": "trino[sqlalchemy]",
    "duckdb": "duckdb-engine",
    "redshift": "sqlalchemy-redshift",
    "databricks": "databricks-sqlalchemy",
    "clickhouse": "clickhouse-sqlalchemy",
}
# pip packages of DB-API drivers, by the module SQLAlchemy failed to import.
DRIVER_PACKAGES: dict[str, str] = {
    "MySQLdb": "mysqlclient",
    "pymysql": "PyMySQL",
    "mysql": "mysql-connector-python",
    "mariadb": "mariadb",
    "pyodbc": "pyodbc",
    "pymssql": "pymssql",
    "oracledb": "oracledb",
    "cx_Oracle": "oracledb",
    "psycopg2": "psycopg2-binary",
    "redshift_connector": "redshift_connector",
}


class SqlError(Exception):
    """A query that could not run; `code` is a stable problem code (`sql-...`)."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def problem(code: str, message: str, hint: str = "") -> SqlError:
    return SqlError(code, message, hint)


@dataclass(frozen=True)
class QueryResult:
    """Column names as the database wrote them and at most `max_rows + 1` rows."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def env_name(reference: str) -> str:
    """`${ANALYTICS_DB_URL}` -> `ANALYTICS_DB_URL` (the schema checked the shape)."""
    return reference.removeprefix("${").removesuffix("}")


def resolve_url(reference: str, environ: Mapping[str, str]) -> str:
    """The URL an `${ENV_VAR}` reference names; SqlError `sql-env-missing` when unset."""
    name = env_name(reference)
    value = environ.get(name, "").strip()
    if not value:
        raise problem(
            "sql-env-missing",
            f"the environment variable {name} is not set",
            f"set {name} to the database URL, e.g. postgresql://user:password@host/db",
        )
    return value


class Databases:
    """The databases of one build: one engine and connection per URL, one run per query.

    Results and failures are kept by (URL, query), so a build asks each source at most
    once; a database that cannot be reached is not asked again by the same build.
    """

    def __init__(self, settings: SqlSettings | None = None) -> None:
        self.settings = settings or SqlSettings()
        self._databases: dict[str, _Database] = {}
        self._results: dict[tuple[str, str], QueryResult | SqlError] = {}

    def __enter__(self) -> Databases:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def run(self, url: str, query: str) -> QueryResult:
        """Rows of `query` on the database at `url`; raises SqlError."""
        key = (url, query)
        if key not in self._results:
            try:
                database = self._databases.get(url)
                if database is None:
                    database = self._databases[url] = _Database(url, self.settings)
                self._results[key] = database.run(query)
            except SqlError as exc:
                self._results[key] = exc
        found = self._results[key]
        if isinstance(found, SqlError):
            raise found
        return found

    def dialect(self, url: str) -> Dialect:
        """The SQLAlchemy dialect of the database at `url`, for compiling a query built
        with SQLAlchemy Core (a KPI recipe); raises SqlError when it cannot be had."""
        database = self._databases.get(url)
        if database is None:
            database = self._databases[url] = _Database(url, self.settings)
        if database.broken is not None:
            raise database.broken
        assert database.engine is not None
        return database.engine.dialect

    def close(self) -> None:
        for database in self._databases.values():
            database.close()
        self._databases.clear()


@dataclass
class _Database:
    url_text: str
    settings: SqlSettings
    secrets: list[str] = field(default_factory=list)
    engine: Engine | None = None
    connection: Connection | None = None
    kind: str = "generic"  # "postgresql", "sqlite" or "generic"
    shown: str = "the database"
    broken: SqlError | None = None  # a failed connection, reported for every later query
    generation: int = 0  # counts queries given up on; their worker must not keep a connection

    def __post_init__(self) -> None:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        self.secrets = [self.url_text]
        try:
            url = make_url(self.url_text)
        except (ArgumentError, ValueError):
            self.broken = problem(
                "sql-url",
                "the value is not a database URL",
                "write it as dialect://user:password@host:port/database, "
                "e.g. postgresql://reader:secret@db.example.com/analytics",
            )
            return
        if url.password:
            password = str(url.password)
            self.secrets += [password, quote(password, safe=""), quote_plus(password)]
        self.shown = _describe(url)
        try:
            self.engine = self._create_engine(url)
        except SqlError as exc:
            self.broken = exc

    def _create_engine(self, url: URL) -> Engine:
        from sqlalchemy import create_engine, event
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError
        from sqlalchemy.pool import NullPool

        # Not url.get_driver_name(): it imports the dialect, which may not be installed.
        backend, _, driver = url.drivername.partition("+")
        connect_args: dict[str, Any] = {}
        if backend in ("postgresql", "postgres"):
            if driver not in ("", "psycopg", "psycopg2"):
                raise problem(
                    "sql-url",
                    f"PostgreSQL is read through psycopg 3, not {driver}",
                    "write the URL as postgresql://user:password@host/database",
                )
            # One driver for every PostgreSQL URL: the package depends on psycopg 3, and
            # its extended protocol is what keeps a query to a single statement.
            url = url.set(drivername="postgresql+psycopg")
            self.kind = "postgresql"
            if "connect_timeout" not in url.query:
                connect_args["connect_timeout"] = max(2, math.ceil(self.settings.timeout))
        elif backend == "sqlite" and driver in ("", "pysqlite"):
            url = _read_only_sqlite(url)
            self.kind = "sqlite"
            connect_args["timeout"] = self.settings.timeout  # waiting for a locked file
        try:
            engine = create_engine(url, poolclass=NullPool, connect_args=connect_args)
        except NoSuchModuleError:
            package = DIALECT_PACKAGES.get(backend)
            install = f"pip install {package!r}" if package else "install its SQLAlchemy dialect"
            raise problem(
                "sql-driver-missing",
                f"no SQLAlchemy dialect for {backend!r} is installed",
                f"{install} in the environment that runs outcomes",
            ) from None
        except ImportError as exc:
            module = (exc.name or "").split(".")[0]
            package = DRIVER_PACKAGES.get(module, module or "the driver")
            raise problem(
                "sql-driver-missing",
                f"the database driver for {url.drivername!r} is not installed",
                f"pip install {package!r} in the environment that runs outcomes",
            ) from None
        except (ArgumentError, TypeError, ValueError):
            raise problem(
                "sql-url",
                f"the URL of the {backend} database has options SQLAlchemy refuses",
                "check the options after `?` in the URL",
            ) from None
        if self.kind == "sqlite":
            event.listen(engine, "connect", _query_only)
        if engine.dialect.is_async:
            engine.dispose()
            raise problem(
                "sql-url",
                f"{url.drivername!r} is an asyncio driver",
                "use the dialect's default driver, e.g. postgresql://",
            )
        return engine

    def run(self, query: str) -> QueryResult:
        if self.broken is not None:
            raise self.broken
        deadline = self.settings.timeout + (GRACE if self.kind != "generic" else 0.0)
        generation = self.generation
        try:
            return _call_with_deadline(lambda: self._run(query, generation), deadline)
        except _Abandoned:
            # The worker may still use (or open) a connection; it closes it when it ends.
            self.generation += 1
            self.connection = None
            raise self._timeout() from None
        except SqlError as exc:
            if exc.code in ("sql-unreachable", "sql-auth"):
                self.broken = exc
            raise

    def _run(self, query: str, generation: int) -> QueryResult:
        connection = self._connect(generation)
        raw = connection.connection.dbapi_connection
        assert raw is not None
        try:
            if self.kind == "postgresql":
                return self._run_postgresql(raw, query)
            if self.kind == "sqlite":
                return self._run_sqlite(raw, query)
            return self._run_generic(raw, query)
        except Exception as exc:
            lost = bool(getattr(raw, "closed", False))  # psycopg tells; others do not
            if generation == self.generation:
                self._drop()  # a failed query may leave the connection unusable
            raise self._query_failure(exc, lost) from None
        finally:
            if generation != self.generation:  # given up on meanwhile: nobody else closes it
                with contextlib.suppress(Exception):
                    connection.invalidate()

    def _connect(self, generation: int) -> Connection:
        """The connection of this URL, opened on first use and kept for the build."""
        if self.connection is not None:
            return self.connection
        assert self.engine is not None
        try:
            connection = self.engine.connect()
        except Exception as exc:
            raise self._connect_failure(exc) from None
        if generation == self.generation:
            self.connection = connection
        return connection

    def _run_postgresql(self, raw: Any, query: str) -> QueryResult:
        milliseconds = max(1, round(self.settings.timeout * 1000))
        try:
            # psycopg opens the transaction on the first statement; both settings end with it.
            raw.execute("SET TRANSACTION READ ONLY")
            raw.execute(f"SET LOCAL statement_timeout = {milliseconds}")
            with raw.cursor(binary=True) as cursor:
                # stream() always uses the extended protocol: one statement, no `;` chains.
                rows: list[tuple[Any, ...]] = []
                columns: tuple[str, ...] = ()
                for row in cursor.stream(query, binary=True):
                    if not columns:
                        columns = _columns(cursor.description)
                    rows.append(tuple(row))
                    if len(rows) > self.settings.max_rows:
                        break
            return QueryResult(columns, rows)  # no columns when no rows: psycopg names none
        finally:
            raw.rollback()

    def _run_sqlite(self, raw: Any, query: str) -> QueryResult:
        deadline = time.monotonic() + self.settings.timeout
        raw.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            return self._run_generic(raw, query)
        finally:
            raw.set_progress_handler(None, 0)

    def _run_generic(self, raw: Any, query: str) -> QueryResult:
        cursor = raw.cursor()
        try:
            cursor.execute(query)
            columns = _columns(cursor.description)
            rows: list[tuple[Any, ...]] = []
            while len(rows) <= self.settings.max_rows:
                chunk = cursor.fetchmany(min(1_000, self.settings.max_rows + 1 - len(rows)))
                if not chunk:
                    break
                rows.extend(tuple(row) for row in chunk)
            return QueryResult(columns, rows)
        finally:
            try:
                cursor.close()
            finally:
                raw.rollback()

    def _drop(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            with contextlib.suppress(Exception):  # closing a broken connection may fail again
                connection.invalidate()

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):  # the connection is gone either way
                self.connection.close()
            self.connection = None
        if self.engine is not None:
            self.engine.dispose()

    # -- what went wrong ------------------------------------------------------------
    def _detail(self, exc: BaseException) -> str:
        """The driver's first line of explanation, without password or URL."""
        from sqlalchemy.exc import DBAPIError

        orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
        lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
        text = lines[0] if lines else type(orig).__name__
        for secret in sorted(self.secrets, key=len, reverse=True):
            if secret:
                text = text.replace(secret, "***")
        return text[:_MAX_DETAIL] + ("…" if len(text) > _MAX_DETAIL else "")

    def _timeout(self) -> SqlError:
        return problem(
            "sql-timeout",
            f"the query on {self.shown} ran longer than {self.settings.timeout:g} s",
            "aggregate in the database (one row per date) or raise --sql-timeout",
        )

    def _connect_failure(self, exc: BaseException) -> SqlError:
        detail = self._detail(exc)
        lowered = detail.lower()
        transient = ("starting up", "shutting down", "too many clients", "recovery mode")
        refused = ("fatal:", "authentication", "password", "login", "credential", "denied")
        if any(word in lowered for word in refused) and not any(
            word in lowered for word in transient
        ):
            return problem(
                "sql-auth",
                f"{self.shown} refused the connection: {detail}",
                "check the user, password and database name in the variable's URL",
            )
        return problem(
            "sql-unreachable",
            f"cannot reach {self.shown}: {detail}",
            "check that the database is up and reachable from here",
        )

    def _query_failure(self, exc: BaseException, lost: bool) -> SqlError:
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, SqlError):
            return exc
        orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
        state = str(getattr(orig, "sqlstate", None) or "")
        name = str(getattr(orig, "sqlite_errorname", None) or "")
        detail = self._detail(exc)
        lowered = detail.lower()
        if state == "25006" or name.startswith("SQLITE_READONLY") or "read-only" in lowered:
            return problem(
                "sql-read-only",
                f"the query tries to change data; it runs read-only: {detail}",
                "a KPI query only reads: select the date and the value",
            )
        if state == "57014" or name in ("SQLITE_INTERRUPT", "SQLITE_BUSY"):
            return self._timeout()
        if state == "42501" or name in ("SQLITE_AUTH", "SQLITE_PERM"):
            return problem(
                "sql-permission",
                f"the database refused the query: {detail}",
                "grant the variable's user SELECT on the tables the query reads",
            )
        if state.startswith(("08", "57P")) or lost:
            return problem(
                "sql-unreachable",
                f"lost the connection to {self.shown}: {detail}",
                "check that the database is up and reachable from here",
            )
        hint = "run the query in a SQL console to correct it"
        if "multiple commands" in lowered or "one statement" in lowered:
            hint = "a KPI query is one statement: remove the `;` and what follows"
        return problem("sql-query", f"the database refused the query: {detail}", hint)


class _Abandoned(Exception):
    """The worker did not finish in time; it runs on, its result unwanted."""


def _call_with_deadline(function: Callable[[], T], seconds: float) -> T:
    """`function()` in a daemon thread, given up on after `seconds`: never a hang.

    Databases enforce their own statement timeouts where they can; this is the last
    resort for drivers that hang without one (a host that stops answering mid-query).
    """
    result: list[T] = []
    error: list[BaseException] = []

    def work() -> None:
        try:
            result.append(function())
        except BaseException as exc:  # handed to the caller's thread
            error.append(exc)

    worker = threading.Thread(target=work, name="outcomes-sql", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise _Abandoned()
    if error:
        raise error[0]
    return result[0]


def _columns(description: Any) -> tuple[str, ...]:
    return tuple(str(column[0]) for column in description or ())


def _describe(url: URL) -> str:
    """`postgresql at db.example.com:5432`: dialect and host, never user or password."""
    backend = url.get_backend_name()
    if backend == "sqlite":
        name = os.path.basename(url.database or "") or "in memory"
        return f"the sqlite database {name}"
    if url.host:
        port = f":{url.port}" if url.port else ""
        return f"the {backend} database at {url.host}{port}"
    return f"the {backend} database"


def _read_only_sqlite(url: URL) -> URL:
    """A file database opened read-only through a `file:` URI; memory stays as it is."""
    database = url.database or ""
    if database in ("", ":memory:"):
        return url
    path = database.removeprefix("file:").split("?", 1)[0]
    return url.set(database=f"file:{quote(path)}").update_query_dict({"mode": "ro", "uri": "true"})


def _query_only(dbapi_connection: Any, _record: Any) -> None:
    """Every new SQLite connection refuses writes, also to databases it attaches."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()
