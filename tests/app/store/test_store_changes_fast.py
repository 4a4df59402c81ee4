"""The fast path of apply_changes: the same rows as app.domain.wire + app.store.mapping.

``prepare_page`` turns orders straight into parameter tuples (``_fast_orders``) and
writes them at the driver level. These tests hold it to the one definition of the wire
format: whatever the fast path accepts, ``wire`` accepts too, with the same rows; what
it declines goes through ``wire`` (a ``PageError`` naming the row, or the same rows);
and the database ends up holding exactly what the ORM would have written.
"""

from __future__ import annotations

import copy
import gc
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.dialects import sqlite

from app.domain import wire
from app.domain.events import LinePicked, OrderClaimed
from app.domain.model import (
    Location,
    Order,
    OrderLine,
    OrderStatus,
    Package,
    Priority,
    ShipTo,
    Tote,
)
from app.store import LocalStore, PageError, mapping, open_store
from app.store.bulk import paused_gc
from app.store.changes import (
    ChangesPage,
    PageRows,
    _fast_orders,
    _fast_path_cutoff,
    parse_page,
    prepare_page,
    rows_of,
    store_page,
)
from app.store.models import Base
from tests.app.store.store_helpers import (
    PRODUCTS,
    T0,
    USERS,
    event,
    make_order,
    page,
)

DIALECT = sqlite.dialect()
JSON_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def through_json(data: Any) -> Any:
    """What the station receives: the body as the client decodes it."""
    return orjson.loads(orjson.dumps(data))


def slow_rows(body: dict[str, Any]) -> PageRows:
    """The reference: every row read by app.domain.wire, mapped by app.store.mapping."""
    return rows_of(parse_page(body), DIALECT)


def typed(rows: PageRows) -> list[list[tuple[tuple[type, Any], ...]]]:
    """``rows`` with the type of every value, so that ``True`` never equals ``1``."""
    tables = (rows.orders, rows.lines, rows.packages, rows.products, rows.barcodes)
    return [[tuple((type(v), v) for v in row) for row in table] for table in tables]


def outcome(prepare: Any, body: Any) -> tuple[str, Any]:
    """What ``prepare`` makes of ``body``: its typed rows, or its error message."""
    try:
        rows = prepare(body)
    except PageError as error:
        return "error", str(error)
    return "rows", (typed(rows), rows.next)


# -- strategies ----------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
NAME = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
OFFSETS = st.integers(-23 * 60 + 1, 23 * 60 - 1).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
CUTOFFS = st.datetimes(
    min_value=datetime(2001, 1, 1), max_value=datetime(2099, 12, 31), timezones=OFFSETS
)


@st.composite
def order_lines(draw: st.DrawFn) -> list[OrderLine]:
    numbers = draw(st.lists(st.integers(1, 60), min_size=1, max_size=5, unique=True))
    lines = []
    for line_no in numbers:
        qty = draw(st.integers(1, 9))
        picked = draw(st.integers(0, qty))
        short = draw(st.integers(0, qty - picked))
        packed = draw(st.integers(0, picked))
        location = draw(st.none() | TEXT)
        lines.append(OrderLine(line_no, draw(TEXT), qty, picked, short, packed, location))
    return lines


@st.composite
def orders(draw: st.DrawFn) -> Order:
    return Order(
        order_number=draw(NAME),
        priority=draw(st.sampled_from(Priority)),
        cutoff=draw(CUTOFFS),
        lines=draw(order_lines()),
        status=draw(st.sampled_from(OrderStatus)),
        ship_to=ShipTo(draw(TEXT), draw(TEXT), draw(TEXT), draw(TEXT), draw(TEXT)),
        carrier=draw(TEXT),
        assigned_station=draw(st.none() | TEXT),
        assigned_user=draw(st.none() | TEXT),
        hold_reason=draw(TEXT),
        held_from=draw(st.none() | st.sampled_from(OrderStatus)),
        packages=draw(
            st.lists(
                st.builds(Package, st.integers(1, 9), TEXT, st.integers(0, 30_000), TEXT),
                max_size=2,
            )
        ),
        totes=tuple(draw(st.lists(NAME.filter(lambda t: "," not in t), max_size=3, unique=True))),
    )


ORDER_LISTS = st.lists(orders(), min_size=1, max_size=4, unique_by=lambda o: o.order_number)


def order_rows(order_list: list[Order]) -> list[dict[str, Any]]:
    return through_json(
        [{"seq": i + 1, **wire.order_to_json(order)} for i, order in enumerate(order_list)]
    )


# What a broken or unusual order store might send instead of a value of each JSON type:
# the boundaries of the checks (bool for int, 0 and -1, too long, not an enum value...).
_ANY_ODD: list[Any] = [None, True, False, 1.0, "1", [], {}]
ODD_INTS = st.sampled_from([*_ANY_ODD, 0, -1, 2**63]) | st.integers(-2, 12)
ODD_STRS = (
    st.sampled_from(
        [
            *_ANY_ODD,
            0,
            "",
            " ",
            "x" * 41,
            "open",
            "on_hold",
            "cancelled",
            "urgent",
            "low",
            "2026-11-30T08:00:00",
            "2026-11-30T08:00:00+02:00",
            "2026-13-01T00:00:00+00:00",
        ]
    )
    | TEXT
)
ODD_LISTS = st.sampled_from(
    [*_ANY_ODD, [[]], [{}], [1], ["x"], [{"line_no": 1, "sku": "S", "qty": 1}]]
)
ODD_DICTS = st.sampled_from([*_ANY_ODD, {"name": "x"}, ["name"]])


def _odd(value: Any) -> st.SearchStrategy[Any]:
    if isinstance(value, bool) or value is None:
        return st.sampled_from([*_ANY_ODD, 0, 1, "x"])
    if isinstance(value, int):
        return ODD_INTS
    if isinstance(value, str):
        return ODD_STRS
    if isinstance(value, list):
        return ODD_LISTS
    return ODD_DICTS


def _slots(value: Any, out: list[tuple[Any, Any]]) -> None:
    """Every (container, key) inside ``value``, for mutating one place."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in list(items):
        out.append((value, key))
        if isinstance(item, (dict, list)):
            _slots(item, out)


@st.composite
def mutated_rows(draw: st.DrawFn) -> list[Any]:
    """Valid order rows with 1-3 random changes: a value replaced by an odd one of its
    type, a key dropped, a row listed twice, a line number repeated, an extra key."""
    rows: list[Any] = order_rows(draw(ORDER_LISTS))
    for _ in range(draw(st.integers(1, 3))):
        slots: list[tuple[Any, Any]] = []
        _slots(rows, slots)
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        action = draw(st.sampled_from(["replace"] * 6 + ["drop", "twice", "extra"]))
        if action == "replace":  # a copy: the odd lists and objects are shared
            container[key] = copy.deepcopy(draw(_odd(container[key])))
        elif action == "drop":
            del container[key]
        elif action == "twice" and isinstance(container, list) and container:
            again = copy.deepcopy(draw(st.sampled_from(container)))
            if isinstance(again, dict) and "seq" in again:
                again["seq"] = draw(st.integers(0, 9))
            if isinstance(again, dict) and "line_no" in again and draw(st.booleans()):
                again["qty"] = draw(st.integers(1, 3))
            container.append(again)
        elif isinstance(container, dict):
            container["unexpected"] = copy.deepcopy(draw(_odd("")))
    return rows


# -- one definition of the wire format ---------------------------------------------------


@JSON_SETTINGS
@given(ORDER_LISTS)
def test_the_fast_path_takes_what_the_order_store_writes(order_list: list[Order]) -> None:
    rows = order_rows(order_list)
    fast = _fast_orders(rows, DIALECT)
    assert fast is not None, "a row in the order store's own shape went the slow way"
    body = {"next": 9, "orders": rows}
    reference = slow_rows(body)
    prepared = prepare_page(body, DIALECT)
    assert typed(prepared) == typed(reference)
    assert (prepared.orders, prepared.lines, prepared.packages) == fast


@JSON_SETTINGS
@given(mutated_rows())
def test_the_fast_path_accepts_nothing_the_wire_reader_refuses(rows: list[Any]) -> None:
    body = {"next": 9, "orders": rows}
    expected = outcome(slow_rows, body)
    fast = _fast_orders(rows, DIALECT)
    if fast is not None:
        assert expected[0] == "rows", f"the fast path accepted what wire refuses: {expected}"
    # Whichever way prepare_page goes, it ends where the wire reader does.
    assert outcome(lambda b: prepare_page(b, DIALECT), body) == expected


def _canonical_body() -> dict[str, Any]:
    first = make_order("SO-1", lines=[("SKU-1", 2), ("SKU-2", 3)])
    first.lines[1] = OrderLine(2, "SKU-2", 3, picked_qty=2, short_qty=1, packed_qty=1)
    first.packages = [Package(1, "M", 900, "1Z")]
    second = make_order("SO-2")
    second.held_from = OrderStatus.PICKING
    second.assigned_station = "ST-01"
    return through_json(page(next_seq=2, orders=[(1, first), (2, second)]))


EXHAUSTIVE_ODD: dict[type, list[Any]] = {
    int: [True, False, None, 0, -1, 1, 2, 2**63, 1.0, "1", [], {}],
    str: [
        None,
        0,
        True,
        "",
        " ",
        "x" * 41,
        "SO-1",
        "SO-2",
        "open",
        "on_hold",
        "urgent",
        "2026-11-30T08:00:00",
        "2026-11-30T08:00:00+02:00",
        "2026-02-30T08:00:00+00:00",
        [],
        {},
    ],
    list: [None, [], [[]], [{}], [1], {}, "x"],
    dict: [None, {}, [], "x", {"name": "x"}],
    type(None): [0, "", "x", True, "open", [], {}],
}


def _variants() -> list[tuple[str, dict[str, Any]]]:
    """The canonical body with one place changed: every value of every row swapped for
    every odd value of its type, every key dropped, every row, line and package listed
    twice."""
    out = []
    count = len(_all_slots(_canonical_body()))
    for index in range(count):
        container, key = _all_slots(body := _canonical_body())[index]
        odd_values = EXHAUSTIVE_ODD.get(type(container[key]), EXHAUSTIVE_ODD[dict])
        for odd in odd_values:
            container, key = _all_slots(body := _canonical_body())[index]
            container[key] = copy.deepcopy(odd)
            out.append((f"{key}={odd!r}", body))
        container, key = _all_slots(body := _canonical_body())[index]
        if isinstance(container, dict):
            del container[key]
            out.append((f"no {key}", body))
        else:
            container.append(copy.deepcopy(container[key]))
            out.append((f"{key} twice", body))
    return out


def _all_slots(body: dict[str, Any]) -> list[tuple[Any, Any]]:
    slots: list[tuple[Any, Any]] = []
    _slots(body["orders"], slots)
    return slots


def test_every_single_change_ends_where_the_wire_reader_does() -> None:
    variants = _variants()
    assert len(variants) > 400
    accepted = 0
    for name, body in variants:
        expected = outcome(slow_rows, body)
        fast = _fast_orders(body["orders"], DIALECT)
        if fast is not None:
            accepted += 1
            assert expected[0] == "rows", f"{name}: the fast path accepted what wire refuses"
        assert outcome(lambda b: prepare_page(b, DIALECT), body) == expected, name
    assert accepted > 20  # the changes that keep a row valid (other text...) stay fast


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda row: row.pop("packages"), "packages defaults to []"),
        (lambda row: row.update(held_from=""), "empty held_from reads as none"),
        (lambda row: row.update(ship_to=None), "no ship_to reads as empty"),
        (lambda row: row["ship_to"].pop("street"), "ship_to fields default to ''"),
        (lambda row: row["lines"][0].pop("picked_qty"), "counts default to 0"),
        (lambda row: row.update(cutoff="2026-11-30T09:00:00.250+01:00"), "another zone"),
    ],
)
def test_unusual_but_valid_rows_are_stored_as_wire_reads_them(
    store: LocalStore, change: Any, why: str
) -> None:
    body = page(next_seq=2, orders=[(1, make_order("SO-1")), (2, make_order("SO-2"))])
    body = through_json(body)
    change(body["orders"][1])
    expected = wire.order_from_json(body["orders"][1])
    assert store.apply_changes(body) == 2, why
    with store.unit_of_work(readonly=True) as uow:
        assert uow.orders.get("SO-2") == expected
        assert uow.orders.get("SO-1") == make_order("SO-1")


def test_a_line_that_is_not_an_object_is_a_page_error(store: LocalStore) -> None:
    body = through_json(page(next_seq=1, orders=[(1, make_order("SO-1"))]))
    body["orders"][0]["lines"][1] = [1, "SKU-2", 1]
    with pytest.raises(PageError, match=r"orders\[0\]"):
        store.apply_changes(body)
    assert store.changes_since() == 0


def test_the_order_stores_pages_do_not_touch_the_wire_reader(
    store: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = through_json(page(next_seq=3, orders=[(n, make_order(f"SO-{n}")) for n in (1, 2, 3)]))

    def refuse(data: Any) -> Order:
        raise AssertionError("went the slow way")

    monkeypatch.setattr(wire, "order_from_json", refuse)
    assert store.apply_changes(body) == 3


def test_the_fast_path_is_on_for_sqlite() -> None:
    assert _fast_path_cutoff(DIALECT) is not None


# -- what lands in the database -------------------------------------------------------------


def _orders_for_round_trip() -> list[Order]:
    packed = make_order("SO-PACKED", priority=Priority.URGENT)
    packed.status = OrderStatus.PACKED
    packed.lines = [OrderLine(1, "SKU-1", 2, picked_qty=2, packed_qty=2, location=None)]
    packed.packages = [Package(1, "M", 900, "1Z999"), Package(2, "S", 120)]
    packed.cutoff = datetime(2026, 12, 1, 23, 30, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    held = make_order(
        "SO-HELD",
        cutoff=datetime(2026, 12, 31, 19, 15, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
    )
    held.status = OrderStatus.ON_HOLD
    held.held_from = OrderStatus.PICKING
    held.hold_reason = "damaged box"
    held.assigned_station = "ST-02"
    held.assigned_user = "pat"
    plain = make_order("SO-PLAIN", cutoff=T0)
    return [packed, held, plain]


def _raw(store: LocalStore, table: str, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """Every row as SQLite holds it: each value with its storage class."""
    picked = ", ".join(f"typeof({c}), {c}" for c in columns if c != "seq")
    with store.engine.connect() as conn:
        return [
            tuple(row) for row in conn.execute(text(f"SELECT {picked} FROM {table} ORDER BY 2, 4"))
        ]


def test_the_database_holds_what_the_orm_writes(tmp_path: Path) -> None:
    order_list = _orders_for_round_trip()
    locations = [Location("A-01-01-1", "A", "01", 10), Location("Z-9", "Z", "9", 0, active=False)]
    totes = [Tote("T0001"), Tote("T0002", active=False)]
    with open_store(tmp_path / "orm.db") as orm, open_store(tmp_path / "fast.db") as fast:
        with orm.unit_of_work() as uow:
            for order in order_list:
                uow.orders.save(order)
            for product in PRODUCTS:
                uow.products.save(product)
            for location in locations:
                uow.locations.save(location)
            for tote in totes:
                uow.totes.save(tote)
            for user in USERS:
                uow.users.save(user)
            uow.commit()
        body = through_json(
            page(
                next_seq=20,
                orders=[(i + 1, o) for i, o in enumerate(order_list)],
                products=[(10 + i, p) for i, p in enumerate(PRODUCTS)],
                locations=[(12, locations[0]), (13, locations[1])],
                totes=[(14, totes[0]), (15, totes[1])],
                users=[(16 + i, u) for i, u in enumerate(USERS)],
            )
        )
        assert _fast_orders(body["orders"], fast.engine.dialect) is not None
        fast.apply_changes(body)

        for name, columns in (
            ("orders", mapping.ORDER_COLUMNS),
            ("order_lines", mapping.LINE_COLUMNS),
            ("order_packages", mapping.PACKAGE_COLUMNS),
            ("products", mapping.PRODUCT_COLUMNS),
            ("product_barcodes", mapping.BARCODE_COLUMNS),
            ("locations", mapping.LOCATION_COLUMNS),
            ("totes", mapping.TOTE_COLUMNS),
            ("users", mapping.USER_COLUMNS),
        ):
            assert _raw(fast, name, columns) == _raw(orm, name, columns), name

        with fast.unit_of_work(readonly=True) as uow:
            for order in order_list:
                back = uow.orders.get(order.order_number)
                assert back == order
                assert back is not None
                assert back.cutoff.tzinfo is UTC
            assert uow.orders.next_open() == order_list[2]


def test_the_column_lists_are_the_mapping_and_the_tables() -> None:
    order = _orders_for_round_trip()[0]
    cases = [
        (mapping.ORDER_COLUMNS, mapping.order_params(order, 1), "orders"),
        (mapping.LINE_COLUMNS, mapping.line_params("SO-1", order.lines[0]), "order_lines"),
        (
            mapping.PACKAGE_COLUMNS,
            mapping.package_params("SO-1", order.packages[0]),
            "order_packages",
        ),
        (mapping.PRODUCT_COLUMNS, mapping.product_params(PRODUCTS[0], 1), "products"),
        (mapping.BARCODE_COLUMNS, mapping.barcode_params(PRODUCTS[0])[0], "product_barcodes"),
        (
            mapping.LOCATION_COLUMNS,
            mapping.location_params(Location("A", "A", "1", 1), 1),
            "locations",
        ),
        (mapping.TOTE_COLUMNS, mapping.tote_params(Tote("T"), 1), "totes"),
        (mapping.USER_COLUMNS, mapping.user_params(USERS[0], 1), "users"),
    ]
    for columns, params, table in cases:
        assert tuple(params) == columns
        assert set(columns) == set(Base.metadata.tables[table].columns.keys())


# -- the guarantees, on the paths the fast writer adds --------------------------------------


def test_a_page_mixing_stale_and_new_orders_writes_only_the_new(store: LocalStore) -> None:
    newer = make_order("SO-1", lines=[("SKU-9", 9)])
    store.apply_changes(page(next_seq=50, orders=[(50, newer)]))
    body = page(
        next_seq=12,
        orders=[(10, make_order("SO-1")), (11, make_order("SO-2")), (12, make_order("SO-3"))],
    )
    assert store.apply_changes(through_json(body)) == 2
    with store.unit_of_work(readonly=True) as uow:
        assert uow.orders.get("SO-1") == newer  # its lines too: none added, none lost
        assert uow.orders.get("SO-2") == make_order("SO-2")
        assert uow.orders.count() == 3
    assert store.changes_since() == 50


@pytest.mark.parametrize("newest_first", [False, True])
def test_an_order_listed_twice_keeps_its_highest_seq(store: LocalStore, newest_first: bool) -> None:
    old, new = (
        make_order("SO-1"),
        make_order("SO-1", lines=[("SKU-7", 7), ("SKU-8", 8), ("SKU-9", 1)]),
    )
    rows = [(5, old), (7, new)]
    body = through_json(page(next_seq=7, orders=rows[::-1] if newest_first else rows))
    assert store.apply_changes(body) == 1
    with store.unit_of_work(readonly=True) as uow:
        assert uow.orders.get("SO-1") == new


def test_a_stale_product_keeps_its_barcodes(store: LocalStore) -> None:
    store.apply_changes(page(next_seq=30, products=[(30, PRODUCTS[0])]))
    other = replace(PRODUCTS[0], barcodes=())
    assert store.apply_changes(page(next_seq=31, products=[(3, other), (31, PRODUCTS[1])])) == 1
    with store.unit_of_work(readonly=True) as uow:
        assert uow.products.by_sku("SKU-1") == PRODUCTS[0]
        assert uow.products.by_sku("SKU-2") == PRODUCTS[1]


def test_a_newer_copy_replaces_lines_and_packages_and_reapplies_pending_events(
    floor: LocalStore,
) -> None:
    floor.record(event(OrderClaimed("SO-1")))
    floor.record(event(LinePicked("SO-1", line_no=2, qty=1)))
    server = make_order("SO-1", lines=[("SKU-1", 2), ("SKU-2", 1), ("SKU-3", 4)])
    server.packages = [Package(1, "L", 2000)]
    other = make_order("SO-2", priority=Priority.HIGH)
    body = through_json(page(next_seq=60, orders=[(60, server), (59, other)]))
    assert _fast_orders(body["orders"], floor.engine.dialect) is not None
    assert floor.apply_changes(body) == 2
    with floor.unit_of_work(readonly=True) as uow:
        order = uow.orders.get("SO-1")
        assert uow.orders.get("SO-2") == other
    assert order is not None
    assert [line.sku for line in order.lines] == ["SKU-1", "SKU-2", "SKU-3"]
    assert order.packages == [Package(1, "L", 2000)]
    assert order.status is OrderStatus.PICKING
    assert order.line(2).picked_qty == 1


def test_prepare_page_refuses_what_parse_page_refuses_with_the_same_words() -> None:
    good = through_json(page(next_seq=3, orders=[(1, make_order("SO-1"))], users=[(2, USERS[0])]))
    broken = [
        [],
        {"next": -1},
        {**good, "users": [{"seq": 2, "username": "x"}]},
        {**good, "orders": [{**good["orders"][0], "lines": []}]},
        {**good, "orders": [good["orders"][0], {**good["orders"][0], "seq": True}]},
        {**good, "orders": "none"},
    ]
    for body in broken:
        with pytest.raises(PageError) as expected:
            parse_page(body)
        with pytest.raises(PageError) as got:
            prepare_page(body)
        assert str(got.value) == str(expected.value)
    assert typed(prepare_page(good)) == typed(rows_of(parse_page(good)))
    assert prepare_page(good).next == 3


def test_rows_of_a_parsed_page_need_not_come_from_json() -> None:
    parsed = ChangesPage(next=1, orders=[(1, make_order("SO-1"))])
    rows = rows_of(parsed)
    assert [row[0] for row in rows.orders] == ["SO-1"]
    assert len(rows.lines) == 2


# -- the collector pause ----------------------------------------------------------------------


def test_paused_gc_turns_the_collector_back_on_only_if_it_was_on() -> None:
    seen: list[bool] = []

    def work() -> None:
        with paused_gc():
            seen.append(gc.isenabled())
            raise RuntimeError("boom")

    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        work()
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_store_page_still_stores_a_parsed_page(store: LocalStore) -> None:
    parsed = parse_page(through_json(page(next_seq=4, orders=[(4, make_order("SO-4"))])))
    with store.unit_of_work() as uow:
        assert store_page(uow, parsed, T0) == 1
        uow.commit()
    assert store.changes_since() == 4
    with store.unit_of_work(readonly=True) as uow:
        assert uow.orders.get("SO-4") == make_order("SO-4")
