"""Benchmark ``sync``: pull 10,000 orders from the order store, push 10,000 events.

Targets (DESIGN.md "Performance"):

- ``pull``: a fresh station's ``SyncEngine.sync_once()`` pulling everything (10,000
  orders, ~50,000 lines, the catalogue) within 2x of the reference: the raw HTTP
  transfer of the same page bytes from a static server plus the raw ``sqlite3`` insert
  of the same rows (see ``_loopback`` and ``_raw_sqlite``). ``pull_rows`` checks that
  every row arrived.
- ``push`` / ``push_rate``: ``sync_once()`` delivering 10,000 outbox events (claims,
  then one ``line.picked`` per unit) at 5,000 events/s or more; reference: the same
  request bodies POSTed to a static server. ``push_exactly_once`` and
  ``push_picked_units`` check that the store applied each event once: none lost, none
  doubled.

Everything runs on 127.0.0.1, in a temporary folder removed afterwards.
"""

from __future__ import annotations

import inspect
import json
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import requests

import app
from app.domain.events import Event, LinePicked, OrderClaimed, new_event
from app.domain.model import OrderStatus
from app.domain.rules import apply_event, check_user
from app.store import LocalStore, open_store
from app.sync.client import OrderStoreClient
from app.sync.engine import SyncEngine
from app.sync.state import SyncStatus
from benchmarks._loopback import StaticServer
from benchmarks._orderstore import SeededStore, station_counts
from benchmarks._raw_sqlite import page_statements, timed_insert
from benchmarks.registry import BenchmarkError, Metric, Options, Target, benchmark, median, rounded

ORDERS = 10_000
EVENTS = 10_000
PULL_RATIO_TARGET = 2.0
PUSH_RATE_TARGET = 5_000.0
STATION = "bench-station"
PICKER = "ana"  # a picker of the seeded users
TIMEOUT_S = 60.0

Page = tuple[str, bytes]  # (request path with query, response body)


@benchmark(
    "sync",
    summary="pull 10,000 orders (~50,000 lines) and push 10,000 events over loopback",
    budget_s=900,
)
def run(options: Options) -> Iterator[Metric]:
    orders, events = options.scaled(ORDERS), options.scaled(EVENTS)
    with tempfile.TemporaryDirectory(prefix="scanpack-bench-sync-") as tmp:
        folder = Path(tmp)
        options.log(f"seeding an order store with {orders:,} orders")
        with SeededStore(folder, orders, STATION, options.log) as store:
            metrics, station_path = _pull(store, folder, options)
            yield from metrics
            yield from _push(store, station_path, events, options)


# -- pull ---------------------------------------------------------------------------


def _pull(store: SeededStore, folder: Path, options: Options) -> tuple[list[Metric], Path]:
    """Median pull time against raw transfer + raw insert; returns a fully pulled station."""
    page_size = _engine_default("page_size")
    pages = _fetch_pages(store, page_size)
    expected = store.counts()
    size = sum(len(body) for _, body in pages)
    options.log(f"{len(pages)} pages of up to {page_size} rows, {size / 1e6:.1f} MB; {expected}")
    now = datetime.now(UTC)
    statements = [page_statements(json.loads(body), now) for _, body in pages]

    pulls: list[float] = []
    transfers: list[float] = []
    inserts: list[float] = []
    store_gets: list[float] = []
    worst_rows = sum(expected.values())
    station_path = folder / "station-0.sqlite3"
    with StaticServer(dict(pages)) as static:
        for run in range(options.repeat):
            station_path = folder / f"station-{run}.sqlite3"
            pulls.append(_timed_pull(store, station_path))
            stored = station_counts(station_path)
            if stored != expected:
                options.log(f"FAILED: the pull stored {stored}, the store holds {expected}")
                worst_rows = min(worst_rows, sum(min(stored[t], n) for t, n in expected.items()))
            transfers.append(_timed_get(static.base_url, pages))
            inserts.append(timed_insert(folder / f"raw-insert-{run}.sqlite3", statements))
            # Not part of the reference: where the pull's time goes, store or station.
            store_gets.append(_timed_get(store.url, pages, store.token))
            options.log(
                f"pull run {run + 1}/{options.repeat}: {pulls[-1]:.3f} s "
                f"(of which the store's pages {store_gets[-1]:.3f} s); "
                f"raw transfer {transfers[-1]:.3f} s, raw insert {inserts[-1]:.3f} s"
            )

    transfer, insert = median(transfers), median(inserts)
    details = {
        "pull_runs_s": rounded(pulls),
        # GET of every page from the real store, unparsed: page building + HTTP.
        "store_pages_s": round(median(store_gets), 4),
        # The rest of the pull: the station parsing pages and writing SQLite.
        "station_s": round(median(pulls) - median(store_gets), 4),
        "raw_transfer_s": round(transfer, 4),
        "raw_insert_s": round(insert, 4),
        "raw_transfer_runs_s": rounded(transfers),
        "raw_insert_runs_s": rounded(inserts),
        "pages": len(pages),
        "page_size": page_size,
        "bytes": size,
        "rows": expected,
    }
    total = sum(expected.values())
    metrics = [
        Metric(
            "pull",
            median(pulls),
            "s",
            Target.ratio_at_most(PULL_RATIO_TARGET),
            reference=transfer + insert,
            details=details,
        ),
        Metric(
            "pull_rows",
            worst_rows,
            "rows",
            Target.equals(total),
            reference=total,
            check=True,
            details={"expected": expected}
            | ({} if worst_rows == total else {"failure": "rows missing after a pull"}),
        ),
    ]
    return metrics, station_path


def _fetch_pages(store: SeededStore, limit: int) -> list[Page]:
    """Every /changes page as the sync will ask for it, kept as the bytes received."""
    pages: list[Page] = []
    since = 0
    with _session(store.token) as http:
        while True:
            path = f"/api/v1/changes?since={since}&limit={limit}"
            answer = http.get(store.url + path, timeout=TIMEOUT_S)
            answer.raise_for_status()
            pages.append((path, answer.content))
            body = answer.json()
            if not body["more"]:
                return pages
            since = body["next"]


def _timed_pull(store: SeededStore, path: Path) -> float:
    """Seconds for a fresh station at ``path`` to pull everything in one ``sync_once``."""
    station = open_store(path)  # creating the schema is not part of the pull
    client = OrderStoreClient(store.url, store.token, timeout_s=TIMEOUT_S)
    try:
        engine = SyncEngine(station, client)
        start = time.perf_counter()
        state = engine.sync_once()
        elapsed = time.perf_counter() - start
    finally:
        client.close()
        station.close()
    if state.status is not SyncStatus.ONLINE:
        raise BenchmarkError(f"the pull ended {state.status.value}: {state.last_error}")
    return elapsed


def _timed_get(base_url: str, pages: Sequence[Page], token: str = "static") -> float:
    """Seconds to GET every page's bytes, unparsed, from ``base_url`` (a new session)."""
    with _session(token) as http:
        start = time.perf_counter()
        for path, body in pages:
            answer = http.get(base_url + path, timeout=TIMEOUT_S)
            if answer.status_code != 200 or len(answer.content) != len(body):
                raise BenchmarkError(f"{base_url} answered {answer.status_code} for {path}")
        return time.perf_counter() - start


def _session(token: str) -> requests.Session:
    """A ``requests`` session sending the headers ``OrderStoreClient`` sends."""
    http = requests.Session()
    http.trust_env = False
    http.headers.update(
        {
            "Authorization": f"Bearer {token}",
            "User-Agent": f"scanpack/{app.__version__}",
            "Accept": "application/json",
        }
    )
    return http


def _engine_default(name: str) -> int:
    """``SyncEngine``'s own default for ``name``: measure what a station runs."""
    return int(inspect.signature(SyncEngine).parameters[name].default)


# -- push ---------------------------------------------------------------------------


def _push(store: SeededStore, station_path: Path, count: int, options: Options) -> list[Metric]:
    """Median push time of ``count`` events per run, each run on orders not used before."""
    batch_size = _engine_default("batch_size")
    numbers = (f"SO-{100001 + index}" for index in range(options.scaled(ORDERS)))
    pushes: list[float] = []
    raws: list[float] = []
    sent: list[str] = []
    picks = 0
    orders: set[str] = set()
    failures: list[str] = []
    with open_store(station_path) as station:
        for run in range(options.repeat):
            events = _record(station, numbers, count)
            sent += [str(event.id) for event in events]
            picks += sum(isinstance(event.payload, LinePicked) for event in events)
            orders.update(event.order_number for event in events)
            elapsed, problem = _timed_push(store, station)
            if problem:
                failures.append(problem)
                options.log(f"FAILED: {problem}")
            pushes.append(elapsed)
            raws.append(_timed_raw_post(events, batch_size))
            options.log(
                f"push run {run + 1}/{options.repeat}: {len(events):,} events in "
                f"{elapsed:.3f} s ({len(events) / elapsed:,.0f}/s); raw POST {raws[-1]:.3f} s"
            )

    results = store.event_results(sent)
    applied = sum(result == "applied" for result in results.values())
    picked = store.picked_units(orders)
    lost = picked_wrong = ""
    if applied != len(sent):
        lost = (
            f"{len(sent) - len(results)} events missing at the store, "
            f"{len(results) - applied} not applied"
        )
    if picked != picks:
        picked_wrong = f"the store shows {picked} units picked, the events picked {picks}"
    for failure in (lost, picked_wrong):
        if failure:
            options.log(f"FAILED: {failure}")
    passed = not (failures or lost or picked_wrong)
    options.log(
        f"exactly-once check: {applied:,} of {len(sent):,} events applied once at the store, "
        f"{picked:,} of {picks:,} units picked: {'passed' if passed else 'FAILED'}"
    )

    push_s, raw_s = median(pushes), median(raws)
    details = {
        "events_per_run": count,
        "batch_size": batch_size,
        "push_runs_s": rounded(pushes),
        "raw_post_runs_s": rounded(raws),
        "orders_per_run": round(len(orders) / options.repeat),
    }

    def outcome(failure: str) -> dict[str, str]:
        # A round that went wrong (offline, events left pending) explains either check.
        reasons = [*failures, failure] if failure else []
        return {"failure": "; ".join(reasons)} if reasons else {}

    return [
        Metric(
            "push",
            push_s,
            "s",
            # The 5,000 events/s target, as the time for this many events.
            Target.value_at_most(count / PUSH_RATE_TARGET),
            reference=raw_s,
            details=details,
        ),
        Metric("push_rate", count / push_s, "events/s", Target.value_at_least(PUSH_RATE_TARGET)),
        Metric(
            "push_exactly_once",
            applied,
            "events",
            Target.equals(len(sent)),
            reference=len(sent),
            check=True,
            details={"sent": len(sent), "at_store": len(results), "applied": applied}
            | outcome(lost),
        ),
        Metric(
            "push_picked_units",
            picked,
            "units",
            Target.equals(picks),
            reference=picks,
            check=True,
            details={"picked_by_events": picks, "picked_at_store": picked} | outcome(picked_wrong),
        ),
    ]


def _record(station: LocalStore, numbers: Iterator[str], count: int) -> list[Event]:
    """Claim open orders and pick them unit by unit until ``count`` events wait.

    Recorded in one transaction (``LocalStore.record`` would commit, and fsync, once
    per event): each event goes through the same rules and into the outbox, and the
    local orders change as they would, so the store will apply every one of them.
    """
    events: list[Event] = []
    with station.unit_of_work() as uow:
        user = uow.users.get(PICKER)
        while len(events) < count:
            number = next(numbers, None)
            if number is None:
                raise BenchmarkError("the order store has too few open orders for the push")
            order = uow.orders.get(number)
            if order is None or order.status is not OrderStatus.OPEN:
                continue
            todo = [new_event(OrderClaimed(number), station=STATION, user=PICKER)]
            for line in order.lines:
                todo += [
                    new_event(
                        LinePicked(number, line.line_no, 1, location=line.location),
                        station=STATION,
                        user=PICKER,
                    )
                    for _ in range(line.open_qty)
                ]
            for event in todo[: count - len(events)]:
                apply_event(order, event, check_user(user, event))
                uow.outbox.add(event)
                events.append(event)
            uow.orders.save(order)
        uow.commit()
    return events


def _timed_push(store: SeededStore, station: LocalStore) -> tuple[float, str]:
    """Seconds for one ``sync_once`` to deliver the outbox; and what went wrong, if anything."""
    client = OrderStoreClient(store.url, store.token, timeout_s=TIMEOUT_S)
    try:
        engine = SyncEngine(station, client)
        start = time.perf_counter()
        state = engine.sync_once()
        elapsed = time.perf_counter() - start
    finally:
        client.close()
    if state.status is not SyncStatus.ONLINE:
        return elapsed, f"the push ended {state.status.value}: {state.last_error}"
    if state.pending or state.rejected:
        return elapsed, f"{state.pending} events still pending, {state.rejected} rejected"
    return elapsed, ""


def _timed_raw_post(events: Sequence[Event], batch_size: int) -> float:
    """Seconds to POST the same batches to a server that only answers prebuilt results."""
    batches = [events[i : i + batch_size] for i in range(0, len(events), batch_size)]
    # What requests sends for ``json=``: json.dumps with its default separators.
    bodies = [json.dumps({"events": [e.to_json() for e in batch]}).encode() for batch in batches]
    answers = {
        f"/api/v1/events?batch={index}": json.dumps(
            {"results": [{"id": str(e.id), "result": "applied"} for e in batch]},
            separators=(",", ":"),
        ).encode()
        for index, batch in enumerate(batches)
    }
    with StaticServer(answers) as static, _session("static") as http:
        start = time.perf_counter()
        for index, body in enumerate(bodies):
            answer = http.post(
                f"{static.base_url}/api/v1/events?batch={index}",
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=TIMEOUT_S,
            )
            if answer.status_code != 200 or not answer.content:
                raise BenchmarkError(f"the static server answered {answer.status_code}")
        return time.perf_counter() - start
