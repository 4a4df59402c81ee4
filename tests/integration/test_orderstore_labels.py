"""``scanpack-store labels``: a site with no barcodes prints them from its store, and our
decoder reads every code back from the PDF, on the page it was laid on."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from app.orderstore.cli import main
from app.orderstore.db import make_engine, upgrade
from app.orderstore.labels import store_items
from app.orderstore.models import LocationRow, ToteRow
from app.orderstore.seed import seed
from app.printing.pdf import pdf_page_sizes_mm
from app.printing.sheets import COLUMNS, ROWS, item_code, label_data
from tests.app.barcodes.test_sheet import decoded
from tests.integration.conftest import ANCHOR

PER_PAGE = COLUMNS * ROWS


@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('labels') / 'store.sqlite3'}"
    engine = make_engine(url)
    try:
        upgrade(engine)
        seed(engine, anchor=ANCHOR)
        _retire(engine)
    finally:
        engine.dispose()
    return url


def _retire(engine: Engine) -> None:
    """One bin and one tote switched off: they get no label."""
    with engine.begin() as conn:
        conn.execute(
            update(LocationRow).where(LocationRow.code == "A-01-01-2").values(active=False)
        )
        conn.execute(update(ToteRow).where(ToteRow.code == "T-0002").values(active=False))


def read_texts(path: Path) -> Counter[tuple[int, str]]:
    return Counter((page, text) for page, _symbology, text in decoded(path))


def test_bin_labels_of_one_zone_read_back_in_pick_path_order(
    store_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bins.pdf"
    assert main(["--db", store_db, "labels", "bins", "--zone", "B", "-o", str(out)]) == 0
    engine = make_engine(store_db)
    try:
        bins = store_items(engine, "bins", zone="B")
    finally:
        engine.dispose()
    codes = [item_code(b) for b in bins]
    assert codes
    assert all(code.startswith("B-") for code in codes)
    assert [b.sequence for b in bins] == sorted(b.sequence for b in bins)  # type: ignore[union-attr]
    expected = Counter((i // PER_PAGE + 1, code) for i, code in enumerate(codes))
    assert read_texts(out) == expected
    pages = -(-len(codes) // PER_PAGE)
    sizes = pdf_page_sizes_mm(out.read_bytes())
    assert len(sizes) == pages
    assert all(abs(w - 210) < 0.5 and abs(h - 297) < 0.5 for w, h in sizes)  # A4, 100 %
    assert f"{out}: {len(codes)} bin labels ({codes[0]} to {codes[-1]}), {pages} pages" in (
        capsys.readouterr().out
    )


def test_tote_labels_on_a_roll_leave_out_retired_totes(store_db: str, tmp_path: Path) -> None:
    out = tmp_path / "totes.pdf"
    assert main(["--db", store_db, "labels", "totes", "--paper", "roll", "-o", str(out)]) == 0
    read = read_texts(out)
    texts = {text for _page, text in read}
    assert "T-0002" not in texts
    assert "T-0001" in texts
    assert "T-0040" in texts
    sizes = pdf_page_sizes_mm(out.read_bytes())
    assert len(sizes) == 39  # one 4 x 2 in label per page
    assert all(abs(w - 101.6) < 0.5 and abs(h - 50.8) < 0.5 for w, h in sizes)
    # The label's code in big type and as text are read once, as a barcode, per page.
    assert read == Counter((page, f"T-{n:04d}") for page, n in enumerate([1, *range(3, 41)], 1))


def test_product_labels_carry_the_sku_and_the_retail_gtin(store_db: str, tmp_path: Path) -> None:
    out = tmp_path / "products.pdf"
    args = ["--db", store_db, "labels", "products", "--prefix", "SKU-1001", "-o", str(out)]
    assert main(args) == 0
    engine = make_engine(store_db)
    try:
        products = store_items(engine, "products", prefix="SKU-1001")
    finally:
        engine.dispose()
    assert 1 <= len(products) <= PER_PAGE
    expected: Counter[tuple[int, str]] = Counter()
    for product in products:
        fields = label_data(product, ANCHOR).fields
        expected[(1, fields["product.sku"])] += 1
        if fields["product.gtin"]:
            expected[(1, fields["product.gtin"])] += 1
    assert read_texts(out) == expected


def test_nothing_to_label_is_an_error_and_writes_nothing(
    store_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "none.pdf"
    assert main(["--db", store_db, "labels", "bins", "--zone", "Q", "-o", str(out)]) == 1
    assert "no active bins" in capsys.readouterr().err
    assert not out.exists()
