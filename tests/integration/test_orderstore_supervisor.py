"""Supervisor actions at the order store, on SQLite and PostgreSQL, over real HTTP:
the role guard, the PIN proof and its rate limit, and what each action does."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import proof
from app.domain.events import (
    ClaimCancelled,
    LabelsReprint,
    LinePacked,
    LinePicked,
    OrderClaimed,
    OrderHeld,
    OrderPacked,
    OrderPicked,
    OrderReleased,
    OrderUnheld,
    PackStarted,
    Payload,
    PickerAssigned,
    PickerUnassigned,
    PrioritySet,
    new_event,
)
from app.domain.model import Priority
from app.orderstore import pins
from app.orderstore.models import Counter, EventRow, SupervisorPinRow, UserRow
from app.orderstore.orders import now, take_seq
from app.orderstore.seed import DEMO_PIN, DEMO_SUPERVISOR
from app.supervisor.salts import parse_salt
from tests.integration.conftest import Store
from tests.integration.test_orderstore_api import event, new_order, order, push

_keys: dict[tuple[str, str, str], bytes] = {}


def key_of(store: Store, username: str = DEMO_SUPERVISOR, pin: str = DEMO_PIN) -> bytes:
    """The signing key a station derives: the salt from the store, the PIN typed."""
    cache = (store.url, username, pin)
    if cache not in _keys:
        answer = store.call("GET", f"/supervisors/{username}/pin-salt")
        assert answer.status_code == 200, answer.text
        salt, kdf = parse_salt(answer.content)
        _keys[cache] = proof.derive_key(pin, salt, kdf)
    return _keys[cache]


def signed(
    store: Store,
    payload: Payload,
    *,
    user: str = DEMO_SUPERVISOR,
    pin: str = DEMO_PIN,
    station: str = "station-1",
) -> dict[str, Any]:
    made = new_event(payload, station=station, user=user)
    return dataclasses.replace(made, proof=proof.sign(made, key_of(store, user, pin))).to_json()


def one(store: Store, raw: dict[str, Any], token: str = "station") -> dict[str, Any]:
    [answer] = push(store, raw, token=token)
    return answer


def add_supervisor(store: Store, username: str, pin: str | None = None) -> None:
    with Session(store.engine) as session, session.begin():
        session.add(
            UserRow(
                username=username,
                display_name=username.title(),
                badge_code=f"B-{username}",
                roles="supervisor",
                active=True,
                seq=take_seq(session),
            )
        )
    if pin:
        pins.set_pin(store.engine, username, pin)


# -- the salt ------------------------------------------------------------------------


def test_a_station_gets_the_salt_never_the_key(store: Store) -> None:
    answer = store.call("GET", f"/supervisors/{DEMO_SUPERVISOR}/pin-salt")
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"username", "salt", "kdf", "n", "r", "p", "length"}
    assert body["kdf"] == "scrypt"
    assert body["n"] == 2**14
    with Session(store.engine) as session:
        row = session.get(SupervisorPinRow, DEMO_SUPERVISOR)
        assert row is not None
        assert row.key not in answer.text
        assert DEMO_PIN not in row.key


@pytest.mark.parametrize(
    ("token", "user", "status", "code"),
    [
        (None, DEMO_SUPERVISOR, 401, "unauthorized"),
        ("erp", DEMO_SUPERVISOR, 403, "forbidden"),
        ("station", "ana", 404, "no_pin"),
        ("station", "nobody", 404, "no_pin"),
        ("station", "x" * 65, 422, "invalid"),
    ],
)
def test_the_salt_is_for_stations_and_known_pins(
    store: Store, token: str | None, user: str, status: int, code: str
) -> None:
    answer = store.call("GET", f"/supervisors/{user}/pin-salt", token)
    assert (answer.status_code, answer.json()["code"]) == (status, code)


# -- role guard and proof --------------------------------------------------------------


def test_a_picker_may_not_act_as_supervisor_even_with_a_proof(store: Store) -> None:
    number = new_order(store)
    raw = signed(store, PrioritySet(number, priority=Priority.URGENT))
    raw["user"] = "ana"  # a picker; the proof no longer matches either
    answer = one(store, raw)
    assert (answer["result"], answer["code"]) == ("rejected", "not_allowed")
    assert order(store, number)["priority"] == "high"


@pytest.mark.parametrize(
    "payload",
    [
        lambda n: PrioritySet(n, priority=Priority.LOW),
        lambda n: OrderHeld(n, reason="count check"),
        lambda n: PickerAssigned(n, picker="ben"),
        lambda n: PickerUnassigned(n),
        lambda n: ClaimCancelled(n, station="station-2"),
        lambda n: LabelsReprint(n, station="station-2"),
    ],
)
def test_a_supervisor_action_without_proof_is_refused_and_changes_nothing(
    store: Store, payload: Any
) -> None:
    number = new_order(store)
    before = order(store, number)
    answer = one(store, event(payload(number), user=DEMO_SUPERVISOR))
    assert (answer["result"], answer["code"]) == ("rejected", "supervisor_proof")
    assert order(store, number) == before


def test_a_proof_made_with_another_pin_is_refused(store: Store) -> None:
    number = new_order(store)
    add_supervisor(store, "wrongpin", "13579")
    raw = signed(store, PrioritySet(number, priority=Priority.LOW), user="wrongpin", pin="97531")
    # ``key_of`` derived from the typed (wrong) PIN with the right salt.
    answer = one(store, raw)
    assert (answer["result"], answer["code"]) == ("rejected", "supervisor_proof")
    assert order(store, number)["priority"] == "high"


def test_a_proof_does_not_carry_over_to_a_changed_event(store: Store) -> None:
    number = new_order(store)
    raw = signed(store, PrioritySet(number, priority=Priority.LOW))
    raw["payload"]["priority"] = "urgent"
    answer = one(store, raw)
    assert (answer["result"], answer["code"]) == ("rejected", "supervisor_proof")
    malformed = signed(store, PrioritySet(number, priority=Priority.LOW))
    malformed["proof"] = "ABC"
    refused = store.call("POST", "/events", json={"events": [malformed]})
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_event")


def test_a_supervisor_without_a_pin_cannot_act(store: Store) -> None:
    add_supervisor(store, "nopin")
    number = new_order(store)
    answer = one(store, event(PrioritySet(number, priority=Priority.LOW), user="nopin"))
    assert (answer["result"], answer["code"]) == ("rejected", "supervisor_proof")


def test_wrong_proofs_lock_the_supervisor_for_a_while(store: Store) -> None:
    add_supervisor(store, "locky", "2222")
    number = new_order(store)
    for _ in range(pins.MAX_FAILURES):
        raw = signed(store, PrioritySet(number, priority=Priority.LOW), user="locky", pin="9999")
        assert one(store, raw)["code"] == "supervisor_proof"
    right = signed(store, PrioritySet(number, priority=Priority.LOW), user="locky", pin="2222")
    answer = one(store, right)
    assert (answer["result"], answer["code"]) == ("rejected", "supervisor_locked")
    assert order(store, number)["priority"] == "high"
    # Others are not locked out by it.
    applied = one(store, signed(store, PrioritySet(number, priority=Priority.URGENT)))
    assert applied["result"] == "applied"
    with Session(store.engine) as session, session.begin():  # the lock has run out
        row = session.get(SupervisorPinRow, "locky")
        assert row is not None
        assert row.locked_until is not None
        row.locked_until = now() - timedelta(seconds=1)
    again = signed(store, PrioritySet(number, priority=Priority.LOW), user="locky", pin="2222")
    assert one(store, again)["result"] == "applied"
    assert order(store, number)["priority"] == "low"


def test_a_replayed_signed_event_is_a_duplicate(store: Store) -> None:
    number = new_order(store)
    raw = signed(store, PrioritySet(number, priority=Priority.LOW))
    assert one(store, raw)["result"] == "applied"
    assert one(store, raw) == {"id": raw["id"], "result": "duplicate", "original": "applied"}


# -- each action --------------------------------------------------------------------


def test_priority(store: Store) -> None:
    number = new_order(store)
    assert one(store, signed(store, PrioritySet(number, priority=Priority.URGENT)))["result"] == (
        "applied"
    )
    assert order(store, number)["priority"] == "urgent"


def test_assign_keeps_the_order_for_one_picker_until_unassigned(store: Store) -> None:
    number = new_order(store)
    assert one(store, signed(store, PickerAssigned(number, picker="ben")))["result"] == "applied"
    assert order(store, number)["assigned_user"] == "ben"
    taken = one(store, event(OrderClaimed(number), user="ana"))
    assert (taken["result"], taken["code"]) == ("rejected", "assigned_elsewhere")
    assert one(store, signed(store, PickerUnassigned(number)))["result"] == "applied"
    assert order(store, number)["assigned_user"] is None
    assert one(store, event(OrderClaimed(number), user="ana"))["result"] == "applied"


def test_the_assigned_picker_claims_it(store: Store) -> None:
    number = new_order(store)
    one(store, signed(store, PickerAssigned(number, picker="ben")))
    assert one(store, event(OrderClaimed(number), user="ben"))["result"] == "applied"
    assert order(store, number)["status"] == "picking"


@pytest.mark.parametrize("picker", ["dan", "nobody"])  # a packer; unknown
def test_only_an_active_picker_can_be_assigned(store: Store, picker: str) -> None:
    number = new_order(store)
    answer = one(store, signed(store, PickerAssigned(number, picker=picker)))
    assert (answer["result"], answer["code"]) == ("rejected", "unknown_picker")


def test_hold_and_release_with_reasons(store: Store) -> None:
    number = new_order(store)
    assert one(store, signed(store, OrderHeld(number, reason="address check")))["result"] == (
        "applied"
    )
    held = order(store, number)
    assert (held["status"], held["hold_reason"]) == ("on_hold", "address check")
    answer = one(store, signed(store, OrderUnheld(number, reason="address confirmed")))
    assert answer["result"] == "applied"
    assert order(store, number)["status"] == "open"
    with Session(store.engine) as session:
        kept = session.execute(
            select(EventRow.payload).where(EventRow.id == answer["id"])
        ).scalar_one()
    assert "address confirmed" in kept


def test_hand_back_of_another_stations_order_needs_the_proof(store: Store) -> None:
    number = new_order(store)
    one(store, event(OrderClaimed(number), station="station-2"), token="station2")
    plain = one(store, event(OrderReleased(number), user=DEMO_SUPERVISOR))
    assert (plain["result"], plain["code"]) == ("rejected", "supervisor_proof")
    assert one(store, signed(store, OrderReleased(number)))["result"] == "applied"
    back = order(store, number)
    assert (back["status"], back["assigned_station"]) == ("open", None)


def test_a_persons_own_release_needs_no_proof(store: Store) -> None:
    number = new_order(store)
    one(store, event(OrderClaimed(number), user=DEMO_SUPERVISOR))
    assert one(store, event(OrderReleased(number), user=DEMO_SUPERVISOR))["result"] == "applied"


def test_cancel_a_dead_stations_claim(store: Store) -> None:
    number = new_order(store, ("SKU-10001", 2))
    one(store, event(OrderClaimed(number, tote="T-0001"), station="station-2"), token="station2")
    picked = event(LinePicked(number, line_no=1, qty=1), station="station-2")
    assert one(store, picked, token="station2")["result"] == "applied"
    stale = one(store, signed(store, ClaimCancelled(number, station="station-9")))
    assert (stale["result"], stale["code"]) == ("rejected", "claim_changed")
    assert one(store, signed(store, ClaimCancelled(number, station="station-2")))["result"] == (
        "applied"
    )
    after = order(store, number)
    assert (after["status"], after["assigned_station"]) == ("open", None)
    assert after["lines"][0]["picked_qty"] == 1  # what is in the tote stays picked
    late = one(store, event(LinePicked(number, line_no=1, qty=1), station="station-2"), "station2")
    assert (late["result"], late["code"]) == ("rejected", "wrong_status")


def packed_order(store: Store) -> str:
    number = new_order(store, ("SKU-10001", 1))
    for raw in (
        event(OrderClaimed(number, tote="T-0002")),
        event(LinePicked(number, line_no=1, qty=1)),
        event(OrderPicked(number)),
        event(PackStarted(number), user="dan"),
        event(LinePacked(number, line_no=1, qty=1), user="dan"),
        event(OrderPacked(number, box="BOX-S", weight_g=400), user="dan"),
    ):
        assert one(store, raw)["result"] == "applied", raw
    return number


def requests_of(store: Store, token: str, since: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    while True:
        page = store.call("GET", f"/changes?since={since}&limit=5000", token).json()
        found += page.get("requests", [])
        since = page["next"]
        if not page["more"]:
            return found


def test_reprint_is_handed_to_the_chosen_station_only(store: Store) -> None:
    number = packed_order(store)
    since = _top_seq(store)
    refused = one(store, signed(store, LabelsReprint(number, station="station-2", package_no=7)))
    assert (refused["result"], refused["code"]) == ("rejected", "no_labels")
    answer = one(store, signed(store, LabelsReprint(number, station="station-2")))
    assert answer["result"] == "applied"
    [request] = requests_of(store, "station2", since)
    assert request["kind"] == "order.labels_reprint"
    assert (request["order_number"], request["package_no"]) == (number, None)
    assert (request["requested_by"], request["event_id"]) == (DEMO_SUPERVISOR, answer["id"])
    assert requests_of(store, "station", since) == []
    assert requests_of(store, "station2", request["seq"]) == []


def _top_seq(store: Store) -> int:
    with Session(store.engine) as session:
        return int(session.execute(select(Counter.value)).scalar_one())
