"""Serial scanners (RS-232, or USB scanners in serial/CDC-ACM mode) through QtSerialPort.

The port is read by ``ui.serial_lines.SerialLineReader`` (shared with the scale): on the
GUI thread, event-driven, reopened when it fails. Bytes are framed by the configured
terminator (``Settings.serial_terminator``: CR, LF, CRLF, TAB or the characters
themselves, ``\\x03`` for ETX), decoded as UTF-8 or, failing that, Latin-1 (which never
fails, so garbage still becomes a read the pipeline can refuse with a sentence), and go
through ``app.barcodes.wedge.to_raw_scan`` like a wedge's keys: the configured prefix,
suffix, GS stand-in and AIM identifier are handled the same way.

A line longer than the scanner's limit is dropped as it comes (bounded memory) and
reported as ``TOO_LONG`` when its terminator arrives; bytes left without a terminator
for ``stale_ms`` are reported as ``INCOMPLETE`` and dropped, so half a code never
prefixes the next one.

A port that cannot be opened, or that vanishes (a USB scanner unplugged), gives a
status sentence and is tried again every ``retry_ms``; nothing raises.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.barcodes.wedge import Rejected, RejectReason, ScannerConfig, to_raw_scan
from app.domain.scan import ScanSource
from ui.serial_lines import (
    RETRY_MS,
    STALE_MS,
    LineFramer,
    Overflow,
    SerialLineReader,
    decode_line,
)

__all__ = [
    "RETRY_MS",
    "STALE_MS",
    "TERMINATORS",
    "LineFramer",
    "Overflow",
    "SerialScanner",
    "decode_line",
    "terminator_bytes",
]

TERMINATORS: dict[str, bytes] = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "TAB": b"\t"}


def terminator_bytes(setting: str) -> bytes:
    """The bytes that end a code: a name (``CR``, ``LF``, ``CRLF``, ``TAB``, any case) or
    the characters themselves, with Python escapes (``\\x03``); CR when empty."""
    name = setting.strip().upper()
    if name in TERMINATORS:
        return TERMINATORS[name]
    text = setting
    if "\\" in text:
        try:
            text = text.encode("latin-1", "backslashreplace").decode("unicode_escape")
        except UnicodeDecodeError:
            text = setting
    if not text:
        return TERMINATORS["CR"]
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8")


class SerialScanner(SerialLineReader):
    """Reads codes from a serial port, reopening it when it fails.

    Args:
        port: the device (``/dev/ttyUSB0``, ``COM3``, or any path, a pty's included).
        baud: the speed; 8 data bits, no parity, one stop bit, no flow control.
        terminator: ``Settings.serial_terminator``.
        config: prefix, suffix, GS stand-in and length limit, as for the wedge.
        retry_ms: how often to try again after a failure.
        stale_ms: how long bytes without a terminator are kept.

    Signals:
        scanned(object): a ``RawScan`` (source ``SERIAL``).
        rejected(object): an ``app.barcodes.wedge.Rejected`` line (too long, cut off).
        statusChanged(str): a sentence for the operator about the port.
    """

    scanned = Signal(object)
    rejected = Signal(object)

    def __init__(
        self,
        port: str,
        baud: int,
        terminator: str,
        config: ScannerConfig,
        parent: QObject | None = None,
        *,
        retry_ms: int = RETRY_MS,
        stale_ms: int = STALE_MS,
    ) -> None:
        limit = config.max_length + len(config.prefix) + len(config.suffix)
        framer = LineFramer(terminator_bytes(terminator), limit)
        super().__init__(port, baud, framer, parent, retry_ms=retry_ms, stale_ms=stale_ms)
        self._config = config

    def _ready_text(self) -> str:
        return self.tr("Serial scanner on {port}: ready.").format(port=self.port)

    def _cannot_open_text(self, reason: str) -> str:
        return self.tr("Serial scanner on {port} cannot be opened: {reason}.").format(
            port=self.port, reason=reason
        )

    def _disconnected_text(self, reason: str) -> str:
        return self.tr("Serial scanner on {port} was disconnected: {reason}.").format(
            port=self.port, reason=reason
        )

    def _lines_read(self, lines: list[bytes | Overflow]) -> None:
        for line in lines:
            if isinstance(line, Overflow):
                self.rejected.emit(
                    Rejected(RejectReason.TOO_LONG, line.length, decode_line(line.head))
                )
            else:
                self.scanned.emit(to_raw_scan(decode_line(line), self._config, ScanSource.SERIAL))

    def _line_cut_off(self, unfinished: Overflow, overflowing: bool) -> None:
        reason = RejectReason.TOO_LONG if overflowing else RejectReason.INCOMPLETE
        self.rejected.emit(Rejected(reason, unfinished.length, decode_line(unfinished.head)))
