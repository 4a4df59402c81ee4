"""Back-ends: raw TCP delivers the exact bytes or says why not; lp and file back-ends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.printing.backends import (
    CupsPrinter,
    FilePrinter,
    RawTcpPrinter,
    make_printer,
    split_address,
)
from app.printing.errors import PrintError, PrintErrorCode
from app.printing.render import LabelFormat
from app.printing.settings import PrinterKind, PrinterSpec
from tests.cups import RawListener, free_port

ZPL = b"^XA^CI28^FO10,10^A0N,30,30^FD\xc3\x9cml\xc3\xa4ut^FS^XZ\n" * 50


@pytest.fixture
def listener() -> Iterator[RawListener]:
    with RawListener() as running:
        yield running


def _tcp(address: str, timeout: float = 5.0) -> RawTcpPrinter:
    return RawTcpPrinter(PrinterSpec("zebra", PrinterKind.TCP, address, timeout_s=timeout))


def test_raw_tcp_delivers_every_byte_once(listener: RawListener) -> None:
    assert _tcp(listener.address).send(ZPL, LabelFormat.ZPL, "t") == ""
    assert listener.wait_for(1) == [ZPL]


def test_a_refusing_printer_says_so_and_works_when_it_is_back(listener: RawListener) -> None:
    listener.refuse()
    with pytest.raises(PrintError) as caught:
        _tcp(listener.address).send(ZPL, LabelFormat.ZPL, "t")
    error = caught.value
    assert error.code is PrintErrorCode.REFUSED
    assert error.retryable
    assert str(error).startswith(f"Printer zebra ({listener.address}) refused the connection")
    listener.accept_again()
    _tcp(listener.address).send(ZPL, LabelFormat.ZPL, "t")
    assert listener.wait_for(1) == [ZPL]


def test_an_unknown_host_is_not_retried() -> None:
    with pytest.raises(PrintError) as caught:
        _tcp("no-such-printer.invalid:9100").send(b"x", LabelFormat.ZPL, "t")
    assert caught.value.code is PrintErrorCode.UNKNOWN_HOST
    assert not caught.value.retryable


def test_nothing_listening_is_refused() -> None:
    with pytest.raises(PrintError) as caught:
        _tcp(f"127.0.0.1:{free_port()}").send(b"x", LabelFormat.ZPL, "t")
    assert caught.value.code is PrintErrorCode.REFUSED


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("zebra.local", ("zebra.local", 9100)),
        ("10.0.0.5:6101", ("10.0.0.5", 6101)),
        ("[fe80::1]:9101", ("fe80::1", 9101)),
        ("[fe80::1]", ("fe80::1", 9100)),
    ],
)
def test_addresses(address: str, expected: tuple[str, int]) -> None:
    assert split_address(address) == expected


def test_the_lp_command_line() -> None:
    spec = PrinterSpec(
        "z", PrinterKind.CUPS, "ZEBRA", server="127.0.0.1:631", options=("media=Custom.4x6in",)
    )
    printer = CupsPrinter(spec)
    assert printer.command(LabelFormat.ZPL, "shipping SO-1") == [
        "lp",
        "-h",
        "127.0.0.1:631",
        "-d",
        "ZEBRA",
        "-t",
        "shipping SO-1",
        "-o",
        "raw",
        "-o",
        "media=Custom.4x6in",
        "--",
        "-",
    ]
    assert "raw" not in printer.command(LabelFormat.PDF, "x")


def test_no_lp_command_is_a_clear_error() -> None:
    printer = CupsPrinter(PrinterSpec("z", PrinterKind.CUPS, "ZEBRA"), lp="no-such-lp-command")
    with pytest.raises(PrintError) as caught:
        printer.send(b"x", LabelFormat.ZPL, "t")
    assert caught.value.code is PrintErrorCode.SPOOLER_MISSING
    assert "no-such-lp-command" in str(caught.value)


@pytest.mark.parametrize(
    ("said", "code"),
    [
        ('lp: Destination "ZEBRA" is not accepting jobs.', PrintErrorCode.QUEUE_NOT_ACCEPTING),
        ("lp: Unable to connect to server: Connection refused", PrintErrorCode.SPOOLER_UNREACHABLE),
        ("lp: Something else went wrong", PrintErrorCode.SPOOLER_ERROR),
    ],
)
def test_lp_messages_become_typed_errors(said: str, code: PrintErrorCode) -> None:
    error = CupsPrinter(PrinterSpec("z", PrinterKind.CUPS, "ZEBRA"))._classify(said)
    assert error.code is code


def test_the_file_back_end_writes_whole_files_with_unique_names(tmp_path: Path) -> None:
    printer = FilePrinter(PrinterSpec("folder", PrinterKind.FILE, str(tmp_path / "out")))
    first = printer.send(b"%PDF-1", LabelFormat.PDF, "packing-slip SO-1 1")
    second = printer.send(b"%PDF-2", LabelFormat.PDF, "packing-slip SO-1 1")
    assert Path(first).name == "packing-slip-SO-1-1.pdf"
    assert Path(second).name == "packing-slip-SO-1-1-2.pdf"
    assert Path(second).read_bytes() == b"%PDF-2"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "packing-slip-SO-1-1-2.pdf",
        "packing-slip-SO-1-1.pdf",
    ]  # and no temporary file is left


def test_an_unwritable_folder_is_a_file_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    printer = FilePrinter(PrinterSpec("folder", PrinterKind.FILE, str(blocker / "sub")))
    with pytest.raises(PrintError) as caught:
        printer.send(b"x", LabelFormat.PNG, "t")
    assert caught.value.code is PrintErrorCode.FILE_ERROR


def test_system_printers_belong_to_the_kiosk() -> None:
    assert isinstance(make_printer(PrinterSpec("f", PrinterKind.FILE, "/tmp")), FilePrinter)
    assert isinstance(make_printer(PrinterSpec("t", PrinterKind.TCP, "h")), RawTcpPrinter)
    assert isinstance(make_printer(PrinterSpec("c", PrinterKind.CUPS, "q")), CupsPrinter)
    with pytest.raises(ValueError, match="QtPrintSupport"):
        make_printer(PrinterSpec("s", PrinterKind.SYSTEM, "HP_LaserJet"))
