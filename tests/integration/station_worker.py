"""A headless station for the kill test: picks orders scan by scan while syncing.

Run as ``python -m tests.integration.station_worker PROFILE URL TOKEN ORDER...``. It
wires the station exactly as the kiosk does (``app.bootstrap.build_station``), resumes
from whatever its database holds, records one event per "scan", prints
``COMMITTED <id>`` after each commit, then ``DONE`` once everything is picked and
pushed. The test kills it with SIGKILL at random moments and starts it again.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from app.bootstrap import build_station
from app.config import Settings
from app.domain.events import LinePicked, OrderClaimed, new_event
from app.domain.model import OrderStatus
from app.sync.state import SyncStatus

STATION = "station-1"
USER = "ana"


def main(profile: str, url: str, token: str, *numbers: str) -> int:
    settings = Settings(server_url=url, station=STATION, token=token, sync_interval_s=0.05)
    station = build_station(settings, Path(profile))
    station.loop.start()
    try:
        # The station must know the orders before it can pick them: wait for a pull.
        deadline = time.monotonic() + 60
        while not all(_order(station, n) for n in numbers):
            assert time.monotonic() < deadline, "no pull within 60 s"
            time.sleep(0.02)
        for number in numbers:
            while (event := _next_scan(station, number)) is not None:
                station.store.record(event)
                print(f"COMMITTED {event.id}", flush=True)
                station.loop.wake()
                time.sleep(0.003)
        while station.engine.state.pending or station.engine.state.status is not SyncStatus.ONLINE:
            assert time.monotonic() < deadline + 120, station.engine.state
            time.sleep(0.02)
        print("DONE", flush=True)
        return 0
    finally:
        station.close()


def _order(station, number):  # type: ignore[no-untyped-def]
    with station.store.unit_of_work(readonly=True) as uow:
        return uow.orders.get(number)


def _next_scan(station, number):  # type: ignore[no-untyped-def]
    order = _order(station, number)
    if order.status is OrderStatus.OPEN:
        return new_event(OrderClaimed(number), station=STATION, user=USER)
    for line in order.lines:
        if line.open_qty:
            return new_event(LinePicked(number, line.line_no, 1), station=STATION, user=USER)
    return None


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
