"""The screen half of ``supervisor``: the real ``SupervisorScreen`` in a Qt child process.

``benchmarks.supervisor`` starts ``screen_child`` (``QT_QPA_PLATFORM=offscreen``, JSON
parameters on stdin, JSON results on stdout, as ``benchmarks._qt_burst``) over the
station it built, and ``empty_child`` for the reference: a ``QApplication`` and one
empty ``QWidget`` of 1280x800, shown; the time from the process's start (the parent's
clock just before it starts the child) to the widget's first ``paintEvent``, and the
process's ``ru_maxrss``.

In ``screen_child``: a ``QApplication`` with the theme (``ui.theme.apply_theme``), the
screen as the UI tests build it (``SupervisorService`` over the station, a
``TaskRunner``, ``SupervisorScreen``) at 1280x800, shown, then timed on the GUI
thread, each from the call to the signal that swaps the answer in (the screen's own
slots have run by then; the paint that follows is not in it, ``paint_ms`` in the
details times one synchronous repaint of the table after the open):

- ``open``: ``screen.open(supervisor)`` to ``model.reset`` *and* ``reads.snapshot`` (the
  first rows and the tiles); per run, after ``close_session()`` and a new connection
  pool (SQLite's page cache cold, the OS's warm). The first open of the process (no
  statement cached yet) is in ``first_open_ms``.
- ``filter``: one filter at a time through the filter bar (status by ``set_status``, the
  zone, carrier, person and priority lists, the search box), from the unfiltered view,
  to ``model.reset``, ``SAMPLES`` times each per run; clearing it again is not timed.
- ``sort``: every column of the table, both directions, as header taps
  (``QTest.mouseClick`` on the header: a new column, then the other direction), to
  ``model.reset``; ``SORT_PASSES`` passes over the columns per run.
- ``scroll_end``: after a sort (a new generation: nothing of the end loaded),
  ``table.scrollToBottom()`` to the ``dataChanged`` that brings the last row's order.
- ``live_update``: ``UPDATE_ORDERS`` open orders moved to picking in SQL as a pull would
  write them (status, person, station, a picked line, a new ``seq``), then
  ``screen.refresh()`` to ``model.updated``; ``with_tiles_ms`` to ``reads.snapshot`` too.
- ``maxrss_mb``: ``ru_maxrss`` of the child after all of it.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

UPDATE_ORDERS = 300
SAMPLES = 5  # per filter and run: a p95 over 45, not the worst of 9
SORT_PASSES = 2  # every column twice (both directions) per run: a p95 over 32
TIMEOUT_MS = 60_000
FILTER_VALUES = {"zone": "C", "carrier": "UPS", "person": "ana"}
SEARCHES = {"search_number": "SO-1500", "search_sku": "SKU-10042", "search_tote": "T-0042"}


def maxrss_mb() -> float:
    """This process's peak resident set, in MB (``ru_maxrss`` is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the reference: an empty window ---------------------------------------------------


def empty_child() -> None:
    """An empty PySide6 window: its first paint's wall clock and the peak RSS, as JSON."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QWidget

    painted: list[float] = []

    class Empty(QWidget):
        def paintEvent(self, event: QPaintEvent) -> None:
            if not painted:
                painted.append(time.time())
                QTimer.singleShot(0, app.quit)
            super().paintEvent(event)

    app = QApplication([sys.argv[0]])
    window = Empty()
    window.resize(1280, 800)
    window.show()
    QTimer.singleShot(TIMEOUT_MS, app.quit)
    app.exec()
    if not painted:
        raise RuntimeError("the empty window was never painted")
    json.dump({"painted_at": painted[0], "maxrss_mb": maxrss_mb()}, sys.stdout)


# -- the screen -----------------------------------------------------------------------


def screen_child() -> None:
    """The measurement, in its own process: JSON parameters in, JSON results out."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    params = json.load(sys.stdin)
    json.dump(_measure(params), sys.stdout)


class _NoSalts:
    """No PIN is typed here: the screen is read, not acted on."""

    def pin_salt(self, _username: str) -> None:
        return None


def _measure(params: dict[str, Any]) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.domain.model import OrderStatus
    from app.store import open_store
    from app.supervisor.queue import SortKey
    from app.supervisor.service import SupervisorService
    from ui import qtcompat
    from ui.screens.supervisor import SupervisorScreen
    from ui.screens.supervisor_model import COLUMNS
    from ui.tasks import TaskRunner
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    qtcompat.install()  # before the first signal: see ui/qtcompat.py
    apply_theme(app)
    now = datetime.fromisoformat(params["now"])
    repeat: int = params["repeat"]

    def until(
        start: Callable[[], object],
        signals: Sequence[Any],
        done: Callable[[], bool] = lambda: True,
        each: dict[int, float] | None = None,
        cpu: list[float] | None = None,
    ) -> float:
        """ms from ``start()`` to the last of ``signals`` after which ``done()`` holds;
        ``each`` gets the ms to the first emit of each signal, by its place, ``cpu`` the
        process's CPU ms meanwhile (every thread: the GUI's and the database lane's)."""
        seen: dict[int, float] = {}
        finished: list[float] = []
        loop = QEventLoop()

        def slot_for(number: int) -> Callable[..., None]:
            def slot(*_args: object) -> None:
                at = time.perf_counter()
                seen.setdefault(number, at)
                if len(seen) == len(signals) and not finished and done():
                    finished.append(at)
                    loop.quit()

            return slot

        slots = [slot_for(n) for n in range(len(signals))]
        for signal, slot in zip(signals, slots, strict=True):
            signal.connect(slot)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(TIMEOUT_MS)
        began, cpu_began = time.perf_counter(), time.process_time()
        start()
        if not signals and done():
            finished.append(time.perf_counter())
        if not finished:
            loop.exec()
        cpu_ms = (time.process_time() - cpu_began) * 1000
        timer.stop()
        for signal, slot in zip(signals, slots, strict=True):
            signal.disconnect(slot)
        if not finished:
            raise RuntimeError(f"no answer within {TIMEOUT_MS} ms")
        if cpu is not None:
            cpu.append(cpu_ms)
        if each is not None:
            each.update({number: (at - began) * 1000 for number, at in seen.items()})
        return (finished[0] - began) * 1000

    with open_store(Path(params["station"])) as store:
        with store.unit_of_work(readonly=True) as uow:
            user = uow.users.get(params["user"])
        if user is None:
            raise RuntimeError(f"no user {params['user']!r} at the station")
        tasks = TaskRunner()
        service = SupervisorService(store, _NoSalts(), station="ST-SUP", clock=lambda: now)
        built = time.perf_counter()
        screen = SupervisorScreen(
            service, tasks, None, export_folder=Path(params["folder"]), clock=lambda: now
        )
        screen.resize(1280, 800)
        screen.show()
        app.processEvents()
        built_ms = (time.perf_counter() - built) * 1000
        model, reads, table, bar = screen.model, screen.reads, screen.table, screen.filters

        def settle() -> None:
            for _ in range(3):
                app.processEvents()

        # -- open
        first_open = until(lambda: screen.open(user), [model.reset, reads.snapshot])
        opened_at = time.time()
        settle()
        rss_open = maxrss_mb()
        opens, paints, open_rows, open_cpu = [], [], [], []
        for _ in range(repeat):
            screen.close_session()
            settle()
            store.engine.dispose()
            parts: dict[int, float] = {}
            opens.append(
                until(
                    lambda: screen.open(user),
                    [model.reset, reads.snapshot],
                    each=parts,
                    cpu=open_cpu,
                )
            )
            open_rows.append(parts[0])
            painted = time.perf_counter()
            table.viewport().repaint()
            paints.append((time.perf_counter() - painted) * 1000)
            settle()
        rows = model.rowCount()
        tiles = [b.text().split("\n")[0] for b in screen.tiles.buttons.values()]

        # -- filter
        def chosen(combo: Any, value: str | None) -> Callable[[], None]:
            def choose() -> None:
                index = combo.findData(value) if value else -1
                combo.setCurrentIndex(index if index > 0 else min(1, combo.count() - 1))

            return choose

        filters: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
            "status": (
                lambda: bar.set_status(OrderStatus.PICKING),
                lambda: bar.set_status(None),
            ),
            "status_open": (
                lambda: bar.set_status(OrderStatus.OPEN),
                lambda: bar.set_status(None),
            ),
        }
        for name, combo in (("zone", bar.zone), ("carrier", bar.carrier), ("person", bar.person)):
            filters[name] = (
                chosen(combo, FILTER_VALUES[name]),
                lambda c=combo: c.setCurrentIndex(0),
            )
        filters["priority"] = (chosen(bar.priority, None), lambda: bar.priority.setCurrentIndex(0))
        for name, text in SEARCHES.items():
            filters[name] = (lambda t=text: bar.set_search(t), lambda: bar.set_search(""))
        by_filter: dict[str, list[float]] = {name: [] for name in filters}
        filter_runs: list[list[float]] = []
        filter_cpu: list[float] = []
        for _ in range(repeat):
            samples = []
            for name, (apply, clear) in filters.items():
                for _sample in range(SAMPLES):
                    ms = until(apply, [model.reset], cpu=filter_cpu)
                    settle()
                    by_filter[name].append(ms)
                    samples.append(ms)
                    until(clear, [model.reset])
                    settle()  # painted, as a person sees it before the next tap
            filter_runs.append(samples)
        settle()

        # -- sort (and, after each, scroll to the end)
        by_sort: dict[str, list[float]] = {}
        sort_runs: list[list[float]] = []
        scroll_runs: list[list[float]] = []
        sort_cpu: list[float] = []
        scroll_cpu: list[float] = []
        header = table.horizontalHeader()

        def click(column: int) -> None:
            """A tap on the column's header, as a person sorts (``sortByColumn`` would
            sort twice: it sets the indicator, which sorts, then sorts again)."""
            x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
            QTest.mouseClick(
                header.viewport(),
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                QPoint(x, 5),
            )

        def last_loaded() -> bool:
            return model.order_number(model.rowCount() - 1) is not None

        for _ in range(repeat):
            sorts, scrolls = [], []
            for column in [c for _pass in range(SORT_PASSES) for c in range(len(COLUMNS))]:
                for _tap in range(2):  # a new column, then the other direction
                    ms = until(lambda c=column: click(c), [model.reset], cpu=sort_cpu)
                    sorts.append(ms)
                    _flt, key, descending = model.view
                    by_sort.setdefault(f"{key.value}{' desc' if descending else ''}", []).append(ms)
                    settle()
                    scrolls.append(
                        until(
                            table.scrollToBottom, [model.dataChanged], last_loaded, cpu=scroll_cpu
                        )
                    )
                    table.scrollToTop()
                    settle()
            sort_runs.append(sorts)
            scroll_runs.append(scrolls)
        for _tap in range(3):  # back to the opening sort, by cutoff
            if model.view[1:] == (SortKey.CUTOFF, False):
                break
            until(lambda: click(COLUMNS.index(SortKey.CUTOFF)), [model.reset])
        else:
            raise RuntimeError(f"the header did not sort by cutoff again: {model.view}")
        settle()

        # -- live update
        updates, with_tiles, update_cpu = [], [], []
        for _ in range(repeat):
            changed = _pull(store)
            each: dict[int, float] = {}
            with_tiles.append(
                until(screen.refresh, [model.updated, reads.snapshot], each=each, cpu=update_cpu)
            )
            updates.append(each[0])
            if changed != UPDATE_ORDERS:
                raise RuntimeError(f"the simulated pull changed {changed} orders")
            settle()
        result = {
            "built_ms": built_ms,
            "first_open_ms": first_open,
            "opened_at": opened_at,
            "open_ms": opens,
            "paint_ms": paints,
            "open_rows_ms": open_rows,
            "open_cpu_ms": open_cpu,
            "filter_cpu_ms": filter_cpu,
            "sort_cpu_ms": sort_cpu,
            "scroll_end_cpu_ms": scroll_cpu,
            "live_update_cpu_ms": update_cpu,
            "rows": rows,
            "tiles": tiles,
            "filter_ms": filter_runs,
            "by_filter_ms": by_filter,
            "sort_ms": sort_runs,
            "by_sort_ms": by_sort,
            "scroll_end_ms": scroll_runs,
            "live_update_ms": updates,
            "live_update_with_tiles_ms": with_tiles,
            "loaded_rows": model.loaded_rows(),
            "maxrss_after_open_mb": rss_open,
            "platform": app.platformName(),
        }
        screen.close_session()
        screen.close()
        tasks.shutdown()
        screen.deleteLater()
        app.processEvents()
    result["maxrss_mb"] = maxrss_mb()
    return result


def _pull(store: Any) -> int:
    """The first ``UPDATE_ORDERS`` open orders taken by a picker elsewhere, written as a pull
    writes them: the order's status, person and station and a new ``seq``; its first
    line picked. Returns how many orders changed."""
    from sqlalchemy import text

    with store.engine.begin() as conn:
        top = int(conn.execute(text("SELECT max(seq) FROM orders")).scalar() or 0)
        numbers = [
            row[0]
            for row in conn.execute(
                text(
                    "SELECT order_number FROM orders WHERE status = 'open' "
                    "ORDER BY order_number LIMIT :n"
                ),
                {"n": UPDATE_ORDERS},
            )
        ]
        for offset, order in enumerate(numbers, start=1):
            conn.execute(
                text(
                    "UPDATE orders SET status = 'picking', assigned_user = 'ana', "
                    "assigned_station = 'ST-1', seq = :seq WHERE order_number = :order"
                ),
                {"seq": top + offset, "order": order},
            )
            conn.execute(
                text(
                    "UPDATE order_lines SET picked_qty = qty "
                    "WHERE order_number = :order AND line_no = 1"
                ),
                {"order": order},
            )
    return len(numbers)
