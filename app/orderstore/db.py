"""Engines and schema upgrades for the order store."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (``sqlite:///path`` or ``postgresql+psycopg://...``).

    SQLite runs in WAL mode with foreign keys on; a plain ``postgresql://`` URL is
    taken to mean psycopg 3, the driver this project installs.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            private_database_file(Path(parsed.database))
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # Sessions in UTC: psycopg returns timestamptz in the session's zone, and a time
    # near the year 1 or 9999 in UTC does not exist as a Python datetime in every
    # zone (0001-01-01T00:00Z is a date BC in New York), so reading it back would fail.
    return create_engine(
        parsed,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        connect_args={"options": "-c TimeZone=UTC"},
    )


def private_database_file(path: Path) -> None:
    """Make the SQLite file ``path`` (and its folder, when new) readable by its owner only.

    The store keeps customer addresses and token hashes. The file is created 0600
    before SQLite opens it; SQLite gives the ``-wal`` and ``-shm`` files it makes
    the database file's mode. A file made before this rule (0644) is tightened,
    with its ``-wal``/``-shm`` when they exist.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if name.stat().st_mode & 0o077:
                name.chmod(0o600)
        except FileNotFoundError:
            continue
        except PermissionError:  # another user's file: leave it as its owner set it
            continue


def writer(engine: Engine) -> Engine:
    """The engine for read-modify-write transactions.

    On SQLite its transactions start with ``BEGIN IMMEDIATE``: the write lock is taken
    before the first read, so two requests cannot both read an order and both write
    it. (pysqlite would otherwise begin only at the first write.) PostgreSQL ignores
    the option; there the counter row lock serialises writers.
    """
    return engine.execution_options(scanpack_write=True)


def _sqlite_begin(connection: Any) -> None:
    if connection.get_execution_options().get("scanpack_write"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (see writer()).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; an older database is upgraded in place."""
    from sqlalchemy.orm import Session

    from app.orderstore.orders import backfill_docs

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with Session(writer(engine)) as session, session.begin():
        backfill_docs(session)
