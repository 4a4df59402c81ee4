"""Stations filled from a seeded order store: a floor in mid-shift for the supervisor's
queue (its benchmark, its tests and the documentation's screenshots).

``build_station`` pulls every /changes page of a freshly seeded order store into a new
station database, in process (no HTTP): the station then holds exactly what a real
pull would give it. ``mix_statuses`` turns a generated day (every order open) into a
floor in mid-shift, in SQL.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import text

from app.orderstore.db import make_engine, upgrade
from app.orderstore.seed import seed
from app.orderstore.service import MAX_PAGE, changes_page_json
from app.store import open_store

ANCHOR = date(2026, 11, 30)


def build_station(folder: Path, orders: int | None = None) -> Path:
    """A station database holding the demo data (``orders=None``) or ``orders``
    generated orders, as pulled from an order store seeded at ``ANCHOR``."""
    engine = make_engine(f"sqlite:///{folder / 'orderstore.sqlite3'}")
    try:
        upgrade(engine)
        seed(engine, orders, anchor=ANCHOR)
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
    """Give a generated day the mix of ``MIX`` (order numbers ``SO-nnnnnn``)."""
    with open_store(path) as station, station.engine.begin() as conn:
        for statement in (MIX, PROGRESS, SHORTS):
            conn.execute(text(statement))
