"""``scanpack-store import KIND FILE``: master data and orders from a file, in bulk.

The file is streamed in chunks of ``CHUNK`` rows; each chunk is checked and written
by the same functions as the HTTP calls (``masterdata.write_chunk``,
``neworders.create_orders``), all in one transaction. When any row is wrong the
transaction is rolled back and nothing is written, unless ``skip_bad``: then the
good rows are committed and the bad ones are written to a file of their own.
``dry_run`` checks everything and writes nothing.

The transaction holds the store's change counter from its first chunk to its end:
stations' pushes wait for a long import (they retry), and no station pulls half
of it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.orderstore import masterdata, orderfile
from app.orderstore.db import writer
from app.orderstore.masterrows import Kind, Problem
from app.orderstore.neworders import create_orders, product_locations
from app.orderstore.orderfile import LineError, OrderRows
from app.orderstore.tablefile import BadRows, FileRow, Progress, TableFile

CHUNK = masterdata.MAX_ROWS


class ImportKind(enum.StrEnum):
    PRODUCTS = "products"
    LOCATIONS = "locations"
    TOTES = "totes"
    USERS = "users"
    ORDERS = "orders"


def _aliases(**fields: str) -> dict[str, str]:
    """``field="alias alias ..."`` as ``{alias: field}``."""
    return {alias: name for name, words in fields.items() for alias in words.split()}


# Column names a kind understands without --map (normalized: tablefile.normalize).
ALIASES: dict[ImportKind, dict[str, str]] = {
    ImportKind.PRODUCTS: _aliases(
        sku="sku product_id item_no item_number article article_no artikelnummer product_code",
        name="name product_name title description item_name",
        barcodes="barcodes barcode ean gtin upc ean13 ean_code",
        case_barcode="case_barcode case_ean case_gtin carton_barcode outer_barcode",
        case_qty="case_qty case_quantity pack_qty units_per_case case_size",
        location="location home_bin bin home_location bin_location",
        length_mm="length_mm length",
        width_mm="width_mm width",
        height_mm="height_mm height",
        weight_g="weight_g weight",
        active="active enabled",
    ),
    ImportKind.LOCATIONS: _aliases(
        code="code bin location bin_code location_code",
        zone="zone area",
        aisle="aisle",
        sequence="sequence pick_sequence pick_path walk_sequence seq",
        active="active enabled",
    ),
    ImportKind.TOTES: _aliases(code="code tote tote_code barcode", active="active enabled"),
    ImportKind.USERS: _aliases(
        username="username user login user_id",
        display_name="display_name name full_name",
        badge_code="badge_code badge badge_no badge_number",
        roles="roles role",
        language="language lang locale",
        active="active enabled",
    ),
    ImportKind.ORDERS: _aliases(
        order_number="order_number order_id order order_no",
        date="date order_date created_at",
        cutoff="cutoff ship_by ship_date",
        carrier="carrier ship_mode shipping_method shipping ship_via",
        priority="priority",
        ship_name="ship_name customer customer_name shipping_name ship_to_name",
        ship_street="ship_street street address address1 shipping_street shipping_address1",
        ship_street2="ship_street2 address2 shipping_address2",
        ship_city="ship_city city shipping_city",
        ship_postcode="ship_postcode postcode postal_code zip zip_code shipping_zip",
        ship_country="ship_country country country_code shipping_country",
        sku="sku product_id lineitem_sku item_sku",
        qty="qty quantity lineitem_quantity units",
        product_name="product_name lineitem_name item_name",
    ),
}
REQUIRED: dict[ImportKind, tuple[str, ...]] = {
    ImportKind.PRODUCTS: ("sku", "name"),
    ImportKind.LOCATIONS: ("code", "sequence"),
    ImportKind.TOTES: ("code",),
    ImportKind.USERS: ("username", "display_name", "badge_code", "roles"),
    ImportKind.ORDERS: orderfile.REQUIRED,
}


@dataclass(slots=True)
class Report:
    """What an import did: rows read, written (created, updated, unchanged), refused."""

    rows: int = 0
    outcome: masterdata.Outcome = field(default_factory=masterdata.Outcome)
    orders_created: int = 0
    orders_existing: int = 0
    products_created: int = 0
    errors: list[LineError] = field(default_factory=list)
    bad_rows: int = 0
    written: bool = False
    bad_file: Path | None = None


@dataclass(frozen=True, slots=True)
class Options:
    mapping: dict[str, str] = field(default_factory=dict)
    dry_run: bool = False
    skip_bad: bool = False
    create_products: bool = False
    date_format: str | None = None
    progress: Progress | None = None


def run_import(engine: Engine, kind: ImportKind, path: Path, options: Options) -> Report:
    """Import ``path`` as ``kind`` (see the module docstring).

    Raises:
        tablefile.FileProblem: the file cannot be read as a table.
    """
    table = TableFile(path, ALIASES[kind], options.mapping, options.progress)
    report = Report()
    bad = BadRows(table, _bad_path(path, table.kind)) if options.skip_bad else None
    rows = _checked_columns(table, kind, report)
    try:
        with Session(writer(engine)) as session:
            session.begin()
            if kind is ImportKind.ORDERS:
                _orders(session, rows, options, report, bad)
            else:
                for chunk in _chunks(rows, CHUNK):
                    _master(session, Kind(kind.value), chunk, report, bad)
            report.written = not options.dry_run and (options.skip_bad or not report.errors)
            if report.written:
                session.commit()
            else:
                session.rollback()
    finally:
        if bad is not None:
            bad.close()
            if bad.count:
                report.bad_file = bad.target
            else:
                bad.target.unlink(missing_ok=True)
    return report


def _bad_path(path: Path, kind: str) -> Path:
    return path.with_name(path.stem + ".bad" + (".jsonl" if kind != "csv" else path.suffix))


def _checked_columns(table: TableFile, kind: ImportKind, report: Report) -> Iterator[FileRow]:
    rows = table.rows()
    first = next(rows, None)
    if first is None:
        return
    missing = [name for name in REQUIRED[kind] if name not in table.fields]
    if missing:
        args = {"columns": ", ".join(table.header)}
        report.errors.extend(LineError(1, name, Problem.MISSING_COLUMN, args) for name in missing)
        rows.close()  # closes the file
        return
    yield first
    yield from rows


def _chunks(rows: Iterator[FileRow], size: int) -> Iterator[list[FileRow]]:
    chunk: list[FileRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _master(
    session: Session, kind: Kind, chunk: list[FileRow], report: Report, bad: BadRows | None
) -> None:
    report.rows += len(chunk)
    values = [_master_values(kind, row.values) for row in chunk]
    outcome, errors = masterdata.write_chunk(session, kind, values, textual=True)
    report.outcome.add(outcome)
    refused: dict[int, list[str]] = {}
    for error in errors:
        line = chunk[error.index].line
        report.errors.append(LineError(line, error.field, error.code, error.args))
        refused.setdefault(error.index, []).append(f"{error.field}: {error.code.value}")
    report.bad_rows += len(refused)
    if bad is not None:
        for index, problems in sorted(refused.items()):
            bad.write(chunk[index], "; ".join(problems))


def _master_values(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    if kind is not Kind.PRODUCTS:
        return values
    out = {k: v for k, v in values.items() if k not in ("barcodes", "case_barcode", "case_qty")}
    if "barcodes" in values or "case_barcode" in values:
        out["barcodes"] = _barcodes(values)
    return out


def _barcodes(values: dict[str, Any]) -> list[dict[str, Any]] | Any:
    listed = values.get("barcodes")
    if isinstance(listed, list):
        return listed  # JSON: already barcode objects
    codes: list[dict[str, Any]] = []
    for item in re.split(r"[\s|,]+", str(listed or "").strip()):
        if item:
            code, _, qty = item.partition("*")
            codes.append({"code": code, "pack_qty": qty} if qty else {"code": code})
    case = str(values.get("case_barcode") or "").strip()
    if case:
        codes.append({"code": case, "pack_qty": values.get("case_qty") or ""})
    return codes


def _orders(
    session: Session,
    rows: Iterator[FileRow],
    options: Options,
    report: Report,
    bad: BadRows | None,
) -> None:
    stamp = datetime.now(UTC)
    batch: list[tuple[OrderRows, Any]] = []
    lines = 0

    def flush() -> None:
        _write_orders(session, batch, options, report, bad)
        batch.clear()

    for order, errors in orderfile.group(rows):
        report.rows += len(order.rows)
        if not errors:
            new, errors = orderfile.build(order, options.date_format, stamp)
        if errors:
            _refuse(order, errors, report, bad)
            continue
        batch.append((order, new))
        lines += len(order.rows)
        if lines >= CHUNK * 5:
            flush()
            lines = 0
    if batch:
        flush()


def _refuse(order: OrderRows, errors: list[LineError], report: Report, bad: BadRows | None) -> None:
    report.errors.extend(errors)
    report.bad_rows += len(order.rows)
    if bad is not None:
        problems = "; ".join(f"line {e.line}: {e.field}: {e.code.value}" for e in errors)
        for row in order.rows:
            bad.write(row, problems)


def _write_orders(
    session: Session,
    batch: list[tuple[OrderRows, Any]],
    options: Options,
    report: Report,
    bad: BadRows | None,
) -> None:
    skus = {line.sku for _, new in batch for line in new.lines}
    known = product_locations(session, skus)
    unknown = skus - known.keys()
    if unknown and options.create_products:
        names: dict[str, str] = {}
        for order, _ in batch:
            names.update({sku: name for sku, name in order.names.items() if sku in unknown})
        products = [{"sku": sku, "name": names[sku]} for sku in sorted(unknown)]
        outcome, _errors = masterdata.write_chunk(session, Kind.PRODUCTS, products, textual=True)
        report.products_created += outcome.created
        known = product_locations(session, skus)
        unknown = skus - known.keys()
    good = []
    for order, new in batch:
        missing = [row for row in order.rows if str(row.values.get("sku", "")).strip() in unknown]
        if missing:
            errors = [
                LineError(
                    row.line, "sku", Problem.UNKNOWN_SKU, {"sku": str(row.values["sku"]).strip()}
                )
                for row in missing
            ]
            _refuse(order, errors, report, bad)
        else:
            good.append(new)
    for result in create_orders(session, good, known):
        if result["result"] == "created":
            report.orders_created += 1
        else:
            report.orders_existing += 1
