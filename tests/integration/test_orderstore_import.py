"""``scanpack-store import`` over real files with the usual dirt, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.orderstore.cli import main
from app.orderstore.db import make_engine, upgrade
from app.orderstore.models import (
    BarcodeRow,
    LocationRow,
    OrderLineRow,
    OrderRow,
    ProductRow,
    ToteRow,
    UserRow,
)
from tests.integration.conftest import database_url

BOM = "\ufeff"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = database_url(
        str(request.param), tmp_path, lambda: request.getfixturevalue("postgres_server")
    )
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


def run(db: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", db, "import", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def rows(db: str, model: Any) -> list[Any]:
    engine = make_engine(db)
    try:
        with Session(engine) as session:
            return list(session.execute(select(model)).scalars())
    finally:
        engine.dispose()


def count(db: str, model: Any) -> int:
    engine = make_engine(db)
    try:
        with Session(engine) as session:
            return int(session.execute(select(func.count()).select_from(model)).scalar_one())
    finally:
        engine.dispose()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding, newline="")
    return path


BINS = (
    BOM + "Bin;Zone;Aisle;Pick Sequence\r\n"
    "\r\n"
    "A-01-01;A;01;1.000\r\n"
    "A-01-02;A;01;1.010\r\n"
    "A-01-02;A;01;1.010\r\n"  # the same row twice: one bin
    ";;;\r\n"
    "B-02-01;B;02;2,000\r\n"
)


def test_dirty_csv_bins_then_products_all_or_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(db, capsys, "locations", write(tmp_path / "bins.csv", BINS))
    assert (code, err) == (0, "")
    assert "3 created" in out
    assert sorted((r.code, r.sequence) for r in rows(db, LocationRow)) == [
        ("A-01-01", 1000),
        ("A-01-02", 1010),
        ("B-02-01", 2000),
    ]
    products = write(
        tmp_path / "products.csv",
        BOM + "Product ID;Product Name;EAN;Case EAN;Case Qty;Home Bin;Weight\r\n"
        'P-1;"Kugelschreiber\r\nblau";4006381333931;14006381333938;12;A-01-01;1.234\r\n'
        "P-2;Käse;4006381333932;;;A-01-02;10\r\n"  # line 4: bad check digit
        "\r\n"
        "P-3;Brot;;;;Z-99;5\r\n",  # line 6: no such bin
    )
    code, out, err = run(db, capsys, "products", products)
    assert code == 1
    assert err.splitlines() == [
        "line 4: barcode 4006381333932 has a wrong check digit (the last digit should be 1); "
        "check the number, or mark it kind other",
        "line 6: home bin Z-99 is not a known location; import locations first",
    ]
    assert "nothing written" in out
    assert count(db, ProductRow) == 0

    code, out, _ = run(db, capsys, "products", products, "--skip-bad")
    assert code == 1
    assert "1 created" in out
    (written,) = rows(db, ProductRow)
    assert (written.name, written.weight_g, written.location) == (
        "Kugelschreiber blau",
        1234,
        "A-01-01",
    )
    assert sorted((b.code, b.pack_qty) for b in rows(db, BarcodeRow)) == [
        ("14006381333938", 12),
        ("4006381333931", 1),
    ]
    bad = (tmp_path / "products.bad.csv").read_text(encoding="utf-8").splitlines()
    assert bad[0] == "Product ID;Product Name;EAN;Case EAN;Case Qty;Home Bin;Weight;error"
    assert [line.split(";")[0] for line in bad[1:]] == ["P-2", "P-3"]
    assert bad[1].endswith(";barcodes.0.code: bad_check_digit")

    code, out, _ = run(db, capsys, "products", products, "--skip-bad")
    assert "0 created, 0 updated, 1 unchanged" in out  # the same file again: nothing new


def test_a_missing_column_is_named_and_map_supplies_it(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write(tmp_path / "totes.csv", "Nummer,Farbe\nT-1,rot\nT-2,blau\n")
    code, out, err = run(db, capsys, "totes", file)
    assert code == 2
    assert out == ""
    assert err == (
        "line 1: no column for code (the file has: Nummer, Farbe); "
        'name one with --map "Column=code"\n'
    )
    code, out, err = run(db, capsys, "totes", tmp_path / "nope.csv")
    assert (code, out) == (2, "")
    assert err == "error: cannot read the file: No such file or directory\n"
    code, out, _ = run(db, capsys, "totes", file, "--map", "Nummer=code")
    assert code == 0
    assert sorted(t.code for t in rows(db, ToteRow)) == ["T-1", "T-2"]


def test_json_and_json_lines_and_dry_run(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    users = [
        {"Login": "ines", "Full Name": "Inês Gonçalves", "Badge": "B-77", "Roles": "picker packer"},
        {
            "Login": "jorg",
            "Full Name": "Jörg Weiß",
            "Badge": "B-78",
            "Roles": ["picker"],
            "Lang": "de",
        },
    ]
    file = write(tmp_path / "users.json", json.dumps({"users": users}, ensure_ascii=False))
    code, out, _ = run(db, capsys, "users", file, "--dry-run")
    assert code == 0
    assert "dry run, nothing written" in out
    assert count(db, UserRow) == 0
    assert run(db, capsys, "users", file)[0] == 0
    assert sorted((u.username, u.roles, u.language) for u in rows(db, UserRow)) == [
        ("ines", "packer,picker", ""),
        ("jorg", "picker", "de"),
    ]
    taken = [{"username": "kim", "display_name": "Kim", "badge_code": "B-77", "roles": "picker"}]
    lines = write(tmp_path / "more.jsonl", "\n".join(json.dumps(u) for u in taken) + "\n")
    code, _, err = run(db, capsys, "users", lines)
    assert code == 1
    assert err == "line 1: badge B-77 belongs to user ines; give each person their own\n"


ORDERS = (
    "Order ID,Order Date,Ship Mode,Customer Name,Address,City,Postal Code,Country,"
    "Product ID,Product Name,Quantity\n"
    'CA-1,2026-12-07,Standard Class,Zoë Müller,"Hauptstraße 5\nHinterhaus",Köln,50667,de,'
    "P-1,Stift,2\n"
    "CA-1,2026-12-07,Standard Class,Zoë Müller,Hauptstraße 5,Köln,50667,de,"
    'NEW-9,Neues Ding,"1,234"\n'
    "\n"
    "CA-2,07.12.2026,First Class,José Núñez,Calle Mayor 1,Madrid,28013,ES,P-1,Stift,3\n"
    "CA-2,07.12.2026,First Class,José Núñez,Calle Mayor 1,Madrid,28013,ES,P-1,Stift,3\n"
    "CA-3,yesterday,First Class,A B,x,y,1,ES,P-1,Stift,x\n"
)


def test_orders_grouped_by_id_with_products_created(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(db, capsys, "locations", write(tmp_path / "bins.csv", BINS))
    run(db, capsys, "products", write(tmp_path / "p.csv", "sku,name,bin\nP-1,Stift,A-01-01\n"))
    file = write(tmp_path / "orders.csv", ORDERS)
    code, out, err = run(db, capsys, "orders", file)
    assert code == 1
    assert err.splitlines() == [
        "line 8: date 'yesterday' is no date (2026-12-07, 2026-12-07 14:30 or 07.12.2026; "
        "others with --date-format)",
        "line 8: qty 'x' is not a whole number",
        "line 4: SKU NEW-9 is not a known product; import products first or add --create-products",
    ]
    assert count(db, OrderRow) == 0
    code, out, _ = run(db, capsys, "orders", file, "--create-products", "--skip-bad")
    assert "2 orders created, 0 already known, 1 products created; written" in out
    heads = {o.order_number: o for o in rows(db, OrderRow)}
    assert heads["CA-1"].ship_street == "Hauptstraße 5 Hinterhaus"
    assert (heads["CA-1"].ship_country, heads["CA-1"].carrier) == ("DE", "Standard Class")
    assert heads["CA-2"].cutoff.isoformat() == "2026-12-07T00:00:00+00:00"
    lines = sorted((li.order_number, li.sku, li.qty, li.location) for li in rows(db, OrderLineRow))
    assert lines == [
        ("CA-1", "NEW-9", 1234, None),
        ("CA-1", "P-1", 2, "A-01-01"),
        ("CA-2", "P-1", 3, "A-01-01"),  # a row repeated exactly counts once
    ]
    assert {p.sku: p.name for p in rows(db, ProductRow)}["NEW-9"] == "Neues Ding"
    code, out, _ = run(db, capsys, "orders", file, "--create-products", "--skip-bad")
    assert "0 orders created, 2 already known" in out


def _order_lines(path: Path, lines: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("order_id,date,ship_mode,customer,city,country,sku,quantity\n")
        for n in range(lines):
            number = f"SO-{lines}-{n // 3:07d}"
            out.write(f"{number},2026-12-07,Standard,Zoë Müller,Köln,DE,P-{n % 3},1\n")
    return path


def test_memory_stays_flat_in_the_file_size_and_progress_shows_with_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    engine = make_engine(db)
    upgrade(engine)
    engine.dispose()
    products = write(tmp_path / "p.csv", "sku,name\nP-0,Null\nP-1,Eins\nP-2,Zwei\n")
    assert run(db, capsys, "products", products)[0] == 0
    peaks = []
    for lines in (4_500, 36_000):
        file = _order_lines(tmp_path / f"orders-{lines}.csv", lines)
        tracemalloc.start()
        try:
            code, out, err = run(db, capsys, "orders", file, "--progress")
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        assert code == 0, err
        assert f"{lines // 3} orders created" in out
        assert err.endswith("] 100%\n")  # the bar, drawn in place, ends full
    # Eight times the file, not eight times the memory: chunks are written as read
    # (what grows is the set of order numbers seen, a few bytes an order).
    assert peaks[1] < 1.5 * peaks[0], peaks


def test_excel_csv_in_windows_1252_with_tabs(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Excel's "CSV" and "Text (Tab delimited)" are written in the Windows code page.
    file = write(tmp_path / "tools.txt", "SKU\tName\r\nW-1\tSchlüssel 13\u201317 mm\r\n", "cp1252")
    code, _, err = run(db, capsys, "products", file)
    assert (code, err) == (0, "")
    (product,) = rows(db, ProductRow)
    assert product.name == "Schlüssel 13\u201317 mm"  # an en dash, in 1252 too
