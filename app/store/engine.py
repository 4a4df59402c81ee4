"""The SQLite engine of the station store and its schema migrations.

Every connection is set up the same way (``_on_connect``): WAL so the GUI's reads never
wait for the sync's writes, ``synchronous=FULL`` so a commit is on disk before the
screen turns green, foreign keys on, and a busy timeout instead of instant "database is
locked" errors.

SQLAlchemy, not the ``sqlite3`` module, emits BEGIN (``_on_begin``): the module's
legacy transaction control skips BEGIN before SELECT, which would let a unit of work
read outside its transaction. Writing units begin ``IMMEDIATE``, taking the write lock
up front; a deferred transaction that reads and then writes can fail with
SQLITE_BUSY_SNAPSHOT at once, without waiting, when another connection committed in
between. ``_on_begin`` also sets how far the WAL may grow before that transaction's
commit checkpoints it (``without_checkpoint``: never, for the scans on the GUI thread).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic (and its migration machinery) is imported only when a database is not at the
# head revision: a kiosk opening its current database at start never loads it.

MIGRATIONS_DIR: Final = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(
    r"^down_revision(?:\s*:[^=]*)?\s*=\s*(?:[\"']([^\"']+)[\"']|None)", re.MULTILINE
)
BUSY_TIMEOUT_MS: Final = 5000

# Execution option read by ``_on_begin``: how a transaction on that engine begins.
_BEGIN_OPTION: Final = "scanpack_sqlite_begin"
# Execution option read by ``_on_begin``: the WAL size, in pages, past which that
# transaction's commit checkpoints the WAL into the database file (0: never).
_CHECKPOINT_OPTION: Final = "scanpack_wal_autocheckpoint"
WAL_AUTOCHECKPOINT_PAGES: Final = 1000
"""SQLite's default: a commit that leaves the WAL over 1000 pages (4 MB) copies it back."""


class StoreError(RuntimeError):
    """The local database cannot be opened or upgraded."""


def create_store_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on the SQLite file ``path`` with the station's pragmas.

    Args:
        path: the database file; created when missing.
        foreign_keys: ``False`` only for migrations, where SQLite's table rebuilds
            (drop and re-create) would otherwise cascade-delete child rows.

    Returns:
        An engine whose transactions begin DEFERRED; use ``immediate(engine)`` for one
        whose transactions take the write lock at BEGIN.
    """
    engine = create_engine(f"sqlite:///{path}")

    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        # isolation_level None hands BEGIN to ``_on_begin`` (see the module docstring);
        # it also keeps these PRAGMAs outside a transaction, where they must run.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal":
                # E.g. a network share: without WAL a reader blocks the writer and the
                # GUI's scan commits would wait for the sync. Refuse rather than stall.
                raise StoreError(f"{path}: SQLite refused WAL mode (got {mode!r})")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    def _on_begin(conn: Connection) -> None:
        options = conn.get_execution_options()
        pages = options.get(_CHECKPOINT_OPTION, WAL_AUTOCHECKPOINT_PAGES)
        info = conn.connection.info  # the pooled DBAPI connection's: set only on change
        if info.get(_CHECKPOINT_OPTION, WAL_AUTOCHECKPOINT_PAGES) != pages:
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={int(pages)}")
            info[_CHECKPOINT_OPTION] = pages
        conn.exec_driver_sql(f"BEGIN {options.get(_BEGIN_OPTION, 'DEFERRED')}")

    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def immediate(engine: Engine) -> Engine:
    """A view of ``engine`` (same pool) whose transactions begin IMMEDIATE."""
    return engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})


def without_checkpoint(engine: Engine) -> Engine:
    """A view of ``engine`` (same pool) whose commits never checkpoint the WAL.

    For the GUI thread's durable record of a scan: a checkpoint copies the WAL's
    thousand pages into the database file and syncs it, 20 to 40 ms inside the commit
    that crosses the threshold, about one counted scan in a hundred (the pick
    benchmark's p99). The station's other writers (the sync loop's pushes and pulls,
    the claims, every task on the database lane) still checkpoint, off the GUI thread.
    """
    return engine.execution_options(**{_CHECKPOINT_OPTION: 0})


def alembic_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration of the station store, built in code (no alembic.ini).

    Args:
        connection: shared with ``migrations/env.py`` through ``config.attributes``,
            so migrations run on the caller's connection and transaction.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this code knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships its revisions
        raise StoreError("no migrations found in " + str(MIGRATIONS_DIR))
    return head


def current_revision(path: Path) -> str | None:
    """The revision the database at ``path`` is at; ``None`` when never migrated."""
    engine = create_store_engine(path)
    try:
        with engine.connect() as conn:
            from alembic.migration import MigrationContext

            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def upgrade(path: Path, revision: str = "head") -> None:
    """Bring the database at ``path`` to ``revision``, in one transaction.

    An existing database is upgraded in place, never dropped. All pending revisions run
    in one IMMEDIATE transaction (SQLite DDL is transactional), so a failed upgrade
    leaves the database as it was, and two processes opening the same file cannot
    upgrade it at the same time.

    Raises:
        StoreError: the database is at a revision this code does not know (written by
            a newer scanpack), or the upgrade left a broken foreign key.
    """
    engine = create_store_engine(path, foreign_keys=False)
    try:
        if revision == "head" and _at_head(engine):
            return  # nothing to do, and no need for Alembic to say so
        from alembic import command

        with immediate(engine).begin() as conn:
            _check_known_revision(conn)
            command.upgrade(alembic_config(conn), revision)
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise StoreError(f"migration to {revision} broke foreign keys: {broken[:5]}")
    finally:
        engine.dispose()


def downgrade(path: Path, revision: str) -> None:
    """Take the database at ``path`` back to ``revision`` (for tests and support)."""
    engine = create_store_engine(path, foreign_keys=False)
    try:
        from alembic import command

        with immediate(engine).begin() as conn:
            command.downgrade(alembic_config(conn), revision)
    finally:
        engine.dispose()


def migration_head() -> str | None:
    """The head revision as the migration files name it, read as text (no Alembic): the
    one revision no other file names as its ``down_revision``; ``None`` when the files
    do not make one line (then only Alembic can tell)."""
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("[!_]*.py"):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            return None
        revisions[revision.group(1)] = down.group(1)
    heads = set(revisions) - set(revisions.values())
    return heads.pop() if len(heads) == 1 else None


def _at_head(engine: Engine) -> bool:
    """Whether the database already stands at ``migration_head()`` (one read)."""
    head = migration_head()
    if head is None:
        return False
    try:
        with engine.connect() as conn:
            stamped = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except OperationalError:  # no such table: a new database
        return False
    return [row[0] for row in stamped] == [head]


def _check_known_revision(conn: Connection) -> None:
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    current = MigrationContext.configure(conn).get_current_heads()
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    unknown = [rev for rev in current if rev not in known]
    if unknown:
        raise StoreError(
            f"the local database is at revision {', '.join(unknown)}, which this version "
            "of scanpack does not know; it was written by a newer version"
        )
