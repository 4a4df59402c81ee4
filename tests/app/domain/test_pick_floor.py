"""What the floor trial found in the pick flow (issue "What a morning on the floor found").

Each test is a case where the screen's sentence or the count drifted from what the
picker did or holds: the totals undo reports, a number typed on the keypad without OK,
where an undone piece is, undoing a short, one piece too many, the shorts on the done
screen.
"""

from __future__ import annotations

from app.domain.commands import CommandName
from app.domain.events import LinePicked, LineShortUndone, LineUnpicked, ShortReason
from app.domain.pick import PickMessage, PickState, Tone
from app.domain.pick_outcome import ShortLine
from tests.app.domain.test_pick import (
    assert_wrong,
    bin_,
    cmd,
    counts,
    item,
    order,
    run,
    session,
    tote,
)


def test_undos_in_a_row_tell_the_true_total() -> None:
    s = session(order("SO-1", ("MUG", 3), ("PEN", 1)))
    run(s, bin_("A-01"), item("MUG"), item("MUG"))
    first, second = s.undo(), s.undo()
    assert (first.args["qty"], first.args["total"]) == (1, 1)
    assert (second.args["qty"], second.args["total"]) == (1, 2)
    assert counts(s)[("SO-1", 1)] == (0, 0)
    # Anything else in between starts a new total.
    run(s, item("MUG"))
    assert s.undo().args["total"] == 1


def test_undo_in_a_batch_says_the_piece_is_in_its_tote() -> None:
    s = session(
        order("SO-1", ("MUG", 2)), order("SO-2", ("PEN", 1)), totes={"SO-1": "T-1", "SO-2": "T-2"}
    )
    run(s, bin_("A-01"), item("MUG"), tote("T-1"))
    undone = s.undo()
    assert undone.message is PickMessage.UNDONE
    assert (undone.args["where"], undone.args["tote"], undone.args["bin"]) == (
        "tote",
        "T-1",
        "A-01",
    )
    single = session(order("SO-3", ("MUG", 2)))
    run(single, bin_("A-01"), item("MUG"))
    assert single.undo().args["where"] == "hand"


def test_undo_right_after_a_short_takes_back_the_short() -> None:
    s = session(order("SO-1", ("MUG", 1), ("PEN", 2), ("CAP", 1)))
    run(s, bin_("A-01"), item("MUG"), bin_("A-02"))
    short = s.short(0, ShortReason.BIN_EMPTY)
    assert short.message is PickMessage.SHORT_RECORDED
    assert counts(s)[("SO-1", 2)] == (0, 2)
    undone = s.undo()
    assert undone.message is PickMessage.SHORT_UNDONE
    assert undone.events[0].payload == LineShortUndone("SO-1", 2, 2)
    assert counts(s)[("SO-1", 1)] == (1, 0)  # the counted piece stays counted
    assert counts(s)[("SO-1", 2)] == (0, 0)  # the line is open again
    assert s.prompt().sku == "PEN"
    # The next undo is the counted piece before it.
    again = s.undo()
    assert again.events[0].payload == LineUnpicked("SO-1", 1, 1)


def test_a_number_typed_without_ok_applies_to_the_next_item_scan() -> None:
    s = session(order("SO-1", ("MUG", 3)))
    run(s, bin_("A-01"))
    out = s.scan(item("MUG"), typed=2)
    assert out.message is PickMessage.ITEM_COUNTED
    assert [e.payload for e in out.events] == [LinePicked("SO-1", 1, 2, location="A-01")]
    assert out.args["left"] == 1


def test_the_open_keypad_refuses_a_scan_it_cannot_apply() -> None:
    s = session(order("SO-1", ("MUG", 3)))
    run(s, bin_("A-01"))
    nothing = s.scan(item("MUG"), typed=0)
    assert (nothing.tone, nothing.message, nothing.events) == (
        Tone.WRONG,
        PickMessage.QTY_NOT_TYPED,
        (),
    )
    assert s.scan(bin_("A-01"), typed=2).message is PickMessage.FINISH_QTY
    too_many = s.scan(item("MUG"), typed=4)
    assert (too_many.message, too_many.args["left"]) == (PickMessage.OVER_PICK, 3)
    assert counts(s)[("SO-1", 1)] == (0, 0)


def test_a_typed_number_in_a_batch_goes_into_the_tote_whole() -> None:
    s = session(
        order("SO-1", ("MUG", 3)), order("SO-2", ("PEN", 1)), totes={"SO-1": "T-1", "SO-2": "T-2"}
    )
    run(s, bin_("A-01"))
    held = s.scan(item("MUG"), typed=3)
    assert held.state is PickState.PUT_IN_TOTE
    assert held.prompt.pending_qty == 3
    counted = s.scan(tote("T-1"))
    assert [e.payload.qty for e in counted.events if isinstance(e.payload, LinePicked)] == [3]


def test_one_piece_too_many_on_a_just_completed_line_is_named() -> None:
    s = session(order("SO-1", ("MUG", 2), ("CAP", 1)))
    run(s, bin_("A-01"), item("MUG"), item("MUG"))
    assert s.prompt().state is PickState.GO_TO_BIN  # on to the cap's bin
    extra = assert_wrong(s, item("MUG"), PickMessage.ONE_TOO_MANY)
    assert extra.args == {"sku": "MUG", "qty": 1, "picked": 2, "bin": "A-01"}
    # At the next bin too, and with a GS1 count of two.
    run(s, bin_("B-01"))
    extra = assert_wrong(s, item("MUG", qty=2), PickMessage.ONE_TOO_MANY)
    assert extra.args["qty"] == 2
    # An item of no line at all is still just the wrong item.
    assert_wrong(s, item("TEE"), PickMessage.WRONG_ITEM)


def test_the_done_prompt_lists_the_shorts_with_their_reasons() -> None:
    s = session(order("SO-1", ("MUG", 2), ("PEN", 1)))
    run(s, bin_("A-01"), item("MUG"))
    s.short(0, ShortReason.DAMAGED)
    run(s, bin_("A-02"), item("PEN"))
    done = s.prompt()
    assert done.state is PickState.DONE
    assert done.shorts == (ShortLine("SO-1", "MUG", 1, ShortReason.DAMAGED),)


def test_a_rebuilt_session_knows_short_reasons_it_is_given() -> None:
    s = session(order("SO-1", ("MUG", 2), ("PEN", 1)))
    run(s, bin_("A-01"), item("MUG"))
    s.short(0, ShortReason.NOT_FOUND)
    orders = s.orders
    from app.domain.pick import PickSession
    from tests.app.domain.test_pick import AT, PICKER, PRODUCTS, SEQUENCE, STATION

    plain = PickSession(
        orders, sequence=SEQUENCE, station=STATION, user=PICKER, products=PRODUCTS, clock=lambda: AT
    )
    told = PickSession(
        orders,
        sequence=SEQUENCE,
        station=STATION,
        user=PICKER,
        products=PRODUCTS,
        clock=lambda: AT,
        short_reasons={("SO-1", 1): ShortReason.NOT_FOUND},
    )
    for rebuilt in (plain, told):
        run(rebuilt, bin_("A-02"), item("PEN"))
    assert plain.prompt().shorts == (ShortLine("SO-1", "MUG", 1, None),)
    assert told.prompt().shorts == (ShortLine("SO-1", "MUG", 1, ShortReason.NOT_FOUND),)


def test_skip_counts_the_lines_skipped() -> None:
    s = session(order("SO-1", ("MUG", 1), ("PEN", 1), ("CAP", 1)))
    assert s.skip().args["skipped"] == 1
    assert s.skip().args["skipped"] == 2
    assert s.scan(cmd(CommandName.SKIP)).args["skipped"] == 3
