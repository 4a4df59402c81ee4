"""The pick flow without a screen: the cart's rules, single order or batch, what each
tap and scan asks for, and the answers of the store calls it asks the screen to make.

Real sessions over plain orders (no database): the flow does no I/O.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from app.domain.commands import Command, CommandName
from app.domain.events import ShortReason
from app.domain.model import (
    Location,
    Order,
    OrderLine,
    OrderStatus,
    Priority,
    Product,
    Role,
    Tote,
    User,
)
from app.domain.pick import PickMessage, PickSession, PickState
from app.domain.scan import (
    BadgeScan,
    BinScan,
    CommandScan,
    ProductScan,
    ScanCode,
    ToteScan,
    UnknownScan,
)
from app.picking import (
    CART_SLOTS,
    Cart,
    CartCode,
    ClaimStatus,
    Do,
    PanelAnswer,
    PickAction,
    PickFlow,
    Work,
)
from app.store.pick_runs import PickRun, RunOrder

AT = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
PIA = User("pia", "Pia", "B-PIA", frozenset({Role.PICKER}))
BEN = User("ben", "Ben", "B-BEN", frozenset({Role.PICKER}))
MUG = Product("MUG", "mug", location="A-01")


def order(number: str, status: OrderStatus = OrderStatus.PICKING) -> Order:
    return Order(
        number,
        Priority.NORMAL,
        datetime(2024, 5, 1, 15, 0, tzinfo=UTC),
        [OrderLine(1, "MUG", 1, location="A-01")],
        status=status,
        assigned_station="ST-1",
        assigned_user=PIA.username,
    )


def run_of(*numbers: str, totes: bool = False) -> PickRun:
    orders = tuple(
        RunOrder(n, f"T-{i}" if totes else None, uuid.uuid4()) for i, n in enumerate(numbers)
    )
    return PickRun(1, PIA.username, AT, orders)


def session_of(run: PickRun) -> PickSession:
    return PickSession(
        [order(n) for n in run.order_numbers],
        sequence={"A-01": 1},
        station="ST-1",
        user=PIA,
        totes=run.totes or None,
        products={"MUG": MUG},
    )


def ready(flow: PickFlow, run: PickRun) -> PickSession:
    """The flow with ``run`` picked: as the screen gets it from ``PickService.start``."""
    assert flow.ask() is not None
    session = session_of(run)
    assert flow.work_arrived(Work(ClaimStatus.READY, run, session)) is False
    return session


def command(name: CommandName) -> CommandScan:
    cmd = Command(name)
    return CommandScan(cmd.text, cmd)


def tote(code: str, *, active: bool = True) -> ToteScan:
    scan_code = ScanCode.TOTE if active else ScanCode.TOTE_INACTIVE
    return ToteScan(code, Tote(code, active), scan_code)


# -- the cart ----------------------------------------------------------------------------------


def test_the_cart_takes_each_tote_once_up_to_its_capacity() -> None:
    cart = Cart(2)
    assert cart.add("T-1").code is CartCode.ADDED
    assert cart.add("T-1").code is CartCode.ON_CART
    answer = cart.add("T-2")
    assert (answer.code, answer.count, answer.capacity) == (CartCode.ADDED, 2, 2)
    assert cart.add("T-3").code is CartCode.FULL
    assert cart.totes == ("T-1", "T-2")


def test_a_retired_tote_or_one_an_open_run_fills_stays_off_the_cart() -> None:
    cart = Cart(4)
    cart.know_in_use({"T-9": "SO-9"})
    assert cart.add("T-1", active=False).code is CartCode.RETIRED
    busy = cart.add("T-9")
    assert (busy.code, busy.order) == (CartCode.IN_USE, "SO-9")
    assert cart.totes == ()


def test_a_smaller_cart_drops_the_last_totes_and_capacity_stays_in_range() -> None:
    cart = Cart(4)
    for code in ("T-1", "T-2", "T-3"):
        cart.add(code)
    cart.resize(2)
    assert cart.totes == ("T-1", "T-2")
    cart.resize(0)
    assert cart.capacity == 1
    cart.resize(99)
    assert cart.capacity == CART_SLOTS


# -- getting work ------------------------------------------------------------------------------


def test_the_first_tote_scanned_starts_a_cart_and_next_asks_for_it() -> None:
    flow = PickFlow()
    flow.open(PIA)
    step = flow.scan(tote("T-1"))
    assert step.do is Do.CART_ANSWER
    assert step.cart is not None
    assert step.cart.ok
    assert flow.cart_mode
    assert flow.scan(command(CommandName.NEXT)).do is Do.GET_WORK
    ask = flow.ask()
    assert ask is not None
    assert (ask.user, ask.totes, ask.resume_only) == (PIA, ("T-1",), False)
    assert flow.busy
    assert flow.ask() is None  # one question at a time
    assert flow.scan(tote("T-2")).do is Do.WAIT


def test_a_retired_tote_does_not_start_a_cart() -> None:
    flow = PickFlow()
    flow.open(PIA)
    step = flow.scan(tote("T-1", active=False))
    assert step.cart is not None
    assert step.cart.code is CartCode.RETIRED
    assert not flow.cart_mode


def test_next_with_an_empty_cart_asks_for_a_single_order() -> None:
    flow = PickFlow()
    flow.open(PIA)
    flow.tap(PickAction.CART)
    assert flow.cart_mode
    assert flow.tap(PickAction.START_CART).do is Do.NOTHING  # no totes yet
    assert flow.scan(command(CommandName.NEXT)).do is Do.GET_WORK
    assert not flow.cart_mode


def test_next_order_asked_while_the_open_pick_is_looked_for_waits_for_the_look() -> None:
    flow = PickFlow()
    flow.open(PIA)
    assert flow.ask(resume_only=True) is not None
    assert flow.start_next() is False  # remembered
    assert flow.work_arrived(None) is True  # nothing open: now the single order
    assert not flow.busy
    assert flow.work_arrived(None) is False  # asked once


def test_work_ready_empties_the_cart_and_waiting_claims_keep_the_run() -> None:
    flow = PickFlow()
    flow.open(PIA)
    flow.scan(tote("T-0"))
    run = run_of("SO-1", totes=True)
    ready(flow, run)
    assert flow.cart.totes == ()
    assert flow.run == run

    other = PickFlow()
    other.open(PIA)
    other.ask()
    other.work_arrived(Work(ClaimStatus.WAITING, run, waiting=("SO-1",)))
    assert other.session is None
    assert other.run == run
    assert other.sync_round(online=True) is Do.GET_WORK
    assert other.sync_round(online=False) is Do.NOTHING


def test_another_picker_does_not_get_the_last_ones_session_or_cart() -> None:
    flow = PickFlow()
    flow.open(PIA)
    ready(flow, run_of("SO-1"))
    assert flow.open(PIA) is True  # the same picker comes back to it
    assert flow.open(BEN) is False
    assert (flow.session, flow.run, flow.cart.totes) == (None, None, ())


# -- taps on a pick ------------------------------------------------------------------------------


def test_short_and_quantity_say_what_a_step_needs_first() -> None:
    flow = PickFlow()
    flow.open(PIA)
    ready(flow, run_of("SO-1"))
    not_now = flow.tap(PickAction.QTY)
    assert (not_now.do, not_now.message) == (Do.NOT_NOW, PickMessage.SCAN_BIN_FIRST)
    assert not_now.args == {"bin": "A-01"}
    assert flow.tap(PickAction.SHORT).do is Do.OPEN_SHORT
    assert flow.tap(PickAction.CART).do is Do.NOTHING  # not while picking


def test_the_keypad_counts_what_was_typed_with_the_next_item() -> None:
    flow = PickFlow()
    flow.open(PIA)
    session = ready(flow, run_of("SO-1"))
    session.scan(BinScan("A-01", Location("A-01", "A", "A", 1)))
    step = flow.scan(ProductScan("MUG", MUG), typed=1)
    assert step.do is Do.INTENT
    assert step.typed
    assert step.intent is not None
    assert step.intent(session).prompt.state is PickState.DONE
    assert flow.scan(command(CommandName.NEXT)).then is PickAction.NEXT
    assert flow.scan(UnknownScan("??")).do is Do.UNREADABLE
    assert flow.scan(BadgeScan("B-BEN", BEN)).do is Do.NOTHING  # the main window's


def test_the_short_panel_wants_its_reason_first() -> None:
    flow = PickFlow()
    flow.open(PIA)
    session = ready(flow, run_of("SO-1"))
    assert flow.short_cancelled().do is Do.NOTHING
    session.short(0, None)  # asks why
    assert flow.scan(ProductScan("MUG", MUG), short_open=True).do is Do.SHORT_FIRST
    cancel = flow.short_cancelled()
    assert cancel.intent is not None
    assert cancel.intent(session).prompt.state is not PickState.SHORT_REASON
    chosen = flow.short_chosen(0, ShortReason.DAMAGED)
    assert chosen.intent is not None
    assert flow.qty_chosen(0).do is Do.NOTHING


@pytest.mark.parametrize(
    ("then", "cart_mode", "do"),
    [
        (PickAction.HOME, True, Do.LEAVE),
        (PickAction.CART, False, Do.SHOW_CART),
        (PickAction.NEXT, True, Do.SHOW_CART),
        (PickAction.NEXT, False, Do.GET_WORK),
    ],
)
def test_a_finished_pick_closes_then_goes_where_the_picker_said(
    then: PickAction, cart_mode: bool, do: Do
) -> None:
    flow = PickFlow()
    flow.open(PIA)
    flow.cart_mode = cart_mode
    run = run_of("SO-1")
    session = ready(flow, run)
    session.scan(BinScan("A-01", Location("A-01", "A", "A", 1)))
    session.scan(ProductScan("MUG", MUG))
    assert session.is_finished
    if then is not PickAction.NEXT:
        assert flow.tap(then).do is Do.FINISH
    assert flow.closing(then) == run
    if then is not PickAction.HOME:  # the picker waits for it
        assert flow.tap(PickAction.CART).do is Do.NOTHING
    assert flow.run_closed(then) is do
    assert (flow.session, flow.run, flow.busy) == (None, None, False)
    assert flow.cart_mode is (then is PickAction.CART or (cart_mode and then is PickAction.NEXT))


def test_a_stopped_order_set_aside_leaves_the_run_on_screen_at_once() -> None:
    flow = PickFlow()
    flow.open(PIA)
    run = run_of("SO-1", "SO-2", totes=True)
    session = ready(flow, run)
    (told,) = flow.news(session, [order("SO-1", OrderStatus.CANCELLED)])
    assert told.prompt.state is PickState.CANCELLED
    assert flow.news(session_of(run), []) == []  # another session: nothing
    before = session.prompt()
    step = flow.tap(PickAction.SET_ASIDE)
    assert step.intent is not None
    after = step.intent(session).prompt
    assert flow.set_aside_after(before, after) == "SO-1"
    assert flow.live_orders() == (["SO-2"], ["T-1"])
    flow.run_changed(run_of("SO-2"))
    assert flow.run is not None
    assert flow.run.order_numbers == ("SO-2",)


def test_a_count_not_saved_reads_the_session_again_and_scans_wait() -> None:
    flow = PickFlow()
    assert flow.rebuilding() is None  # nobody here
    flow.open(PIA)
    run = run_of("SO-1")
    ready(flow, run)
    assert flow.rebuilding() == (PIA, run)
    assert flow.scan(ProductScan("MUG", MUG)).do is Do.WAIT
    fresh = session_of(run)
    assert flow.rebuilt(fresh) is True
    assert flow.session is fresh
    assert not flow.busy
    flow.rebuilding()
    flow.rebuild_failed()
    assert (flow.session, flow.run, flow.busy) == (None, None, False)


def test_a_run_closed_after_the_picker_logged_out_goes_nowhere() -> None:
    flow = PickFlow()
    flow.open(PIA)
    ready(flow, run_of("SO-1"))
    flow.closing(PickAction.NEXT)
    flow.close()
    flow.open(BEN)
    assert flow.run_closed(PickAction.NEXT) is Do.NOTHING
    assert not flow.busy
    assert flow.close_failed() is False


def test_the_panels_answers_become_intents_or_a_cancel() -> None:
    flow = PickFlow()
    flow.open(PIA)
    session = ready(flow, run_of("SO-1"))
    assert flow.panel(PanelAnswer(short=False, qty=None)).do is Do.QTY_CANCELLED
    assert flow.panel(PanelAnswer(short=False, qty=0)).do is Do.NOTHING
    session.scan(BinScan("A-01", Location("A-01", "A", "A", 1)))
    qty = flow.panel(PanelAnswer(short=False, qty=1))
    assert qty.intent is not None
    assert qty.intent(session).message is PickMessage.QTY_SET
    assert flow.panel(PanelAnswer(short=True, qty=None)).do is Do.NOTHING  # no reason step
    short = flow.panel(PanelAnswer(short=True, qty=0, reason=ShortReason.BIN_EMPTY))
    assert short.intent is not None
    assert short.intent(session).prompt.shorts[0].reason is ShortReason.BIN_EMPTY
