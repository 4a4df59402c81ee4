"""Bench scales on a serial line: what a weight line says, and when a weight has settled.

A bench scale (or its weighing indicator) set to *continuous output* sends one ASCII
line per reading, several times a second. There is no single standard; three families
cover the scales a packing bench has (the sources are the makers' manuals):

``HEADER`` -- A&D (EK, FX, GF...), Ohaus indicators, CAS, Dini Argeo, Tiger and most
    generic indicators: a two-letter status, a comma, optionally a gross/net field, then
    sign, weight and unit: ``ST,GS,+  1.234kg``, ``US,NT,-  0.200kg``, ``ST,+00123.45 g``.
    ``ST`` stable, ``US`` unstable, ``OL`` out of range (``-`` sign: under), ``UL``
    under range, ``QT`` a piece count. Dini Argeo's RS-485 mode puts a two-digit
    address first (``01ST,GS,...``).
``SICS`` -- Mettler Toledo MT-SICS (the answer to ``S``/``SI``, and the continuous
    ``SIR``): ``S S     12.345 kg`` (stable), ``S D ...`` (dynamic: moving), ``S +``
    overload, ``S -`` underload, ``S I`` not ready; ``ES``/``ET``/``EL`` errors.
``PLAIN`` -- weight and unit only, as Ohaus balances, Sartorius (16-character SBI
    print format), Radwag and many cheap scales send them: ``     1.234 kg``,
    ``1234 g``, ``  12.73 g ?`` (Ohaus: ``?`` while unstable, then ``G``/``NET``),
    ``? -  2.237 lb`` (Radwag: a leading ``?`` while unstable, ``^``/``v`` out of
    range), ``H``/``L`` (Sartorius over/under load), ``Err 101``. Sartorius sends no
    unit while the weight moves: such a line is no weight.

Units ``g``, ``kg``, ``lb`` (``lbs``) and ``oz`` become whole grams (1 lb = 453.59237 g
and 1 oz = 28.349523125 g exactly; half a gram rounds away from zero). A count
(``PCS``), a percentage or any other unit is ``NOT_WEIGHT``: the scale is in the wrong
mode. Polled protocols (CAS ENQ/ACK, Avery Weigh-Tronix NCI ``W``, Dibal TISA) and the
binary Mettler Toledo "continuous" status-byte format are not read here.

``parse`` never raises: anything it cannot read is ``ScaleStatus.UNREADABLE``.

When is a weight *settled*? A scale that says so (``ST``, ``S S``) is believed at once.
For a scale that does not say (``PLAIN`` without ``?``), :class:`StableReading` waits
until the newest readings -- at least ``min_readings`` of them, spanning at least
``window_ms`` -- all lie within ``tolerance_g`` of each other. A reading that is not a
weight, or a scale saying "unstable", starts the wait again. Times are those at which
the lines arrived; lines that arrive together (a busy event loop) span no time, which
only delays the verdict, never hastens it.
"""

from __future__ import annotations

import enum
import re
from collections import deque
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

MAX_LINE: Final = 64
"""Longer lines are no scale's weight line (``UNREADABLE``)."""
MAX_GRAMS: Final = 100_000_000
"""100 t: a reading above it is a misread, not a parcel (``UNREADABLE``)."""


class ScaleStatus(enum.StrEnum):
    """What a reading (or the lack of one) says."""

    WEIGHT = "weight"
    """A weight of zero or more grams."""
    NEGATIVE = "negative"
    """A weight below zero: the scale needs zeroing (or its tare is too heavy)."""
    OVERLOAD = "overload"
    """Above the scale's range."""
    UNDERLOAD = "underload"
    """Below the scale's range (the pan is off, or zero is far off)."""
    ERROR = "error"
    """The scale reports an error or is not ready (``S I``, ``Err 101``)."""
    NOT_WEIGHT = "not_weight"
    """A count, a percentage or a unit that is not g, kg, lb or oz."""
    UNREADABLE = "unreadable"
    """Not a line any supported scale sends (line noise, wrong baud rate)."""
    SILENT = "silent"
    """No line for a while (set by the reader, never by ``parse``)."""
    OFFLINE = "offline"
    """The port is closed or gone (set by the reader, never by ``parse``)."""


class Stability(enum.StrEnum):
    STABLE = "stable"
    """The scale says the weight is stable."""
    UNSTABLE = "unstable"
    """The scale says the weight is moving."""
    UNKNOWN = "unknown"
    """The scale does not say."""


class Unit(enum.StrEnum):
    G = "g"
    KG = "kg"
    LB = "lb"
    OZ = "oz"


class LineFormat(enum.StrEnum):
    """The families of weight lines (see the module docstring)."""

    HEADER = "header"
    SICS = "sics"
    PLAIN = "plain"


GRAMS_PER: Final[dict[Unit, Decimal]] = {
    Unit.G: Decimal(1),
    Unit.KG: Decimal(1000),
    Unit.LB: Decimal("453.59237"),
    Unit.OZ: Decimal("28.349523125"),
}
# Decimals written by ``format_line``: enough that every whole gram comes back exactly
# (0.0001 lb = 0.045 g, 0.001 oz = 0.028 g: rounding errors stay far below half a gram).
DECIMALS: Final[dict[Unit, int]] = {Unit.G: 0, Unit.KG: 3, Unit.LB: 4, Unit.OZ: 3}
_UNIT_NAMES: Final = {"g": Unit.G, "kg": Unit.KG, "lb": Unit.LB, "lbs": Unit.LB, "oz": Unit.OZ}


@dataclass(frozen=True, slots=True)
class Reading:
    """One line from the scale, understood.

    Attributes:
        status: what it says.
        grams: the weight for ``WEIGHT`` (>= 0) and ``NEGATIVE`` (< 0), else ``None``.
        stability: whether the scale called it stable.
        net: ``True`` for a net weight (the scale is tared), ``False`` for gross,
            ``None`` when the line does not say.
    """

    status: ScaleStatus
    grams: int | None = None
    stability: Stability = Stability.UNKNOWN
    net: bool | None = None

    def __post_init__(self) -> None:
        if self.status is ScaleStatus.WEIGHT:
            ok = self.grams is not None and self.grams >= 0
        elif self.status is ScaleStatus.NEGATIVE:
            ok = self.grams is not None and self.grams < 0
        else:
            ok = self.grams is None
        if not ok:
            raise ValueError(f"a {self.status} reading cannot weigh {self.grams!r} g")

    @property
    def is_weight(self) -> bool:
        """True when this is a usable weight (zero or more grams)."""
        return self.status is ScaleStatus.WEIGHT


UNREADABLE: Final = Reading(ScaleStatus.UNREADABLE)

# --------------------------------------------------------------------------- parsing

_FLAGS: Final = re.ASCII | re.IGNORECASE
_NUMBER: Final = r"(?P<sign>[+-])?\s*(?P<num>\d{1,12}(?:\.\d{0,9})?|\.\d{1,9})"
# Dini Argeo puts a comma between weight and unit (``ST,GS,    0.0,kg``).
_VALUE: Final = re.compile(_NUMBER + r"\s*,?\s*(?P<unit>[a-z%]{1,5})?", _FLAGS)
# A&D / CAS / Dini Argeo: [address]STATUS,[GS|NT,]value.
_HEADER: Final = re.compile(
    r"(?:\d{2})?(?P<head>ST|US|OL|UL|QT)\s*,\s*(?:(?P<kind>GS|NT|G|N)\s*,\s*)?(?P<body>.*)",
    _FLAGS,
)
_SICS_WEIGHT: Final = re.compile(r"S\s+(?P<flag>[SD])\s+(?P<body>.+)", _FLAGS)
_SICS_LIMIT: Final = re.compile(r"S\s*(?P<limit>[+-])", _FLAGS)
_SICS_ERROR: Final = re.compile(r"S\s+I|E[STL]", _FLAGS)
_PLAIN: Final = re.compile(
    r"(?P<mark>[?^v])?\s*"
    + _NUMBER
    + r"\s*(?P<unit>[a-z%]{1,5})?\s*(?P<moving>\?)?\s*(?P<legend>B/G|GROSS|NET|GS|NT|G|N)?",
    _FLAGS,
)
_OVER_WORDS: Final = frozenset({"H", "HH", "OL", "OVER", "OVERLOAD"})
_UNDER_WORDS: Final = frozenset({"L", "LL", "UL", "UNDER", "UNDERLOAD"})
_ERROR_WORD: Final = re.compile(r"ERR(?:OR)?\s*\d*|C", _FLAGS)
_NET_LEGENDS: Final = frozenset({"N", "NT", "NET"})


def parse(line: str) -> Reading:
    """What a scale's line says (its CR/LF already cut off); never raises."""
    text = line.strip(" \t\r\n\x00\x02\x03")
    if not text or len(text) > MAX_LINE:
        return UNREADABLE
    if match := _HEADER.fullmatch(text):
        return _header(match)
    if match := _SICS_LIMIT.fullmatch(text):
        limit = match["limit"]
        return Reading(ScaleStatus.OVERLOAD if limit == "+" else ScaleStatus.UNDERLOAD)
    if _SICS_ERROR.fullmatch(text):
        return Reading(ScaleStatus.ERROR)
    if match := _SICS_WEIGHT.fullmatch(text):
        stability = Stability.STABLE if match["flag"].upper() == "S" else Stability.UNSTABLE
        return _value(match["body"], stability, None)
    return _plain(text)


def _header(match: re.Match[str]) -> Reading:
    head = match["head"].upper()
    body = match["body"].strip()
    if head == "OL":
        under = body.startswith("-")
        return Reading(ScaleStatus.UNDERLOAD if under else ScaleStatus.OVERLOAD)
    if head == "UL":
        return Reading(ScaleStatus.UNDERLOAD)
    if head == "QT":
        return Reading(ScaleStatus.NOT_WEIGHT)
    kind = (match["kind"] or "").upper()
    net = None if not kind else kind in _NET_LEGENDS
    stability = Stability.STABLE if head == "ST" else Stability.UNSTABLE
    return _value(body, stability, net)


def _plain(text: str) -> Reading:
    word = text.lstrip("+- ").upper()
    if word in _OVER_WORDS:
        return Reading(ScaleStatus.OVERLOAD)
    if word in _UNDER_WORDS:
        return Reading(ScaleStatus.UNDERLOAD)
    if _ERROR_WORD.fullmatch(text):
        return Reading(ScaleStatus.ERROR)
    match = _PLAIN.fullmatch(text)
    if match is None:
        return UNREADABLE
    mark = match["mark"]
    if mark == "^":
        return Reading(ScaleStatus.OVERLOAD)
    if mark == "v":
        return Reading(ScaleStatus.UNDERLOAD)
    moving = mark == "?" or match["moving"] is not None
    legend = (match["legend"] or "").upper()
    net = None if not legend else legend in _NET_LEGENDS
    stability = Stability.UNSTABLE if moving else Stability.UNKNOWN
    return _reading(match["sign"], match["num"], match["unit"], stability, net)


def _value(body: str, stability: Stability, net: bool | None) -> Reading:
    match = _VALUE.fullmatch(body.strip())
    if match is None:
        return UNREADABLE
    return _reading(match["sign"], match["num"], match["unit"], stability, net)


def _reading(
    sign: str | None, number: str, unit_name: str | None, stability: Stability, net: bool | None
) -> Reading:
    if unit_name is None:
        return UNREADABLE  # Sartorius: no unit while the weight moves
    unit = _UNIT_NAMES.get(unit_name.lower())
    if unit is None:
        return Reading(ScaleStatus.NOT_WEIGHT)
    try:
        grams = int(
            (Decimal(number) * GRAMS_PER[unit]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        )
    except InvalidOperation:  # pragma: no cover - the pattern bounds the digits
        return UNREADABLE
    if grams > MAX_GRAMS:
        return UNREADABLE
    if sign == "-" and grams:
        return Reading(ScaleStatus.NEGATIVE, -grams, stability, net)
    return Reading(ScaleStatus.WEIGHT, grams, stability, net)


# --------------------------------------------------------------------------- formatting


def format_line(reading: Reading, fmt: LineFormat = LineFormat.HEADER, unit: Unit = Unit.KG) -> str:
    """``reading`` as a scale of family ``fmt`` sends it (without CR/LF): for tests, the
    demo and scale simulators. ``parse(format_line(r, fmt, unit)) == r``.

    Raises:
        ValueError: the family cannot say that (``PLAIN`` has no "stable", ``SICS`` no
            gross/net, nobody sends ``SILENT``...).
    """
    status = reading.status
    if status in (ScaleStatus.WEIGHT, ScaleStatus.NEGATIVE):
        assert reading.grams is not None
        return _format_weight(reading, reading.grams, fmt, unit)
    lines = {
        LineFormat.HEADER: {
            ScaleStatus.OVERLOAD: f"OL,GS,+ ------{unit}",
            ScaleStatus.UNDERLOAD: f"OL,GS,- ------{unit}",
            ScaleStatus.NOT_WEIGHT: "QT,+00000012PC",
        },
        LineFormat.SICS: {
            ScaleStatus.OVERLOAD: "S +",
            ScaleStatus.UNDERLOAD: "S -",
            ScaleStatus.ERROR: "S I",
            ScaleStatus.NOT_WEIGHT: "S S         12 PCS",
        },
        LineFormat.PLAIN: {
            ScaleStatus.OVERLOAD: "       H",
            ScaleStatus.UNDERLOAD: "       L",
            ScaleStatus.ERROR: "Err 101",
            ScaleStatus.NOT_WEIGHT: "        12 PCS",
        },
    }[fmt]
    if status not in lines or reading.stability is not Stability.UNKNOWN or reading.net is not None:
        raise ValueError(f"a {fmt} scale does not send {reading}")
    return lines[status]


def _format_weight(reading: Reading, grams: int, fmt: LineFormat, unit: Unit) -> str:
    places = Decimal(1).scaleb(-DECIMALS[unit])
    value = (Decimal(abs(grams)) / GRAMS_PER[unit]).quantize(places, rounding=ROUND_HALF_UP)
    sign = "-" if grams < 0 else "+"
    stability, net = reading.stability, reading.net
    if fmt is LineFormat.HEADER:
        if stability is Stability.UNKNOWN:
            raise ValueError("a header line always says stable or unstable")
        head = "ST" if stability is Stability.STABLE else "US"
        kind = "" if net is None else ("NT," if net else "GS,")
        return f"{head},{kind}{sign}{value:>7}{unit}"
    if fmt is LineFormat.SICS:
        if stability is Stability.UNKNOWN or net is not None:
            raise ValueError("an MT-SICS line says stable or dynamic, and never gross/net")
        flag = "S" if stability is Stability.STABLE else "D"
        signed = f"-{value}" if grams < 0 else f"{value}"
        return f"S {flag} {signed:>10} {unit}"
    if stability is Stability.STABLE:
        raise ValueError("a plain line cannot say stable, only unstable (?)")
    moving = "?" if stability is Stability.UNSTABLE else " "
    legend = "" if net is None else ("NET" if net else "G")
    return f"{'-' if grams < 0 else ' '} {value:>9} {unit} {moving} {legend}".rstrip()


# --------------------------------------------------------------------------- settling


@dataclass(frozen=True, slots=True)
class StabilityRule:
    """When a scale that does not flag stability is believed to have settled.

    Attributes:
        tolerance_g: the most the readings may differ from each other.
        window_ms: the least time from the first to the last of them.
        min_readings: the fewest readings (two at least: one reading alone says
            nothing about movement).
    """

    tolerance_g: int = 2
    window_ms: int = 600
    min_readings: int = 3

    def __post_init__(self) -> None:
        if self.tolerance_g < 0 or self.window_ms < 0 or self.min_readings < 2:
            raise ValueError(f"not a stability rule: {self}")


@dataclass(frozen=True, slots=True)
class WeightSeen:
    """The weight shown changed (a new value, or it became stable or unstable)."""

    grams: int
    stable: bool


@dataclass(frozen=True, slots=True)
class WeightSettled:
    """The weight settled at ``grams`` (once per settled value)."""

    grams: int


@dataclass(frozen=True, slots=True)
class WeightLost:
    """There is no usable weight any more, and why (once per reason)."""

    status: ScaleStatus


ScaleEvent = WeightSeen | WeightSettled | WeightLost


class StableReading:
    """Follows a scale's readings and says what changed: the stable-reading detector.

    Feed every reading with the time it arrived; each call returns the events it
    caused, in order: ``WeightLost`` when the weight becomes unusable (overload, an
    error, garbage... once per reason), ``WeightSeen`` when the weight or its stability
    changed, ``WeightSettled`` when it became stable at a new value. Repeated identical
    lines (a continuous scale sends ten a second) cause nothing.

    Invariant: for a scale that does not flag stability, ``stable`` is True only when
    the newest ``min_readings`` or more readings, with nothing else in between, span at
    least ``window_ms`` and differ by at most ``tolerance_g`` (see the module docstring).
    """

    def __init__(self, rule: StabilityRule) -> None:
        self.rule = rule
        self._window: deque[tuple[int, int]] = deque()  # (at_ms, grams), within tolerance
        self._shown: WeightSeen | None = None
        self._settled: int | None = None
        self._lost: ScaleStatus | None = ScaleStatus.OFFLINE

    @property
    def weight(self) -> WeightSeen | None:
        """The weight shown now and whether it is stable; ``None`` when there is none."""
        return self._shown

    @property
    def lost(self) -> ScaleStatus | None:
        """Why there is no weight (``OFFLINE`` before the first reading); else ``None``."""
        return self._lost

    def feed(self, reading: Reading, at_ms: int) -> tuple[ScaleEvent, ...]:
        """Take ``reading``, which arrived at ``at_ms`` (a monotonic clock)."""
        if not reading.is_weight:
            return self.lose(reading.status)
        assert reading.grams is not None
        grams = reading.grams
        if reading.stability is Stability.UNKNOWN:
            stable = self._settles(grams, at_ms)
        else:
            self._window.clear()
            stable = reading.stability is Stability.STABLE
        events: list[ScaleEvent] = []
        seen = WeightSeen(grams, stable)
        self._lost = None
        if seen != self._shown:
            self._shown = seen
            events.append(seen)
        if not stable:
            self._settled = None
        elif grams != self._settled:
            self._settled = grams
            events.append(WeightSettled(grams))
        return tuple(events)

    def lose(self, status: ScaleStatus) -> tuple[ScaleEvent, ...]:
        """No usable weight, because of ``status`` (the reader's ``SILENT``/``OFFLINE``
        too): forget the readings so far."""
        self._window.clear()
        self._shown = None
        self._settled = None
        if status is self._lost:
            return ()
        self._lost = status
        return (WeightLost(status),)

    def _settles(self, grams: int, at_ms: int) -> bool:
        rule, window = self.rule, self._window
        # Keep the longest run of newest readings within tolerance of each other: those
        # kept so far already are, so drop up to the last one too far from this one...
        cut = 0
        for i, (_, seen) in enumerate(window):
            if abs(seen - grams) > rule.tolerance_g:
                cut = i + 1
        for _ in range(cut):
            window.popleft()
        window.append((at_ms, grams))
        # ...but no more of it than the rule needs (memory stays bounded while a
        # parcel sits on the scale for an hour; the verdict is the same).
        while len(window) > rule.min_readings and at_ms - window[1][0] >= rule.window_ms:
            window.popleft()
        return len(window) >= rule.min_readings and at_ms - window[0][0] >= rule.window_ms
