"""Telling a keyboard-wedge scanner from a person typing, as a plain state machine.

A wedge scanner types its code as key presses, a few milliseconds apart, and ends with
Enter (or Tab). A person types 100-300 ms apart. ``WedgeRecogniser`` is fed every key
with its timestamp and answers with actions for the caller (the Qt input filter):

- ``RawScan``: a scan; its key presses were swallowed and must not reach a text field.
- ``PassThrough(text)``: typed by a person; insert ``text`` where the focus is.
- ``PassKey(name)``: a key (Enter, Tab, Backspace...) a person pressed; replay it.
- ``Rejected(reason)``: a burst that came from a scanner but cannot be used: longer
  than ``max_length`` (``TOO_LONG``), or cut off (``INCOMPLETE``). Its keys were
  swallowed; ``app.barcodes.resolve.rejected_scan`` turns it into an ``InvalidScan``
  for the screen.

The rules:

1. A *burst* is a run of keys each at most ``max_gap`` after the previous one. The
   first key after a longer gap starts a new burst, and the old one is decided then.
2. A burst ended by Enter or Tab (as a key, or ``\\r``, ``\\n``, ``\\t`` in the text),
   or by the configured suffix, whose data (without prefix and suffix) is at least
   ``min_length`` long is a scan. It takes at least two keys, the Enter included, to
   show speed: a single key is always a person's.
3. A burst shorter than that is a person (or keys rolled over while typing): it is
   handed back with ``PassThrough`` and its terminator with ``PassKey``.
4. A burst of ``min_length`` or more that stops without Enter, Tab or suffix is
   ``INCOMPLETE``, not a scan. No person types that fast, so it is not handed back
   either; but a scanner that was cut off (a USB hiccup, the GUI stalling mid-burst)
   may have sent only part of a code, and ``SKU-1032`` cut from ``SKU-10320`` is
   another product. The scanner must therefore send Enter, Tab or a configured
   suffix; every scanner does by default. For ``BROKEN_GRACE_S`` after such a burst
   the rest of the scanner's burst is swallowed and rejected too, lone Enter included.
   4a. A burst that would be a scan but starts within ``BROKEN_GRACE_S`` of keys that
   were handed back without Enter is ``INCOMPLETE`` as well: it may be the rest of a
   burst whose first few keys looked like typing. (If the rest is short too, both
   parts are handed back, so a field gets the whole code, in order.) A person who
   types a key and scans within half a second has to scan again.
5. More than ``max_length`` keys in one burst is ``TOO_LONG``. Past the limit keys are
   only counted, so a 10,000-key burst costs linear time and bounded memory.
6. In a scan, a leading ``prefix`` and trailing ``suffix`` are removed, the
   ``gs_standin`` text (one character or a short sequence such as ``<GS>``) becomes
   ASCII 29, and a leading AIM identifier (``]C1``) is removed and sets the symbology.
7. After a scan ended by its suffix, an Enter or Tab within ``max_gap`` belongs to the
   scanner and is swallowed.

Pass the key event's own timestamp (``QKeyEvent.timestamp()``), not the time it was
handled: a GUI thread that stalls for 50 ms bunches a person's keys into what looks
like a burst, and splits a scanner's burst into two.

The caller calls ``flush(now)`` when ``deadline()`` has passed (a single-shot timer),
so that a person's last typed character is handed back without waiting for the next.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from app.barcodes.parse import split_aim
from app.domain.scan import MAX_SCAN_LENGTH, RawScan, ScanSource
from app.domain.symbology import GS

if TYPE_CHECKING:
    from app.config import Settings

__all__ = [
    "BROKEN_GRACE_S",
    "TERMINATOR_KEYS",
    "PassKey",
    "PassThrough",
    "RejectReason",
    "Rejected",
    "ScannerConfig",
    "WedgeAction",
    "WedgeRecogniser",
    "to_raw_scan",
]

TERMINATOR_KEYS = frozenset({"Enter", "Return", "Tab"})
"""Names ``key_special`` takes as the end of a scan."""

_TERMINATOR_CHARS = {"\r": "Return", "\n": "Enter", "\t": "Tab"}

BROKEN_GRACE_S = 0.5
"""How long after a cut-off burst the scanner's remaining keys are still swallowed."""


@dataclass(frozen=True, slots=True)
class ScannerConfig:
    """How the station's scanner is set up (``app.config.Settings`` ``scanner_*``).

    Attributes:
        max_gap_s: the longest pause between two keys of one scan.
        min_length: the shortest code a scan may carry.
        prefix: what the scanner sends before every code (removed).
        suffix: what it sends after every code (removed; also ends a scan).
        gs_standin: what it sends instead of GS (FNC1); ``""`` when it sends GS itself.
        max_length: the longest scan accepted.
    """

    max_gap_s: float = 0.040
    min_length: int = 4
    prefix: str = ""
    suffix: str = ""
    gs_standin: str = ""
    max_length: int = MAX_SCAN_LENGTH

    @classmethod
    def from_settings(cls, settings: Settings) -> ScannerConfig:
        return cls(
            max_gap_s=settings.scanner_max_gap_ms / 1000,
            min_length=settings.scanner_min_length,
            prefix=settings.scanner_prefix,
            suffix=settings.scanner_suffix,
            gs_standin=settings.scanner_gs_standin,
        )


class RejectReason(enum.StrEnum):
    """Why a scanner burst was not turned into a scan (values are ``ScanCode`` members)."""

    TOO_LONG = "too_long"
    INCOMPLETE = "incomplete"


@dataclass(frozen=True, slots=True)
class PassThrough:
    """Characters a person typed: insert them where the focus is."""

    text: str


@dataclass(frozen=True, slots=True)
class PassKey:
    """A non-character key a person pressed (``"Enter"``, ``"Tab"``, ``"Backspace"``...)."""

    name: str


@dataclass(frozen=True, slots=True)
class Rejected:
    """A scanner burst that was swallowed but is not a usable scan.

    Attributes:
        reason: why.
        length: how many keys the burst had.
        head: its first characters (at most 64), for the operator's message.
    """

    reason: RejectReason
    length: int
    head: str


WedgeAction: TypeAlias = RawScan | PassThrough | PassKey | Rejected


def to_raw_scan(data: str, config: ScannerConfig, source: ScanSource) -> RawScan:
    """Prefix, suffix, GS stand-in and AIM identifier handled as rule 6 says.

    Serial scanners send the same framing as wedges, so their adapter uses this too.
    """
    if config.prefix and data.startswith(config.prefix):
        data = data[len(config.prefix) :]
    if config.suffix and data.endswith(config.suffix):
        data = data[: -len(config.suffix)]
    if config.gs_standin:
        data = data.replace(config.gs_standin, GS)
    aim, symbology, data = split_aim(data)
    return RawScan(data, symbology, aim, source)


class _Before(enum.Enum):
    """What came just before the burst being collected (within ``BROKEN_GRACE_S``)."""

    NOTHING = enum.auto()  # quiet, or a burst that ended properly
    HANDED_BACK = enum.auto()  # keys handed back as typing, that ended without Enter
    CUT_OFF = enum.auto()  # a scanner burst rejected as INCOMPLETE


class WedgeRecogniser:
    """The keyboard-wedge state machine (rules in the module docstring).

    Not thread-safe: feed it from one thread (the GUI thread's event filter).
    """

    def __init__(self, config: ScannerConfig) -> None:
        self._config = config
        self._gap = config.max_gap_s
        self._suffix = list(config.suffix)
        # The burst being collected: its characters (up to the cap), how many keys it
        # had in all, when its last key came, and what came just before it.
        self._keys: list[str] = []
        self._count = 0
        self._last: float | None = None
        self._cap = config.max_length + len(config.prefix) + len(config.suffix)
        self._tail: list[str] = []  # last keys once past the cap, to see the suffix
        self._before = _Before.NOTHING
        # What the last burst that ended without a terminator was, and until when a
        # new burst counts as its continuation.
        self._previous = _Before.NOTHING
        self._previous_until = -math.inf
        self._swallow_terminator_until = -math.inf

    @property
    def config(self) -> ScannerConfig:
        return self._config

    @property
    def pending(self) -> bool:
        """True while keys are held back waiting for the burst to be decided."""
        return self._count > 0

    def deadline(self) -> float | None:
        """When ``flush`` should next be called, or ``None`` when nothing waits."""
        if self._last is None or not self._count:
            return None
        return self._last + self._gap

    def key(self, text: str, t: float) -> list[WedgeAction]:
        """A key press that produced ``text`` (usually one character) at time ``t`` (s).

        ``\\r``, ``\\n`` and ``\\t`` in ``text`` count as Enter and Tab; several
        characters are taken as several keys at the same time.
        """
        actions: list[WedgeAction] = []
        for char in text:
            terminator = _TERMINATOR_CHARS.get(char)
            if terminator is not None:
                actions.extend(self.key_special(terminator, t))
                continue
            self._break_if_slow(t, actions)
            if not self._count:
                self._before = self._previous if t <= self._previous_until else _Before.NOTHING
            self._append(char)
            self._last = t
            if self._suffix and self._ends_with_suffix():
                decided = self._decide(terminated=True, key=None)
                if not isinstance(decided[0], PassThrough):
                    self._swallow_terminator_until = t + self._gap
                actions.extend(decided)
        return actions

    def key_special(self, name: str, t: float) -> list[WedgeAction]:
        """A key that produces no text (Enter, Tab, Backspace, arrows...) at time ``t``."""
        actions: list[WedgeAction] = []
        self._break_if_slow(t, actions)
        if name not in TERMINATOR_KEYS:
            if self._count:
                actions.extend(self._decide(terminated=False, key=None))
            actions.append(PassKey(name))
            return actions
        if self._count:
            actions.extend(self._decide(terminated=True, key=name))
        elif t <= self._swallow_terminator_until or (
            self._previous is _Before.CUT_OFF and t <= self._previous_until
        ):
            pass  # the scanner's own Enter after its suffix, or after a cut-off burst
        else:
            actions.append(PassKey(name))
        return actions

    def flush(self, t: float) -> list[WedgeAction]:
        """Decide the held burst if its ``deadline`` has passed at ``t``; else nothing."""
        actions: list[WedgeAction] = []
        self._break_if_slow(t, actions)
        return actions

    def reset(self) -> None:
        """Forget everything held (the screen changed, the window lost focus)."""
        self._clear()
        self._previous = _Before.NOTHING
        self._previous_until = -math.inf
        self._swallow_terminator_until = -math.inf

    def _break_if_slow(self, t: float, actions: list[WedgeAction]) -> None:
        # `not t - last <= gap` rather than `>` so that a NaN timestamp breaks the burst.
        if self._count and self._last is not None and not t - self._last <= self._gap:
            actions.extend(self._decide(terminated=False, key=None))

    def _append(self, char: str) -> None:
        self._count += 1
        if len(self._keys) < self._cap:
            self._keys.append(char)
        elif self._suffix:
            self._tail.append(char)
            if len(self._tail) > 2 * len(self._suffix):
                del self._tail[: -len(self._suffix)]

    def _ends_with_suffix(self) -> bool:
        n = len(self._suffix)
        if self._count > len(self._keys):
            return self._tail[-n:] == self._suffix
        return self._count >= n and self._keys[-n:] == self._suffix

    def _decide(self, *, terminated: bool, key: str | None) -> list[WedgeAction]:
        """Turn the held burst into actions and forget it."""
        keys, count, last, before = self._keys, self._count, self._last, self._before
        self._clear()
        config = self._config
        head = "".join(keys[:64])
        if not terminated:
            # Whatever follows soon may be the rest of this burst (rules 4 and 4a).
            self._previous_until = (last if last is not None else -math.inf) + BROKEN_GRACE_S
        too_long = count > len(keys) or (
            count - len(config.prefix) - len(config.suffix) > config.max_length
        )
        if too_long:
            self._previous = _Before.CUT_OFF
            return [Rejected(RejectReason.TOO_LONG, count, head)]
        typed = "".join(keys)
        scan = to_raw_scan(typed, config, ScanSource.WEDGE)
        # One key alone shows no speed: it takes a second one (the Enter counts) to
        # tell a scanner from a person, whatever min_length says.
        keys_seen = count + (key is not None)
        if keys_seen < 2 or len(scan.text) < config.min_length:
            if before is _Before.CUT_OFF and terminated:
                # The end of a code whose start was swallowed: swallow it and its Enter.
                return [Rejected(RejectReason.INCOMPLETE, count, head)]
            self._previous = _Before.HANDED_BACK
            handed_back: list[WedgeAction] = [PassThrough(typed)]
            if key:
                handed_back.append(PassKey(key))
            return handed_back
        if not terminated or before is not _Before.NOTHING:
            # Cut off, or the rest of something cut off: never half a code as a scan.
            self._previous = _Before.CUT_OFF
            return [Rejected(RejectReason.INCOMPLETE, count, head)]
        return [scan]

    def _clear(self) -> None:
        self._keys = []
        self._tail = []
        self._count = 0
        self._last = None
        self._before = _Before.NOTHING
