"""A 300 MB chunked body against ``scanpack-store`` in its own process: cut off at the
limit, with the worker's memory measured from /proc while the body streams in.

Before the gate such a body (no token needed) was read in full: a worker went from
143 MB to 743 MB RSS and then answered 422.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from app.orderstore.auth import TokenRole, create_token
from app.orderstore.db import make_engine, upgrade
from app.orderstore.gate import Limits
from app.orderstore.seed import seed
from tests.integration.conftest import ANCHOR, database_url
from tests.integration.rawhttp import RawClient
from tests.integration.test_orderstore_cli import free_port, store_cmd

STREAM = 300 * 1024 * 1024
PIECE = 1024 * 1024
LIMIT = Limits().body_bytes
# What the worker may grow by while a body streams in: the limit of one body, its
# chunks joined once, and the allocator's slack. Reading all 300 MB would be ~600 MB.
GROWTH_ALLOWED = 48 * 1024 * 1024


@dataclass
class Served:
    base_url: str
    pid: int
    tokens: dict[str, str]


def rss(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of ``pid`` in bytes."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) * 1024
    return values


@pytest.fixture(scope="module")
def served(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Served]:
    url = database_url(
        backend,
        tmp_path_factory.mktemp("memory"),
        lambda: request.getfixturevalue("postgres_server"),
    )
    engine = make_engine(url)
    upgrade(engine)
    seed(engine, 5, anchor=ANCHOR)
    tokens = {
        "station": create_token(engine, "station-1", frozenset({TokenRole.STATION})),
        "erp": create_token(engine, "shop", frozenset({TokenRole.ERP})),
    }
    engine.dispose()
    port = free_port()
    server = subprocess.Popen(
        store_cmd("--db", url, "--port", str(port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/api/v1/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert server.poll() is None, "scanpack-store exited"
            assert time.monotonic() < deadline, "scanpack-store did not come up"
            time.sleep(0.1)
        yield Served(base, server.pid, tokens)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(5)


@pytest.mark.parametrize(
    ("path", "role"),
    [
        ("/api/v1/events", None),
        ("/api/v1/events", "station"),
        ("/api/v1/orders", None),
        ("/api/v1/orders", "erp"),
        ("/api/v1/orders/SO-100001/cancel", None),
        ("/api/v1/orders/SO-100001/cancel", "erp"),
    ],
)
def test_a_300_mb_chunked_body_is_cut_off_at_the_limit_in_bounded_memory(
    served: Served, path: str, role: str | None
) -> None:
    before = rss(served.pid)
    peak = before["VmRSS"]
    streaming = True

    def sample() -> None:
        nonlocal peak
        while streaming:
            peak = max(peak, rss(served.pid)["VmRSS"])
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    headers = {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
    if role:
        headers["Authorization"] = f"Bearer {served.tokens[role]}"
    piece = b'{"events": [' + b" " * (PIECE - 12)
    started = time.monotonic()
    status: int | str
    try:
        with RawClient(served.base_url, timeout_s=30, send_buffer=256 * 1024) as raw:
            raw.head("POST", path, headers)
            while raw.sent < STREAM and not raw.answered() and raw.chunk(piece):
                pass
            try:
                status = raw.answer(timeout_s=10).status
            except (ConnectionError, OSError):
                status = "reset"  # the answer went with the reset of the unread rest
    finally:
        streaming = False
        sampler.join()
    seconds = time.monotonic() - started
    after = rss(served.pid)
    growth = peak - before["VmRSS"]
    print(
        f"\n{path} token={role}: sent {raw.sent / 2**20:.1f} MiB in {seconds:.2f} s, "
        f"answer {status}, RSS {before['VmRSS'] / 2**20:.1f} -> peak {peak / 2**20:.1f} "
        f"-> {after['VmRSS'] / 2**20:.1f} MiB (VmHWM {after['VmHWM'] / 2**20:.1f} MiB)"
    )
    assert raw.sent < 8 * LIMIT, "the store read on past the limit"
    assert status in (401 if role is None else 413, "reset")
    assert growth < GROWTH_ALLOWED
    assert seconds < 15
    assert requests.get(f"{served.base_url}/api/v1/health", timeout=5).ok
