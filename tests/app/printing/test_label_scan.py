"""The labels screen's flow: a shipping label only after the same order twice, or Print."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.printing.label_scan import LabelAnswer, LabelRequest, LabelScanFlow, Step

ORDER = LabelRequest("shipping", "SO-100001")
OTHER = LabelRequest("shipping", "SO-100002")
BIN = LabelRequest("bin", "A-01-01-1")


def test_an_order_asks_first_and_prints_on_the_second_scan() -> None:
    flow = LabelScanFlow()
    assert flow.scan("shipping", "SO-100001") == LabelAnswer(Step.ASK, ORDER)
    assert flow.waiting == ORDER
    assert flow.scan("shipping", "SO-100001") == LabelAnswer(Step.PRINT, ORDER, confirmed=True)
    assert flow.waiting is None
    # A third scan asks again: one confirmation, one label.
    assert flow.scan("shipping", "SO-100001").step is Step.ASK


def test_print_confirms_the_waiting_label_and_only_that() -> None:
    flow = LabelScanFlow()
    assert flow.confirm() == LabelAnswer(Step.NOTHING)
    flow.scan("shipping", "SO-100001")
    assert flow.confirm() == LabelAnswer(Step.PRINT, ORDER, confirmed=True)
    assert flow.confirm() == LabelAnswer(Step.NOTHING)


def test_another_scan_drops_the_waiting_label_and_says_which() -> None:
    flow = LabelScanFlow()
    flow.scan("shipping", "SO-100001")
    assert flow.scan("shipping", "SO-100002") == LabelAnswer(Step.ASK, OTHER, dropped=ORDER)
    assert flow.scan("bin", "A-01-01-1") == LabelAnswer(Step.PRINT, BIN, dropped=OTHER)
    assert flow.waiting is None
    flow.scan("shipping", "SO-100001")
    assert flow.drop() == ORDER
    assert flow.drop() is None


def test_labels_other_than_shipping_print_at_once() -> None:
    flow = LabelScanFlow()
    for template in ("bin", "tote", "product"):
        assert flow.scan(template, "X").step is Step.PRINT


Intent = tuple[str, str] | None  # a scan (template, key), or None for Print
INTENTS = st.one_of(
    st.none(),
    st.tuples(st.sampled_from(["shipping", "bin", "tote"]), st.sampled_from(["SO-1", "SO-2"])),
    st.just(("drop", "")),
)


@given(st.lists(INTENTS, max_size=30))
def test_a_shipping_label_prints_only_right_after_it_was_asked_about(
    intents: list[Intent],
) -> None:
    flow = LabelScanFlow()
    asked: LabelRequest | None = None  # what the screen last asked about, still open
    for intent in intents:
        if intent == ("drop", ""):
            assert flow.drop() == asked
            asked = None
            continue
        answer = flow.confirm() if intent is None else flow.scan(*intent)
        if answer.step is Step.PRINT and answer.request is not None:
            if answer.request.template == "shipping":
                assert answer.confirmed
                assert answer.request == asked
            assert answer.dropped == (None if answer.confirmed else asked)
            asked = None
        elif answer.step is Step.ASK:
            assert answer.dropped == asked
            asked = answer.request
        else:
            assert asked is None
        assert flow.waiting == asked
