"""PackService on a real station database: find an order by number or tote, pack it
in two packages with SSCCs from the durable counter, every answer stored with its
events in one transaction; a refused weight takes no SSCC; a restart resumes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.carton import DEMO_CARTONS
from app.domain.commands import Command, CommandName
from app.domain.events import OrderClaimed, new_event
from app.domain.model import Order, OrderLine, OrderStatus, Priority, Product, Role, User
from app.domain.pack import PackSession, Tolerance
from app.domain.pack_outcome import PackMessage, PackState
from app.domain.scan import BadgeScan, ProductScan
from app.domain.sscc import SsccRange, is_valid_sscc
from app.packing.service import NotSaved, PackService, Startable
from app.store import LocalStore, open_store
from app.store.pick_runs import RunOrder

STATION = "PACK-1"
KAI = User("kai", "Kai", "B-2001", frozenset({Role.PACKER}))
SAM = User("sam", "Sam", "B-3001", frozenset({Role.SUPERVISOR, Role.PACKER}))
ANA = User("ana", "Ana", "B-1001", frozenset({Role.PICKER}))
MUG = Product("MUG", "Mug", length_mm=120, width_mm=100, height_mm=100, weight_g=350)
PEN = Product("PEN", "Pen", length_mm=150, width_mm=20, height_mm=20, weight_g=20)
NUMBERING = SsccRange("4012345", 0, 7)
AT = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def picked(number: str, *lines: tuple[str, int]) -> Order:
    return Order(
        number,
        Priority.NORMAL,
        AT,
        [OrderLine(i, sku, qty, picked_qty=qty) for i, (sku, qty) in enumerate(lines, start=1)],
        status=OrderStatus.PICKED,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    with open_store(tmp_path / "station.sqlite3") as opened:
        with opened.unit_of_work() as uow:
            for user in (KAI, SAM, ANA):
                uow.users.save(user)
            for product in (MUG, PEN):
                uow.products.save(product)
            uow.orders.save(picked("SO-1", ("MUG", 2), ("PEN", 1)))
            uow.orders.save(picked("SO-2", ("PEN", 2)))
            # Both were picked into tote T-0007 on a cart at this station.
            claims = [
                RunOrder(n, "T-0007", new_event(OrderClaimed(n), station=STATION, user="ana").id)
                for n in ("SO-1", "SO-2")
            ]
            uow.pick_runs.add("ana", claims, AT)
            uow.commit()
        yield opened


@pytest.fixture
def service(store: LocalStore) -> PackService:
    return PackService(
        store,
        station=lambda: STATION,
        numbering=lambda: NUMBERING,
        cartons=lambda: DEMO_CARTONS,
        tolerance=lambda: Tolerance(grams=40, percent=5),
    )


def scan(sku: str) -> ProductScan:
    return ProductScan(sku, {"MUG": MUG, "PEN": PEN}[sku])


def stored(store: LocalStore, number: str) -> Order:
    with store.unit_of_work(readonly=True) as uow:
        order = uow.orders.get(number)
    assert order is not None
    return order


def pending(store: LocalStore) -> list[str]:
    with store.unit_of_work(readonly=True) as uow:
        return [e.event.type.value for e in uow.outbox.pending()]


def test_find_by_order_and_by_tote(service: PackService, store: LocalStore) -> None:
    assert service.find_order("SO-1").startable is Startable.READY
    assert service.find_order("SO-404").startable is Startable.UNKNOWN
    assert [c.order_number for c in service.find_tote("T-0007")] == ["SO-1", "SO-2"]
    assert service.find_tote("T-0099") == []
    with store.unit_of_work() as uow:
        held = uow.orders.get("SO-2")
        assert held is not None
        held.status, held.hold_reason = OrderStatus.ON_HOLD, "address"
        uow.orders.save(held)
        uow.commit()
    assert service.find_order("SO-2").startable is Startable.HELD
    assert [c.order_number for c in service.find_tote("T-0007")] == ["SO-1"]


def test_a_two_package_pack_stored_answer_by_answer(
    service: PackService, store: LocalStore
) -> None:
    session = service.open(KAI, "SO-1", tote="T-0007")
    act = service.act
    act(session, lambda s, _: s.start())
    assert stored(store, "SO-1").status is OrderStatus.PACKING
    too_many = act(session, lambda s, _: s.scan(scan("PEN"), typed=2))  # one was picked
    assert too_many.events == ()
    act(session, lambda s, _: s.scan(scan("PEN")))
    act(session, lambda s, _: s.scan(scan("MUG")))
    assert stored(store, "SO-1").line(2).packed_qty == 1
    act(session, lambda s, _: s.command(Command(CommandName.CLOSE)))
    assert session.state is PackState.CARTON
    suggested = session.prompt().suggested
    assert suggested is not None
    act(session, lambda s, _: s.choose_carton(suggested))
    expected = session.prompt().expected_g
    # A weight far off: refused, and no SSCC was used for it.
    off = act(session, lambda s, sscc: s.weigh(expected * 3, sscc))
    assert off.state is PackState.OVERRIDE
    with store.unit_of_work(readonly=True) as uow:
        assert uow.sscc.last(NUMBERING) == 0
    closed = act(session, lambda s, sscc: s.scan(BadgeScan("B-3001", SAM), sscc=sscc))
    (event,) = closed.events
    first_sscc = event.payload.sscc  # type: ignore[attr-defined]
    assert first_sscc == NUMBERING.sscc(1)
    assert is_valid_sscc(first_sscc)
    package = stored(store, "SO-1").packages[0]
    assert (package.sscc, package.contents) == (first_sscc, ((1, 1), (2, 1)))
    act(session, lambda s, _: s.printed(1))

    # A restart here: the session is rebuilt from the database, at the same step.
    again = service.open(KAI, "SO-1")
    assert again.start().events == ()
    assert again.prompt().lines == session.prompt().lines
    act(again, lambda s, _: s.scan(scan("MUG")))
    act(again, lambda s, _: s.choose_carton(again.prompt().suggested or ""))
    act(again, lambda s, sscc: s.weigh(again.prompt().expected_g, sscc))
    waiting = act(again, lambda s, _: s.printed(2))
    # The rebuilt session does not know package 1's labels are out: it waits for them
    # (the screen reports them from the print queue when it resumes an order).
    assert (waiting.state, waiting.message) == (PackState.PRINT, PackMessage.WAIT_FOR_PRINT)
    assert waiting.args["package_no"] == 1
    packed = act(again, lambda s, _: s.printed(1))
    assert packed.state is PackState.DONE
    order = stored(store, "SO-1")
    assert order.status is OrderStatus.PACKED
    assert [p.sscc for p in order.packages] == [NUMBERING.sscc(1), NUMBERING.sscc(2)]
    assert pending(store).count("package.closed") == 2
    assert pending(store)[-1] == "order.packed"


def test_an_answer_the_database_refuses_is_not_saved(
    service: PackService, store: LocalStore
) -> None:
    session = service.open(KAI, "SO-2")
    service.act(session, lambda s, _: s.start())
    with store.unit_of_work() as uow:  # meanwhile a pull says it was cancelled
        order = uow.orders.get("SO-2")
        assert order is not None
        order.status = OrderStatus.CANCELLED
        uow.orders.save(order)
        uow.commit()
    with pytest.raises(NotSaved) as refused:
        service.act(session, lambda s, _: s.scan(scan("PEN")))
    assert refused.value.code == "order_cancelled"
    assert stored(store, "SO-2").line(1).packed_qty == 0
    assert "line.packed" not in pending(store)


def test_a_session_cannot_open_an_order_packed_elsewhere(service: PackService) -> None:
    with pytest.raises(ValueError, match="not at this station"):
        service.open(KAI, "SO-404")
    assert isinstance(service.open(KAI, "SO-2"), PackSession)


def test_an_order_picked_at_another_station_is_found_by_its_tote(
    service: PackService, store: LocalStore
) -> None:
    elsewhere = picked("SO-3", ("MUG", 1))
    elsewhere.totes = ("T-0042",)  # as the pull brings it
    with store.unit_of_work() as uow:
        uow.orders.save(elsewhere)
        uow.commit()
    assert [c.order_number for c in service.find_tote("T-0042")] == ["SO-3"]
    assert stored(store, "SO-3").totes == ("T-0042",)
