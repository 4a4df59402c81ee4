"""A bench scale on a serial port: its weight, and when the weight has settled.

The scale must be set to *continuous output* (it sends a weight line several times a
second without being asked). Its port is read by ``ui.serial_lines.SerialLineReader``,
as a serial scanner's is; a line ends at CR, LF or CRLF. Each line is read by
``app.packing.scale.parse`` and followed by ``StableReading``, which says when the
weight changed, settled, or was lost; this class turns that into signals.

The pack screen shows ``weightChanged`` as it comes (grey while moving), takes the
weight of ``stableWeight``, and on ``weightLost`` clears it and says why (the scale is
overloaded, reads below zero, is in counting mode, sends nothing...). A stable reading
of 0 g is still a reading: the screen decides that an empty scale weighs no parcel.

A scale that stops sending for ``silence_ms`` (an RS-232 cable pulled out, continuous
output switched off) loses its weight (``SILENT``); a port that fails or closes loses
it too (``OFFLINE``), so a weight on screen is always one the scale is still sending.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.config import Settings
from app.packing.scale import (
    Reading,
    ScaleEvent,
    ScaleStatus,
    StabilityRule,
    StableReading,
    WeightLost,
    WeightSeen,
    WeightSettled,
    parse,
)
from ui.serial_lines import (
    RETRY_MS,
    STALE_MS,
    LineFramer,
    Overflow,
    SerialLineReader,
    decode_line,
)

log = logging.getLogger(__name__)

SILENCE_MS = 3000
LINE_LIMIT = 128  # the longest weight line is about 30 bytes


def monotonic_ms() -> int:
    return time.monotonic_ns() // 1_000_000


class SerialScale(SerialLineReader):
    """Reads a bench scale's weight lines from a serial port, reopening it when it fails.

    Args:
        port: the device (``/dev/ttyUSB0``, ``COM3``, or any path, a pty's included).
        baud: the speed; 8 data bits, no parity, one stop bit, no flow control.
        rule: when a scale that does not flag stable readings has settled.
        retry_ms: how often to try again after a failure.
        stale_ms: how long bytes without a line end are kept.
        silence_ms: how long without a line before the weight is lost (``SILENT``).
        clock: milliseconds on a monotonic clock, for the settling window.

    Signals:
        weightChanged(int, bool): the weight in grams and whether it is stable, each time
            either changes (repeated identical lines emit nothing).
        stableWeight(int): the weight settled at this many grams (once per settled value).
        weightLost(object): there is no usable weight any more; an
            ``app.packing.scale.ScaleStatus`` says why (``OVERLOAD``, ``UNDERLOAD``,
            ``NEGATIVE``, ``ERROR``, ``NOT_WEIGHT``, ``UNREADABLE``, ``SILENT``,
            ``OFFLINE``); once per reason.
        statusChanged(str): a sentence for the operator about the port and the scale.
    """

    weightChanged = Signal(int, bool)
    stableWeight = Signal(int)
    weightLost = Signal(object)

    def __init__(
        self,
        port: str,
        baud: int,
        rule: StabilityRule,
        parent: QObject | None = None,
        *,
        retry_ms: int = RETRY_MS,
        stale_ms: int = STALE_MS,
        silence_ms: int = SILENCE_MS,
        clock: Callable[[], int] = monotonic_ms,
    ) -> None:
        framer = LineFramer((b"\r", b"\n"), LINE_LIMIT)
        super().__init__(port, baud, framer, parent, retry_ms=retry_ms, stale_ms=stale_ms)
        self._detector = StableReading(rule)
        self._clock = clock
        self._silence = QTimer(self)
        self._silence.setSingleShot(True)
        self._silence.setInterval(silence_ms)
        self._silence.timeout.connect(self._on_silence_timeout)

    @classmethod
    def from_settings(cls, settings: Settings, parent: QObject | None = None) -> SerialScale | None:
        """The scale ``settings`` name (not started); ``None`` when no port is set."""
        port = settings.scale_port.strip()
        if not port:
            return None
        # load() keeps what the file says; the settings screen checks the ranges.
        rule = StabilityRule(
            tolerance_g=max(0, settings.scale_tolerance_g),
            window_ms=max(0, settings.scale_stable_ms),
        )
        return cls(port, settings.scale_baud, rule, parent)

    @property
    def weight(self) -> WeightSeen | None:
        """The weight now (grams, stable); ``None`` when there is none."""
        return self._detector.weight

    @property
    def lost(self) -> ScaleStatus | None:
        """Why there is no weight now; ``None`` while there is one."""
        return self._detector.lost

    @property
    def silence_timer(self) -> QTimer:
        return self._silence

    def stop(self) -> None:
        """Close the port and stop retrying; safe to call twice."""
        super().stop()
        self._silence.stop()

    def _ready_text(self) -> str:
        return self.tr("Scale on {port}: ready.").format(port=self.port)

    def _cannot_open_text(self, reason: str) -> str:
        return self.tr("Scale on {port} cannot be opened: {reason}.").format(
            port=self.port, reason=reason
        )

    def _disconnected_text(self, reason: str) -> str:
        return self.tr("Scale on {port} was disconnected: {reason}.").format(
            port=self.port, reason=reason
        )

    def _silent_text(self) -> str:
        seconds = max(1, round(self._silence.interval() / 1000))
        return self.tr(
            "Scale on {port} has sent no weight for {seconds} s: check that it is on and set "
            "to continuous output."
        ).format(port=self.port, seconds=seconds)

    def _port_opened(self) -> None:
        self._silence.start()

    def _port_closed(self) -> None:
        self._silence.stop()
        self._emit(self._detector.lose(ScaleStatus.OFFLINE))

    def _lines_read(self, lines: list[bytes | Overflow]) -> None:
        if not lines:
            return
        self._silence.start()
        if self._status == self._silent_text():
            self._set_status(self._ready_text())
        now = self._clock()
        for line in lines:
            if isinstance(line, Overflow):
                self._take(Reading(ScaleStatus.UNREADABLE), now)
            else:
                self._take(parse(decode_line(line)), now)

    def _line_cut_off(self, unfinished: Overflow, overflowing: bool) -> None:
        log.debug("scale line cut off after %d bytes: %r", unfinished.length, unfinished.head)
        self._take(Reading(ScaleStatus.UNREADABLE), self._clock())

    def _take(self, reading: Reading, now: int) -> None:
        self._emit(self._detector.feed(reading, now))

    def _emit(self, events: tuple[ScaleEvent, ...]) -> None:
        for event in events:
            match event:
                case WeightSeen(grams=grams, stable=stable):
                    self.weightChanged.emit(grams, stable)
                case WeightSettled(grams=grams):
                    self.stableWeight.emit(grams)
                case WeightLost(status=status):
                    self.weightLost.emit(status)

    @Slot()
    def _on_silence_timeout(self) -> None:
        if self.connected:
            self._set_status(self._silent_text())
            self._emit(self._detector.lose(ScaleStatus.SILENT))
