"""The composition root: builds a station's parts from its settings, and the demo store.

Nothing here imports Qt; the kiosk (``ui.cli``) and headless tools call these and
wire the results into widgets. Nothing is built at import time.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import platformdirs

from app.config import APP_NAME, Settings
from app.store import LocalStore, open_store
from app.sync.client import OrderStoreClient
from app.sync.engine import SyncEngine
from app.sync.loop import SyncLoop
from app.sync.state import SyncState

log = logging.getLogger(__name__)

DEMO_STATION = "demo-station"


def default_profile() -> Path:
    """Where a station keeps its database when no ``--profile`` is given."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass
class Station:
    """A running station: its database, its link to the store, and the sync worker."""

    settings: Settings
    profile: Path
    store: LocalStore
    engine: SyncEngine
    loop: SyncLoop
    client: OrderStoreClient | None
    closers: list[Callable[[], None]] = field(default_factory=list)

    def reconfigure(self, settings: Settings) -> None:
        """Use new settings (server, token, intervals): a new client and sync worker on
        the same database. Blocks until the old worker's round ends: call it off the
        GUI thread."""
        on_state = self.loop.on_state
        self.loop.stop()
        if self.client is not None:
            self.client.close()
        self.settings = settings
        self.client = _client(settings)
        self.engine = SyncEngine(self.store, self.client, interval_s=settings.sync_interval_s)
        self.loop = SyncLoop(self.engine, on_state)
        self.loop.start()

    def close(self) -> None:
        """Stop syncing and close everything, newest first; safe to call twice."""
        self.loop.stop()
        if self.client is not None:
            self.client.close()
        self.store.close()
        while self.closers:
            try:
                self.closers.pop()()
            except Exception:  # shutting down: log and go on closing the rest
                log.exception("error while closing the station")


def build_station(
    settings: Settings,
    profile: Path,
    on_state: Callable[[SyncState], None] | None = None,
) -> Station:
    """Open the station database in ``profile`` and wire the sync engine to the store.

    The sync worker is created but not started: call ``station.loop.start()``.
    """
    store = open_store(profile / "station.sqlite3")
    client = _client(settings)
    engine = SyncEngine(store, client, interval_s=settings.sync_interval_s)
    return Station(settings, profile, store, engine, SyncLoop(engine, on_state), client)


def _client(settings: Settings) -> OrderStoreClient | None:
    if not (settings.server_url and settings.token):
        return None
    return OrderStoreClient(
        settings.server_url,
        settings.token,
        timeout_s=settings.request_timeout_s,
        ca_bundle=settings.ca_bundle or None,
    )


@dataclass
class DemoStore:
    """The embedded order store of ``scanpack --demo``, with a token for the demo station."""

    url: str
    token: str
    stop: Callable[[], None]


def start_demo_store(folder: Path) -> DemoStore:
    """Start an order store with the demo data on a free loopback port.

    Its SQLite file lives in ``folder``; an existing one (a kept ``--profile``) is
    reused, so a demo can be stopped and continued.
    """
    # Imported here: a station that never runs the demo never loads FastAPI.
    from app.orderstore.auth import TokenRole, create_token
    from app.orderstore.db import make_engine, upgrade
    from app.orderstore.embedded import EmbeddedStore
    from app.orderstore.seed import seed

    folder.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{folder / 'demo-orderstore.sqlite3'}")
    upgrade(engine)
    seed(engine)
    token = create_token(engine, DEMO_STATION, frozenset({TokenRole.STATION}))
    server = EmbeddedStore(engine)
    server.start()

    def stop() -> None:
        server.stop()
        engine.dispose()

    return DemoStore(server.base_url, token, stop)


def demo_settings(store: DemoStore, base: Settings | None = None) -> Settings:
    """Settings that point a station at the demo store (kept out of the config file)."""
    settings = base or Settings()
    settings.server_url = store.url
    settings.token = store.token
    settings.station = DEMO_STATION
    settings.sync_interval_s = 2.0
    # The demo issues real SSCCs: GS1's example company prefix, station number 1.
    if not settings.gs1_company_prefix:
        settings.gs1_company_prefix = "4012345"
    if not settings.sscc_station:
        settings.sscc_station = 1
    return settings


def temporary_profile() -> Path:
    return Path(tempfile.mkdtemp(prefix="scanpack-demo-"))


# -- a floor in mid-shift, for the supervisor's benchmark, tests and screenshots ------

DEMO_FLOOR_ANCHOR = date(2026, 11, 30)
"""The day the demo floor's orders are generated for."""


def demo_floor_station(folder: Path, orders: int | None = None) -> Path:
    """A station database holding the demo data (``orders=None``) or ``orders``
    generated orders, as pulled from an order store seeded at ``DEMO_FLOOR_ANCHOR``, in
    process (no HTTP): the station then holds exactly what a real pull would give it.
    The order store is imported here only, as in ``start_demo_store``."""
    from app.orderstore.db import make_engine, upgrade
    from app.orderstore.seed import seed
    from app.orderstore.service import MAX_PAGE, changes_page_json

    engine = make_engine(f"sqlite:///{folder / 'orderstore.sqlite3'}")
    try:
        upgrade(engine)
        seed(engine, orders, anchor=DEMO_FLOOR_ANCHOR)
        path = folder / "station.sqlite3"
        with open_store(path) as station:
            since = 0
            while True:
                page = json.loads(changes_page_json(engine, since, MAX_PAGE))
                station.apply_changes(page)
                if not page["more"]:
                    break
                since = page["next"]
    finally:
        engine.dispose()
    return path


# A mid-shift floor by order number: of every 50 orders, 30 open, 4 picking at one of
# three stations (one of them "DEAD"), 6 picked, 2 packing, 4 packed, 1 shipped,
# 2 on hold, 1 cancelled; every 7th picking order has a short line.
MIX = """
UPDATE orders SET
  status = CASE
    WHEN n < 30 THEN 'open' WHEN n < 34 THEN 'picking' WHEN n < 40 THEN 'picked'
    WHEN n < 42 THEN 'packing' WHEN n < 46 THEN 'packed' WHEN n < 47 THEN 'shipped'
    WHEN n < 49 THEN 'on_hold' ELSE 'cancelled' END,
  assigned_station = CASE WHEN n BETWEEN 30 AND 33 OR n BETWEEN 40 AND 41
    THEN 'ST-' || (k % 3) END,
  assigned_user = CASE WHEN n BETWEEN 30 AND 33 THEN (CASE k % 2 WHEN 0 THEN 'ana' ELSE 'ben' END)
    WHEN n BETWEEN 40 AND 41 THEN 'dan' END,
  hold_reason = CASE WHEN n BETWEEN 47 AND 48 THEN 'address check' ELSE '' END,
  held_from = CASE WHEN n BETWEEN 47 AND 48 THEN 'open' END
FROM (SELECT order_number AS num, CAST(substr(order_number, 4) AS INTEGER) % 50 AS n,
             CAST(substr(order_number, 4) AS INTEGER) AS k FROM orders) AS m
WHERE orders.order_number = m.num
"""
PROGRESS = """
UPDATE order_lines SET
  picked_qty = CASE WHEN o.status IN ('picked', 'packing', 'packed', 'shipped') THEN qty
                    WHEN o.status = 'picking' AND line_no = 1 THEN qty ELSE 0 END,
  short_qty = 0,
  packed_qty = CASE WHEN o.status IN ('packed', 'shipped') THEN qty ELSE 0 END
FROM orders AS o WHERE o.order_number = order_lines.order_number
"""
SHORTS = """
UPDATE order_lines SET short_qty = qty - picked_qty
WHERE line_no = 2 AND picked_qty < qty AND order_number IN (
  SELECT order_number FROM orders WHERE status = 'picking'
  AND CAST(substr(order_number, 4) AS INTEGER) % 7 = 0)
"""


def mix_statuses(path: Path) -> None:
    """Turn a generated day (every order open) into a floor in mid-shift: the mix of
    ``MIX`` (order numbers ``SO-nnnnnn``), in SQL."""
    from sqlalchemy import text

    with open_store(path) as station, station.engine.begin() as conn:
        for statement in (MIX, PROGRESS, SHORTS):
            conn.execute(text(statement))
