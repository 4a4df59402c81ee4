"""A scan's record on the GUI thread never checkpoints the WAL; the other writers do.

A checkpoint copies the WAL into the database file inside the commit that crosses
SQLite's threshold (20 to 40 ms, the pick benchmark's p99); the database file only
changes when one runs, which is what these tests watch.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

from app.store.engine import create_store_engine, immediate, without_checkpoint

BLOB = 64 * 1024  # 16 pages a row: 80 rows fill the WAL past 1000 pages


def _fill(engine_view: Engine, rows: int) -> None:
    for _ in range(rows):
        with engine_view.begin() as conn:
            conn.execute(text("INSERT INTO t (data) VALUES (randomblob(:n))"), {"n": BLOB})


def test_commits_without_checkpoint_leave_the_wal_alone_and_the_next_writer_copies_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "station.sqlite3"
    engine = create_store_engine(path)
    try:
        with immediate(engine).begin() as conn:
            conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB)"))
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        before = path.stat().st_size

        _fill(without_checkpoint(immediate(engine)), 120)
        assert Path(f"{path}-wal").stat().st_size > 4 * 1024 * 1024
        assert path.stat().st_size == before  # nothing copied back

        _fill(immediate(engine), 1)  # any other writer: over the threshold, it checkpoints
        assert path.stat().st_size > before + 100 * BLOB
    finally:
        engine.dispose()
