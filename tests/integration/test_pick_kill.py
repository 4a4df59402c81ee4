"""The real kiosk killed with SIGKILL mid-pick resumes the same step with the same counts,
and the order store applies every counted scan exactly once.

The kiosk runs in a subprocess (``tests.integration.pick_kiosk_worker``) against an
order store on 127.0.0.1. After each scan it reports, the worker waits for a line on
stdin; the test either lets it go on or, after a random number of scans and a random
few milliseconds (the sync worker keeps pushing meanwhile), kills it there. So the
state at the kill is exactly the last one reported, and the restarted kiosk must show
it again (``app.domain.pick``, "Durability": counts survive, and PICK_ITEM when the
line was started; a confirmed bin of an untouched line does not). The fifth kill comes
right after the scan that completes the order; the last start finds the pick done and
only pushes what is left. Then the order store must hold every event the kiosk
committed, each applied once, and nothing else.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.model import OrderStatus
from app.orderstore.models import EventRow
from app.store import open_store
from tests.integration.test_kill import ROOT
from tests.integration.test_sync import Remote

KILLS = 5
REPORTS = ("COMMITTED ", "SCANNED ", "PRINTED ")
"""The lines after which a worker waits for a word on stdin (where a kill lands)."""
SEED = 20261130
RUN_TIMEOUT_S = 40.0  # one kiosk start, pull, log-in and its scans


@dataclass
class Run:
    """What one kiosk process printed."""

    lines: list[str] = field(default_factory=list)
    killed: bool = False

    def data(self, word: str) -> list[dict[str, Any]]:
        prefix = word + " "
        return [json.loads(line[len(prefix) :]) for line in self.lines if line.startswith(prefix)]

    @property
    def reports(self) -> list[dict[str, Any]]:
        """The state after each step the worker waited at, in order."""
        return [
            json.loads(line.split(" ", 1)[1]) for line in self.lines if line.startswith(REPORTS)
        ]

    @property
    def done(self) -> bool:
        return "DONE" in self.lines


KillAt = Callable[[list[dict[str, Any]]], bool]
"""Given the states after each scan so far: kill now?"""


def after_scans(count: int) -> KillAt:
    return lambda reports: len(reports) >= count


def at_done(reports: list[dict[str, Any]]) -> bool:
    return reports[-1]["state"] == "done"


def run_kiosk(
    profile: Path,
    remote: Remote,
    log: Path,
    kill_at: KillAt | None,
    rng: random.Random,
    *,
    worker: str = "tests.integration.pick_kiosk_worker",
    args: Sequence[str] = (),
) -> Run:
    """Start the kiosk ``worker``; SIGKILL it while it waits after the step where
    ``kill_at`` says so (a random few milliseconds later), else let it finish."""
    with log.open("w") as stderr:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                worker,
                str(profile),
                remote.server.base_url,
                remote.token,
                *args,
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env=os.environ | {"PYTHONUNBUFFERED": "1", "QT_QPA_PLATFORM": "offscreen"},
        )
    assert proc.stdin is not None
    assert proc.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def read(stdout: Any = proc.stdout) -> None:
        for line in stdout:
            lines.put(line.strip())
        lines.put(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    run = Run()
    deadline = time.monotonic() + RUN_TIMEOUT_S
    try:
        while (line := lines.get(timeout=max(0.0, deadline - time.monotonic()))) is not None:
            run.lines.append(line)
            if not line.startswith(REPORTS):
                continue
            if kill_at is not None and kill_at(run.reports):
                time.sleep(rng.choice([0.0, rng.uniform(0.0, 0.05)]))
                proc.send_signal(signal.SIGKILL)
                run.killed = True
                break
            with contextlib.suppress(BrokenPipeError):  # it died: its exit code says why
                proc.stdin.write("go\n")
                proc.stdin.flush()
        code = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    except (queue.Empty, subprocess.TimeoutExpired):
        proc.kill()
        proc.wait()
        raise AssertionError(
            f"the kiosk hung; it printed {run.lines[-5:]}\n{log.read_text()[-3000:]}"
        ) from None
    finally:
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.close()
        reader.join(timeout=10)  # the pipe ends with the process
        proc.stdout.close()
    if run.killed:
        assert code == -signal.SIGKILL, (code, log.read_text()[-3000:])
    else:
        assert code == 0, f"exit {code}: {run.lines[-5:]}\n{log.read_text()[-3000:]}"
    return run


def resumed_prompt(last: dict[str, Any]) -> dict[str, Any]:
    """The first prompt expected after a kill right after the scan that showed ``last``:
    the same, but a bin confirmed for a line without counts is forgotten."""
    expected = {k: v for k, v in last.items() if k != "ids"}
    if expected["state"] == "pick_item" and expected["picked"][str(expected["line_no"])] == 0:
        expected["state"] = "go_to_bin"
    return expected


def test_the_kiosk_killed_mid_pick_resumes_the_same_step_and_counts_once(tmp_path: Path) -> None:
    remote = Remote(tmp_path)
    profile = tmp_path / "profile"
    rng = random.Random(SEED)
    runs: list[Run] = []
    try:
        for attempt in range(KILLS + 1):
            # Kills after a random number of scans, the last one right after the scan
            # that completes the order (maybe before its events are pushed).
            kill_at: KillAt | None = after_scans(rng.randint(1, 6))
            if attempt >= KILLS - 1:
                kill_at = at_done if attempt == KILLS - 1 else None
            run = run_kiosk(profile, remote, tmp_path / f"kiosk-{attempt}.log", kill_at, rng)
            runs.append(run)
            [start] = run.data("START")
            steps = run.data("STEP")
            assert steps, run.lines
            if attempt == 0:
                assert start["resumed"] is False
                assert steps[0]["state"] == "go_to_bin"
                assert set(steps[0]["picked"].values()) == {0}
            else:
                first = runs[0].data("START")[0]
                # Logged in with a pick open: straight to the pick screen, same order, run.
                assert start == {**first, "resumed": True, "direct": True}
                assert steps[0] == resumed_prompt(runs[-2].reports[-1]), (
                    f"after kill {attempt}: was {runs[-2].reports[-1]}, resumed at {steps[0]}"
                )
            if run.done:
                break
        assert [run.killed for run in runs] == [True] * KILLS + [False], "not killed 5 times"
        final = runs[-1]
        assert final.done
        assert final.data("STEP")[-1]["state"] == "done"

        # The order store: the order picked, each event once, nothing lost.
        number = runs[0].data("START")[0]["order"]
        claim = runs[0].data("START")[0]["claim"]
        committed = [claim] + [i for run in runs for c in run.data("COMMITTED") for i in c["ids"]]
        assert len(committed) == len(set(committed)), "an event was committed twice"
        order = remote.order(number)
        assert order["status"] == "picked"
        assert all(line["picked_qty"] == line["qty"] for line in order["lines"]), order
        assert all(line["short_qty"] == 0 for line in order["lines"]), order
        units = sum(line["qty"] for line in order["lines"])
        with Session(remote.engine) as session:
            rows = session.execute(
                select(EventRow.id, EventRow.type, EventRow.result).where(
                    EventRow.order_number == number
                )
            ).all()
        assert {row.result for row in rows} == {"applied"}
        assert sorted(row.id for row in rows) == sorted(committed), "lost or unknown events"
        types = [row.type for row in rows]
        assert types.count("line.picked") == units
        assert types.count("order.claimed") == 1
        assert types.count("order.picked") == 1
        assert len(types) == units + 2

        # The station agrees and keeps nothing back.
        with (
            open_store(profile / "station.sqlite3") as store,
            store.unit_of_work(readonly=True) as uow,
        ):
            assert uow.outbox.count_pending() == 0
            assert uow.outbox.count_rejected() == 0
            local = uow.orders.get(number)
            assert local is not None
            assert local.status is OrderStatus.PICKED
            assert all(line.picked_qty == line.qty for line in local.lines)
    finally:
        remote.close()
