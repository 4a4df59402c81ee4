"""Printer back-ends: raw TCP 9100, a CUPS queue through ``lp``, and a folder.

Every back-end has the same shape (``Printer``): ``send(payload, fmt, title)`` hands the
exact bytes over and returns the spooler's reference for the job (a CUPS request id, a
file path, or "" for a raw socket), or raises ``PrintError`` with a typed reason. A
back-end is plain blocking code: the print worker (``app.printing.queue``) runs it off
the GUI thread. The QtPrintSupport back-end for system printers lives in ``ui/`` and
implements the same protocol.

What "sent" means differs and is what each back-end can know:

* ``RawTcpPrinter``: every byte was accepted by the printer's TCP stack (port 9100,
  "JetDirect"/raw). A ZPL printer prints a format once it has read ``^XZ``.
* ``CupsPrinter``: CUPS accepted the job into its spool (``lp`` printed a request id);
  CUPS then owns delivery and its own retries. ``raw`` queues pass the bytes untouched
  (``lp -o raw``), so ZPL reaches a Zebra byte for byte.
* ``FilePrinter``: the file is complete on disk (written aside, then renamed).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Protocol

from app.printing.errors import PrintError, PrintErrorCode
from app.printing.render import LabelFormat
from app.printing.settings import PrinterKind, PrinterSpec

RAW_PORT = 9100
_REQUEST_ID = re.compile(r"request id is (\S+)")
_UNREACHABLE = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN, errno.ENETDOWN}


class Printer(Protocol):
    """Something that takes a rendered label and makes it print."""

    @property
    def spec(self) -> PrinterSpec: ...

    def send(self, payload: bytes, fmt: LabelFormat, title: str) -> str:
        """Hand ``payload`` (in ``fmt``) over; returns the spooler's reference or "".

        Raises:
            PrintError: why it did not go; ``retryable`` says whether later may help.
        """
        ...


def split_address(address: str, default_port: int = RAW_PORT) -> tuple[str, int]:
    """``host``, ``host:port``, ``[v6]:port`` -> (host, port)."""
    if address.startswith("["):
        host, _, rest = address[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") else default_port
    if address.count(":") == 1:
        host, port = address.split(":")
        return host, int(port)
    return address, default_port


class RawTcpPrinter:
    """A network printer's raw port (9100): connect, send every byte, close."""

    def __init__(self, spec: PrinterSpec) -> None:
        self._spec = spec
        self.host, self.port = split_address(spec.address)

    @property
    def spec(self) -> PrinterSpec:
        return self._spec

    def _error(self, code: PrintErrorCode, **extra: object) -> PrintError:
        return PrintError(
            code, printer=self._spec.name, address=f"{self.host}:{self.port}", **extra
        )

    def send(self, payload: bytes, fmt: LabelFormat, title: str) -> str:
        timeout = self._spec.timeout_s
        try:
            sock = socket.create_connection((self.host, self.port), timeout=timeout)
        except ConnectionRefusedError as exc:
            raise self._error(PrintErrorCode.REFUSED) from exc
        except socket.gaierror as exc:
            raise self._error(PrintErrorCode.UNKNOWN_HOST) from exc
        except TimeoutError as exc:
            raise self._error(PrintErrorCode.TIMEOUT, seconds=f"{timeout:g}") from exc
        except OSError as exc:
            if exc.errno in _UNREACHABLE:
                raise self._error(PrintErrorCode.UNREACHABLE) from exc
            raise self._error(PrintErrorCode.SEND_FAILED, detail=exc.strerror or exc) from exc
        with sock:
            try:
                sock.settimeout(timeout)
                sock.sendall(payload)
                # FIN after the last byte; the printer reads to it and prints.
                sock.shutdown(socket.SHUT_WR)
                # Unread incoming bytes at close() make the kernel reset the connection,
                # which can discard what is still unsent; take whatever status the
                # printer may have pushed (a Zebra sends nothing unless asked).
                with contextlib.suppress(BlockingIOError, InterruptedError):
                    while sock.recv(4096, socket.MSG_DONTWAIT):
                        pass
            except TimeoutError as exc:
                raise self._error(
                    PrintErrorCode.SEND_FAILED, detail=f"no progress for {timeout:g} s"
                ) from exc
            except OSError as exc:
                raise self._error(
                    PrintErrorCode.SEND_FAILED, detail=exc.strerror or str(exc)
                ) from exc
        return ""


class CupsPrinter:
    """A CUPS queue, through the ``lp`` command (the CUPS client every Linux has).

    ZPL (and any other printer language) goes with ``-o raw``: CUPS runs no filter and
    its back-end (``socket://``, ``usb://``...) delivers the bytes as they are. PDF and
    PNG go through the queue's driver. ``spec.server`` picks a CUPS server other than
    the computer's default (``lp -h host:port``).
    """

    def __init__(self, spec: PrinterSpec, lp: str = "lp") -> None:
        self._spec = spec
        self._lp = lp

    @property
    def spec(self) -> PrinterSpec:
        return self._spec

    def command(self, fmt: LabelFormat, title: str) -> list[str]:
        """The ``lp`` command line; the payload goes to its standard input."""
        command = [self._lp]
        if self._spec.server:
            command += ["-h", self._spec.server]
        command += ["-d", self._spec.address, "-t", title or "label"]
        if fmt is LabelFormat.ZPL:
            command += ["-o", "raw"]
        for option in self._spec.options:
            command += ["-o", option]
        return [*command, "--", "-"]

    def _error(self, code: PrintErrorCode, **extra: object) -> PrintError:
        return PrintError(
            code,
            printer=self._spec.name,
            queue=self._spec.address,
            server=self._spec.server or "this computer",
            **extra,
        )

    def send(self, payload: bytes, fmt: LabelFormat, title: str) -> str:
        command = self.command(fmt, title)
        executable = shutil.which(command[0])
        if executable is None:
            raise self._error(PrintErrorCode.SPOOLER_MISSING, command=command[0])
        env = dict(os.environ)
        env["LC_ALL"] = "C"  # lp's messages are parsed below: keep them in English
        try:
            result = subprocess.run(
                [executable, *command[1:]],
                input=payload,
                capture_output=True,
                timeout=self._spec.timeout_s,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise self._error(PrintErrorCode.SPOOLER_UNREACHABLE) from exc
        except OSError as exc:
            raise self._error(PrintErrorCode.SPOOLER_ERROR, detail=str(exc)) from exc
        said = (result.stderr or b"").decode("utf-8", "replace").strip()
        if result.returncode != 0:
            raise self._classify(said or f"lp exited with status {result.returncode}")
        found = _REQUEST_ID.search((result.stdout or b"").decode("utf-8", "replace"))
        return found.group(1) if found else ""

    def _classify(self, said: str) -> PrintError:
        text = said.lower()
        if "does not exist" in text or ("not found" in text and "destination" in text):
            # lp says this too when it cannot reach the scheduler at all: ask it.
            if not self._scheduler_running():
                return self._error(PrintErrorCode.SPOOLER_UNREACHABLE)
            return self._error(PrintErrorCode.NO_SUCH_QUEUE)
        if "not accepting" in text:
            return self._error(PrintErrorCode.QUEUE_NOT_ACCEPTING)
        if (
            "unable to connect" in text
            or "connection refused" in text
            or "bad file descriptor" in text
            or "no route to host" in text
            or "scheduler is not running" in text
        ):
            return self._error(PrintErrorCode.SPOOLER_UNREACHABLE)
        return self._error(PrintErrorCode.SPOOLER_ERROR, detail=said.splitlines()[-1])

    def _scheduler_running(self) -> bool:
        lpstat = shutil.which("lpstat")
        if lpstat is None:
            return True  # cannot tell; keep lp's own word
        command = [lpstat, *(["-h", self._spec.server] if self._spec.server else []), "-r"]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=self._spec.timeout_s,
                env=dict(os.environ, LC_ALL="C"),
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return False
        return "not running" not in result.stdout


class FilePrinter:
    """Writes each label to a folder (``<title><ext>``, made unique): the file/PDF back-end.

    For a PDF workflow (a shared folder another system prints from), and for tests.
    """

    def __init__(self, spec: PrinterSpec) -> None:
        self._spec = spec
        self.folder = Path(spec.address).expanduser()

    @property
    def spec(self) -> PrinterSpec:
        return self._spec

    def send(self, payload: bytes, fmt: LabelFormat, title: str) -> str:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", title).strip("-.") or "label"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".part-", dir=self.folder)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(payload)
                    out.flush()
                    os.fsync(out.fileno())
                target = self._free_name(stem, fmt.extension)
                os.replace(temporary, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError as exc:
            raise PrintError(
                PrintErrorCode.FILE_ERROR,
                printer=self._spec.name,
                path=str(self.folder),
                detail=exc.strerror or str(exc),
            ) from exc
        return str(target)

    def _free_name(self, stem: str, extension: str) -> Path:
        target = self.folder / f"{stem}{extension}"
        number = 2
        while target.exists():
            target = self.folder / f"{stem}-{number}{extension}"
            number += 1
        return target


def make_printer(spec: PrinterSpec) -> Printer:
    """The back-end of ``spec`` (not ``system``: the kiosk builds that one with Qt).

    Raises:
        ValueError: a ``system`` printer.
    """
    if spec.kind is PrinterKind.TCP:
        return RawTcpPrinter(spec)
    if spec.kind is PrinterKind.CUPS:
        return CupsPrinter(spec)
    if spec.kind is PrinterKind.FILE:
        return FilePrinter(spec)
    raise ValueError(
        f"printer {spec.name} is a system printer: the kiosk's QtPrintSupport back-end "
        "prints to it (ui/), app.printing cannot"
    )
