"""A real pseudo-terminal pair standing in for a serial device: the test writes to the
master end what the device would send, QtSerialPort reads the slave end like a
/dev/ttyUSB0 (the ``pty`` fixture of ``tests/ui/conftest.py``)."""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass

from PySide6.QtTest import QTest


@dataclass
class Pty:
    """A pseudo-terminal pair: write to ``master`` what the device sends."""

    master: int
    slave: int
    path: str

    @classmethod
    def open(cls) -> Pty:
        master, slave = os.openpty()
        os.set_blocking(master, False)
        return cls(master, slave, os.ttyname(slave))

    def send(self, data: bytes) -> None:
        """Write all of ``data``; while the line discipline's buffer is full, let the
        event loop run so that the port reads (as a real device's line would wait)."""
        view = memoryview(data)
        deadline = time.monotonic() + 10
        while view:
            try:
                view = view[os.write(self.master, view) :]
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError("the serial port stopped reading") from None
                QTest.qWait(5)

    def close(self) -> None:
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)
