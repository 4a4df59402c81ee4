"""Master data rows as a request or a file brings them: read and checked one by one.

Each ``read_*`` takes one row (a JSON object, or a file row already keyed by field
name) and returns the database row it stands for, or adds ``RowError``s naming the
row's index, the field, a code and its arguments (the station and the command line
word them; ``reason`` is for logs). Nothing here reads the database: what needs it
(an unknown home bin, a barcode of another product, a badge of another person) is
checked by ``app.orderstore.masterdata``.

``textual`` rows come from files: numbers and flags arrive as text there, and whole
numbers may carry thousands separators (``1.234``, ``1,234``, ``1 234``).
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.gtin import GTIN_LENGTHS, gtin_check_digit
from app.domain.model import SKU_PATTERN, BarcodeKind, Role

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
LANGUAGE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{0,16}$")
MAX_BARCODES = 20  # barcodes of one product
MAX_DIMENSION = 100_000  # millimetres (100 m)
MAX_WEIGHT = 10_000_000  # grams (10 t)
MAX_PACK_QTY = 100_000
MAX_SEQUENCE = 2_000_000_000
_WHOLE = re.compile(r"^[+]?\d+$")
_GROUPED = re.compile(r"^\d{1,3}([.,\u00a0\u202f ']\d{3})+$")
_TRUE = frozenset({"1", "true", "yes", "y", "active", "x"})
_FALSE = frozenset({"0", "false", "no", "n", "inactive", ""})
_GTIN_KINDS = {8: BarcodeKind.EAN8, 12: BarcodeKind.UPCA, 13: BarcodeKind.EAN13}
_GTIN_KINDS[14] = BarcodeKind.GTIN14


class Kind(enum.StrEnum):
    """What a master data request or file holds."""

    PRODUCTS = "products"
    LOCATIONS = "locations"
    TOTES = "totes"
    USERS = "users"


class Problem(enum.StrEnum):
    """Why a row is refused (``RowError.code``)."""

    MISSING = "missing"  # a required field is absent or empty
    TOO_LONG = "too_long"  # args: max
    NOT_PRINTABLE = "not_printable"
    BAD_FORMAT = "bad_format"  # args: value (a code, SKU or language of the wrong form)
    NOT_A_NUMBER = "not_a_number"  # args: value
    OUT_OF_RANGE = "out_of_range"  # args: value, min, max
    NOT_A_FLAG = "not_a_flag"  # args: value
    UNKNOWN_FIELD = "unknown_field"
    NOT_AN_OBJECT = "not_an_object"
    BAD_KIND = "bad_kind"  # args: value (a barcode kind)
    BAD_CHECK_DIGIT = "bad_check_digit"  # args: code, expected (the right last digit)
    WRONG_LENGTH = "wrong_length"  # args: code, kind
    TOO_MANY = "too_many"  # args: max (barcodes of a product)
    UNKNOWN_ROLE = "unknown_role"  # args: value
    REPEATED_KEY = "repeated_key"  # args: key, first (index of its first row)
    UNKNOWN_LOCATION = "unknown_location"  # args: location
    BARCODE_TAKEN = "barcode_taken"  # args: code, sku (the product that has it)
    DUPLICATE_BADGE = "duplicate_badge"  # args: badge, username
    # Files (scanpack-store import) only:
    MISSING_COLUMN = "missing_column"  # args: columns (what the file has)
    UNKNOWN_SKU = "unknown_sku"  # args: sku
    BAD_DATE = "bad_date"  # args: value
    ORDER_APART = "order_apart"  # args: order, first (line): an order's lines not together
    TOO_MANY_LINES = "too_many_lines"  # args: max


@dataclass(frozen=True, slots=True)
class RowError:
    """One thing wrong with one row: ``index`` in the request (0-based), ``field``."""

    index: int
    field: str
    code: Problem
    args: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def reason(self) -> str:
        """For logs and the JSON answer; people read the station's or the CLI's words."""
        args = ", ".join(f"{key}={value!r}" for key, value in self.args.items())
        return f"row {self.index}: {self.field}: {self.code.value}" + (f" ({args})" if args else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "field": self.field,
            "code": self.code.value,
            "args": self.args,
            "reason": self.reason,
        }


class _Reader:
    """Reads the fields of one row, collecting what is wrong instead of stopping."""

    def __init__(self, index: int, data: Mapping[str, Any], textual: bool) -> None:
        self.index = index
        self.data = data
        self.textual = textual
        self.errors: list[RowError] = []

    def fail(self, name: str, problem: Problem, /, **args: Any) -> None:
        self.errors.append(RowError(self.index, name, problem, args))

    def text(self, name: str, max_length: int, *, required: bool = True) -> str:
        value = self.data.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(name, Problem.BAD_FORMAT, value=str(value)[:40])
            return ""
        # A file's cell may break lines inside quotes: one space, as a name needs.
        value = " ".join(value.split()) if self.textual else value.strip()
        if not value and required:
            self.fail(name, Problem.MISSING)
        elif len(value) > max_length:
            self.fail(name, Problem.TOO_LONG, max=max_length)
        elif not value.isprintable():
            self.fail(name, Problem.NOT_PRINTABLE)
        return value

    def code(self, name: str, pattern: re.Pattern[str] = CODE_PATTERN) -> str:
        value = self.text(name, 40)
        wrong = value and not any(e.field == name for e in self.errors)
        if wrong and not pattern.fullmatch(value):
            self.fail(name, Problem.BAD_FORMAT, value=value)
        return value

    def whole(self, name: str, low: int, high: int, default: int | None = 0) -> int:
        value = self.data.get(name)
        if value is None or (self.textual and isinstance(value, str) and not value.strip()):
            if default is None:
                self.fail(name, Problem.MISSING)
                return 0
            return default
        number = whole_number(value, self.textual)
        if number is None:
            self.fail(name, Problem.NOT_A_NUMBER, value=str(value)[:40])
            return 0
        if not low <= number <= high:
            self.fail(name, Problem.OUT_OF_RANGE, value=number, min=low, max=high)
        return number

    def flag(self, name: str) -> bool:
        value = self.data.get(name, True)
        if isinstance(value, bool):
            return value
        if self.textual and isinstance(value, str):
            word = value.strip().lower()
            if word in _TRUE:
                return True
            if word in _FALSE:
                return False
        self.fail(name, Problem.NOT_A_FLAG, value=str(value)[:40])
        return True

    def only(self, names: frozenset[str]) -> None:
        if self.textual:
            return  # a file's other columns are left alone
        for name in sorted(set(self.data) - names):
            self.fail(str(name)[:40], Problem.UNKNOWN_FIELD)


def whole_number(value: Any, textual: bool) -> int | None:
    """``value`` as a whole number, or ``None``; text only when ``textual``, where a
    thousands separator may group the digits (``1.234``, ``1,234``, ``1 234``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if not (textual and isinstance(value, str)):
        return None
    text = value.strip()
    if _WHOLE.fullmatch(text):
        return int(text)
    if _GROUPED.fullmatch(text):
        return int(re.sub(r"\D", "", text))
    return None


def _reader(index: int, data: Any, textual: bool, errors: list[RowError]) -> _Reader | None:
    if not isinstance(data, Mapping):
        errors.append(RowError(index, "", Problem.NOT_AN_OBJECT))
        return None
    return _Reader(index, data, textual)


PRODUCT_FIELDS = frozenset(
    {"sku", "name", "barcodes", "length_mm", "width_mm", "height_mm", "weight_g"}
    | {"location", "active"}
)


@dataclass(slots=True)
class ProductIn:
    """A product's row and its barcodes (``None``: the barcodes stay as stored)."""

    row: dict[str, Any]
    barcodes: list[dict[str, Any]] | None


def read_product(index: int, data: Any, textual: bool, errors: list[RowError]) -> ProductIn:
    r = _reader(index, data, textual, errors)
    if r is None:
        return ProductIn({}, None)
    r.only(PRODUCT_FIELDS)
    row: dict[str, Any] = {
        "sku": r.code("sku", SKU_PATTERN),
        "name": r.text("name", 200),
        "length_mm": r.whole("length_mm", 0, MAX_DIMENSION),
        "width_mm": r.whole("width_mm", 0, MAX_DIMENSION),
        "height_mm": r.whole("height_mm", 0, MAX_DIMENSION),
        "weight_g": r.whole("weight_g", 0, MAX_WEIGHT),
        "location": r.text("location", 40, required=False) or None,
        "active": r.flag("active"),
    }
    barcodes = _barcodes(r, row["sku"]) if "barcodes" in r.data else None
    errors.extend(r.errors)
    return ProductIn(row, barcodes)


def _barcodes(r: _Reader, sku: str) -> list[dict[str, Any]]:
    items = r.data["barcodes"]
    if not isinstance(items, list):
        r.fail("barcodes", Problem.BAD_FORMAT, value=str(items)[:40])
        return []
    if len(items) > MAX_BARCODES:
        r.fail("barcodes", Problem.TOO_MANY, max=MAX_BARCODES)
        return []
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, item in enumerate(items):
        name = f"barcodes.{number}"
        sub = _Reader(r.index, item if isinstance(item, Mapping) else {}, r.textual)
        if not isinstance(item, Mapping):
            r.fail(name, Problem.NOT_AN_OBJECT)
            continue
        if not r.textual:
            for extra in sorted(set(item) - {"code", "kind", "pack_qty"}):
                r.fail(f"{name}.{str(extra)[:40]}", Problem.UNKNOWN_FIELD)
        code = sub.text("code", 64)
        qty = sub.whole("pack_qty", 1, MAX_PACK_QTY, default=1)
        kind = _barcode_kind(sub, code, item.get("kind"))
        r.errors.extend(RowError(e.index, f"{name}.{e.field}", e.code, e.args) for e in sub.errors)
        if code and code not in seen and not sub.errors:
            seen.add(code)
            out.append({"code": code, "sku": sku, "kind": kind.value, "pack_qty": qty})
    return out


def _barcode_kind(r: _Reader, code: str, given: Any) -> BarcodeKind:
    digits = code.isascii() and code.isdigit()
    if given in (None, ""):
        if not (digits and len(code) in GTIN_LENGTHS):
            return BarcodeKind.OTHER
        kind = _GTIN_KINDS[len(code)]  # digits of a GTIN's length: checked as one
    else:
        try:
            kind = BarcodeKind(str(given).strip().lower())
        except ValueError:
            r.fail("kind", Problem.BAD_KIND, value=str(given)[:20])
            return BarcodeKind.OTHER
    if kind is BarcodeKind.OTHER or not code:
        return kind
    if not digits or _GTIN_KINDS.get(len(code)) is not kind:
        r.fail("code", Problem.WRONG_LENGTH, code=code, kind=kind.value)
    elif gtin_check_digit(code[:-1]) != int(code[-1]):
        r.fail("code", Problem.BAD_CHECK_DIGIT, code=code, expected=gtin_check_digit(code[:-1]))
    return kind


LOCATION_FIELDS = frozenset({"code", "zone", "aisle", "sequence", "active"})


def read_location(index: int, data: Any, textual: bool, errors: list[RowError]) -> dict[str, Any]:
    r = _reader(index, data, textual, errors)
    if r is None:
        return {}
    r.only(LOCATION_FIELDS)
    row = {
        "code": r.text("code", 40),
        "zone": r.text("zone", 20, required=False),
        "aisle": r.text("aisle", 20, required=False),
        "sequence": r.whole("sequence", 0, MAX_SEQUENCE, default=None),
        "active": r.flag("active"),
    }
    errors.extend(r.errors)
    return row


TOTE_FIELDS = frozenset({"code", "active"})


def read_tote(index: int, data: Any, textual: bool, errors: list[RowError]) -> dict[str, Any]:
    r = _reader(index, data, textual, errors)
    if r is None:
        return {}
    r.only(TOTE_FIELDS)
    row = {"code": r.text("code", 40), "active": r.flag("active")}
    errors.extend(r.errors)
    return row


USER_FIELDS = frozenset({"username", "display_name", "badge_code", "roles", "language", "active"})


def read_user(index: int, data: Any, textual: bool, errors: list[RowError]) -> dict[str, Any]:
    r = _reader(index, data, textual, errors)
    if r is None:
        return {}
    r.only(USER_FIELDS)
    row: dict[str, Any] = {
        "username": r.text("username", 40),
        "display_name": r.text("display_name", 100),
        "badge_code": r.text("badge_code", 64),
        "roles": ",".join(_roles(r)),
        "language": r.text("language", 16, required=False),
        "active": r.flag("active"),
    }
    if not LANGUAGE_PATTERN.fullmatch(row["language"]):
        r.fail("language", Problem.BAD_FORMAT, value=row["language"])
    errors.extend(r.errors)
    return row


def _roles(r: _Reader) -> list[str]:
    value = r.data.get("roles")
    if isinstance(value, str) and r.textual:
        value = [part for part in re.split(r"[\s,;|]+", value) if part]
    if not isinstance(value, list) or not value:
        r.fail("roles", Problem.MISSING if not value else Problem.BAD_FORMAT)
        return []
    roles: set[str] = set()
    for item in value:
        try:
            roles.add(Role(str(item).strip().lower()).value)
        except ValueError:
            r.fail("roles", Problem.UNKNOWN_ROLE, value=str(item)[:20])
    return sorted(roles)


# The natural key of each kind: a row is known by it.
KEYS = {Kind.PRODUCTS: "sku", Kind.LOCATIONS: "code", Kind.TOTES: "code", Kind.USERS: "username"}
