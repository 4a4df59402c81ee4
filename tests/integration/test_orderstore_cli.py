"""``scanpack-store`` as a person runs it: seed, token, serve, in subprocesses."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from app.orderstore.auth import TokenRole, create_token
from app.orderstore.db import make_engine, upgrade

BIN = Path(sys.executable).parent


def store_cmd(*args: str) -> list[str]:
    exe = BIN / "scanpack-store"
    assert exe.exists() or shutil.which("scanpack-store"), "install with `pip install -e .`"
    return [str(exe if exe.exists() else shutil.which("scanpack-store")), *args]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_seed_token_and_serve(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    seeded = subprocess.run(
        store_cmd("--db", url, "--seed", "demo", "--seed-date", "2026-11-30", "--no-serve"),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "seeded 480 bins, 320 products, 40 totes, 8 users and 240 orders" in seeded.stdout
    made = subprocess.run(
        store_cmd("--db", url, "token", "create", "--station", "pack-03"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    token = made.stdout.strip().splitlines()[-1]
    assert token.startswith("sp_")
    assert len(token) > 40
    listed = subprocess.run(
        store_cmd("--db", url, "token", "list"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "pack-03" in listed.stdout
    assert token not in listed.stdout

    port = free_port()
    server = subprocess.Popen(
        store_cmd("--db", url, "--port", str(port)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    try:
        base = f"http://127.0.0.1:{port}/api/v1"
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            assert time.monotonic() < deadline, "scanpack-store did not come up"
            time.sleep(0.1)
        page = requests.get(
            f"{base}/changes?limit=10", headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
        assert page.status_code == 200
        assert page.json()["more"] is True
        revoked = subprocess.run(
            store_cmd("--db", url, "token", "revoke", "--station", "pack-03"),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert "revoked 1 token(s)" in revoked.stdout
        again = requests.get(
            f"{base}/changes", headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
        assert again.status_code == 401
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)
        if server.stdout:
            server.stdout.close()


def test_bad_arguments_get_a_clear_message() -> None:
    bad = subprocess.run(
        store_cmd("--seed", "lots", "--no-serve"), capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2
    assert "--seed takes 'demo' or a number of orders" in bad.stderr
    bad_role = subprocess.run(
        store_cmd("--db", "sqlite://", "token", "create", "--station", "x", "--role", "god"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad_role.returncode == 2
    assert "invalid choice" in bad_role.stderr


def test_a_station_name_no_event_could_carry_gets_a_clear_message(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    for name, reason in [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("pack\t03", "printable"),
        ("pack\x1b[31m03", "printable"),
        ("p" * 65, "at most 64"),
        ("p" * 300, "at most 64"),
    ]:
        bad = subprocess.run(
            store_cmd("--db", url, "token", "create", "--station", name),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert bad.returncode == 2, (name, bad.stderr)
        assert "Traceback" not in bad.stderr
        assert "argument --station: station: " in bad.stderr
        assert reason in bad.stderr
    made = subprocess.run(
        store_cmd("--db", url, "token", "create", "--station", "  pack 03  "),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "token for station pack 03 (station)" in made.stdout


def test_tls_options_are_checked_before_anything_starts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    for args, message in [
        (["--tls-key", __file__], "--tls-key needs --tls-cert"),
        (["--tls-cert", str(tmp_path / "none.pem")], "no such file"),
    ]:
        bad = subprocess.run(
            store_cmd("--db", url, *args), capture_output=True, text=True, timeout=60
        )
        assert bad.returncode == 2
        assert message in bad.stderr
        assert "Traceback" not in bad.stderr


def test_create_token_refuses_what_argv_cannot_carry(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    upgrade(engine)
    try:
        for name in ("pack\x0003", "pack\u200b03", ""):
            with pytest.raises(ValueError, match=r"^station: "):
                create_token(engine, name, frozenset({TokenRole.STATION}))
    finally:
        engine.dispose()


def test_user_pin_reads_the_pin_from_stdin(tmp_path: Path) -> None:
    from sqlalchemy.orm import Session

    from app.domain import proof
    from app.orderstore.models import SupervisorPinRow
    from app.orderstore.seed import seed

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    seed(engine)

    def pin(user: str, typed: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            store_cmd("--db", url, "user", "pin", user),
            input=typed,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    done = pin("sam", "13572468\n")
    assert (done.returncode, done.stdout.strip()) == (0, "PIN set for sam")
    assert "13572468" not in done.stdout + done.stderr
    with Session(engine) as session:
        row = session.get(SupervisorPinRow, "sam")
        assert row is not None
        key = proof.derive_key("13572468", bytes.fromhex(row.salt))
        assert row.key == key.hex()
    for user, typed, code in (
        ("sam", "12\n", "bad_pin"),
        ("sam", "", "bad_pin"),
        ("ana", "2468\n", "not_supervisor"),
        ("nobody", "2468\n", "unknown_user"),
    ):
        refused = pin(user, typed)
        assert refused.returncode == 2, user
        assert f"({code})" in refused.stderr, user
    engine.dispose()
