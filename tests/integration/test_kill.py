"""A station killed with SIGKILL between commit and push loses nothing, doubles nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.orderstore.models import EventRow
from app.store import open_store
from app.sync.client import OrderStoreClient
from app.sync.engine import SyncEngine
from app.sync.state import SyncStatus
from tests.integration.test_sync import Remote

ROOT = Path(__file__).resolve().parents[2]
ORDERS = ["SO-100001", "SO-100002", "SO-100003", "SO-100004", "SO-100005", "SO-100006"]


def run_worker(profile: Path, remote: Remote, kill_after: int | None) -> tuple[list[str], bool]:
    """Start the station; SIGKILL it right after its ``kill_after``-th commit.

    Returns the lines it printed and whether it finished.
    """
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.integration.station_worker",
            str(profile),
            remote.server.base_url,
            remote.token,
            *ORDERS,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
        commits = sum(1 for seen in lines if seen.startswith("COMMITTED"))
        if kill_after is not None and commits >= kill_after:
            proc.send_signal(signal.SIGKILL)  # right after a commit, before any push of it
            break
    try:
        out, err = proc.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    lines += out.splitlines()
    if proc.returncode != -signal.SIGKILL:
        assert proc.returncode == 0, err[-3000:]
    return lines, "DONE" in lines


def test_sigkill_mid_pick_loses_and_doubles_nothing(tmp_path: Path) -> None:
    remote = Remote(tmp_path)
    profile = tmp_path / "profile"
    rng = random.Random(11)
    committed: list[str] = []
    kills = 0
    try:
        done = False
        for _ in range(8):
            lines, done = run_worker(profile, remote, kill_after=rng.randint(1, 9))
            committed += [line.split()[1] for line in lines if line.startswith("COMMITTED")]
            kills += 1
            if done:
                break
        if not done:
            lines, done = run_worker(profile, remote, kill_after=None)
            committed += [line.split()[1] for line in lines if line.startswith("COMMITTED")]
        assert done
        assert kills >= 2
        assert len(committed) == len(set(committed))

        # A last sync from the same profile: nothing may be left behind.
        with open_store(profile / "station.sqlite3") as store:
            engine = SyncEngine(store, OrderStoreClient(remote.server.base_url, remote.token))
            state = engine.sync_once()
            assert state.status is SyncStatus.ONLINE
            assert state.pending == 0
            assert state.rejected == 0

        with Session(remote.engine) as session:
            rows = session.execute(select(EventRow.id, EventRow.result)).all()
        results = dict(rows)
        assert len(rows) == len(results)  # one row per event id: applied once
        assert set(committed) <= set(results), "an acknowledged scan never reached the store"
        assert set(results.values()) == {"applied"}
        for number in ORDERS:
            order = requests.get(
                f"{remote.server.base_url}/api/v1/orders/{number}",
                headers={"Authorization": f"Bearer {remote.token}"},
                timeout=10,
            ).json()
            assert order["status"] == "picking"
            assert all(line["picked_qty"] == line["qty"] for line in order["lines"]), order
        # Every applied event is one scan: claims plus one per unit picked.
        units = sum(
            line["qty"]
            for number in ORDERS
            for line in requests.get(
                f"{remote.server.base_url}/api/v1/orders/{number}",
                headers={"Authorization": f"Bearer {remote.token}"},
                timeout=10,
            ).json()["lines"]
        )
        assert len(results) == len(ORDERS) + units
    finally:
        remote.close()
