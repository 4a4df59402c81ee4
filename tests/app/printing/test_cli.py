"""``scanpack label``: the same bytes as printing, from the demo data or the station store."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.barcodes.decode import Decoder
from app.printing.cli import run
from app.printing.library import TemplateLibrary
from app.printing.render import LabelFormat, render
from app.printing.settings import PrintSettings
from app.printing.sources import DemoSource, label_data
from app.store import LocalStore
from tests.app.printing import zpl_reader


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("fmt", ["zpl", "png", "pdf"])
def test_a_demo_shipping_label_in_every_format(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"label.{fmt}"
    status, out, err = _run(
        "shipping", "--order", "SO-100001", "--format", fmt, "-o", str(target), "--demo"
    )
    assert (status, err) == (0, "")
    assert (
        out == f"{target}: shipping SO-100001, {fmt}, {300 if fmt == 'pdf' else 203} dpi, 1 page\n"
    )
    content = target.read_bytes()
    if fmt == "zpl":
        (label,) = zpl_reader.parse(content)
        assert any(f.data == ">:SO->5100001" for f in label.fields)
    else:
        from app.barcodes.decode_cli import iter_images

        ((_, image),) = iter_images(str(target))
        texts = {d.text for d in Decoder().decode(image)}
        assert "SO-100001" in texts
        assert any(t.startswith("00") for t in texts)


def test_the_file_holds_what_the_printer_would_be_sent(
    tmp_path: Path, demo: DemoSource, library: TemplateLibrary
) -> None:
    from datetime import date

    target = tmp_path / "ship.zpl"
    assert _run("shipping", "--order", "SO-100007", "-o", str(target), "--demo")[0] == 0
    data = label_data(
        library.get("shipping"),
        demo,
        key="SO-100007",
        settings=PrintSettings(),
        today=date.today(),
        station="demo-station",
    )
    expected = render(library.get("shipping"), data, LabelFormat.ZPL).content
    assert target.read_bytes() == expected


def test_code_labels_and_the_format_from_the_extension(tmp_path: Path) -> None:
    for template, code in (("tote", "T-0002"), ("bin", "B-02-03-4"), ("product", "4012345000016")):
        target = tmp_path / f"{template}.png"
        status, out, _ = _run(template, "--code", code, "-o", str(target), "--demo", "--dpi", "300")
        assert status == 0
        assert ", png, 300 dpi" in out
        from PIL import Image

        with Image.open(target) as image:
            assert image.size == (1200, 600)


def test_a_long_packing_slip_as_png_is_one_file_per_page(
    tmp_path: Path, store: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.app.printing.conftest import make_order

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    with store.unit_of_work() as uow:
        uow.orders.save(make_order("SO-200000", lines=60))
        uow.commit()
    target = tmp_path / "slip.png"
    status, out, err = _run(
        "packing-slip", "--order", "SO-200000", "-o", str(target), "--profile", str(tmp_path)
    )
    assert status == 0, err
    pages = [target, tmp_path / "slip-2.png", tmp_path / "slip-3.png"]
    assert out == f"{', '.join(map(str, pages))}: packing-slip SO-200000, png, 203 dpi, 3 pages\n"
    assert all(page.exists() for page in pages)


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (
            ("shipping", "--order", "SO-999999", "-o", "x.zpl", "--demo"),
            1,
            "Order SO-999999 is not",
        ),
        (("tote", "--code", "T-9999", "-o", "x.zpl", "--demo"), 1, "Tote T-9999 is not known"),
        (("shipping", "-o", "x.zpl", "--demo"), 1, "needs an order number (--order)"),
        (("tote", "--order", "SO-1", "-o", "x.zpl", "--demo"), 2, "takes --code"),
        (("pallet", "--code", "1", "-o", "x.zpl", "--demo"), 1, "no label template named pallet"),
        (("tote", "--code", "T-0001", "-o", "x.txt", "--demo"), 2, "say --format"),
        (("tote", "--code", "T-0001", "--demo"), 2, "-o FILE"),
        (
            ("shipping", "--order", "SO-100001", "--package", "3", "-o", "x.zpl", "--demo"),
            1,
            "has 1 package",
        ),
    ],
)
def test_errors_say_what_is_wrong(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: tuple[str, ...],
    status: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    got, _, err = _run(*argv)
    assert got == status
    assert message in err


def test_from_the_station_store(
    tmp_path: Path, store: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no settings file
    profile = tmp_path  # the store fixture's database is tmp_path / station.sqlite3
    target = tmp_path / "ship.zpl"
    status, out, err = _run(
        "shipping", "--order", "SO-100001", "-o", str(target), "--profile", str(profile)
    )
    assert (status, err) == (0, "")
    assert "shipping SO-100001" in out
    status, _, err = _run(
        "product", "--code", "SKU-10002", "-o", str(tmp_path / "p.png"), "--profile", str(profile)
    )
    assert status == 0, err
    status, _, err = _run(
        "shipping", "--order", "SO-1", "-o", str(target), "--profile", str(tmp_path / "empty")
    )
    assert status == 1
    assert "does not exist" in err
    assert "--demo" in err


def test_list() -> None:
    status, out, _ = _run("--list")
    assert status == 0
    names = [line.split("\t")[0] for line in out.splitlines()]
    assert names == ["bin", "packing-slip", "product", "shipping", "test-print", "tote"]
