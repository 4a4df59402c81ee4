"""Master data in: products, locations, totes and users upserted in bulk by natural key.

One code path for the HTTP call (``POST /api/v1/products`` ...) and for
``scanpack-store import``: ``write_chunk`` reads and checks a chunk of rows
(``app.orderstore.masterrows``), checks them against the database (home bins,
barcodes of other products, badges of other people), and writes the good ones with
one ``INSERT ... ON CONFLICT DO UPDATE`` per table. A row equal to the stored one is
left alone (no new ``seq``: stations are not sent it again), so a request or a file
sent twice changes nothing the second time. Rows are never deleted: ``active: false``
retires one and history keeps its name. Every changed row takes a new ``seq`` and so
reaches stations through ``/changes``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Engine, Table, delete
from sqlalchemy.orm import Session

from app.orderstore.bulkwrite import insert_rows, select_in
from app.orderstore.db import writer
from app.orderstore.masterrows import (
    KEYS,
    Kind,
    Problem,
    ProductIn,
    RowError,
    read_location,
    read_product,
    read_tote,
    read_user,
)
from app.orderstore.models import BarcodeRow, LocationRow, ProductRow, ToteRow, UserRow
from app.orderstore.orders import take_seq

MAX_ROWS = 1000
_BARCODES = cast(Table, BarcodeRow.__table__)
_LOCATIONS = cast(Table, LocationRow.__table__)
_USERS = cast(
    Table, UserRow.__table__
)  # rows of one HTTP request; the import writes chunks of this size


@dataclass(slots=True)
class Outcome:
    """How many rows were created, changed, and found as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: Outcome) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged

    def to_json(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


class MasterDataError(Exception):
    """Rows refused; nothing of the request was written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problem(s), first: {errors[0].reason}")
        self.errors = errors


def upsert(engine: Engine, kind: Kind, rows: Sequence[Any], *, textual: bool = False) -> Outcome:
    """Write ``rows`` of ``kind`` in one transaction, all or nothing.

    Raises:
        MasterDataError: any row is wrong; nothing is written.
    """
    with Session(writer(engine)) as session, session.begin():
        outcome, errors = write_chunk(session, kind, rows, textual=textual)
        if errors:
            raise MasterDataError(errors)  # leaving the block rolls the writes back
    return outcome


def write_chunk(
    session: Session, kind: Kind, rows: Sequence[Any], *, textual: bool, first: int = 0
) -> tuple[Outcome, list[RowError]]:
    """Check ``rows`` and write the good ones in ``session``'s transaction.

    Returns what was written and what is wrong (row indexes count from ``first``).
    The caller decides whether good rows may stay when others are wrong: the HTTP
    call and ``import`` without ``--skip-bad`` roll back on any error.
    """
    errors: list[RowError] = []
    if kind is Kind.PRODUCTS:
        products = [read_product(first + i, row, textual, errors) for i, row in enumerate(rows)]
        return _write_products(session, products, errors, first), _sorted(errors)
    reader: Callable[[int, Any, bool, list[RowError]], dict[str, Any]] = {
        Kind.LOCATIONS: read_location,
        Kind.TOTES: read_tote,
        Kind.USERS: read_user,
    }[kind]
    records = [reader(first + i, row, textual, errors) for i, row in enumerate(rows)]
    good = _unrepeated(records, KEYS[kind], errors, first)
    if kind is Kind.USERS:
        good = _badges_free(session, good, errors)
    table = {Kind.LOCATIONS: LocationRow, Kind.TOTES: ToteRow, Kind.USERS: UserRow}[kind]
    outcome = _write(session, table.__table__, KEYS[kind], good)  # type: ignore[arg-type]
    return outcome, _sorted(errors)


def _sorted(errors: list[RowError]) -> list[RowError]:
    return sorted(errors, key=lambda e: e.index)


def _unrepeated(
    records: list[dict[str, Any]], key: str, errors: list[RowError], first: int
) -> dict[int, dict[str, Any]]:
    """The good records by index: a key met twice with the same values is one row,
    with other values an error on the later row."""
    bad = {e.index for e in errors}
    good: dict[int, dict[str, Any]] = {}
    seen: dict[Any, int] = {}
    for offset, record in enumerate(records):
        index = first + offset
        if index in bad:
            continue
        earlier = seen.get(record[key])
        if earlier is None:
            seen[record[key]] = index
            good[index] = record
        elif good.get(earlier) != record:
            errors.append(
                RowError(index, key, Problem.REPEATED_KEY, {"key": record[key], "first": earlier})
            )
    return good


def _badges_free(
    session: Session, users: dict[int, dict[str, Any]], errors: list[RowError]
) -> dict[int, dict[str, Any]]:
    """The users whose badge no other stored user has (a badge moves in two steps:
    free it, then give it)."""
    badges = [u["badge_code"] for u in users.values()]
    found = select_in(
        session.connection(), _USERS, ("badge_code", "username"), "badge_code", badges
    )
    holders: dict[str, str] = dict(found)
    free: dict[int, dict[str, Any]] = {}
    for index, user in users.items():
        holder = holders.get(user["badge_code"], user["username"])
        if holder != user["username"]:
            args = {"badge": user["badge_code"], "username": holder}
            errors.append(RowError(index, "badge_code", Problem.DUPLICATE_BADGE, args))
            continue
        holders[user["badge_code"]] = user["username"]
        free[index] = user
    return free


def _write_products(
    session: Session, products: list[ProductIn], errors: list[RowError], first: int
) -> Outcome:
    rows = _unrepeated([p.row for p in products], "sku", errors, first)
    bins = {row["location"] for row in rows.values() if row["location"]}
    known = _existing(session, _LOCATIONS, "code", bins)
    for index, row in list(rows.items()):
        if row["location"] and row["location"] not in known:
            args = {"location": row["location"]}
            errors.append(RowError(index, "location", Problem.UNKNOWN_LOCATION, args))
            del rows[index]
    barcodes = {i: products[i - first].barcodes for i in rows}
    while _barcodes_taken(session, rows, barcodes, errors):
        pass  # a refused product keeps its stored barcodes: check the others again
    replaced = {rows[i]["sku"]: codes for i, codes in barcodes.items() if codes is not None}
    stored = _stored_barcodes(session, set(replaced))
    changed_codes = {sku for sku, codes in replaced.items() if _key(codes) != stored.get(sku)}
    outcome = _write(session, ProductRow.__table__, "sku", rows, force=changed_codes)  # type: ignore[arg-type]
    if changed_codes:
        table = _BARCODES
        for part in _parts(sorted(changed_codes)):
            session.execute(delete(table).where(table.c.sku.in_(part)))
        new = [code for sku in sorted(changed_codes) for code in replaced[sku] or []]
        if new:
            insert_rows(session.connection(), table, new)
    return outcome


def _key(codes: list[dict[str, Any]] | None) -> frozenset[tuple[str, str, int]]:
    return frozenset((c["code"], c["kind"], c["pack_qty"]) for c in codes or [])


def _stored_barcodes(session: Session, skus: set[str]) -> dict[str, frozenset[Any]]:
    found: dict[str, set[tuple[str, str, int]]] = {}
    columns = ("sku", "code", "kind", "pack_qty")
    for sku, code, kind, qty in select_in(
        session.connection(), _BARCODES, columns, "sku", sorted(skus)
    ):
        found.setdefault(sku, set()).add((code, kind, qty))
    return {sku: frozenset(codes) for sku, codes in found.items()}


def _barcodes_taken(
    session: Session,
    rows: dict[int, dict[str, Any]],
    barcodes: dict[int, list[dict[str, Any]] | None],
    errors: list[RowError],
) -> bool:
    """Refuse the products whose new barcodes another product keeps; ``True`` when one was."""
    replaced = {rows[i]["sku"] for i, codes in barcodes.items() if codes is not None}
    codes = {c["code"] for i, cs in barcodes.items() if cs is not None for c in cs}
    found = select_in(session.connection(), _BARCODES, ("code", "sku"), "code", sorted(codes))
    owners: dict[str, str] = dict(found)
    claimed: dict[str, str] = {}
    refused = False
    for index in sorted(barcodes):
        sku = rows[index]["sku"]
        for code in barcodes[index] or []:
            value = code["code"]
            owner = claimed.get(value, sku)
            if owner == sku and owners.get(value, sku) not in replaced:
                owner = owners.get(value, sku)
            if owner != sku:
                args = {"code": value, "sku": owner}
                errors.append(RowError(index, "barcodes", Problem.BARCODE_TAKEN, args))
                del rows[index]
                del barcodes[index]
                refused = True
                break
        else:
            claimed.update({c["code"]: sku for c in barcodes[index] or []})
    return refused


def _parts(items: Sequence[Any], size: int = 500) -> list[Sequence[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _existing(session: Session, table: Table, key: str, values: set[str]) -> set[str]:
    return {row[0] for row in select_in(session.connection(), table, (key,), key, sorted(values))}


def _write(
    session: Session,
    table: Table,
    key: str,
    rows: dict[int, dict[str, Any]],
    *,
    force: set[str] | frozenset[str] = frozenset(),
) -> Outcome:
    """Upsert the rows that differ from the stored ones (or whose key is in ``force``),
    each with a new ``seq``."""
    outcome = Outcome()
    if not rows:
        return outcome
    names = list(next(iter(rows.values())))
    keys = [row[key] for row in rows.values()]
    stored = {
        found[names.index(key)]: dict(zip(names, found, strict=True))
        for found in select_in(session.connection(), table, names, key, keys)
    }
    changed = []
    for row in rows.values():
        before = stored.get(row[key])
        if before is None:
            outcome.created += 1
        elif before != row or row[key] in force:
            outcome.updated += 1
        else:
            outcome.unchanged += 1
            continue
        changed.append(row)
    if not changed:
        return outcome
    last = take_seq(session, len(changed))
    for seq, row in enumerate(changed, start=last - len(changed) + 1):
        row["seq"] = seq
    insert_rows(session.connection(), table, changed, upsert_on=key)
    return outcome
