"""The throwaway PostgreSQL server of tests/pgserver.py really serves SQLAlchemy + psycopg 3."""

from __future__ import annotations

import os
import pwd
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.pgserver import PostgresServer, find_pg_bindir

pytestmark = pytest.mark.postgres


def test_session_server_creates_and_serves_a_database(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database("pgserver_smoke")

    assert url == f"postgresql+psycopg://postgres@127.0.0.1:{postgres_server.port}/pgserver_smoke"
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE item (sku text PRIMARY KEY, qty integer NOT NULL)"))
            conn.execute(
                text("INSERT INTO item VALUES (:sku, :qty)"),
                [
                    {"sku": "SKU-1", "qty": 3},
                    {"sku": "Grüße/2", "qty": 4},
                ],
            )
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_database()")).scalar_one() == "pgserver_smoke"
            assert conn.execute(text("SELECT sum(qty) FROM item")).scalar_one() == 7
            # UTF-8 text and a UTF-8 aware ctype (the cluster is initialised with C.UTF-8).
            assert conn.execute(text("SELECT upper(sku) FROM item WHERE qty = 4")).scalar_one() == (
                "GRÜßE/2"
            )
            assert conn.execute(text("SHOW server_encoding")).scalar_one() == "UTF8"
            assert conn.execute(text("SHOW fsync")).scalar_one() == "off"
            assert conn.execute(text("SHOW listen_addresses")).scalar_one() == "127.0.0.1"
            assert conn.dialect.driver == "psycopg"
    finally:
        engine.dispose()


def test_runs_as_postgres_when_root_and_as_self_otherwise(postgres_server: PostgresServer) -> None:
    assert postgres_server.base_dir is not None
    owner = pwd.getpwuid(postgres_server.data_dir.stat().st_uid).pw_name
    expected = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    assert owner == expected
    engine = create_engine(postgres_server.url("postgres"))
    try:
        with engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        backend_uid = Path(f"/proc/{pid}").stat().st_uid
        assert pwd.getpwuid(backend_uid).pw_name == expected
    finally:
        engine.dispose()


def test_create_database_refuses_odd_names(postgres_server: PostgresServer) -> None:
    with pytest.raises(ValueError, match="database name"):
        postgres_server.create_database('x"; DROP DATABASE postgres; --')


def test_stop_removes_the_temp_dir_and_the_process() -> None:
    server = PostgresServer()
    with server:
        base = server.base_dir
        assert base is not None
        pid = int((server.data_dir / "postmaster.pid").read_text().splitlines()[0])
        assert Path(f"/proc/{pid}").exists()
        url = server.create_database("shortlived")
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar_one() == 1
        engine.dispose()
    assert not base.exists()
    assert _exits_within(pid, seconds=10)
    assert not server.running
    with pytest.raises(RuntimeError, match="not started"):
        server.url("shortlived")
    server.stop()  # a second stop is harmless


def test_missing_binaries_say_how_to_get_them(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="make test"):
        find_pg_bindir(tmp_path / "nothing-here")
    with pytest.raises(RuntimeError, match="postgresql"):
        find_pg_bindir(tmp_path)


def test_newest_major_version_wins(tmp_path: Path) -> None:
    for major in ("9", "15", "16"):
        bindir = tmp_path / major / "bin"
        bindir.mkdir(parents=True)
        (bindir / "initdb").touch()
        (bindir / "pg_ctl").touch()
    (tmp_path / "17" / "bin").mkdir(parents=True)  # client-only: no server binaries
    assert find_pg_bindir(tmp_path) == tmp_path / "16" / "bin"


def _exits_within(pid: int, *, seconds: float) -> bool:
    # pg_ctl stop returns once the postmaster removed its pid file, a moment before the
    # process itself is gone (and reaped by init), so give it that moment.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.02)
    return False
