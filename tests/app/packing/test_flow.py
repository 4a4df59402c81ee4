"""The pack flow without the screen: what each scan and tap asks the screen to do."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.commands import CommandName
from app.domain.events import PackHoldReason
from app.domain.model import Order, OrderStatus, Tote, User
from app.domain.pack import PackSession
from app.domain.pack_outcome import PackState
from app.domain.scan import (
    BadgeScan,
    InvalidScan,
    OrderScan,
    Scan,
    ScanCode,
    ToteScan,
    UnknownScan,
)
from app.packing.flow import NOTHING, PackAction, PackDo, PackFlow
from app.packing.service import Candidate, startable
from tests.app.domain.test_pack import KAI, SAM, STATION, cmd, item, picked_order, session

DAN = User("dan", "Dan", "B-DAN", KAI.roles)


def candidate(order: Order) -> Candidate:
    return Candidate(order.order_number, startable(order, STATION))


def flow(user: User | None = KAI) -> PackFlow:
    made = PackFlow(candidate)
    if user is not None:
        made.open(user)
    return made


def with_session() -> tuple[PackFlow, PackSession]:
    """Kai's flow with an order of 2 MUG and 1 PEN on screen, started."""
    made = flow()
    opened = session(picked_order(("MUG", 2, 2), ("PEN", 1, 1)))
    opened.start()
    assert made.opened(opened)
    return made, opened


def test_without_a_session_a_scan_only_starts_one_or_says_why_not() -> None:
    made = flow()
    picked = picked_order(("MUG", 1, 1))
    step = made.scan(OrderScan(picked.order_number, picked))
    assert (step.do, step.candidate) == (PackDo.OPEN, candidate(picked))
    assert made.opening
    made.open_failed()

    not_picked = picked_order(("MUG", 1, 0), number="SO-2")
    not_picked.status = OrderStatus.OPEN
    step = made.scan(OrderScan("SO-2", not_picked))
    assert step.do is PackDo.OPEN
    assert step.candidate is not None
    assert step.candidate.startable.value == "not_picked"
    assert not made.opening  # nothing to read: the screen says why at once

    assert made.scan(UnknownScan("SO-404")).candidate == Candidate("SO-404", startable(None, ""))
    assert made.scan(cmd(CommandName.START_PACK)).do is PackDo.PROMPT_START
    assert made.scan(cmd(CommandName.NEXT)).do is PackDo.PROMPT_START
    assert made.scan(item("MUG")).do is PackDo.NO_ORDER
    assert made.scan(InvalidScan("12x", ScanCode.BAD_CHECK_DIGIT)).do is PackDo.UNREADABLE
    assert made.scan(cmd(CommandName.LOGOUT)) is NOTHING
    assert made.scan(BadgeScan("B-SAM", SAM)) is NOTHING  # the main window's
    assert flow(None).scan(item("MUG")) is NOTHING  # nobody logged in


def test_a_tote_of_one_order_opens_it_and_of_several_lists_them() -> None:
    made = flow()
    step = made.scan(ToteScan("T-7", Tote("T-7")))
    assert (step.do, step.tote) == (PackDo.FIND_TOTE, "T-7")
    assert made.opening
    assert made.scan(item("MUG")).do is PackDo.WAIT  # while it reads
    assert made.tote_found("T-7", []) is NOTHING
    assert not made.opening

    made.scan(ToteScan("T-7", Tote("T-7")))
    one = Candidate("SO-1", startable(picked_order(("MUG", 1, 1)), STATION))
    step = made.tote_found("T-7", [one])
    assert (step.do, step.candidate, step.tote) == (PackDo.OPEN, one, "T-7")
    made.open_failed()

    made.scan(ToteScan("T-7", Tote("T-7")))
    two = Candidate("SO-2", one.startable)
    assert made.tote_found("T-7", [one, two]) is NOTHING
    assert list(made.choices) == ["SO-1", "SO-2"]
    assert made.choose("SO-9") is NOTHING
    step = made.choose("SO-2")
    assert (step.do, step.candidate, step.tote) == (PackDo.OPEN, two, "T-7")
    assert made.choose("SO-1") is NOTHING  # one opening at a time
    assert made.opened(session(picked_order(("MUG", 1, 1), number="SO-2")))
    assert (made.tote, made.choices) == ("", {})


def test_a_session_read_for_someone_who_left_is_dropped() -> None:
    made = flow()
    made.scan(OrderScan("SO-1", picked_order(("MUG", 1, 1))))
    made.close()
    made.open(DAN)
    assert not made.opened(session(picked_order(("MUG", 1, 1))))  # Kai's session
    assert made.session is None


def test_with_a_session_scans_become_intents_of_it() -> None:
    made, opened = with_session()
    step = made.scan(item("MUG"))
    assert step.do is PackDo.ACT
    assert step.intent is not None
    assert step.intent(opened, "").events
    # The carton step: an unknown code is the session's (a carton's barcode)...
    assert made.scan(UnknownScan("CT-S")).do is PackDo.UNREADABLE
    opened.scan(item("MUG"))
    opened.scan(item("PEN"))
    assert opened.state is PackState.CARTON
    step = made.scan(UnknownScan("CT-S"))
    assert step.do is PackDo.ACT
    assert step.intent is not None
    step.intent(opened, "")
    assert opened.state is PackState.WEIGH
    # ... and at WEIGH the CONFIRM barcode takes the scale's stable reading.
    expected = opened.prompt().expected_g
    step = made.scan(cmd(CommandName.CONFIRM), scale_grams=expected)
    assert step.intent is not None
    outcome = step.intent(opened, "340123450000000017")
    assert opened.state is PackState.PRINT, outcome
    assert opened.order.packages[0].weight_g == expected


def test_a_number_on_the_open_keypad_counts_for_the_next_item() -> None:
    made, opened = with_session()
    step = made.scan(item("MUG"), qty_open=True, typed=2)
    assert step.intent is not None
    step.intent(opened, "")
    assert opened.prompt().lines[0].verified == 2


def test_a_finished_order_gives_way_only_to_next_or_confirm() -> None:
    made, opened = with_session()
    opened.hold(PackHoldReason.MISSING_ITEM)
    assert opened.is_finished
    assert not made.scan(item("MUG")).then_next
    assert made.scan(cmd(CommandName.NEXT)).then_next
    assert made.scan(cmd(CommandName.CONFIRM)).then_next
    assert made.labels_failed(opened.order.order_number, 1) is NOTHING
    assert made.tap(PackAction.NEXT).do is PackDo.NEXT
    assert made.session is None


def test_taps() -> None:
    made, _ = with_session()
    assert made.tap(PackAction.NEXT) is NOTHING  # not while the order is being packed
    assert made.tap(PackAction.HOME) is NOTHING
    assert made.tap(PackAction.QTY).do is PackDo.OPEN_QTY
    assert made.tap(PackAction.PAUSE).do is PackDo.PAUSE
    assert made.tap(PackAction.TYPE_CODE).do is PackDo.TYPE_CODE
    for action in (PackAction.UNDO, PackAction.CLOSE, PackAction.HOLD, PackAction.CANCEL):
        assert made.tap(action).do is PackDo.ACT
    assert made.qty_chosen(0) is NOTHING
    assert made.weighed(500) is NOTHING  # not weighing
    assert made.labels_printed("SO-9", 1) is NOTHING  # another order's labels
    assert flow().tap(PackAction.UNDO) is NOTHING  # no session


SCANS: list[Scan] = [
    item("MUG"),
    item("PEN"),
    UnknownScan("CT-S"),
    cmd(CommandName.CONFIRM),
    cmd(CommandName.NEXT),
    cmd(CommandName.CLOSE),
    ToteScan("T-1", Tote("T-1")),
    OrderScan("SO-1", picked_order(("MUG", 2, 2), ("PEN", 1, 1))),
    InvalidScan("x", ScanCode.BAD_CHECK_DIGIT),
    BadgeScan("B-SAM", SAM),
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("scan"), st.sampled_from(range(len(SCANS)))),
            st.tuples(st.just("tap"), st.sampled_from(list(PackAction))),
            st.tuples(st.just("opened"), st.booleans()),
            st.tuples(st.just("failed"), st.just(0)),
            st.tuples(st.just("tote"), st.integers(0, 2)),
        ),
        max_size=40,
    )
)
def test_nothing_is_asked_of_a_session_while_an_order_is_being_opened(acts: Any) -> None:
    made = flow()
    for kind, arg in acts:
        opening, had_session = made.opening, made.session is not None
        if kind == "scan":
            step = made.scan(SCANS[arg])
        elif kind == "tap":
            step = made.tap(arg)
        elif kind == "opened":
            if made.opening:
                made.opened(session(picked_order(("MUG", 2, 2), ("PEN", 1, 1))))
            continue
        elif kind == "failed":
            made.open_failed()
            continue
        else:
            if made.opening and not made.session:
                made.tote_found(
                    "T-1",
                    [
                        Candidate(f"SO-{i}", candidate(picked_order(("MUG", 1, 1))).startable)
                        for i in range(arg)
                    ],
                )
            continue
        if step.do is PackDo.ACT:
            assert had_session
            assert not opening
            if step.intent is not None and made.session is not None:
                step.intent(made.session, "340123450000000017")
        if step.do is PackDo.OPEN:
            assert not had_session
        if opening:
            assert step.do not in (PackDo.ACT, PackDo.OPEN, PackDo.FIND_TOTE, PackDo.OPEN_QTY)
