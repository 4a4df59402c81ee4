"""Serial scanners through a real pseudo-terminal pair: the test writes to the master end
what a scanner would send, QtSerialPort reads the slave end like a /dev/ttyUSB0 (the
``pty`` fixture, ``tests/ui/serial_pty.py``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.barcodes.wedge import Rejected, RejectReason, ScannerConfig
from app.config import Settings
from app.domain.scan import InvalidScan, ProductScan, RawScan, ScanCode, ScanSource
from app.domain.symbology import GS, Symbology
from tests.app.barcodes.test_resolve import demo_ean13
from tests.ui.serial_pty import Pty
from ui.scanner.hub import ScannerHub
from ui.scanner.serial import LineFramer, Overflow, SerialScanner, terminator_bytes
from ui.screens.settings_text import problem_text

GTIN14 = "0" + demo_ean13(0)


@pytest.fixture
def open_scanner() -> Iterator[Callable[..., SerialScanner]]:
    scanners: list[SerialScanner] = []

    def make(port: str, terminator: str = "CR", **kwargs: object) -> SerialScanner:
        config = kwargs.pop("config", ScannerConfig())
        scanner = SerialScanner(port, 9600, terminator, config, **kwargs)  # type: ignore[arg-type]
        scanners.append(scanner)
        scanner.start()
        return scanner

    yield make
    for scanner in scanners:
        scanner.stop()


def collect(scanner: SerialScanner) -> tuple[list[RawScan], list[Rejected]]:
    scans: list[RawScan] = []
    rejected: list[Rejected] = []
    scanner.scanned.connect(scans.append)
    scanner.rejected.connect(rejected.append)
    return scans, rejected


def test_a_code_written_to_the_port_arrives_as_a_serial_scan(
    pty: Pty, open_scanner: Callable[..., SerialScanner], qtbot: QtBot
) -> None:
    scanner = open_scanner(pty.path)
    assert scanner.connected
    assert scanner.status == f"Serial scanner on {pty.path}: ready."
    with qtbot.waitSignal(scanner.scanned, timeout=3000) as blocker:
        pty.send(b"SKU-10001\r")
    assert blocker.args == [RawScan("SKU-10001", source=ScanSource.SERIAL)]


def test_a_code_split_across_writes_is_put_back_together(
    pty: Pty, open_scanner: Callable[..., SerialScanner], qtbot: QtBot
) -> None:
    scanner = open_scanner(pty.path, "CRLF")
    scans, _ = collect(scanner)
    pty.send(b"T-00")
    qtbot.wait(50)  # let the first half be read on its own
    assert scans == []
    pty.send(b"01\r")
    qtbot.wait(50)
    assert scans == []  # half a CRLF is no end yet
    pty.send(b"\nSO-100001\r\n")
    qtbot.waitUntil(lambda: len(scans) == 2, timeout=3000)
    assert [s.text for s in scans] == ["T-0001", "SO-100001"]


def test_garbage_bytes_become_a_read_that_the_pipeline_refuses_clearly(
    pty: Pty, open_scanner: Callable[..., SerialScanner], qtbot: QtBot, hub: ScannerHub
) -> None:
    scanner = open_scanner(pty.path)
    scanner.scanned.connect(hub.pipeline.submit)
    verdicts: list[object] = []
    hub.pipeline.answered.connect(verdicts.append)
    pty.send(b"\xff\xfe\x00\x07\x1b[2J\r")
    qtbot.waitUntil(lambda: len(verdicts) == 1, timeout=3000)
    (verdict,) = verdicts
    scan = verdict.scan  # type: ignore[attr-defined]
    assert isinstance(scan, InvalidScan)
    assert scan.code is ScanCode.NOT_PRINTABLE
    assert "<00>" in verdict.text  # type: ignore[attr-defined]  # control characters shown


def test_a_very_long_line_is_refused_without_holding_it(
    pty: Pty, open_scanner: Callable[..., SerialScanner], qtbot: QtBot
) -> None:
    scanner = open_scanner(pty.path)
    scans, rejected = collect(scanner)
    for _ in range(10):
        pty.send(b"9" * 2000)
    pty.send(b"\rSKU-10002\r")
    qtbot.waitUntil(lambda: len(scans) == 1, timeout=3000)
    assert rejected == [Rejected(RejectReason.TOO_LONG, 20_000, "9" * 64)]
    assert scans[0].text == "SKU-10002"  # the next code is read normally


def test_prefix_suffix_aim_and_gs_stand_in_are_handled_as_for_the_wedge(
    pty: Pty, open_scanner: Callable[..., SerialScanner], qtbot: QtBot
) -> None:
    config = ScannerConfig(prefix="@", suffix="!", gs_standin="~")
    scanner = open_scanner(pty.path, "LF", config=config)
    scans, _ = collect(scanner)
    pty.send(f"@]C101{GTIN14}10L7~21S1!\n".encode())
    qtbot.waitUntil(lambda: len(scans) == 1, timeout=3000)
    assert scans[0] == RawScan(
        f"01{GTIN14}10L7{GS}21S1", Symbology.GS1_128, "]C1", ScanSource.SERIAL
    )


def test_a_utf8_code_is_read_as_utf8_and_latin1_is_the_fallback(
    pty: Pty, open_scanner: Callable[..., SerialScanner], qtbot: QtBot
) -> None:
    scanner = open_scanner(pty.path, "TAB")
    scans, _ = collect(scanner)
    pty.send("Größe-1\t".encode() + "Größe-2\t".encode("latin-1"))
    qtbot.waitUntil(lambda: len(scans) == 2, timeout=3000)
    assert [s.text for s in scans] == ["Größe-1", "Größe-2"]


def test_bytes_without_an_end_are_dropped_as_cut_off(
    pty: Pty, open_scanner: Callable[..., SerialScanner], qtbot: QtBot
) -> None:
    scanner = open_scanner(pty.path, stale_ms=100)
    scans, rejected = collect(scanner)
    pty.send(b"SKU-100")
    qtbot.waitUntil(lambda: len(rejected) == 1, timeout=3000)
    assert rejected == [Rejected(RejectReason.INCOMPLETE, 7, "SKU-100")]
    pty.send(b"SKU-10003\r")  # the stale start does not prefix the next code
    qtbot.waitUntil(lambda: len(scans) == 1, timeout=3000)
    assert scans[0].text == "SKU-10003"


def test_a_port_that_cannot_be_opened_is_retried_until_it_appears(
    tmp_path: Path, pty: Pty, open_scanner: Callable[..., SerialScanner], qtbot: QtBot
) -> None:
    link = tmp_path / "ttyUSB-scanner"
    scanner = open_scanner(str(link), retry_ms=100)
    assert not scanner.connected
    assert scanner.status.startswith(f"Serial scanner on {link} cannot be opened: ")
    assert scanner.status.endswith("Trying again every 1 s.")
    assert scanner.retry_timer.isActive()
    link.symlink_to(pty.path)  # the scanner is plugged in
    qtbot.waitUntil(lambda: scanner.connected, timeout=3000)
    with qtbot.waitSignal(scanner.scanned, timeout=3000) as blocker:
        pty.send(b"B-1001\r")
    assert blocker.args[0].text == "B-1001"


def test_a_port_that_vanishes_says_so_and_is_retried(
    open_scanner: Callable[..., SerialScanner], qtbot: QtBot
) -> None:
    master, slave = os.openpty()
    path = os.ttyname(slave)
    scanner = open_scanner(path, retry_ms=100)
    assert scanner.connected
    os.close(slave)
    os.close(master)  # unplugged: reads now fail
    qtbot.waitUntil(lambda: not scanner.connected, timeout=3000)
    assert "Trying again every 1 s." in scanner.status
    assert scanner.retry_timer.isActive() or not scanner.connected
    scanner.stop()
    assert not scanner.retry_timer.isActive()


def test_the_hub_opens_the_configured_port_and_feeds_the_pipeline(
    pty: Pty, make_hub: Callable[..., ScannerHub], qtbot: QtBot
) -> None:
    hub = make_hub(Settings(station="x", serial_port=pty.path, serial_terminator="CR"))
    statuses: list[tuple[str, bool]] = []
    hub.serialStatusChanged.connect(lambda text, ok: statuses.append((text, ok)))
    hub.start()
    assert statuses == [(f"Serial scanner on {pty.path}: ready.", True)]
    with qtbot.waitSignal(hub.pipeline.scanned, timeout=3000) as blocker:
        pty.send(f"]C101{GTIN14}10LOT9\r".encode())
    scan = blocker.args[0]
    assert isinstance(scan, ProductScan)
    assert scan.lot == "LOT9"
    hub.apply_settings(Settings(station="x"))  # port cleared: closed
    assert hub.serial is None


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("CR", b"\r"),
        ("lf", b"\n"),
        ("CRLF", b"\r\n"),
        ("Tab", b"\t"),
        ("\\x03", b"\x03"),
        ("#", b"#"),
        ("", b"\r"),
    ],
)
def test_terminator_settings(setting: str, expected: bytes) -> None:
    assert terminator_bytes(setting) == expected


def test_the_framer_bounds_its_memory() -> None:
    framer = LineFramer(b"\r\n", limit=10)
    assert framer.feed(b"0123456789ABCDEF" * 1000) == []
    assert framer.pending == 16_000
    assert len(framer._buffer) <= 11
    assert framer.feed(b"\r\nok\r\n") == [Overflow(16_000, b"0123456789ABCDEF" * 4), b"ok"]


def test_serial_settings_are_validated() -> None:
    assert Settings().serial_port == ""
    assert Settings().serial_terminator == "CR"
    problems = [problem_text(p) for p in Settings(serial_terminator="", serial_baud=300).validate()]
    assert "Serial scanner: end of code must be CR, LF, CRLF, TAB or 1-16 characters." in problems
    assert "Serial scanner: baud rate must be between 1200 and 921600." in problems
    assert Settings(serial_port="/dev/ttyACM0", serial_baud=115_200).validate() == []
