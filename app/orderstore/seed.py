"""The order store's demo data (``app.demo``) and N generated orders, written as rows.

``--seed demo`` loads the demo data set; ``--seed N`` the same catalogue and N open
orders, for benchmarks. What the data is lives in ``app.demo``, the one definition
the station's demo tooling reads too.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import TypeVar

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

from app.demo import (
    DEMO_ORDERS,
    DEMO_USERS,
    SEED,
    TOTES,
    as_order,
    bin_codes,
    demo_orders,
    demo_products,
)
from app.orderstore.models import (
    BarcodeRow,
    LocationRow,
    OrderLineRow,
    OrderRow,
    ProductRow,
    ToteRow,
    UserRow,
)
from app.orderstore.orders import order_doc, take_seq
from app.orderstore.pins import set_pin

_T = TypeVar("_T")

CHUNK = 5000


# The demo supervisor's PIN, typed after the badge for supervisor actions (documented
# in the README with the demo data set). A real site sets PINs with
# ``scanpack-store user pin USERNAME``.
DEMO_SUPERVISOR = "sam"
DEMO_PIN = "2468"


def seed(engine: Engine, orders: int | None = None, *, anchor: date | None = None) -> str:
    """Load the demo catalogue and ``orders`` orders (the demo's 240 when ``None``).

    Returns a one-line summary. An order store that already holds products is left
    alone: seeding never mixes with or replaces real data.
    """
    anchor = anchor or datetime.now(UTC).date()
    rng = random.Random(SEED)
    with Session(engine) as session, session.begin():
        if session.execute(select(func.count()).select_from(ProductRow)).scalar_one():
            return "the order store already holds data; nothing seeded"
        bins = bin_codes()
        products = list(demo_products(rng, [code for code, *_ in bins]))
        demo = orders is None
        count = DEMO_ORDERS if orders is None else orders
        rows = len(bins) + len(products) + TOTES + len(DEMO_USERS) + count
        seq = take_seq(session, rows) - rows
        conn = session.connection()

        def next_seq() -> int:
            nonlocal seq
            seq += 1
            return seq

        conn.execute(
            insert(LocationRow),
            [
                {"code": c, "zone": z, "aisle": a, "sequence": s, "active": True, "seq": next_seq()}
                for c, z, a, s in bins
            ],
        )
        conn.execute(
            insert(ProductRow),
            [
                {k: v for k, v in p.items() if k != "barcodes"} | {"seq": next_seq()}
                for p in products
            ],
        )
        conn.execute(
            insert(BarcodeRow),
            [{"code": c, "sku": p["sku"], "kind": k} for p in products for c, k in p["barcodes"]],
        )
        conn.execute(
            insert(ToteRow),
            [
                {"code": f"T-{n:04d}", "active": True, "seq": next_seq()}
                for n in range(1, TOTES + 1)
            ],
        )
        conn.execute(
            insert(UserRow),
            [
                {
                    "username": u.username,
                    "display_name": u.display_name,
                    "badge_code": u.badge_code,
                    "roles": ",".join(r.value for r in u.roles),
                    "active": True,
                    "seq": next_seq(),
                    "language": u.language,
                }
                for u in DEMO_USERS
            ],
        )
        stamp = datetime.now(UTC)
        for batch in _chunked(demo_orders(rng, products, count, anchor, demo), CHUNK):
            heads = []
            for head, lines in batch:
                seq = next_seq()
                doc = order_doc(as_order(head, lines), seq)
                heads.append(
                    head | {"seq": seq, "created_at": stamp, "updated_at": stamp, "doc": doc}
                )
            conn.execute(insert(OrderRow), heads)
            conn.execute(insert(OrderLineRow), [line for _, lines in batch for line in lines])
    set_pin(engine, DEMO_SUPERVISOR, DEMO_PIN)
    return (
        f"seeded {len(bins)} bins, {len(products)} products, {TOTES} totes, "
        f"{len(DEMO_USERS)} users and {count} orders"
    )


def _chunked(items: Iterator[_T], size: int) -> Iterator[list[_T]]:
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
