"""Benchmark ``supervisor``: the queue view's queries with 100,000 orders stored.

Target (DESIGN.md "Performance", the data side of it): the view opens under 300 ms,
filter and sort p95 under 50 ms. Timed here: the SQL of ``app.supervisor.queue`` over
a station database, without Qt (the screen, its live update and its RSS are measured
with the screen itself).

- Station: ``ORDERS`` generated orders (``--quick``: 5,000), about five lines each,
  pulled from a seeded order store into a station database, then turned into a
  mid-shift floor (``app.demo_floor.mix_statuses``: 60 % open, picking at three
  stations, packed, held, cancelled, shorts), and the orders' zones and line sums
  derived (``queue.refresh``; its first fill, once per station, is in the details).
- ``open``: a new connection (SQLite's page cache cold, the OS cache warm), the status
  tiles (``status_counts``), the table's row count and its first page of ``PAGE`` rows
  by cutoff. Once per run.
- ``filter_p95``: first page and row count for each filter of ``FILTERS`` (status,
  zone, carrier, person, priority, search by order number, SKU and tote), ``SAMPLES``
  times each per run.
- ``sort_p95``: the first page sorted by each column of the orders table that is a
  column of the orders row (number, status, priority, person, station, cutoff,
  carrier), both directions. ``sort_computed_p95``: the same for the two columns that
  are sums over the lines (lines, progress), read from the derived ``order_sums``.
- ``last_page_p95``: the last page (OFFSET count - PAGE) of the indexed sorts.
- Reference, same run and connection: ``SELECT count(*) FROM orders`` (the least a
  view of the table reads), median of ``SAMPLES``.
- Check ``queries_correct``: the tiles add up to the orders stored, and the first and
  last pages by cutoff are those a plain ``ORDER BY cutoff, order_number`` of the
  whole table gives.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.registry import Metric, Options, Target, benchmark, median, rounded

ORDERS = 100_000
PAGE = 100
SAMPLES = 5
OPEN_TARGET_MS = 300.0
QUERY_TARGET_MS = 50.0


def percentile(samples: list[float], q: float) -> float:
    """The ``q``-th percentile of ``samples``, nearest rank (as ``benchmarks.pack``)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


@benchmark(
    "supervisor",
    summary="supervisor queue queries with 100,000 orders stored: open (tiles + first "
    "page), filter, sort and last page p95",
    budget_s=600,
)
def run(options: Options) -> Iterator[Metric]:
    from app.demo_floor import build_station, mix_statuses

    with tempfile.TemporaryDirectory(prefix="scanpack-bench-supervisor-") as tmp:
        orders = options.scaled(ORDERS)
        start = time.perf_counter()
        path = build_station(Path(tmp), orders)
        mix_statuses(path)
        options.log(f"station of {orders} orders built in {time.perf_counter() - start:.1f} s")
        fill_ms = _fill_derived(path)
        options.log(f"zones and sums of {orders} orders derived in {fill_ms:.0f} ms (once)")
        yield from _measure(options, path, orders, fill_ms)


def _fill_derived(path: Path) -> float:
    from app.store import open_store
    from app.supervisor import queue

    with open_store(path) as store, store.engine.begin() as conn:
        return _timed(lambda: queue.refresh(conn))


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _measure(options: Options, path: Path, orders: int, fill_ms: float) -> Iterator[Metric]:
    from sqlalchemy import Connection, text

    from app.domain.model import OrderStatus, Priority
    from app.store import open_store
    from app.supervisor import queue
    from app.supervisor.queue import QueueFilter, SortKey

    filters = {
        "status": QueueFilter(statuses=(OrderStatus.PICKING,)),
        "status_open": QueueFilter(statuses=(OrderStatus.OPEN,)),
        "zone": QueueFilter(zone="C"),
        "carrier": QueueFilter(carrier="UPS"),
        "person": QueueFilter(person="ana"),
        "priority": QueueFilter(priorities=(Priority.URGENT, Priority.HIGH)),
        "search_number": QueueFilter(search="SO-1500"),
        "search_sku": QueueFilter(search="SKU-10042"),
        "search_tote": QueueFilter(search="T-0042"),
    }
    plain = [k for k in SortKey if k not in (SortKey.LINES, SortKey.PROGRESS)]
    computed = [SortKey.LINES, SortKey.PROGRESS]
    now = _floor_now()
    opens, filter_p95, sort_p95, computed_p95, last_p95, refs = [], [], [], [], [], []
    per_filter: dict[str, list[float]] = {name: [] for name in filters}
    per_sort: dict[str, list[float]] = {}
    with open_store(path) as store:

        def first_page(conn: Connection, flt: QueueFilter, sort: SortKey, desc: bool) -> None:
            queue.count(conn, flt)
            queue.page(conn, flt, sort=sort, descending=desc, limit=PAGE)
            conn.rollback()

        for number in range(options.repeat):
            store.engine.dispose()  # a new connection: SQLite's page cache starts cold
            with store.engine.connect() as conn:

                def open_view(conn: Connection = conn) -> None:
                    queue.status_counts(conn, now)
                    first_page(conn, QueueFilter(), SortKey.CUTOFF, False)

                opens.append(_timed(open_view))
                ref = [
                    _timed(lambda: conn.execute(text("SELECT count(*) FROM orders")).scalar())
                    for _ in range(SAMPLES)
                ]
                conn.rollback()
                refs.append(median(ref))
                samples = []
                for name, flt in filters.items():
                    for _ in range(SAMPLES):
                        ms = _timed(lambda f=flt: first_page(conn, f, SortKey.CUTOFF, False))
                        samples.append(ms)
                        per_filter[name].append(ms)
                filter_p95.append(percentile(samples, 95))
                samples, slow, last = [], [], []
                for key in [*plain, *computed]:
                    for desc in (False, True):
                        for _ in range(SAMPLES if key in plain else 1):
                            ms = _timed(lambda k=key, d=desc: first_page(conn, QueueFilter(), k, d))
                            (samples if key in plain else slow).append(ms)
                            per_sort.setdefault(f"{key.value}{' desc' if desc else ''}", []).append(
                                ms
                            )
                sort_p95.append(percentile(samples, 95))
                computed_p95.append(percentile(slow, 95))
                total = queue.count(conn, QueueFilter())
                for key in plain:
                    for _ in range(SAMPLES):
                        last.append(
                            _timed(
                                lambda k=key, t=total: queue.page(
                                    conn, QueueFilter(), sort=k, offset=t - PAGE, limit=PAGE
                                )
                            )
                        )
                        conn.rollback()
                last_p95.append(percentile(last, 95))
            options.log(
                f"run {number + 1}/{options.repeat}: open {opens[-1]:.1f} ms, filter p95 "
                f"{filter_p95[-1]:.1f} ms, sort p95 {sort_p95[-1]:.1f} ms (lines/progress "
                f"{computed_p95[-1]:.1f} ms), last page p95 {last_p95[-1]:.1f} ms; "
                f"count(*) {refs[-1]:.2f} ms"
            )
        with store.engine.connect() as conn:
            problems = _check(conn, now, orders)
    reference = median(refs)
    details: dict[str, Any] = {
        "orders": orders,
        "page_rows": PAGE,
        "runs_ms": rounded(opens),
        "reference": "SELECT count(*) FROM orders, same connection",
        "derived_first_fill_ms": round(fill_ms, 1),
    }
    yield Metric(
        "open",
        median(opens),
        "ms",
        Target.value_at_most(OPEN_TARGET_MS),
        reference,
        details=details,
    )
    yield Metric(
        "filter_p95",
        median(filter_p95),
        "ms",
        Target.value_at_most(QUERY_TARGET_MS),
        reference,
        details={"median_ms_by_filter": {k: round(median(v), 3) for k, v in per_filter.items()}},
    )
    yield Metric(
        "sort_p95",
        median(sort_p95),
        "ms",
        Target.value_at_most(QUERY_TARGET_MS),
        reference,
        details={"median_ms_by_sort": {k: round(median(v), 3) for k, v in per_sort.items()}},
    )
    yield Metric(
        "sort_computed_p95",
        median(computed_p95),
        "ms",
        Target.value_at_most(QUERY_TARGET_MS),
        reference,
        details={"columns": ["lines", "progress"], "runs_ms": rounded(computed_p95)},
    )
    yield Metric(
        "last_page_p95",
        median(last_p95),
        "ms",
        Target.value_at_most(QUERY_TARGET_MS),
        reference,
        details={"runs_ms": rounded(last_p95)},
    )
    yield Metric(
        "queries_correct",
        float(not problems),
        "bool",
        Target.equals(1.0),
        1.0,
        check=True,
        details={"problems": problems},
    )


def _floor_now() -> datetime:
    """The floor's "now": 13:30 on the seed's anchor day (some cutoffs past, some near)."""
    from app.demo_floor import ANCHOR

    return datetime.combine(ANCHOR, datetime.min.time(), UTC) + timedelta(hours=13, minutes=30)


def _check(conn: Any, now: datetime, orders: int) -> list[str]:
    from sqlalchemy import text

    from app.supervisor import queue
    from app.supervisor.queue import QueueFilter

    problems = []
    total = sum(c.total for c in queue.status_counts(conn, now))
    if total != orders:
        problems.append(f"the tiles count {total} orders, {orders} are stored")
    plain = [
        row[0]
        for row in conn.execute(
            text("SELECT order_number FROM orders ORDER BY cutoff, order_number")
        )
    ]
    first = [r.order_number for r in queue.page(conn, QueueFilter(), limit=PAGE)]
    last = [
        r.order_number for r in queue.page(conn, QueueFilter(), offset=orders - PAGE, limit=PAGE)
    ]
    if first != plain[:PAGE]:
        problems.append("the first page by cutoff is not ORDER BY cutoff's")
    if last != plain[-PAGE:]:
        problems.append("the last page by cutoff is not ORDER BY cutoff's")
    return problems
