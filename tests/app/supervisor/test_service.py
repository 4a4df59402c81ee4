"""SupervisorService at a station: unlock by PIN, signed events in the outbox, the
local role and rules checks first. The store's side is in
tests/integration/test_supervisor_sync.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import demo_floor_station
from app.domain import proof
from app.domain.events import EventError, EventType, parse_event
from app.domain.model import OrderStatus, Priority
from app.domain.rules import RejectCode
from app.store import open_store
from app.store.local_store import LocalStore
from app.store.models import OrderRow, OutboxRow
from app.supervisor.salts import SaltUnavailable, parse_salt
from app.supervisor.service import SupervisorService, UnlockCode, UnlockError

PIN = "2468"
SALT = bytes(range(16))
FAST = proof.Kdf(n=2**10)  # the tests' KDF: the real one's cost buys nothing here
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class FakeSalts:
    """Salts as the store would hand them; ``down`` makes it unreachable."""

    def __init__(self) -> None:
        self.down = False
        self.asked: list[str] = []

    def pin_salt(self, username: str) -> tuple[bytes, proof.Kdf] | None:
        self.asked.append(username)
        if self.down:
            raise SaltUnavailable("ConnectionError")
        return (SALT, FAST) if username == "sam" else None


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_floor_station(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def station(demo: Path, tmp_path: Path) -> Iterator[LocalStore]:
    copy = tmp_path / "station.sqlite3"
    copy.write_bytes(demo.read_bytes())
    with open_store(copy) as store:
        yield store


@pytest.fixture
def salts() -> FakeSalts:
    return FakeSalts()


@pytest.fixture
def service(station: LocalStore, salts: FakeSalts) -> SupervisorService:
    return SupervisorService(station, salts, station="PACK-1", clock=lambda: NOW)


def first(station: LocalStore, status: OrderStatus) -> str:
    with station.unit_of_work(readonly=True) as uow:
        if status is OrderStatus.OPEN:
            order = uow.orders.next_open()
            assert order is not None
            return order.order_number
    with station.engine.connect() as conn:
        number = conn.execute(
            select(OrderRow.order_number)
            .where(OrderRow.status == status.value)
            .order_by(OrderRow.order_number)
        ).scalar()
    assert number is not None
    return str(number)


def outbox(station: LocalStore) -> list[dict[str, object]]:
    with station.engine.connect() as conn:
        return [
            json.loads(raw)
            for raw in conn.execute(select(OutboxRow.payload).order_by(OutboxRow.position))
            .scalars()
            .all()
        ]


# -- unlock ----------------------------------------------------------------------------


def test_unlock_derives_the_key_from_the_pin(service: SupervisorService) -> None:
    who = service.unlock("sam", PIN)
    assert who.username == "sam"
    assert who.key == proof.derive_key(PIN, SALT, FAST)
    assert PIN not in repr(who)
    assert who.key.hex() not in repr(who)


@pytest.mark.parametrize(
    ("user", "pin", "code"),
    [
        ("ana", PIN, UnlockCode.NOT_SUPERVISOR),  # a picker
        ("nobody", PIN, UnlockCode.NOT_SUPERVISOR),
        ("sam", "12", UnlockCode.BAD_PIN),
        ("sam", "12ab", UnlockCode.BAD_PIN),
        ("ada", PIN, UnlockCode.NO_PIN),  # an admin: may, but has no PIN yet
    ],
)
def test_unlock_refusals(service: SupervisorService, user: str, pin: str, code: UnlockCode) -> None:
    with pytest.raises(UnlockError) as info:
        service.unlock(user, pin)
    assert info.value.code is code


def test_a_picker_is_refused_before_the_store_is_asked(
    service: SupervisorService, salts: FakeSalts
) -> None:
    with pytest.raises(UnlockError):
        service.unlock("ana", PIN)
    assert salts.asked == []
    assert not service.is_supervisor("ana")
    assert service.is_supervisor("sam")


def test_unlock_needs_the_store(service: SupervisorService, salts: FakeSalts) -> None:
    salts.down = True
    with pytest.raises(UnlockError) as info:
        service.unlock("sam", PIN)
    assert info.value.code is UnlockCode.OFFLINE


# -- actions ---------------------------------------------------------------------------


def test_an_action_records_a_signed_event_and_never_the_pin(
    service: SupervisorService, station: LocalStore
) -> None:
    number = first(station, OrderStatus.OPEN)
    who = service.unlock("sam", PIN)
    result = service.set_priority(who, number, Priority.URGENT)
    assert result.ok
    assert result.order is not None
    assert result.order.priority is Priority.URGENT
    [raw] = outbox(station)
    assert (raw["type"], raw["user"], raw["station"]) == ("order.priority_set", "sam", "PACK-1")
    text = json.dumps(raw)
    assert PIN not in text
    assert who.key.hex() not in text
    assert proof.verify(parse_event(raw), who.key)
    assert not proof.verify(parse_event(raw), proof.derive_key("1357", SALT, FAST))


def test_every_action_is_recorded_through_the_local_rules(
    service: SupervisorService, station: LocalStore
) -> None:
    who = service.unlock("sam", PIN)
    number = first(station, OrderStatus.OPEN)
    assert service.assign_picker(who, number, "ben").ok
    assert service.unassign_picker(who, number).ok
    assert service.hold(who, number, "address check").ok
    assert service.release_hold(who, number, "address confirmed").ok
    # The demo's packed orders were seeded without packages: nothing to reprint.
    packed = first(station, OrderStatus.PACKED)
    assert service.reprint_labels(who, packed, "PACK-2").code is RejectCode.NO_LABELS
    types = [raw["type"] for raw in outbox(station)]
    assert types[:4] == [
        EventType.PICKER_ASSIGNED,
        EventType.PICKER_UNASSIGNED,
        EventType.ORDER_HELD,
        EventType.ORDER_UNHELD,
    ]


def test_a_local_refusal_records_nothing(service: SupervisorService, station: LocalStore) -> None:
    who = service.unlock("sam", PIN)
    picked = first(station, OrderStatus.PICKED)
    assert service.assign_picker(who, picked, "ben").code is RejectCode.WRONG_STATUS
    assert service.cancel_claim(who, picked, "PACK-9").code is RejectCode.WRONG_STATUS
    assert service.hand_back(who, "SO-NOPE").code is RejectCode.UNKNOWN_ORDER
    assert outbox(station) == []


def test_a_reason_the_store_would_refuse_is_not_recorded(
    service: SupervisorService, station: LocalStore
) -> None:
    who = service.unlock("sam", PIN)
    with pytest.raises(EventError):
        service.hold(who, first(station, OrderStatus.OPEN), "x" * 201)
    assert outbox(station) == []


# -- the salt answer ---------------------------------------------------------------------


def test_a_salt_answer_is_checked() -> None:
    good = {"salt": SALT.hex(), "kdf": "scrypt", "n": 2**14, "r": 8, "p": 1, "length": 32}
    assert parse_salt(json.dumps(good).encode()) == (SALT, proof.Kdf())
    for bad in (
        good | {"kdf": "md5"},
        good | {"n": 2**30},  # more memory than a kiosk should spend
        good | {"n": 1000},
        good | {"salt": "zz"},
        good | {"r": True},
        {"salt": SALT.hex()},
    ):
        with pytest.raises(SaltUnavailable):
            parse_salt(json.dumps(bad).encode())
    with pytest.raises(SaltUnavailable):
        parse_salt(b"not json")
