"""The deterministic demo data set, and N generated orders for benchmarks.

Everything comes from ``random.Random(SEED)``; only order cutoffs are placed relative
to an anchor day (the seeding day unless given), so a demo is never all overdue.

Code formats (README "Demo data"):
    bins      ``A-01-02-3``  zone A-E, aisle 01-06, bay 01-04, level 1-4 (480 bins)
    totes     ``T-0001`` .. ``T-0040``
    products  ``SKU-10001`` .. ``SKU-10320``; EAN-13 ``40123450xxxxC``; every third
              also a UPC-A ``0361230xxxxC``; every fifth also a case GTIN-14
              ``140123450xxxxC``
    orders    ``SO-100001`` ..
    badges    ``B-1001`` ..  (see DEMO_USERS)
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

from app.domain.gtin import with_check_digit
from app.domain.model import Order, OrderLine, OrderStatus, Priority, Role, ShipTo
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

SEED = 20261129
ZONES = "ABCDE"
AISLES = 6
BAYS = 4
LEVELS = 4
PRODUCTS = 320
TOTES = 40
DEMO_ORDERS = 240
CHUNK = 5000


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    display_name: str
    badge_code: str
    roles: tuple[Role, ...]


DEMO_USERS = (
    DemoUser("ana", "Ana Picker", "B-1001", (Role.PICKER,)),
    DemoUser("ben", "Ben Picker", "B-1002", (Role.PICKER,)),
    DemoUser("cleo", "Cleo Picker", "B-1003", (Role.PICKER,)),
    DemoUser("dan", "Dan Packer", "B-2001", (Role.PACKER,)),
    DemoUser("eva", "Eva Packer", "B-2002", (Role.PACKER,)),
    DemoUser("finn", "Finn Pick-and-Pack", "B-2003", (Role.PICKER, Role.PACKER)),
    DemoUser("sam", "Sam Supervisor", "B-3001", (Role.SUPERVISOR, Role.PICKER, Role.PACKER)),
    DemoUser("ada", "Ada Admin", "B-9001", (Role.ADMIN,)),
)

# The demo supervisor's PIN, typed after the badge for supervisor actions (documented
# in the README with the demo data set). A real site sets PINs with
# ``scanpack-store user pin USERNAME``.
DEMO_SUPERVISOR = "sam"
DEMO_PIN = "2468"

_ADJECTIVES = (
    "Blue",
    "Red",
    "Compact",
    "Heavy-duty",
    "Organic",
    "Stainless",
    "Wireless",
    "Mini",
    "Large",
    "Foldable",
    "Classic",
    "Eco",
    "Pro",
    "Soft",
    "Waterproof",
    "Bamboo",
)
_NOUNS = (
    "Mug",
    "Notebook",
    "Torch",
    "Backpack",
    "Water bottle",
    "Charger",
    "Glove pair",
    "Scissors",
    "Tape roll",
    "Lunch box",
    "Tea towel",
    "Desk lamp",
    "Cable 2m",
    "Padlock",
    "Sock pack",
    "Phone case",
    "Thermos",
    "Measuring tape",
    "Candle",
    "Plant pot",
)
_CITIES = (
    ("Berlin", "10115", "DE"),
    ("Hamburg", "20095", "DE"),
    ("Munich", "80331", "DE"),
    ("Vienna", "1010", "AT"),
    ("Zurich", "8001", "CH"),
    ("Amsterdam", "1012", "NL"),
    ("Lyon", "69001", "FR"),
    ("Milan", "20121", "IT"),
    ("Warsaw", "00-001", "PL"),
)
_FIRST = ("Alex", "Maria", "Jonas", "Lena", "Tom", "Sofia", "Nils", "Ines", "Omar", "Julia")
_LAST = ("Schmidt", "Rossi", "Novak", "Meyer", "Dubois", "Weber", "Kowalski", "Berg")
_STREETS = ("Main St", "Harbour Rd", "Mill Lane", "Station Sq", "Park Ave", "Elm Way")
CARRIERS = ("DHL", "UPS", "DPD", "GLS")


def bin_codes() -> list[tuple[str, str, str, int]]:
    """Every bin as ``(code, zone, aisle, sequence)`` along a serpentine pick path.

    The walk goes zone by zone, aisle by aisle, up the even aisles' bays and down the
    odd ones', so consecutive sequence numbers are physical neighbours.
    """
    bins = []
    sequence = 0
    for zone in ZONES:
        for aisle in range(1, AISLES + 1):
            bays = range(1, BAYS + 1) if aisle % 2 else range(BAYS, 0, -1)
            for bay in bays:
                for level in range(1, LEVELS + 1):
                    sequence += 10
                    code = f"{zone}-{aisle:02d}-{bay:02d}-{level}"
                    bins.append((code, zone, f"{zone}-{aisle:02d}", sequence))
    return bins


def demo_products(rng: random.Random, bins: list[str]) -> Iterator[dict[str, Any]]:
    """Product rows; ``barcodes`` holds ``(code, kind)`` pairs with valid check digits."""
    homes = rng.sample(bins, PRODUCTS)
    for index in range(PRODUCTS):
        number = 10001 + index
        barcodes = [(with_check_digit(f"40123450{index:04d}"), "ean13")]
        if index % 3 == 0:
            barcodes.append((with_check_digit(f"0361230{index:04d}"), "upca"))
        if index % 5 == 0:
            barcodes.append((with_check_digit(f"140123450{index:04d}"), "gtin14"))
        name = f"{_ADJECTIVES[index % len(_ADJECTIVES)]} {_NOUNS[(index * 7) % len(_NOUNS)]}"
        yield {
            "sku": f"SKU-{number}",
            "name": name,
            "length_mm": rng.randrange(40, 400, 5),
            "width_mm": rng.randrange(30, 300, 5),
            "height_mm": rng.randrange(10, 250, 5),
            "weight_g": rng.randrange(20, 4000, 10),
            "location": homes[index],
            "active": True,
            "barcodes": barcodes,
        }


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
                }
                for u in DEMO_USERS
            ],
        )
        stamp = datetime.now(UTC)
        for batch in _chunked(_orders(rng, products, count, anchor, demo), CHUNK):
            heads = []
            for head, lines in batch:
                seq = next_seq()
                doc = order_doc(_as_order(head, lines), seq)
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


def _orders(
    rng: random.Random,
    products: list[dict[str, Any]],
    count: int,
    anchor: date,
    demo: bool,
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    priorities = (
        [Priority.LOW] * 2 + [Priority.NORMAL] * 12 + [Priority.HIGH] * 4 + [Priority.URGENT]
    )
    for index in range(count):
        number = f"SO-{100001 + index}"
        status = _demo_status(index) if demo else OrderStatus.OPEN
        picked = status in (OrderStatus.PICKED, OrderStatus.PACKED, OrderStatus.SHIPPED)
        packed = status in (OrderStatus.PACKED, OrderStatus.SHIPPED)
        day = anchor + timedelta(days=rng.choice((0, 0, 1, 1, 2)))
        cutoff = datetime.combine(day, time(rng.choice((12, 14, 16, 18)), 0), UTC)
        city, postcode, country = rng.choice(_CITIES)
        head = {
            "order_number": number,
            "status": status.value,
            "priority": rng.choice(priorities).value,
            "cutoff": cutoff,
            "carrier": rng.choice(CARRIERS),
            "ship_name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            "ship_street": f"{rng.randrange(1, 200)} {rng.choice(_STREETS)}",
            "ship_city": city,
            "ship_postcode": postcode,
            "ship_country": country,
            "assigned_station": None,
            "assigned_user": None,
            "hold_reason": "address check" if status is OrderStatus.ON_HOLD else "",
            "held_from": OrderStatus.OPEN.value if status is OrderStatus.ON_HOLD else None,
            "cancel_reason": "customer cancelled" if status is OrderStatus.CANCELLED else "",
        }
        # 1-8 lines, five on average (the benchmark's 10,000 orders make 50,000 lines).
        line_count = rng.choice((1, 2, 3, 4, 5, 6, 7, 8, 8, 6))
        lines = []
        for line_no, product in enumerate(rng.sample(products, line_count), start=1):
            qty = rng.choice((1, 1, 1, 1, 2, 2, 3, 5))
            lines.append(
                {
                    "order_number": number,
                    "line_no": line_no,
                    "sku": product["sku"],
                    "qty": qty,
                    "picked_qty": qty if picked else 0,
                    "short_qty": 0,
                    "packed_qty": qty if packed else 0,
                    "location": product["location"],
                }
            )
        yield head, lines


def _as_order(head: dict[str, Any], lines: list[dict[str, Any]]) -> Order:
    held_from = head["held_from"]
    return Order(
        order_number=head["order_number"],
        status=OrderStatus(head["status"]),
        priority=Priority(head["priority"]),
        cutoff=head["cutoff"],
        carrier=head["carrier"],
        ship_to=ShipTo(
            head["ship_name"],
            head["ship_street"],
            head["ship_city"],
            head["ship_postcode"],
            head["ship_country"],
        ),
        hold_reason=head["hold_reason"],
        held_from=OrderStatus(held_from) if held_from else None,
        lines=[
            OrderLine(
                line_no=line["line_no"],
                sku=line["sku"],
                qty=line["qty"],
                picked_qty=line["picked_qty"],
                packed_qty=line["packed_qty"],
                location=line["location"],
            )
            for line in lines
        ],
    )


def _demo_status(index: int) -> OrderStatus:
    """A fixed mix for the demo: mostly open, some ready to pack, a few of everything else."""
    slot = index % 50
    if slot < 38:
        return OrderStatus.OPEN
    if slot < 44:
        return OrderStatus.PICKED
    return {
        44: OrderStatus.PACKED,
        45: OrderStatus.PACKED,
        46: OrderStatus.SHIPPED,
        47: OrderStatus.ON_HOLD,
        48: OrderStatus.CANCELLED,
        49: OrderStatus.SHIPPED,
    }[slot]


def _chunked(items: Iterator[_T], size: int) -> Iterator[list[_T]]:
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
