"""Orders from a shop export: one row per order line, grouped into orders by the id.

The rows of one order must follow one another (shops export them so); an order whose
lines come apart is refused (``order_apart``) rather than split or merged silently.
The order's own fields (date, ship mode, customer, address) are read from its first
row. Rows of an order for the same SKU are one line with their quantities added; a
row repeated exactly (every cell the same) counts once.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.domain.model import SKU_PATTERN, Priority, ShipTo
from app.orderstore.masterrows import Problem, whole_number
from app.orderstore.neworders import (
    EARLIEST_CUTOFF,
    LATEST_CUTOFF,
    MAX_LINES,
    ORDER_NUMBER,
    NewLine,
    NewOrder,
)
from app.orderstore.tablefile import FileRow

MAX_QTY = 100_000
REQUIRED = ("order_number", "sku", "qty")
# Text fields of an order: (field, most characters).
_TEXTS = (
    ("carrier", 40),
    ("ship_name", 100),
    ("ship_street", 200),
    ("ship_street2", 200),
    ("ship_city", 100),
    ("ship_postcode", 20),
)
_PRIORITIES = frozenset(p.value for p in Priority)
_DAY_FIRST = ("%d.%m.%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S")


@dataclass(frozen=True, slots=True)
class LineError:
    """What is wrong with one file line: ``field`` (a field name), ``code``, ``args``."""

    line: int
    field: str
    code: Problem
    args: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(slots=True)
class OrderRows:
    """One order's rows as read, with the SKUs it names and the names the file gives them."""

    number: str
    rows: list[FileRow]
    names: dict[str, str] = dataclasses.field(default_factory=dict)


def group(rows: Iterator[FileRow]) -> Iterator[tuple[OrderRows, list[LineError]]]:
    """The file's rows by order, in file order; an order met again later is refused."""
    seen: dict[str, int] = {}
    current: OrderRows | None = None
    for row in rows:
        number = str(row.values.get("order_number") or "").strip().lstrip("#")
        if current is not None and number == current.number:
            current.rows.append(row)
            continue
        if current is not None:
            yield current, []
        current = OrderRows(number, [row])
        if number in seen:
            args = {"order": number, "first": seen[number]}
            yield current, [LineError(row.line, "order_number", Problem.ORDER_APART, args)]
            current = None
            continue
        seen[number] = row.line
    if current is not None:
        yield current, []


def build(
    order: OrderRows, date_format: str | None, stamp: datetime
) -> tuple[NewOrder | None, list[LineError]]:
    """The order ``order``'s rows stand for, or what is wrong with them (line by line)."""
    errors: list[LineError] = []
    first = order.rows[0]
    values = first.values

    def fail(name: str, code: Problem, row: FileRow = first, **args: Any) -> None:
        errors.append(LineError(row.line, name, code, args))

    if not order.number:
        fail("order_number", Problem.MISSING)
    elif not ORDER_NUMBER.fullmatch(order.number):
        fail("order_number", Problem.BAD_FORMAT, value=order.number[:40])
    texts = {}
    for name, most in _TEXTS:
        text = _text(values.get(name))
        if len(text) > most:
            fail(name, Problem.TOO_LONG, max=most)
        elif not text.isprintable():
            fail(name, Problem.NOT_PRINTABLE)
        texts[name] = text
    country = _text(values.get("ship_country")).upper()
    if not re.fullmatch(r"([A-Z]{2})?", country):
        fail("ship_country", Problem.BAD_FORMAT, value=country[:40])
    priority = _text(values.get("priority")).lower() or Priority.NORMAL.value
    if priority not in _PRIORITIES:
        fail("priority", Problem.BAD_FORMAT, value=priority[:20])
        priority = Priority.NORMAL.value
    cutoff = stamp
    for name in ("cutoff", "date"):
        text = _text(values.get(name))
        if text:
            moment = parse_moment(text, date_format)
            if moment is None or not EARLIEST_CUTOFF <= moment < LATEST_CUTOFF:
                fail(name, Problem.BAD_DATE, value=text[:40])
            else:
                cutoff = moment
            break
    lines = _lines(order, errors)
    if len(lines) > MAX_LINES:
        fail("sku", Problem.TOO_MANY_LINES, max=MAX_LINES)
    if errors:
        return None, errors
    street = " ".join(p for p in (texts["ship_street"], texts["ship_street2"]) if p)
    ship_to = ShipTo(
        name=texts["ship_name"],
        street=street[:200],
        city=texts["ship_city"],
        postcode=texts["ship_postcode"],
        country=country,
    )
    new = NewOrder(
        order_number=order.number,
        priority=Priority(priority),
        cutoff=cutoff,
        carrier=texts["carrier"],
        ship_to=ship_to,
        lines=tuple(NewLine(sku, qty) for sku, qty in lines.items()),
    )
    return new, errors


def _lines(order: OrderRows, errors: list[LineError]) -> dict[str, int]:
    lines: dict[str, int] = {}
    repeated: set[tuple[str, ...]] = set()
    for row in order.rows:
        cells = tuple(map(str, row.cells.values() if isinstance(row.cells, dict) else row.cells))
        if cells in repeated:
            continue  # the same row twice: an export glitch, not a second line
        repeated.add(cells)
        sku = _text(row.values.get("sku"))
        qty = whole_number(row.values.get("qty"), textual=True)
        if not sku:
            errors.append(LineError(row.line, "sku", Problem.MISSING))
        elif not SKU_PATTERN.fullmatch(sku):
            errors.append(LineError(row.line, "sku", Problem.BAD_FORMAT, {"value": sku[:40]}))
        if qty is None:
            value = _text(row.values.get("qty"))
            code = Problem.NOT_A_NUMBER if value else Problem.MISSING
            errors.append(LineError(row.line, "qty", code, {"value": value[:40]}))
        elif not 1 <= qty <= MAX_QTY:
            args = {"value": qty, "min": 1, "max": MAX_QTY}
            errors.append(LineError(row.line, "qty", Problem.OUT_OF_RANGE, args))
        if sku and qty:
            lines[sku] = lines.get(sku, 0) + qty
            name = _text(row.values.get("product_name"))
            order.names.setdefault(sku, name[:200] if name.isprintable() and name else sku)
    return lines


def _text(value: Any) -> str:
    # A cell may break lines inside quotes: one space, as a name or a street needs.
    return "" if value is None else " ".join(str(value).split())


@functools.lru_cache(maxsize=4096)  # an export repeats its dates on every line
def parse_moment(text: str, date_format: str | None) -> datetime | None:
    """A date or time from a file; one without a zone is UTC.

    ISO 8601 (``2026-12-07``, ``2026-12-07 14:03``, ``2026-12-07T14:03:00+01:00``,
    ``2026-12-07 14:03:00 +0100``), day first with dots (``07.12.2026``), or
    ``date_format`` (``strptime``, as ``--date-format "%m/%d/%Y"``).
    """
    formats: Sequence[str] = (date_format,) if date_format else _DAY_FIRST
    moment = None
    try:
        moment = datetime.fromisoformat(re.sub(r" ([+-]\d{2}:?\d{2})$", r"\1", text))
    except ValueError:
        for pattern in formats:
            try:
                moment = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return None
