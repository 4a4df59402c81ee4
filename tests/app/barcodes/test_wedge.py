"""The keyboard-wedge recogniser: scanner bursts become scans, people's typing goes through."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable

import pytest

from app.barcodes.wedge import (
    BROKEN_GRACE_S,
    PassKey,
    PassThrough,
    Rejected,
    RejectReason,
    ScannerConfig,
    WedgeAction,
    WedgeRecogniser,
    to_raw_scan,
)
from app.config import Settings
from app.domain.scan import MAX_SCAN_LENGTH, RawScan, ScanSource
from app.domain.symbology import GS, Symbology

FAST = 0.004  # a scanner: 4 ms between keys
SLOW = 0.180  # a person


def feed(
    wedge: WedgeRecogniser,
    text: str,
    *,
    start: float,
    gap: float,
    end: str | None = "Enter",
) -> tuple[list[WedgeAction], float]:
    """Type ``text`` one key per ``gap`` from ``start``, then ``end``; (actions, last t)."""
    actions: list[WedgeAction] = []
    t = start
    for char in text:
        actions += wedge.key(char, t)
        t += gap
    if end is not None:
        actions += wedge.key_special(end, t)
    return actions, t


def typed(actions: Iterable[WedgeAction]) -> str:
    return "".join(a.text for a in actions if isinstance(a, PassThrough))


@pytest.fixture
def wedge() -> WedgeRecogniser:
    return WedgeRecogniser(ScannerConfig())


def test_a_fast_burst_with_enter_is_a_scan(wedge: WedgeRecogniser) -> None:
    actions, _ = feed(wedge, "SKU-10001", start=1.0, gap=FAST)
    assert actions == [RawScan("SKU-10001", Symbology.UNKNOWN, "", ScanSource.WEDGE)]
    assert not wedge.pending


@pytest.mark.parametrize("end", ["Tab", "Return", "Enter"])
def test_tab_and_return_end_a_scan_too(wedge: WedgeRecogniser, end: str) -> None:
    actions, _ = feed(wedge, "T-0001", start=1.0, gap=FAST, end=end)
    assert actions == [RawScan("T-0001")]


def test_terminators_in_the_text_count(wedge: WedgeRecogniser) -> None:
    actions, _ = feed(wedge, "T-0001\r", start=1.0, gap=FAST, end=None)
    assert actions == [RawScan("T-0001")]
    actions, _ = feed(wedge, "T-0002\t", start=2.0, gap=FAST, end=None)
    assert actions == [RawScan("T-0002")]


def test_a_person_typing_is_handed_back_key_by_key(wedge: WedgeRecogniser) -> None:
    actions, t = feed(wedge, "so-1", start=1.0, gap=SLOW, end=None)
    # Each key is held until the next one shows it was not a burst...
    assert typed(actions) == "so-"
    assert wedge.pending
    deadline = wedge.deadline()
    assert deadline is not None
    assert wedge.flush(deadline - 0.001) == []  # a timer firing early changes nothing
    # ...and the last one when the timer fires.
    assert wedge.flush(deadline + 0.001) == [PassThrough("1")]
    assert wedge.deadline() is None
    assert wedge.key_special("Enter", t + 1) == [PassKey("Enter")]


def test_keys_rolled_over_while_typing_are_not_a_scan(wedge: WedgeRecogniser) -> None:
    # A fast typist hits "th" 20 ms apart, then Enter: shorter than min_length.
    actions, _ = feed(wedge, "th", start=1.0, gap=0.02)
    assert actions == [PassThrough("th"), PassKey("Enter")]


def test_a_short_fast_burst_below_min_length_is_typing() -> None:
    wedge = WedgeRecogniser(ScannerConfig(min_length=6))
    actions, _ = feed(wedge, "B-100", start=1.0, gap=FAST)
    assert actions == [PassThrough("B-100"), PassKey("Enter")]
    actions, _ = feed(wedge, "B-1001", start=2.0, gap=FAST)
    assert actions == [RawScan("B-1001")]


def test_typing_then_a_scan_then_typing(wedge: WedgeRecogniser) -> None:
    actions, t = feed(wedge, "ab", start=1.0, gap=SLOW, end=None)
    more, t = feed(wedge, "A-01-02-3", start=t + BROKEN_GRACE_S + 0.3, gap=FAST)
    actions += more
    more, _ = feed(wedge, "cd", start=t + 0.5, gap=SLOW, end=None)
    actions += more + wedge.flush(t + 10)
    assert actions == [
        PassThrough("a"),
        PassThrough("b"),
        RawScan("A-01-02-3"),
        PassThrough("c"),
        PassThrough("d"),
    ]


def test_a_burst_without_terminator_is_incomplete_not_a_scan(wedge: WedgeRecogniser) -> None:
    actions, t = feed(wedge, "SKU-1032", start=1.0, gap=FAST, end=None)
    assert actions == []
    actions = wedge.flush(t + 0.1)
    assert actions == [Rejected(RejectReason.INCOMPLETE, 8, "SKU-1032")]
    assert typed(actions) == ""  # nobody typed it: nothing goes to the text field


def test_the_rest_of_a_cut_off_burst_is_swallowed_too(wedge: WedgeRecogniser) -> None:
    # The GUI stalled mid-burst: "SKU-1032" ... 120 ms ... "0" + Enter.
    actions, t = feed(wedge, "SKU-1032", start=1.0, gap=FAST, end=None)
    tail, t = feed(wedge, "0", start=t + 0.120, gap=FAST)
    actions += tail
    assert actions == [
        Rejected(RejectReason.INCOMPLETE, 8, "SKU-1032"),
        Rejected(RejectReason.INCOMPLETE, 1, "0"),
    ]
    # A lone Enter right after a cut-off burst is the scanner's, not a person's.
    actions, t = feed(wedge, "ABCDEFGH", start=t + 5, gap=FAST, end=None)
    actions += wedge.flush(t + 0.1)
    assert wedge.key_special("Enter", t + 0.15) == []
    # Long after it, scanning works again.
    later, _ = feed(wedge, "SKU-10320", start=t + BROKEN_GRACE_S + 1, gap=FAST)
    assert later == [RawScan("SKU-10320")]


def test_a_burst_right_after_handed_back_keys_may_be_the_rest_of_a_scan(
    wedge: WedgeRecogniser,
) -> None:
    # "S" came alone (a stall right after it), then "KU-10320" + Enter: the first key
    # looked like typing, so the rest must not count as a whole code.
    actions, t = feed(wedge, "S", start=1.0, gap=FAST, end=None)
    more, _ = feed(wedge, "KU-10320", start=t + 0.2, gap=FAST)
    assert actions + more == [PassThrough("S"), Rejected(RejectReason.INCOMPLETE, 8, "KU-10320")]
    # When the rest is short too, both parts go to the field: the whole code, in order.
    actions, t = feed(wedge, "SO", start=10.0, gap=FAST, end=None)
    more, _ = feed(wedge, "-1", start=t + 0.2, gap=FAST)
    assert actions + more == [PassThrough("SO"), PassThrough("-1"), PassKey("Enter")]


def test_prefix_and_suffix_are_stripped_and_the_suffix_ends_the_scan() -> None:
    wedge = WedgeRecogniser(ScannerConfig(prefix="$", suffix="#!"))
    actions, t = feed(wedge, "$SO-100001#!", start=1.0, gap=FAST, end=None)
    assert actions == [RawScan("SO-100001")]
    assert not wedge.pending
    # The scanner's Enter after its suffix is swallowed; a person's later Enter is not.
    assert wedge.key_special("Enter", t + 0.001) == []
    assert wedge.key_special("Enter", t + 1) == [PassKey("Enter")]
    # A scan without prefix or suffix, ended by Enter, is still a scan.
    actions, _ = feed(wedge, "SO-100002", start=5.0, gap=FAST)
    assert actions == [RawScan("SO-100002")]


def test_a_person_typing_the_suffix_character_is_not_a_scan() -> None:
    wedge = WedgeRecogniser(ScannerConfig(suffix="#"))
    actions, _ = feed(wedge, "a#", start=1.0, gap=SLOW, end=None)
    assert typed(actions + wedge.flush(10)) == "a#"


@pytest.mark.parametrize("standin", ["~", "<GS>", "\x1d"])
def test_gs_standin_becomes_ascii_29(standin: str) -> None:
    wedge = WedgeRecogniser(ScannerConfig(gs_standin=standin))
    data = f"0104012345000009{standin}10LOT{standin}21SN"
    actions, _ = feed(wedge, data, start=1.0, gap=FAST)
    assert actions == [RawScan(f"0104012345000009{GS}10LOT{GS}21SN")]


@pytest.mark.parametrize(
    ("aim", "symbology"),
    [
        ("]C1", Symbology.GS1_128),
        ("]E0", Symbology.EAN13),
        ("]d2", Symbology.GS1_DATAMATRIX),
        ("]Q3", Symbology.GS1_QR),
    ],
)
def test_aim_identifier_is_stripped_into_the_symbology(aim: str, symbology: Symbology) -> None:
    wedge = WedgeRecogniser(ScannerConfig(prefix="@", gs_standin="|"))
    actions, _ = feed(wedge, f"@{aim}0104012345000009|10X", start=1.0, gap=FAST)
    assert actions == [RawScan(f"0104012345000009{GS}10X", symbology, aim)]


def test_min_length_counts_the_code_not_the_aim_identifier() -> None:
    wedge = WedgeRecogniser(ScannerConfig(min_length=4))
    actions, _ = feed(wedge, "]C0ABC", start=1.0, gap=FAST)
    assert actions == [PassThrough("]C0ABC"), PassKey("Enter")]


def test_a_ten_thousand_key_burst_is_rejected_in_linear_time(wedge: WedgeRecogniser) -> None:
    actions, _ = feed(wedge, "9" * 10_000, start=1.0, gap=0.001)
    assert actions == [Rejected(RejectReason.TOO_LONG, 10_000, "9" * 64)]
    started = time.perf_counter()
    actions, _ = feed(wedge, "9" * 200_000, start=100.0, gap=0.0001)
    assert time.perf_counter() - started < 2.0  # quadratic would take minutes
    assert actions == [Rejected(RejectReason.TOO_LONG, 200_000, "9" * 64)]


def test_exactly_max_length_is_still_a_scan() -> None:
    wedge = WedgeRecogniser(ScannerConfig(suffix="#"))
    actions, _ = feed(wedge, "7" * MAX_SCAN_LENGTH + "#", start=1.0, gap=0.0001, end=None)
    assert actions == [RawScan("7" * MAX_SCAN_LENGTH)]
    actions, _ = feed(wedge, "7" * (MAX_SCAN_LENGTH + 1) + "#", start=9.0, gap=0.0001, end=None)
    assert actions == [Rejected(RejectReason.TOO_LONG, MAX_SCAN_LENGTH + 2, "7" * 64)]


def test_a_special_key_hands_back_what_was_held(wedge: WedgeRecogniser) -> None:
    actions = wedge.key("a", 1.0) + wedge.key_special("Backspace", 1.01)
    assert actions == [PassThrough("a"), PassKey("Backspace")]
    assert wedge.key_special("Left", 5.0) == [PassKey("Left")]


def test_odd_timestamps_do_not_raise(wedge: WedgeRecogniser) -> None:
    actions = wedge.key("a", 5.0) + wedge.key("b", 4.0)  # clock went back: same burst
    actions += wedge.key("c", math.nan) + wedge.key_special("Enter", math.inf)
    assert typed(actions) == "abc"


def test_reset_forgets_held_keys(wedge: WedgeRecogniser) -> None:
    feed(wedge, "SKU-1", start=1.0, gap=FAST, end=None)
    wedge.reset()
    assert not wedge.pending
    assert wedge.flush(100.0) == []


def test_config_from_settings() -> None:
    settings = Settings(
        scanner_max_gap_ms=25,
        scanner_min_length=3,
        scanner_prefix="<",
        scanner_suffix=">",
        scanner_gs_standin="~",
    )
    config = ScannerConfig.from_settings(settings)
    assert config == ScannerConfig(0.025, 3, "<", ">", "~", MAX_SCAN_LENGTH)
    assert WedgeRecogniser(config).config is config


def test_to_raw_scan_serves_serial_scanners_too() -> None:
    config = ScannerConfig(prefix="\x02", suffix="\x03", gs_standin="^")
    assert to_raw_scan("\x02]C101040123450000091^0X\x03", config, ScanSource.SERIAL) == RawScan(
        f"01040123450000091{GS}0X", Symbology.GS1_128, "]C1", ScanSource.SERIAL
    )
