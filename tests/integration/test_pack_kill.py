"""The real kiosk killed with SIGKILL mid-pack resumes at the same step with the same
counts; the order store applies every event once and no SSCC is issued twice.

An order of the demo store is picked at the store first (claim, every unit, picked).
The kiosk runs in a subprocess (``tests.integration.pack_kiosk_worker``) and packs it
in two packages: it verifies half the units, closes the first package early, confirms
the carton, puts it on the scale, waits for its labels, verifies the rest, and so on.
After each step it reports, it waits for a line on stdin; the test lets it go on or,
at seeded random points, kills it there: mid-verification, at the carton, right after
a package closed with its SSCC, and between a package's label print and what the
kiosk records after it (``order.packed`` for the last one). The restarted kiosk must
show the same step with the same counts (``app.domain.pack``, "Durability": a carton
chosen and an early close are not events, so such a step resumes one step back).
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.events import LinePicked, OrderClaimed, OrderPicked, new_event
from app.domain.model import OrderStatus
from app.domain.sscc import is_valid_sscc
from app.orderstore.models import EventRow
from app.store import open_store
from app.sync.client import OrderStoreClient
from tests.integration.test_pick_kill import KillAt, Run, run_kiosk
from tests.integration.test_sync import STATION, Remote

SEED = 20261207
MAX_RUNS = 12


def picked_at_the_store(remote: Remote) -> tuple[str, int]:
    """A demo order of two or more lines and 4 to 8 units, picked by Ana at this station;
    its number and units."""
    for n in range(100001, 100200):
        order = remote.order(f"SO-{n}")
        units = sum(line["qty"] for line in order["lines"])
        if order["status"] == "open" and len(order["lines"]) >= 2 and 4 <= units <= 8:
            break
    else:
        raise AssertionError("no demo order of 2+ lines and 4-8 units")
    number = order["order_number"]
    payloads: list[Any] = [OrderClaimed(number)]
    payloads += [LinePicked(number, line["line_no"], line["qty"]) for line in order["lines"]]
    payloads += [OrderPicked(number)]
    events = [new_event(p, station=STATION, user="ana").to_json() for p in payloads]
    client = OrderStoreClient(remote.server.base_url, remote.token, timeout_s=10)
    try:
        assert {r["result"] for r in client.push(events)} == {"applied"}
    finally:
        client.close()
    return number, units


def resumed(last: dict[str, Any]) -> dict[str, Any]:
    """The first step expected after a kill right after the report ``last``: the same,
    but a carton chosen (WEIGH) and an early close (the worker closes the first package
    early) are not events: CARTON when every unit is verified, else VERIFY."""
    expected = {k: v for k, v in last.items() if k not in ("kind", "ids", "jobs")}
    if expected["state"] in ("carton", "weigh"):
        expected["state"] = "carton" if expected["packages"] else "verify"
    return expected


def kill_points(rng: random.Random) -> list[KillAt]:
    """Where the runs are killed, in order: mid-verification; the carton confirmed for
    the early close; right after the first package closed (its labels maybe not even
    queued); verifying the second package; right after the last close (PRINT); between
    the last labels' print and ``order.packed``."""

    def after(count: int) -> KillAt:
        return lambda reports: len(reports) >= count

    def at(kind: str, state: str | None = None) -> KillAt:
        return lambda reports: (
            reports[-1]["kind"] == kind
            and state
            in (
                None,
                reports[-1]["state"],
            )
        )

    return [
        after(rng.randint(1, 2)),
        at("carton"),
        at("closed", "verify"),
        at("verified"),
        at("closed", "print"),
        at("printed"),
    ]


KILLED_AT = [("carton", "weigh"), ("closed", "verify"), ("verified", "verify")]
KILLED_AT += [("closed", "print"), ("printed", "print")]
"""What the reports of the runs killed after the first say (kind, state)."""


def test_the_kiosk_killed_mid_pack_resumes_the_same_step_and_counts_once(
    tmp_path: Path,
) -> None:
    remote = Remote(tmp_path)
    profile = tmp_path / "profile"
    rng = random.Random(SEED)
    runs: list[Run] = []
    try:
        number, units = picked_at_the_store(remote)
        pick_ids = set(remote.applied())
        points = kill_points(rng)
        for attempt in range(MAX_RUNS):
            kill_at = points[attempt] if attempt < len(points) else None
            run = run_kiosk(
                profile,
                remote,
                tmp_path / f"kiosk-{attempt}.log",
                kill_at,
                rng,
                worker="tests.integration.pack_kiosk_worker",
                args=[number],
            )
            runs.append(run)
            steps = run.data("STEP")
            assert steps, run.lines
            if attempt == 0:
                assert steps[0]["state"] == "verify"
                assert set(steps[0]["verified"].values()) == {0}
            else:
                was = runs[-2].reports[-1]
                assert steps[0] == resumed(was), f"after kill {attempt}: was {was}, now {steps[0]}"
            if run.done:
                break
        killed = [run.killed for run in runs]
        seen = "\n".join(f"run {i}: {run.lines}" for i, run in enumerate(runs))
        assert killed == [True] * len(points) + [False], f"killed: {killed}\n{seen}"
        kinds = [(run.reports[-1]["kind"], run.reports[-1]["state"]) for run in runs[1:-1]]
        assert kinds == KILLED_AT, kinds
        final = runs[-1]
        assert final.data("STEP")[-1]["state"] == "done"

        # The station: packed in two packages, each with its own valid SSCC.
        with (
            open_store(profile / "station.sqlite3") as store,
            store.unit_of_work(readonly=True) as uow,
        ):
            assert uow.outbox.count_pending() == 0
            assert uow.outbox.count_rejected() == 0
            local = uow.orders.get(number)
        assert local is not None
        assert local.status is OrderStatus.PACKED
        ssccs = [p.sscc for p in local.packages]
        assert len(ssccs) == 2, ssccs
        assert len(set(ssccs)) == 2, ssccs
        assert all(is_valid_sscc(s) for s in ssccs), ssccs
        assert sum(p.units_of(ln.line_no) for p in local.packages for ln in local.lines) == units

        # Every package's shipping label printed (a kill between a close and its label's
        # queueing does not lose it), and the order packed only after them.
        db = sqlite3.connect(profile / "station.sqlite3")
        try:
            jobs = db.execute(
                "SELECT request, state FROM print_jobs WHERE reference = ? AND label = 'shipping'",
                (number,),
            ).fetchall()
        finally:
            db.close()
        printed = {json.loads(request)["package"] for request, state in jobs if state == "done"}
        assert printed == {1, 2}, jobs

        # The order store: every committed event once, nothing else; packed with the same
        # packages; every package.closed a different SSCC.
        committed = [i for run in runs for c in run.data("START") for i in c["ids"]]
        committed += [i for run in runs for c in run.data("COMMITTED") for i in c["ids"]]
        assert len(committed) == len(set(committed)), "an event was committed twice"
        order = remote.order(number)
        assert order["status"] == "packed"
        assert [p["sscc"] for p in order["packages"]] == ssccs
        assert all(line["packed_qty"] == line["picked_qty"] for line in order["lines"]), order
        with Session(remote.engine) as session:
            rows = session.execute(
                select(EventRow.id, EventRow.type, EventRow.result).where(
                    EventRow.order_number == number
                )
            ).all()
        pack_rows = [row for row in rows if row.id not in pick_ids]
        assert {row.result for row in pack_rows} == {"applied"}
        assert sorted(row.id for row in pack_rows) == sorted(committed), "lost or unknown events"
        types = [row.type for row in pack_rows]
        assert types.count("package.closed") == 2
        assert types.count("order.packed") == 1
        assert types.count("order.pack_started") == 1
        assert types.count("line.packed") - types.count("line.unpacked") == units
    finally:
        remote.close()
