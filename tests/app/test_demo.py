"""The demo data set a station builds in memory is what the order store's seed serves."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.demo import DEMO_ORDERS, PRODUCTS, TOTES, bin_codes, load_demo
from app.orderstore import orders as repo
from app.orderstore.db import make_engine, upgrade
from app.orderstore.seed import seed

ANCHOR = date(2026, 11, 29)


def test_the_demo_built_in_memory_equals_the_seeded_order_store() -> None:
    demo = load_demo(ANCHOR)
    engine = make_engine("sqlite:///:memory:")
    try:
        upgrade(engine)
        seed(engine, anchor=ANCHOR)
        with Session(engine) as session:
            big = 1_000_000
            orders = {o.order_number: o for _, o in repo.load_orders(session, repo.order_query())}
            products = {p.sku: p for _, p in repo.changed_products(session, 0, big)}
            locations = {loc.code: loc for _, loc in repo.changed_locations(session, 0, big)}
            totes = {t.code: t for _, t in repo.changed_totes(session, 0, big)}
    finally:
        engine.dispose()
    assert (len(demo.orders), len(demo.products)) == (DEMO_ORDERS, PRODUCTS)
    assert (len(demo.locations), len(demo.totes)) == (len(bin_codes()), TOTES)
    assert demo.products == products
    assert demo.locations == locations
    assert demo.totes == totes
    assert list(demo.orders) == list(orders)
    assert demo.orders == orders
