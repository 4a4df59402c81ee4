"""Property tests: random taps, scans and store answers keep the pick flow's invariants.

Whatever a picker taps and scans on the start and cart pages, however the cart's size
is set, and whichever way the store calls the flow asks for come back (work, nothing,
a failure; a run closed): the cart never holds more totes than it may, never one twice,
never a retired tote nor one an open run fills; the flow asks for work only while it
is not asking already, and for a cart only with totes on it; a cart's question carries
exactly the cart's totes.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.commands import Command, CommandName
from app.domain.model import Role, Tote, User
from app.domain.scan import CommandScan, ScanCode, ToteScan, UnknownScan
from app.picking import (
    CART_SLOTS,
    Cart,
    CartCode,
    ClaimStatus,
    Do,
    PickAction,
    PickFlow,
    Work,
    WorkAsk,
)
from app.store.pick_runs import PickRun, RunOrder

PIA = User("pia", "Pia", "B-PIA", frozenset({Role.PICKER}))
TOTES = [f"T-{i}" for i in range(8)]
IN_USE = {"T-6": "SO-6", "T-7": "SO-7"}
RETIRED = {"T-5"}

totes = st.sampled_from(TOTES)
event = st.one_of(
    st.tuples(st.just("tote"), totes),
    st.tuples(st.just("tap"), st.sampled_from(list(PickAction))),
    st.tuples(st.just("cmd"), st.sampled_from([CommandName.NEXT, CommandName.CONFIRM])),
    st.just(("unknown",)),
    st.tuples(st.just("resize"), st.integers(-2, CART_SLOTS + 2)),
    st.tuples(st.just("answer"), st.sampled_from(["none", "no_work", "waiting", "failed"])),
    st.just(("start_next",)),
    st.just(("resume",)),
    st.just(("closed",)),
)


def scan_tote(code: str) -> ToteScan:
    active = code not in RETIRED
    return ToteScan(code, Tote(code, active), ScanCode.TOTE if active else ScanCode.TOTE_INACTIVE)


def check(flow: PickFlow) -> None:
    cart = flow.cart
    assert 1 <= cart.capacity <= CART_SLOTS
    assert len(cart.totes) <= cart.capacity
    assert len(set(cart.totes)) == len(cart.totes)
    assert not set(cart.totes) & (RETIRED | set(IN_USE))


@settings(max_examples=300, deadline=None)
@given(capacity=st.integers(1, CART_SLOTS), events=st.lists(event, max_size=40))
def test_random_taps_scans_and_answers_keep_the_cart_and_the_questions_sound(
    capacity: int, events: list[tuple[Any, ...]]
) -> None:
    flow = PickFlow(capacity)
    flow.cart.know_in_use(IN_USE)
    flow.open(PIA)
    asking: WorkAsk | None = None

    def ask(resume_only: bool = False) -> None:
        nonlocal asking
        was_busy = flow.busy
        got = flow.ask(resume_only=resume_only)
        assert (got is None) == was_busy  # never two questions at once
        if got is not None:
            assert got.totes == (flow.cart.totes if flow.cart_mode else ())
            assert got.resume_only or not flow.cart_mode or got.totes
            asking = got

    for kind, *args in events:
        step = None
        if kind == "tote":
            step = flow.scan(scan_tote(args[0]))
            assert step.cart is not None or step.do is Do.WAIT
            if step.cart is not None:
                answer = step.cart
                assert answer.ok == (answer.code is CartCode.ADDED)
                assert answer.tote in flow.cart.totes or not answer.ok
        elif kind == "tap":
            step = flow.tap(args[0])
        elif kind == "cmd":
            step = flow.scan(CommandScan(Command(args[0]).text, Command(args[0])))
        elif kind == "unknown":
            step = flow.scan(UnknownScan("??"))
            assert step.do in (Do.UNREADABLE, Do.WAIT)
        elif kind == "resize":
            flow.cart.resize(args[0])
        elif kind == "start_next" and flow.start_next():
            ask()
        elif kind == "resume":
            ask(resume_only=True)
        elif kind == "answer" and asking is not None and flow.busy:
            if args[0] == "failed":
                flow.work_failed()
            elif args[0] == "none":
                if flow.work_arrived(None):
                    assert not flow.cart_mode
                    ask()
            else:
                status = ClaimStatus.NO_WORK if args[0] == "no_work" else ClaimStatus.WAITING
                run = None
                if status is ClaimStatus.WAITING:
                    order = RunOrder("SO-1", None, uuid.uuid4())
                    run = PickRun(1, PIA.username, datetime(2024, 5, 1, tzinfo=UTC), (order,))
                flow.work_arrived(Work(status, run, waiting=("SO-1",) if run else ()))
            if not flow.busy:
                asking = None
        elif kind == "closed" and flow.busy and asking is None:
            flow.run_closed(PickAction.NEXT)
        if step is not None and step.do is Do.GET_WORK:
            assert not flow.busy
            assert flow.session is None
            ask()
        check(flow)
    assert flow.session is None  # no work was ever ready


@settings(max_examples=200, deadline=None)
@given(
    capacity=st.integers(-3, CART_SLOTS + 3),
    adds=st.lists(st.tuples(totes, st.booleans()), max_size=30),
)
def test_a_cart_answers_every_tote_by_its_rules(
    capacity: int, adds: list[tuple[str, bool]]
) -> None:
    cart = Cart(capacity)
    cart.know_in_use(IN_USE)
    for code, active in adds:
        before = cart.totes
        answer = cart.add(code, active=active)
        if not active:
            expected = CartCode.RETIRED
        elif code in before:
            expected = CartCode.ON_CART
        elif len(before) >= cart.capacity:
            expected = CartCode.FULL
        elif code in IN_USE:
            expected = CartCode.IN_USE
        else:
            expected = CartCode.ADDED
        assert answer.code is expected
        assert cart.totes == ((*before, code) if answer.ok else before)
        assert answer.count == len(cart.totes)
        assert len(cart.totes) <= cart.capacity
