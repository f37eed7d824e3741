"""A throwaway PostgreSQL server for the SQL tests, from Debian's `postgresql` package.

`initdb` into a fresh folder, start on a free port of 127.0.0.1 (sockets in the same
folder), stop and delete afterwards. PostgreSQL refuses to run as root, so as root the
server runs as the `postgres` user the package creates (else `nobody`), via `runuser`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import psycopg

ADMIN = "admin"


def find_bin() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin that has initdb."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parent.parent.name.split(".")[0]),
    )
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.user: str | None = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                with contextlib.suppress(KeyError):
                    pwd.getpwnam(name)
                    self.user = name
                    break
        self.base = Path(tempfile.mkdtemp(prefix="outcomes-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.port = _free_port()
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            os.chown(self.base, entry.pw_uid, entry.pw_gid)

    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        return subprocess.run(
            [*prefix, *argv], capture_output=True, text=True, timeout=120, check=False
        )

    def _check(self, result: subprocess.CompletedProcess[str], what: str) -> None:
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"PostgreSQL {what} failed (exit {result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}\n{log}"
            )

    def init(self) -> None:
        result = self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", ADMIN,
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale",
        )  # fmt: skip
        self._check(result, "initdb")

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c log_statement=all -c log_min_messages=warning"
        )
        result = self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip
        self._check(result, "start")

    def stop(self) -> None:
        result = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                           "stop")  # fmt: skip
        self._check(result, "stop")

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.stop()
        shutil.rmtree(self.base, ignore_errors=True)

    def admin(self, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        """A superuser connection through the socket (trust), autocommit."""
        return psycopg.connect(
            host=str(self.base), port=self.port, user=ADMIN, dbname=database, autocommit=True
        )

    def url(self, user: str, password: str, database: str = "postgres", port: int = 0) -> str:
        """A plain postgresql:// URL over TCP, the password URL-encoded."""
        secret = quote(password, safe="")
        return f"postgresql://{user}:{secret}@127.0.0.1:{port or self.port}/{database}"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")
