"""The demo barcode sheet: our own decoder reads every code of our own print exactly,
and every code means at the station what its caption says.

The sheet is written by its command line (``python -m app.barcodes.sheet``) and read
back by ``scanpack decode``'s body (``decode_cli.run``), as a person checking a printed
sheet would; its codes are then resolved against a station store pulled from an order
store seeded with ``--seed demo``.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pypdfium2  # type: ignore[import-untyped]
import pytest
from PIL import Image

from app.barcodes import decode_cli, sheet
from app.barcodes.parse import parse
from app.barcodes.render import LINEAR
from app.barcodes.resolve import CodePatterns, StoreLookup, resolve
from app.config import Settings
from app.demo import DEMO_USERS
from app.domain.commands import all_commands
from app.domain.model import OrderStatus
from app.domain.scan import (
    BadgeScan,
    BinScan,
    CommandScan,
    OrderScan,
    ProductScan,
    Scan,
    ToteScan,
    UnknownScan,
)
from app.orderstore.db import make_engine, upgrade
from app.orderstore.seed import seed
from app.orderstore.service import MAX_PAGE, changes_page
from app.store import LocalStore, open_store

ROOT = Path(__file__).resolve().parents[3]
DOCS_PDF = ROOT / "docs" / "demo-barcodes.pdf"
MIN_MODULE_MM = 0.33

Key = tuple[int, str, str]  # (page, symbology, text)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sheet") / "demo-barcodes.pdf"
    done = subprocess.run(
        [sys.executable, "-W", "error", "-m", "app.barcodes.sheet", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{out}: ")
    return out


@pytest.fixture(scope="module")
def pages() -> list[sheet.Page]:
    return sheet.layout(sheet.demo_sections())


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStore]:
    """A station that pulled everything from an order store seeded like ``--seed demo``."""
    folder = tmp_path_factory.mktemp("station")
    engine = make_engine(f"sqlite:///{folder / 'orderstore.sqlite3'}")
    upgrade(engine)
    seed(engine)
    store = open_store(folder / "station.sqlite3")
    since = 0
    while True:
        page = changes_page(engine, since, MAX_PAGE)
        store.apply_changes(page)
        if not page["more"]:
            break
        since = page["next"]
    engine.dispose()
    yield store
    store.close()


def decoded(path: Path) -> Counter[Key]:
    out, err = io.StringIO(), io.StringIO()
    assert decode_cli.run([str(path)], json_lines=True, out=out, err=err) == 0, err.getvalue()
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return Counter((r["page"], r["symbology"], r["text"]) for r in records)


def planned(pages: list[sheet.Page]) -> Counter[Key]:
    return Counter(
        (p.number, str(label.symbology), label.text) for p in pages for label in p.labels
    )


def test_every_code_on_the_sheet_reads_back_exactly(pdf: Path, pages: list[sheet.Page]) -> None:
    read, expected = decoded(pdf), planned(pages)
    assert read == expected, (
        f"missing: {sorted(expected - read)}; read but not printed: {sorted(read - expected)}"
    )
    assert {symbology for _, symbology, _ in read} == {
        "code128",
        "ean13",
        "upca",
        "gs1-128",
        "gs1-datamatrix",
    }


def test_the_committed_copy_reads_back_as_the_sheet_of_today(pages: list[sheet.Page]) -> None:
    # Compared by content, not bytes: another Pillow or FreeType draws the text a little
    # differently, which is no reason to regenerate the file.
    assert DOCS_PDF.exists(), "run: python -m app.barcodes.sheet docs/demo-barcodes.pdf"
    assert decoded(DOCS_PDF) == planned(pages), (
        "docs/demo-barcodes.pdf is out of date: python -m app.barcodes.sheet docs/demo-barcodes.pdf"
    )
    assert DOCS_PDF.stat().st_size < 2_000_000


def _meaning(scan: Scan) -> tuple[str, str]:
    match scan:
        case CommandScan(command=command):
            return scan.code.value, command.text
        case BadgeScan(user=user):
            return scan.code.value, user.username
        case ToteScan(tote=tote):
            return scan.code.value, tote.code
        case OrderScan(order=order):
            return scan.code.value, order.order_number
        case BinScan(location=location):
            return scan.code.value, location.code
        case ProductScan(product=product):
            return scan.code.value, product.sku
        case UnknownScan(raw=raw):
            return scan.code.value, raw
    return scan.code.value, scan.raw


def test_every_code_means_what_its_caption_says(
    pages: list[sheet.Page], station: LocalStore
) -> None:
    patterns = CodePatterns.from_settings(Settings())
    wrong = []
    with station.unit_of_work(readonly=True) as uow:
        for label in (label for page in pages for label in page.labels):
            scan = resolve(parse(label.text, label.symbology), StoreLookup(uow), patterns)
            if _meaning(scan) != (label.kind, label.key):
                wrong.append((label.caption, label.text, _meaning(scan)))
    assert not wrong


def test_the_walk_through_orders_can_be_done_with_the_sheet_alone(
    pages: list[sheet.Page], station: LocalStore
) -> None:
    labels = [label for page in pages for label in page.labels]
    on_sheet = {(label.kind, label.key) for label in labels}
    with station.unit_of_work(readonly=True) as uow:
        orders = [uow.orders.get(label.key) for label in labels if label.kind == "order"]
        queue_head = uow.orders.next_open()
        products = {
            line.sku: uow.products.by_sku(line.sku) for o in orders if o for line in o.lines
        }
    workable = [o for o in orders if o and o.status in (OrderStatus.OPEN, OrderStatus.PICKED)]
    assert queue_head in workable  # what "Start picking" takes first
    assert {OrderStatus.OPEN, OrderStatus.PICKED} == {o.status for o in workable}
    for order in workable:
        for line in order.lines:
            product = products[line.sku]
            assert product is not None
            assert ("product", line.sku) in on_sheet, (order.order_number, line.sku)
            assert ("bin", product.location) in on_sheet, (order.order_number, product.location)
    statuses = {o.status for o in orders if o}
    assert statuses >= {
        OrderStatus.PACKED,
        OrderStatus.SHIPPED,
        OrderStatus.ON_HOLD,
        OrderStatus.CANCELLED,
    }
    assert {("command", c.text) for c in all_commands()} <= on_sheet
    assert {("badge", u.username) for u in DEMO_USERS} <= on_sheet


def _narrowest_run(row: np.ndarray) -> int:
    """The narrowest bar or space (in pixels) between the first and last bar of ``row``."""
    dark = np.flatnonzero(row < 128)
    inside = row[dark[0] : dark[-1] + 1] < 128
    edges = np.flatnonzero(np.diff(inside.astype(np.int8))) + 1
    return int(np.diff(np.concatenate([[0], edges, [inside.size]])).min())


def test_codes_are_big_enough_to_scan_from_paper(pages: list[sheet.Page]) -> None:
    mm_per_px = 25.4 / sheet.DPI
    for label in (label for page in pages for label in page.labels):
        symbol = np.asarray(label.symbol(150))
        if label.symbology in LINEAR:
            module_px = _narrowest_run(symbol[symbol.shape[0] // 2])
        else:  # the smallest square in a 2D symbol is one module
            module_px = min(
                _narrowest_run(symbol[:, symbol.shape[1] // 2]),
                _narrowest_run(symbol[symbol.shape[0] // 2]),
            )
        assert module_px * mm_per_px >= MIN_MODULE_MM, (label.text, module_px)


def test_pages_are_a4_at_300_dpi(pdf: Path, pages: list[sheet.Page]) -> None:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        assert len(document) == len(pages) >= 4
        for index in range(len(document)):
            width, height = document[index].get_size()
            assert (width, height) == pytest.approx((595.3, 841.9), abs=0.5)  # 210 x 297 mm
    finally:
        document.close()
    assert all(page.image.size == sheet.PAGE_PX and page.image.mode == "1" for page in pages)


def test_the_pdf_is_the_same_bytes_every_time(tmp_path: Path, pages: list[sheet.Page]) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    sheet.write_pdf(pages, first)
    sheet.write_pdf(pages, second)
    assert first.read_bytes() == second.read_bytes()


def test_a_missing_dejavu_falls_back_to_pillows_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet, "_FONT_FILES", {"bold": "NoSuchFont-Bold.ttf"})
    monkeypatch.setattr(sheet, "_FONT_DIRS", ())
    sheet.font.cache_clear()
    try:
        face = sheet.font("bold", 40)
        canvas = Image.new("L", (400, 80), 255)
        from PIL import ImageDraw

        ImageDraw.Draw(canvas).text((10, 10), "SKU-10001", font=face, fill=0)
        assert canvas.getextrema() == (0, 255)
    finally:
        sheet.font.cache_clear()
