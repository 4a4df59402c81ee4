"""A throwaway PostgreSQL server for the integration tests.

The server comes from Debian's ``postgresql`` package (``/usr/lib/postgresql/<major>/bin``,
the newest major wins). Its data directory, unix socket and log live in one fresh
temporary directory that ``stop()`` removes. It listens on 127.0.0.1 on a free TCP port,
trusts every loopback connection (a test cluster holds nothing worth protecting) and
runs with ``fsync=off``: a crash loses a test database, never anything else.

PostgreSQL refuses to run as root, and CI runs as root. Then the temporary directory is
handed to the ``postgres`` system user (created by the Debian package) and ``initdb`` and
``pg_ctl`` run as that user through ``runuser -u postgres --`` (util-linux; ``setpriv``
as a fallback). As any other user they run as that user.

Example::

    with PostgresServer() as server:
        url = server.create_database("orders")   # postgresql+psycopg://postgres@127.0.0.1:PORT/orders
"""

from __future__ import annotations

import atexit
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import psycopg
from psycopg import sql

PG_ROOT = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
START_TIMEOUT_S = 30.0
_DB_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_PORT_TRIES = 3


def find_pg_bindir(root: Path = PG_ROOT) -> Path:
    """The ``bin`` directory of the newest PostgreSQL under ``root``.

    Raises:
        RuntimeError: no PostgreSQL server binaries are installed.
    """
    candidates = []
    if root.is_dir():
        for entry in root.iterdir():
            bindir = entry / "bin"
            if (
                entry.name.isdigit()
                and (bindir / "initdb").exists()
                and (bindir / "pg_ctl").exists()
            ):
                candidates.append((int(entry.name), bindir))
    if not candidates:
        raise RuntimeError(
            f"no PostgreSQL server found under {root}/<version>/bin; the integration tests need "
            "one: run `make test`, which installs the Debian package `postgresql`"
        )
    return max(candidates)[1]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_user_prefix(username: str) -> list[str]:
    """The command prefix that runs a program as ``username`` (we are root)."""
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    if os.access(runuser, os.X_OK):
        return [runuser, "-u", username, "--"]
    setpriv = shutil.which("setpriv") or "/usr/bin/setpriv"
    if os.access(setpriv, os.X_OK):
        return [setpriv, f"--reuid={username}", f"--regid={username}", "--init-groups", "--"]
    raise RuntimeError(
        "running as root, but neither runuser nor setpriv is there to drop to "
        f"the {username!r} user; PostgreSQL refuses to run as root"
    )


class PostgresServer:
    """One PostgreSQL cluster in a temporary directory, on 127.0.0.1:``port``.

    Use ``start()``/``stop()`` or ``with PostgresServer() as server: ...``.
    """

    def __init__(
        self, *, bindir: Path | None = None, start_timeout: float = START_TIMEOUT_S
    ) -> None:
        self._bindir = bindir
        self.start_timeout = start_timeout
        self.port: int | None = None
        self.base_dir: Path | None = None
        self.startup_seconds: float | None = None
        self._prefix: list[str] = []  # runs a command as the PostgreSQL user

    # -- paths -----------------------------------------------------------------------------

    @property
    def host(self) -> str:
        return "127.0.0.1"

    @property
    def data_dir(self) -> Path:
        return self._base() / "data"

    @property
    def socket_dir(self) -> Path:
        return self._base()

    @property
    def log_path(self) -> Path:
        return self._base() / "server.log"

    @property
    def running(self) -> bool:
        return self.port is not None

    def _base(self) -> Path:
        if self.base_dir is None:
            raise RuntimeError("the PostgreSQL server is not started")
        return self.base_dir

    # -- life cycle -----------------------------------------------------------------------

    def start(self) -> PostgresServer:
        """Create a cluster, start it and wait until it accepts TCP connections.

        Raises:
            RuntimeError: no PostgreSQL binaries, or the server did not come up in time
                (the message ends with the server log).
        """
        if self.running:
            return self
        began = time.monotonic()
        bindir = self._bindir or find_pg_bindir()
        self._bindir = bindir
        prefix: list[str] = []
        self._prefix = prefix
        base = Path(tempfile.mkdtemp(prefix="scanpack-pg-"))
        self.base_dir = base
        try:
            if os.geteuid() == 0:
                prefix = _as_user_prefix(SUPERUSER)
                try:
                    entry = pwd.getpwnam(SUPERUSER)
                except KeyError:
                    raise RuntimeError(
                        f"running as root, but there is no {SUPERUSER!r} system user to run "
                        "PostgreSQL as; run `make test`, which installs the Debian package "
                        "`postgresql` (it creates that user)"
                    ) from None
                os.chown(base, entry.pw_uid, entry.pw_gid)
                if self._run([*prefix, "test", "-w", str(base)], check=False).returncode != 0:
                    raise RuntimeError(
                        f"the {SUPERUSER!r} user cannot write to {base}; point TMPDIR at a "
                        "directory it can reach (e.g. /tmp)"
                    )
            self._prefix = prefix
            self._run(
                [
                    *prefix,
                    str(bindir / "initdb"),
                    "-D",
                    str(self.data_dir),
                    "-A",
                    "trust",
                    "-U",
                    SUPERUSER,
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            )
            self._start_server()
        except BaseException:
            self._remove_dir()
            raise
        atexit.register(self.stop)
        self.startup_seconds = time.monotonic() - began
        return self

    def _start_server(self) -> None:
        assert self._bindir is not None
        for attempt in range(1, _PORT_TRIES + 1):
            port = _free_port()
            self._write_config(port)
            deadline = time.monotonic() + self.start_timeout
            result = self._run(
                [
                    *self._prefix,
                    str(self._bindir / "pg_ctl"),
                    "start",
                    "-D",
                    str(self.data_dir),
                    "-l",
                    str(self.log_path),
                    "-w",
                    "-t",
                    str(max(1, int(self.start_timeout))),
                ],
                check=False,
            )
            if result.returncode == 0 and self._wait_ready(port, deadline):
                self.port = port
                return
            self._pg_ctl_stop("immediate")
            log = self._log_tail()
            # Another process may have taken the port between our probe and the bind.
            if "could not bind" in log and attempt < _PORT_TRIES:
                self.log_path.unlink(missing_ok=True)
                continue
            raise RuntimeError(
                f"PostgreSQL ({self._bindir}) did not come up on 127.0.0.1:{port} (waited up "
                f"to {self.start_timeout:.0f} s).\npg_ctl said: "
                f"{(result.stdout + result.stderr).strip()}\n--- end of the server log ---\n{log}"
            )

    def _write_config(self, port: int) -> None:
        # Appended settings win over the ones initdb wrote above them; appending also keeps
        # the file owned by the postgres user when we are root.
        socket_dir = str(self.socket_dir).replace("'", "''")
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(port),
            "unix_socket_directories": f"'{socket_dir}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "200",
        }
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# scanpack test server\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

    def _wait_ready(self, port: int, deadline: float) -> bool:
        assert self._bindir is not None
        isready = self._bindir / "pg_isready"
        while True:
            result = self._run(
                [
                    str(isready),
                    "-h",
                    self.host,
                    "-p",
                    str(port),
                    "-U",
                    SUPERUSER,
                    "-d",
                    "postgres",
                    "-t",
                    "2",
                ],
                check=False,
            )
            if result.returncode == 0:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server (fast shutdown, then immediate) and remove its directory.

        Safe to call more than once, and on a server that never started.
        """
        atexit.unregister(self.stop)
        if self.base_dir is None:
            return
        try:
            if self.data_dir.exists() and not self._pg_ctl_stop("fast"):
                self._pg_ctl_stop("immediate")
        finally:
            self.port = None
            self._remove_dir()

    def _pg_ctl_stop(self, mode: str) -> bool:
        if self._bindir is None or not (self.data_dir / "postmaster.pid").exists():
            return True
        result = self._run(
            [
                *self._prefix,
                str(self._bindir / "pg_ctl"),
                "stop",
                "-D",
                str(self.data_dir),
                "-m",
                mode,
                "-w",
                "-t",
                "30",
            ],
            check=False,
        )
        return result.returncode == 0

    def _remove_dir(self) -> None:
        if self.base_dir is not None:
            shutil.rmtree(self.base_dir, ignore_errors=True)
            self.base_dir = None

    # -- databases --------------------------------------------------------------------------

    def url(self, dbname: str) -> str:
        """The SQLAlchemy URL of database ``dbname`` on this server."""
        if self.port is None:
            raise RuntimeError("the PostgreSQL server is not started")
        return f"postgresql+psycopg://{SUPERUSER}@{self.host}:{self.port}/{dbname}"

    def conninfo(self, dbname: str = "postgres") -> str:
        """A libpq connection string for psycopg or psql."""
        if self.port is None:
            raise RuntimeError("the PostgreSQL server is not started")
        return f"host={self.host} port={self.port} user={SUPERUSER} dbname={dbname}"

    def create_database(self, name: str) -> str:
        """Create an empty database ``name`` and return its SQLAlchemy URL.

        Raises:
            ValueError: ``name`` is not a plain lower-case identifier.
        """
        if not _DB_NAME.match(name):
            raise ValueError(f"database name {name!r}: use lower-case letters, digits and _")
        with psycopg.connect(self.conninfo(), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    # -- helpers -----------------------------------------------------------------------------

    def _run(self, args: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        # PG* variables from the caller's shell (PGDATA, PGPORT, ...) must not steer us;
        # cwd is the temp dir because the postgres user may not enter root's cwd.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C.UTF-8"
        cwd = self.base_dir if self.base_dir is not None and self.base_dir.exists() else "/"
        result = subprocess.run(
            args,
            capture_output=True,
            text=True,
            env=env,
            cwd=cwd,
            check=False,
            timeout=self.start_timeout + 30,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} failed with exit code {result.returncode}:\n"
                f"{(result.stdout + result.stderr).strip()}"
            )
        return result

    def _log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = f"127.0.0.1:{self.port}" if self.port else "stopped"
        return f"<PostgresServer {where}>"


__all__ = ["PostgresServer", "find_pg_bindir"]
