"""Weight lines of bench scales, and when a weight has settled.

The example lines are the ones the makers' manuals print (A&D EK-L, Ohaus RS232 and
Defender 3000, Mettler Toledo MT-SICS, Sartorius SBI, Radwag, Dini Argeo DGT4X, CAS and
Liden indicators); the properties check that every reading the formats can say comes
back exactly, that nothing raises, and the stable-reading detector against a brute-force
definition of "settled".
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.packing.scale import (
    MAX_LINE,
    LineFormat,
    Reading,
    ScaleStatus,
    Stability,
    StabilityRule,
    StableReading,
    Unit,
    WeightLost,
    WeightSeen,
    WeightSettled,
    format_line,
    parse,
)

S = ScaleStatus
W, N = S.WEIGHT, S.NEGATIVE
STABLE, MOVING, UNKNOWN = Stability.STABLE, Stability.UNSTABLE, Stability.UNKNOWN


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A&D, CAS, Tiger, Liden: status, gross/net, sign, weight, unit.
        ("ST,GS,+  1.234kg", Reading(W, 1234, STABLE, net=False)),
        ("US,GS,+  1.234kg", Reading(W, 1234, MOVING, net=False)),
        ("ST,NT,+  0.750kg", Reading(W, 750, STABLE, net=True)),
        ("US,NT,-  0.200kg", Reading(N, -200, MOVING, net=True)),
        ("ST,+00123.45 g", Reading(W, 123, STABLE)),  # A&D balance, no gross/net field
        ("ST,+001234.5 g", Reading(W, 1235, STABLE)),  # half a gram rounds up
        ("ST,GS,   2.500lb", Reading(W, 1134, STABLE, net=False)),
        ("ST,GS,  12.000oz", Reading(W, 340, STABLE, net=False)),
        ("01ST,GS,    0.0,kg", Reading(W, 0, STABLE, net=False)),  # Dini Argeo, RS-485 address
        ("OL,+999999.9g", Reading(S.OVERLOAD)),
        ("OL,GS,- ------kg", Reading(S.UNDERLOAD)),
        ("UL,GS,   0.000kg", Reading(S.UNDERLOAD)),
        ("QT,+00012345PC", Reading(S.NOT_WEIGHT)),  # counting mode
        ("ST,+00123.4 %", Reading(S.NOT_WEIGHT)),
        # Mettler Toledo MT-SICS.
        ("S S     12.345 kg", Reading(W, 12345, STABLE)),
        ("S D    100.00 g", Reading(W, 100, MOVING)),
        ("S S     -0.200 kg", Reading(N, -200, STABLE)),
        ("S +", Reading(S.OVERLOAD)),
        ("S -", Reading(S.UNDERLOAD)),
        ("S I", Reading(S.ERROR)),
        ("ES", Reading(S.ERROR)),
        # Plain: Ohaus, Sartorius, Radwag, unnamed scales.
        ("   1.234 kg", Reading(W, 1234, UNKNOWN)),
        ("1234 g", Reading(W, 1234, UNKNOWN)),
        ("       12.73 g    ?", Reading(W, 13, MOVING)),  # Ohaus: ? while unstable
        ("      0.4500 oz", Reading(W, 13, UNKNOWN)),
        ("       0.211 kg ?", Reading(W, 211, MOVING)),
        ("-    0.85 kg   NET", Reading(N, -850, UNKNOWN, net=True)),  # Ohaus Defender
        ("     1.500 kg   G", Reading(W, 1500, UNKNOWN, net=False)),
        ("+  1255.7 g  ", Reading(W, 1256, UNKNOWN)),  # Sartorius 16 characters
        ("? -  2.237 lb", Reading(N, -1015, MOVING)),  # Radwag: ? first while unstable
        ("^    0.000 kg", Reading(S.OVERLOAD)),
        ("v    0.000 kg", Reading(S.UNDERLOAD)),
        ("         H", Reading(S.OVERLOAD)),  # Sartorius special codes
        ("-        L", Reading(S.UNDERLOAD)),
        ("Err 101", Reading(S.ERROR)),
        ("       3 PCS", Reading(S.NOT_WEIGHT)),
        ("\x02  1.234 kg\x03", Reading(W, 1234, UNKNOWN)),  # STX/ETX framing
        # No weight: Sartorius sends no unit while moving; garbage; empty.
        ("+  1255.7   ", Reading(S.UNREADABLE)),
        ("\x1b[2J\xff\xfe", Reading(S.UNREADABLE)),
        ("ST,GS,+1.2.3kg", Reading(S.UNREADABLE)),
        ("1.234 kg kg", Reading(S.UNREADABLE)),
        ("\u0661\u0662 g", Reading(S.UNREADABLE)),  # Arabic-Indic digits are not ASCII
        ("999999999999 kg", Reading(S.UNREADABLE)),  # beyond any scale
        ("", Reading(S.UNREADABLE)),
        ("9" * (MAX_LINE + 1) + " g", Reading(S.UNREADABLE)),
    ],
)
def test_lines_from_the_manuals(line: str, expected: Reading) -> None:
    assert parse(line) == expected


def test_units_are_converted_exactly() -> None:
    assert parse("1 lb").grams == 454  # 453.59237 g
    assert parse("1 lbs").grams == 454
    assert parse("16 oz").grams == 454  # 453.592 g
    assert parse("1 oz").grams == 28  # 28.3495 g
    assert parse("0.5 g").grams == 1
    assert parse("0.4 g").grams == 0
    assert parse("- 0.4 g") == Reading(W, 0, UNKNOWN)  # minus nothing is nothing
    assert parse("- 0.5 g") == Reading(N, -1, UNKNOWN)
    assert parse("2 KG").grams == 2000
    assert parse(".5 kg").grams == 500


def test_a_reading_keeps_its_invariants() -> None:
    with pytest.raises(ValueError, match="cannot weigh"):
        Reading(W, -1)
    with pytest.raises(ValueError, match="cannot weigh"):
        Reading(N, 0)
    with pytest.raises(ValueError, match="cannot weigh"):
        Reading(S.OVERLOAD, 10)


# --------------------------------------------------------------------------- properties

grams = st.integers(min_value=-999_999, max_value=9_999_999)
nets = st.sampled_from([None, True, False])


@st.composite
def expressible(draw: st.DrawFn) -> tuple[Reading, LineFormat, Unit]:
    """A reading together with a format and unit that can say it."""
    fmt = draw(st.sampled_from(LineFormat))
    unit = draw(st.sampled_from(Unit))
    kind = draw(st.sampled_from(["weight", "weight", "weight", "other"]))
    if kind == "other":
        others = [S.OVERLOAD, S.UNDERLOAD, S.NOT_WEIGHT]
        if fmt is not LineFormat.HEADER:
            others.append(S.ERROR)
        return Reading(draw(st.sampled_from(others))), fmt, unit
    g = draw(grams)
    status = N if g < 0 else W
    if fmt is LineFormat.HEADER:
        return Reading(status, g, draw(st.sampled_from([STABLE, MOVING])), draw(nets)), fmt, unit
    if fmt is LineFormat.SICS:
        return Reading(status, g, draw(st.sampled_from([STABLE, MOVING]))), fmt, unit
    return Reading(status, g, draw(st.sampled_from([UNKNOWN, MOVING])), draw(nets)), fmt, unit


@given(expressible())
def test_every_line_a_scale_sends_is_read_back_exactly(
    case: tuple[Reading, LineFormat, Unit],
) -> None:
    reading, fmt, unit = case
    line = format_line(reading, fmt, unit)
    assert parse(line) == reading, line
    # The line's framing does not matter.
    assert parse(f"\x02{line}\x03\r") == reading


@pytest.mark.parametrize(
    ("reading", "fmt"),
    [
        (Reading(W, 1, STABLE), LineFormat.PLAIN),
        (Reading(W, 1, UNKNOWN), LineFormat.HEADER),
        (Reading(W, 1, STABLE, net=True), LineFormat.SICS),
        (Reading(S.SILENT), LineFormat.SICS),
        (Reading(S.ERROR), LineFormat.HEADER),
        (Reading(S.OVERLOAD, stability=STABLE), LineFormat.PLAIN),
    ],
)
def test_a_reading_a_format_cannot_say_is_refused(reading: Reading, fmt: LineFormat) -> None:
    with pytest.raises(ValueError, match=r"does not send|always says|cannot say|never"):
        format_line(reading, fmt)


def _check(reading: Reading) -> None:
    assert isinstance(reading, Reading)
    assert reading.status not in (S.SILENT, S.OFFLINE)
    if reading.status is W:
        assert reading.grams is not None
        assert 0 <= reading.grams <= 100_000_000
    elif reading.status is N:
        assert reading.grams is not None
        assert reading.grams < 0
    else:
        assert reading.grams is None


@given(st.text(max_size=MAX_LINE + 10))
def test_any_text_gives_a_typed_reading(line: str) -> None:
    _check(parse(line))


FRAGMENTS = ["ST", "US", "OL", "QT", "S", "D", "I", ",", "GS", "NT", "+", "-", " ", ".", "?"]
FRAGMENTS += ["^", "v", "0", "1", "9", "12.5", "kg", "g", "lb", "oz", "PC", "%", "H", "L"]
FRAGMENTS += ["Err", "NET", "G", "\x02", "\x03", "\t", "\x00", "é", "٣"]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12))
def test_near_misses_give_a_typed_reading(parts: list[str]) -> None:
    _check(parse("".join(parts)))


@given(st.binary(max_size=80))
def test_line_noise_gives_a_typed_reading(data: bytes) -> None:
    _check(parse(data.decode("latin-1")))


# --------------------------------------------------------------------------- settling

RULE = StabilityRule(tolerance_g=2, window_ms=500, min_readings=3)


def unflagged(g: int) -> Reading:
    return Reading(W, g, UNKNOWN)


def test_a_scale_that_says_stable_is_believed_at_once() -> None:
    detector = StableReading(RULE)
    assert detector.feed(parse("US,GS,+  1.230kg"), 0) == (WeightSeen(1230, False),)
    assert detector.feed(parse("US,GS,+  1.234kg"), 100) == (WeightSeen(1234, False),)
    assert detector.feed(parse("ST,GS,+  1.234kg"), 200) == (
        WeightSeen(1234, True),
        WeightSettled(1234),
    )
    assert detector.feed(parse("ST,GS,+  1.234kg"), 300) == ()  # the same line again
    assert detector.feed(parse("ST,GS,+  1.236kg"), 400) == (
        WeightSeen(1236, True),
        WeightSettled(1236),
    )
    assert detector.weight == WeightSeen(1236, True)


def test_a_scale_that_says_unstable_never_settles() -> None:
    detector = StableReading(RULE)
    events = [e for t in range(100) for e in detector.feed(parse("S D   1.000 kg"), t * 100)]
    assert events == [WeightSeen(1000, False)]


def test_a_silent_scale_settles_after_enough_close_readings_over_enough_time() -> None:
    detector = StableReading(RULE)
    assert detector.feed(unflagged(1000), 0) == (WeightSeen(1000, False),)
    assert detector.feed(unflagged(1001), 250) == (WeightSeen(1001, False),)
    assert detector.feed(unflagged(1002), 499) == (WeightSeen(1002, False),)  # 499 ms
    assert detector.feed(unflagged(1002), 500) == (WeightSeen(1002, True), WeightSettled(1002))
    assert detector.feed(unflagged(1000), 600) == (WeightSeen(1000, True), WeightSettled(1000))
    # 3 g away from 1000: the run starts again from the readings close to 1003.
    assert detector.feed(unflagged(1003), 700) == (WeightSeen(1003, False),)


def test_readings_arriving_together_span_no_time() -> None:
    detector = StableReading(RULE)
    for _ in range(10):
        detector.feed(unflagged(500), 1000)
    assert detector.weight == WeightSeen(500, False)


def test_anything_but_a_weight_starts_again_and_is_said_once() -> None:
    detector = StableReading(RULE)
    detector.feed(parse("ST,GS,+  1.000kg"), 0)
    assert detector.feed(parse("OL,GS,+ ------kg"), 100) == (WeightLost(S.OVERLOAD),)
    assert detector.feed(parse("OL,GS,+ ------kg"), 200) == ()
    assert detector.lost is S.OVERLOAD
    assert detector.weight is None
    assert detector.feed(parse("garbage"), 300) == (WeightLost(S.UNREADABLE),)
    assert detector.feed(parse("US,GS,-  0.010kg"), 400) == (WeightLost(S.NEGATIVE),)
    assert detector.lose(S.SILENT) == (WeightLost(S.SILENT),)
    assert detector.feed(parse("ST,GS,+  1.000kg"), 500) == (
        WeightSeen(1000, True),
        WeightSettled(1000),
    )
    assert detector.lost is None


def test_a_new_detector_has_no_weight() -> None:
    detector = StableReading(RULE)
    assert (detector.weight, detector.lost) == (None, S.OFFLINE)
    assert detector.lose(S.OFFLINE) == ()
    with pytest.raises(ValueError, match="not a stability rule"):
        StabilityRule(min_readings=1)  # one reading alone says nothing about movement
    with pytest.raises(ValueError, match="not a stability rule"):
        StabilityRule(tolerance_g=-1)


def settled_by_definition(run: list[tuple[int, int]], rule: StabilityRule) -> bool:
    """The brute-force definition: the longest run of newest readings that lie within
    tolerance of each other has enough readings over enough time."""
    best: list[tuple[int, int]] = []
    for start in range(len(run)):
        tail = run[start:]
        values = [g for _, g in tail]
        if max(values) - min(values) <= rule.tolerance_g:
            best = tail
            break
    return len(best) >= rule.min_readings and best[-1][0] - best[0][0] >= rule.window_ms


readings = st.one_of(
    st.builds(unflagged, st.integers(990, 1010)),
    st.builds(unflagged, st.integers(0, 5000)),
    st.builds(lambda g: Reading(W, g, STABLE), st.integers(990, 1010)),
    st.builds(lambda g: Reading(W, g, MOVING), st.integers(990, 1010)),
    st.sampled_from([Reading(S.OVERLOAD), Reading(S.UNREADABLE), Reading(N, -5, UNKNOWN)]),
)
rules = st.builds(
    StabilityRule,
    tolerance_g=st.integers(0, 10),
    window_ms=st.integers(0, 2000),
    min_readings=st.integers(2, 6),
)


@given(rules, st.lists(st.tuples(readings, st.integers(0, 400)), max_size=60))
def test_the_detector_agrees_with_the_definition(
    rule: StabilityRule, stream: list[tuple[Reading, int]]
) -> None:
    detector = StableReading(rule)
    run: list[tuple[int, int]] = []  # unflagged weights since anything else
    shown: WeightSeen | None = None
    settled: int | None = None
    now = 0
    for reading, gap in stream:
        now += gap
        events = detector.feed(reading, now)
        if not reading.is_weight:
            run.clear()
            assert detector.weight is None
            assert all(isinstance(e, WeightLost) for e in events)
            shown, settled = None, None
            continue
        assert reading.grams is not None
        if reading.stability is UNKNOWN:
            run.append((now, reading.grams))
            stable = settled_by_definition(run, rule)
        else:
            run.clear()
            stable = reading.stability is STABLE
        expected: list[object] = []
        if WeightSeen(reading.grams, stable) != shown:
            shown = WeightSeen(reading.grams, stable)
            expected.append(shown)
        if stable and reading.grams != settled:
            expected.append(WeightSettled(reading.grams))
        settled = reading.grams if stable else None
        assert list(events) == expected
        assert detector.weight == shown


@given(
    rules,
    st.integers(0, 1000),
    st.lists(st.tuples(st.integers(1, 50), st.integers(0, 5000)), min_size=1, max_size=100),
    st.booleans(),
)
def test_a_changing_stream_never_settles(
    rule: StabilityRule, start: int, steps: list[tuple[int, int]], down: bool
) -> None:
    # Each reading more than the tolerance away from the one before: the weight moves.
    detector = StableReading(rule)
    grams, now = start + 10_000, 0
    for step, gap in steps:
        grams += (rule.tolerance_g + step) * (-1 if down else 1)
        now += gap
        for event in detector.feed(unflagged(grams), now):
            assert not isinstance(event, WeightSettled)
        assert detector.weight == WeightSeen(grams, False)


def test_a_parcel_left_on_the_scale_for_an_hour_holds_little_memory() -> None:
    detector = StableReading(RULE)
    for t in range(0, 3600 * 1000, 100):  # ten readings a second for an hour
        detector.feed(unflagged(1000 + (t // 100) % 2), t)
    assert detector.weight is not None
    assert detector.weight.stable
    assert len(detector._window) <= RULE.min_readings + 500 // 100 + 1
