"""A pick handed back, against a real order store on 127.0.0.1: the store applies the
release once, and another station's picker then gets the order with what was picked."""

# ruff: noqa: F811  (the fixtures are imported from the picking tests)
from __future__ import annotations

from pathlib import Path

from app.domain.events import OrderReleased
from app.picking.answers import ClaimStatus
from app.picking.handback import what_to_hand_back
from app.picking.service import PickService
from app.store import open_store
from app.sync.client import OrderStoreClient
from app.sync.engine import SyncEngine
from app.sync.state import SyncStatus
from tests.integration.test_picking import (  # noqa: F401  (the fixtures)
    OTHER,
    Kiosk,
    Remote,
    claim_one,
    kiosk,
    local_order,
    open_kiosk,
    pick_one,
    queue,
    remote,
    user,
)


def test_the_store_applies_a_hand_back_once_and_another_picker_gets_the_order(
    kiosk: Kiosk, remote: Remote, tmp_path: Path
) -> None:
    ana = user(kiosk.store)
    (head,) = queue(kiosk.store, 1)
    session = claim_one(kiosk, ana)
    pick_one(kiosk, session)
    run = kiosk.service.open_run(ana)
    hand_back = what_to_hand_back(session, run, session.order_numbers)
    assert hand_back is not None
    assert [(i.order_number, i.tote, i.picked) for i in hand_back.items] == [(head, None, 1)]

    kiosk.service.hand_back(ana, hand_back)

    with kiosk.store.unit_of_work(readonly=True) as uow:
        (release,) = [
            e.event
            for e in uow.outbox.pending_for([head])
            if type(e.event.payload) is OrderReleased
        ]
    assert kiosk.service.open_run(ana) is None
    kiosk.sync()
    kiosk.sync()  # a second round sends nothing again
    released = {i: r for i, r in remote.events(head).items() if i == str(release.id)}
    assert released == {str(release.id): "applied"}
    # Sent again (a lost answer), the store answers duplicate and changes nothing.
    again = remote.call("POST", "/events", json={"events": [release.to_json()]})
    assert again["results"][0]["result"] == "duplicate"
    server = remote.order(head)
    assert (server["status"], server["assigned_station"], server["assigned_user"]) == (
        "open",
        None,
        None,
    )
    picked = {line["line_no"]: line["picked_qty"] for line in server["lines"]}
    assert sum(picked.values()) == 1  # the piece stays counted
    assert local_order(kiosk.store, head).status.value == "open"

    # Another station's picker claims the next order: the one handed back.
    with open_store(tmp_path / OTHER / "station.sqlite3") as other:
        client = OrderStoreClient(remote.url, remote.tokens[OTHER], timeout_s=10)
        try:
            engine = SyncEngine(other, client)
            assert engine.sync_once().status is SyncStatus.ONLINE
            service = PickService(
                other, station=lambda: OTHER, confirm=lambda _timeout: engine.sync_once()
            )
            work = service.start(user(other, "ben"))
            assert work.status is ClaimStatus.READY, work
            assert work.session is not None
            assert work.session.order_numbers == (head,)
            left = {o.line_no: o.picked_qty for o in work.session.orders[0].lines}
            assert left == picked  # ben picks only what is left
        finally:
            client.close()
    server = remote.order(head)
    assert (server["status"], server["assigned_station"], server["assigned_user"]) == (
        "picking",
        OTHER,
        "ben",
    )
