"""Serial scanners (RS-232, or USB scanners in serial/CDC-ACM mode) through QtSerialPort.

The port is read on the GUI thread, event-driven (``readyRead``): a scanner sends a few
dozen bytes a second at most, so no thread is needed. Bytes are framed by the
configured terminator (``Settings.serial_terminator``: CR, LF, CRLF, TAB or the
characters themselves, ``\\x03`` for ETX), decoded as UTF-8 or, failing that, Latin-1
(which never fails, so garbage still becomes a read the pipeline can refuse with a
sentence), and go through ``app.barcodes.wedge.to_raw_scan`` like a wedge's keys: the
configured prefix, suffix, GS stand-in and AIM identifier are handled the same way.

A line longer than the scanner's limit is dropped as it comes (bounded memory) and
reported as ``TOO_LONG`` when its terminator arrives; bytes left without a terminator
for ``stale_ms`` are reported as ``INCOMPLETE`` and dropped, so half a code never
prefixes the next one.

A port that cannot be opened, or that vanishes (a USB scanner unplugged), gives a
status sentence and is tried again every ``retry_ms``; nothing raises.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QIODevice, QObject, QTimer, Signal, Slot
from PySide6.QtSerialPort import QSerialPort

from app.barcodes.wedge import Rejected, RejectReason, ScannerConfig, to_raw_scan
from app.domain.scan import ScanSource

log = logging.getLogger(__name__)

TERMINATORS: dict[str, bytes] = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "TAB": b"\t"}
RETRY_MS = 3000
STALE_MS = 1000
_HEAD = 64


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


def decode_line(data: bytes) -> str:
    """A line's bytes as text: UTF-8 when valid, else Latin-1 (never fails)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


@dataclass(frozen=True, slots=True)
class Overflow:
    """A line that passed the limit: how many bytes it had, and its first ones."""

    length: int
    head: bytes


class LineFramer:
    """Cuts a byte stream into lines at ``terminator``, holding at most ``limit`` bytes.

    CR and LF around a line are dropped (a scanner set to CRLF on a station set to CR),
    and empty lines are skipped.
    """

    def __init__(self, terminator: bytes, limit: int) -> None:
        if not terminator:
            raise ValueError("a terminator needs at least one byte")
        self.terminator = terminator
        self.limit = limit
        self._buffer = bytearray()
        self._dropped = 0  # bytes of the current line already thrown away (overflow)
        self._head = b""

    @property
    def pending(self) -> int:
        """Bytes of an unfinished line (kept or dropped)."""
        return len(self._buffer) + self._dropped

    @property
    def overflowing(self) -> bool:
        return self._dropped > 0

    def feed(self, data: bytes) -> list[bytes | Overflow]:
        """The lines that ``data`` completes, in order."""
        self._buffer += data
        lines: list[bytes | Overflow] = []
        while True:
            end = self._buffer.find(self.terminator)
            if end < 0:
                break
            line = bytes(self._buffer[:end])
            del self._buffer[: end + len(self.terminator)]
            if self._dropped:
                lines.append(Overflow(self._dropped + len(line), self._head))
                self._dropped, self._head = 0, b""
                continue
            if len(line) > self.limit:
                lines.append(Overflow(len(line), line[:_HEAD]))
                continue
            line = line.strip(b"\r\n")
            if line:
                lines.append(line)
        # Keep the tail that may be the start of a split terminator; drop the rest of
        # an overlong line as it comes.
        keep = len(self.terminator) - 1
        if len(self._buffer) > self.limit + keep:
            cut = len(self._buffer) - keep
            if not self._dropped:
                self._head = bytes(self._buffer[:_HEAD])
            self._dropped += cut
            del self._buffer[:cut]
        return lines

    def take_unfinished(self) -> Overflow | None:
        """Forget the unfinished line; what it was, or ``None`` when there was none."""
        if not self.pending:
            return None
        taken = Overflow(self.pending, self._head or bytes(self._buffer[:_HEAD]))
        self._buffer.clear()
        self._dropped, self._head = 0, b""
        return taken


class SerialScanner(QObject):
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
    statusChanged = Signal(str)

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
        super().__init__(parent)
        self._port_name = port
        self._baud = baud
        self._config = config
        limit = config.max_length + len(config.prefix) + len(config.suffix)
        self._framer = LineFramer(terminator_bytes(terminator), limit)
        self._serial: QSerialPort | None = None
        self._status = ""
        self._running = False
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(retry_ms)
        self._retry.timeout.connect(self._on_retry_timeout)
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(stale_ms)
        self._stale.timeout.connect(self._on_stale_timeout)

    @property
    def port(self) -> str:
        return self._port_name

    @property
    def connected(self) -> bool:
        """True while the port is open."""
        return self._serial is not None

    @property
    def status(self) -> str:
        """The last status sentence."""
        return self._status

    @property
    def retry_timer(self) -> QTimer:
        return self._retry

    def start(self) -> None:
        """Open the port (or keep trying)."""
        self._running = True
        self._open()

    def stop(self) -> None:
        """Close the port and stop retrying; safe to call twice."""
        self._running = False
        self._retry.stop()
        self._stale.stop()
        self._close_port()
        self._framer.take_unfinished()

    def _open(self) -> None:
        serial = QSerialPort(self)
        serial.setPortName(self._port_name)
        serial.setBaudRate(self._baud)
        serial.setDataBits(QSerialPort.DataBits.Data8)
        serial.setParity(QSerialPort.Parity.NoParity)
        serial.setStopBits(QSerialPort.StopBits.OneStop)
        serial.setFlowControl(QSerialPort.FlowControl.NoFlowControl)
        if not serial.open(QIODevice.OpenModeFlag.ReadOnly):
            reason = serial.errorString()
            serial.deleteLater()
            self._fail(
                self.tr("Serial scanner on {port} cannot be opened: {reason}.").format(
                    port=self._port_name, reason=reason
                )
            )
            return
        serial.readyRead.connect(self._on_serial_ready_read)
        serial.errorOccurred.connect(self._on_serial_error_occurred)
        self._serial = serial
        self._set_status(self.tr("Serial scanner on {port}: ready.").format(port=self._port_name))

    def _close_port(self) -> None:
        serial, self._serial = self._serial, None
        if serial is not None:
            serial.readyRead.disconnect(self._on_serial_ready_read)
            serial.errorOccurred.disconnect(self._on_serial_error_occurred)
            serial.close()
            serial.deleteLater()

    def _fail(self, sentence: str) -> None:
        self._close_port()
        seconds = max(1, round(self._retry.interval() / 1000))
        self._set_status(
            sentence + " " + self.tr("Trying again every {seconds} s.").format(seconds=seconds)
        )
        if self._running:
            self._retry.start()

    def _set_status(self, sentence: str) -> None:
        if sentence != self._status:
            self._status = sentence
            log.info("%s", sentence)
            self.statusChanged.emit(sentence)

    def _emit_lines(self, lines: list[bytes | Overflow]) -> None:
        for line in lines:
            if isinstance(line, Overflow):
                self.rejected.emit(
                    Rejected(RejectReason.TOO_LONG, line.length, decode_line(line.head))
                )
            else:
                self.scanned.emit(to_raw_scan(decode_line(line), self._config, ScanSource.SERIAL))

    @Slot()
    def _on_serial_ready_read(self) -> None:
        serial = self._serial
        if serial is None:
            return
        data = bytes(serial.readAll().data())
        self._emit_lines(self._framer.feed(data))
        if self._framer.pending:
            self._stale.start()
        else:
            self._stale.stop()

    @Slot(QSerialPort.SerialPortError)
    def _on_serial_error_occurred(self, error: QSerialPort.SerialPortError) -> None:
        if error in (QSerialPort.SerialPortError.NoError, QSerialPort.SerialPortError.TimeoutError):
            return
        serial = self._serial
        reason = serial.errorString() if serial is not None else str(error)
        self._fail(
            self.tr("Serial scanner on {port} was disconnected: {reason}.").format(
                port=self._port_name, reason=reason
            )
        )

    @Slot()
    def _on_retry_timeout(self) -> None:
        if self._running and self._serial is None:
            self._open()

    @Slot()
    def _on_stale_timeout(self) -> None:
        overflowing = self._framer.overflowing
        unfinished = self._framer.take_unfinished()
        if unfinished is None:
            return
        reason = RejectReason.TOO_LONG if overflowing else RejectReason.INCOMPLETE
        self.rejected.emit(Rejected(reason, unfinished.length, decode_line(unfinished.head)))
