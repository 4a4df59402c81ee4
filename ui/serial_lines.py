"""A serial port read line by line through QtSerialPort, reopened when it fails.

What serial scanners (``ui.scanner.serial``) and scales (``ui.scale``) share. The port is
read on the GUI thread, event-driven (``readyRead``): a scanner sends a few dozen bytes a
second, a scale in continuous output a few hundred, so no thread is needed. Bytes are
cut into lines by ``LineFramer`` and decoded as UTF-8 or, failing that, Latin-1 (which
never fails, so garbage still becomes a line the device's reader can refuse).

A line longer than the limit is dropped as it comes (bounded memory) and handed over
as an ``Overflow`` when its end arrives; bytes left without an end for ``stale_ms`` are
handed over as an ``Overflow`` too and dropped, so half a line never prefixes the next.

A port that cannot be opened, or that vanishes (a USB device unplugged), gives a status
sentence and is tried again every ``retry_ms``; nothing raises.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QIODevice, QObject, QTimer, Signal, Slot
from PySide6.QtSerialPort import QSerialPort

log = logging.getLogger(__name__)

RETRY_MS = 3000
STALE_MS = 1000
_HEAD = 64


def decode_line(data: bytes) -> str:
    """A line's bytes as text: UTF-8 when valid, else Latin-1 (never fails)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


@dataclass(frozen=True, slots=True)
class Overflow:
    """A line that passed the limit (or was cut off): how many bytes it had, and its
    first ones."""

    length: int
    head: bytes


class LineFramer:
    """Cuts a byte stream into lines, holding at most ``limit`` bytes.

    Args:
        terminator: the bytes that end a line, or several such (a line ends at the first
            of them: ``(b"\\r", b"\\n")`` for devices that send CR, LF or CRLF).
        limit: the longest line kept.

    CR and LF around a line are dropped (a scanner set to CRLF on a station set to CR),
    and empty lines are skipped.
    """

    def __init__(self, terminator: bytes | Sequence[bytes], limit: int) -> None:
        terminators = (terminator,) if isinstance(terminator, bytes) else tuple(terminator)
        if not terminators or not all(terminators):
            raise ValueError("a terminator needs at least one byte")
        self.terminators = terminators
        self.limit = limit
        self._keep = max(map(len, terminators)) - 1  # a terminator's start may be split off
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
            end, size = self._find_end()
            if end < 0:
                break
            line = bytes(self._buffer[:end])
            del self._buffer[: end + size]
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
        if len(self._buffer) > self.limit + self._keep:
            cut = len(self._buffer) - self._keep
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

    def _find_end(self) -> tuple[int, int]:
        """Where the first line ends and the length of its terminator; (-1, 0) if none."""
        if len(self.terminators) == 1:
            (terminator,) = self.terminators
            return self._buffer.find(terminator), len(terminator)
        best, size = -1, 0
        for terminator in self.terminators:
            at = self._buffer.find(terminator)
            if at >= 0 and (best < 0 or at < best or (at == best and len(terminator) > size)):
                best, size = at, len(terminator)
        return best, size


class SerialLineReader(QObject):
    """Reads lines from a serial port, reopening it when it fails.

    A device's reader subclasses this: it says what its lines mean (``_lines_read``,
    ``_line_cut_off``) and words its status sentences, which name the device
    (``_ready_text``, ``_cannot_open_text``, ``_disconnected_text``).

    Args:
        port: the device (``/dev/ttyUSB0``, ``COM3``, or any path, a pty's included).
        baud: the speed; 8 data bits, no parity, one stop bit, no flow control.
        framer: cuts the bytes into lines.
        retry_ms: how often to try again after a failure.
        stale_ms: how long bytes without a line end are kept.

    Signals:
        statusChanged(str): a sentence for the operator about the port.
    """

    statusChanged = Signal(str)

    def __init__(
        self,
        port: str,
        baud: int,
        framer: LineFramer,
        parent: QObject | None = None,
        *,
        retry_ms: int = RETRY_MS,
        stale_ms: int = STALE_MS,
    ) -> None:
        super().__init__(parent)
        self._port_name = port
        self._baud = baud
        self._framer = framer
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

    # -- what a device's reader says and does --------------------------------------------

    def _ready_text(self) -> str:
        raise NotImplementedError

    def _cannot_open_text(self, reason: str) -> str:
        raise NotImplementedError

    def _disconnected_text(self, reason: str) -> str:
        raise NotImplementedError

    def _lines_read(self, lines: list[bytes | Overflow]) -> None:
        """Complete lines (``Overflow`` for one over the limit), in order."""
        raise NotImplementedError

    def _line_cut_off(self, unfinished: Overflow, overflowing: bool) -> None:
        """Bytes without a line end for ``stale_ms`` (``overflowing``: over the limit)."""
        raise NotImplementedError

    def _port_opened(self) -> None:
        """The port was opened (the status already says so)."""

    def _port_closed(self) -> None:
        """The open port was closed: it failed, or ``stop()``."""

    def _set_status(self, sentence: str) -> None:
        if sentence != self._status:
            self._status = sentence
            log.info("%s", sentence)
            self.statusChanged.emit(sentence)

    # -- the port ---------------------------------------------------------------------

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
            self._fail(self._cannot_open_text(reason))
            return
        serial.readyRead.connect(self._on_serial_ready_read)
        serial.errorOccurred.connect(self._on_serial_error_occurred)
        self._serial = serial
        self._set_status(self._ready_text())
        self._port_opened()

    def _close_port(self) -> None:
        serial, self._serial = self._serial, None
        if serial is not None:
            serial.readyRead.disconnect(self._on_serial_ready_read)
            serial.errorOccurred.disconnect(self._on_serial_error_occurred)
            serial.close()
            serial.deleteLater()
            self._port_closed()

    def _fail(self, sentence: str) -> None:
        self._close_port()
        seconds = max(1, round(self._retry.interval() / 1000))
        again = QCoreApplication.translate("SerialLineReader", "Trying again every {seconds} s.")
        self._set_status(sentence + " " + again.format(seconds=seconds))
        if self._running:
            self._retry.start()

    @Slot()
    def _on_serial_ready_read(self) -> None:
        serial = self._serial
        if serial is None:
            return
        data = bytes(serial.readAll().data())
        self._lines_read(self._framer.feed(data))
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
        self._fail(self._disconnected_text(reason))

    @Slot()
    def _on_retry_timeout(self) -> None:
        if self._running and self._serial is None:
            self._open()

    @Slot()
    def _on_stale_timeout(self) -> None:
        overflowing = self._framer.overflowing
        unfinished = self._framer.take_unfinished()
        if unfinished is not None:
            self._line_cut_off(unfinished, overflowing)
