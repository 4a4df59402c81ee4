"""The JSON shapes of the HTTP contract, one function each way.

The order store writes these, the station reads them; both import this module, so the
two sides cannot drift apart. Readers check types strictly and raise ``ValueError``
on anything that does not fit (a missing field, ``"2"`` for 2, ``null`` for a name).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from app.domain.model import (
    Barcode,
    BarcodeKind,
    Location,
    Order,
    OrderLine,
    OrderStatus,
    Package,
    Priority,
    Product,
    Role,
    ShipTo,
    Tote,
    User,
)

JSON = dict[str, Any]


def check_text(value: object, name: str, *, max_length: int, required: bool = True) -> str:
    """The one rule for text that comes from outside: stripped, at most ``max_length``
    characters, every one printable (``str.isprintable``: letters, marks, digits,
    punctuation, symbols and the plain space U+0020; never a control or format
    character, another kind of space, a surrogate, a private-use or an unassigned
    code point). The order store checks every text field with it, on every backend,
    and events are checked with it too.

    Raises:
        ValueError: naming ``name``; not text, empty when ``required``, too long or
            not printable.
    """
    if not isinstance(value, str):
        raise ValueError(f"{name}: must be text, got {type(value).__name__}")
    text = value.strip()
    if required and not text:
        raise ValueError(f"{name}: must not be empty")
    if len(text) > max_length or not text.isprintable():
        raise ValueError(f"{name}: must be at most {max_length} printable characters")
    return text


def _int(data: JSON, key: str, default: int | None = None) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{key}: must be a whole number, got {value!r}")
    return value


def _bool(data: JSON, key: str, default: bool | None = None) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key}: must be true or false, got {value!r}")
    return value


def _str(data: JSON, key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key}: must be text, got {value!r}")
    return value


def _opt_str(data: JSON, key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key}: must be text or null, got {value!r}")
    return value


def _list(data: JSON, key: str, default: list[Any] | None = None) -> list[Any]:
    value = data.get(key, default)
    if not isinstance(value, list):
        raise ValueError(f"{key}: must be a list, got {value!r}")
    return value


def product_to_json(product: Product) -> JSON:
    return {
        "sku": product.sku,
        "name": product.name,
        "barcodes": [
            {"code": b.code, "kind": b.kind.value, "pack_qty": b.pack_qty} for b in product.barcodes
        ],
        "length_mm": product.length_mm,
        "width_mm": product.width_mm,
        "height_mm": product.height_mm,
        "weight_g": product.weight_g,
        "location": product.location,
        "active": product.active,
    }


def product_from_json(data: JSON) -> Product:
    return Product(
        sku=_str(data, "sku"),
        name=_str(data, "name"),
        barcodes=tuple(
            Barcode(_str(b, "code"), BarcodeKind(_str(b, "kind")), _int(b, "pack_qty", 1))
            for b in _list(data, "barcodes", [])
        ),
        length_mm=_int(data, "length_mm", 0),
        width_mm=_int(data, "width_mm", 0),
        height_mm=_int(data, "height_mm", 0),
        weight_g=_int(data, "weight_g", 0),
        location=_opt_str(data, "location"),
        active=_bool(data, "active", True),
    )


def location_to_json(location: Location) -> JSON:
    return {
        "code": location.code,
        "zone": location.zone,
        "aisle": location.aisle,
        "sequence": location.sequence,
        "active": location.active,
    }


def location_from_json(data: JSON) -> Location:
    return Location(
        code=_str(data, "code"),
        zone=_str(data, "zone"),
        aisle=_str(data, "aisle"),
        sequence=_int(data, "sequence"),
        active=_bool(data, "active", True),
    )


def tote_to_json(tote: Tote) -> JSON:
    return {"code": tote.code, "active": tote.active}


def tote_from_json(data: JSON) -> Tote:
    return Tote(code=_str(data, "code"), active=_bool(data, "active", True))


def user_to_json(user: User) -> JSON:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "badge_code": user.badge_code,
        "roles": sorted(role.value for role in user.roles),
        "active": user.active,
        "language": user.language,
    }


def user_from_json(data: JSON) -> User:
    return User(
        username=_str(data, "username"),
        display_name=_str(data, "display_name"),
        badge_code=_str(data, "badge_code"),
        roles=frozenset(Role(r) for r in _list(data, "roles")),
        active=_bool(data, "active", True),
        language=_language(data),
    )


def _language(data: JSON) -> str:
    # Optional (stores before languages existed send none); a short code, not a sentence.
    value = _str(data, "language", "")
    if len(value) > 16 or not all(ch.isalnum() or ch in "_-" for ch in value):
        raise ValueError(f"language: must be a language code such as es or pt_BR, got {value!r}")
    return value


def order_to_json(order: Order) -> JSON:
    return {
        "order_number": order.order_number,
        "status": order.status.value,
        "priority": order.priority.value,
        "cutoff": order.cutoff.astimezone(UTC).isoformat(),
        "carrier": order.carrier,
        "ship_to": {
            "name": order.ship_to.name,
            "street": order.ship_to.street,
            "city": order.ship_to.city,
            "postcode": order.ship_to.postcode,
            "country": order.ship_to.country,
        },
        "assigned_station": order.assigned_station,
        "assigned_user": order.assigned_user,
        "hold_reason": order.hold_reason,
        "held_from": order.held_from.value if order.held_from else None,
        "lines": [
            {
                "line_no": line.line_no,
                "sku": line.sku,
                "qty": line.qty,
                "picked_qty": line.picked_qty,
                "short_qty": line.short_qty,
                "packed_qty": line.packed_qty,
                "location": line.location,
            }
            for line in order.lines
        ],
        "packages": [_package_json(p) for p in order.packages],
        "totes": list(order.totes),
    }


def order_from_json(data: JSON) -> Order:
    ship_to = data.get("ship_to") or {}
    if not isinstance(ship_to, dict):
        raise ValueError(f"ship_to: must be an object, got {ship_to!r}")
    held_from = _opt_str(data, "held_from")
    return Order(
        order_number=_str(data, "order_number"),
        status=OrderStatus(_str(data, "status")),
        priority=Priority(_str(data, "priority")),
        cutoff=parse_time(data["cutoff"]),
        carrier=_str(data, "carrier", ""),
        ship_to=ShipTo(
            name=_str(ship_to, "name", ""),
            street=_str(ship_to, "street", ""),
            city=_str(ship_to, "city", ""),
            postcode=_str(ship_to, "postcode", ""),
            country=_str(ship_to, "country", ""),
        ),
        assigned_station=_opt_str(data, "assigned_station"),
        assigned_user=_opt_str(data, "assigned_user"),
        hold_reason=_str(data, "hold_reason", ""),
        held_from=OrderStatus(held_from) if held_from else None,
        lines=[
            OrderLine(
                line_no=_int(line, "line_no"),
                sku=_str(line, "sku"),
                qty=_int(line, "qty"),
                picked_qty=_int(line, "picked_qty", 0),
                short_qty=_int(line, "short_qty", 0),
                packed_qty=_int(line, "packed_qty", 0),
                location=_opt_str(line, "location"),
            )
            for line in _list(data, "lines")
        ],
        packages=[
            Package(
                package_no=_int(p, "package_no"),
                box=_str(p, "box"),
                weight_g=_int(p, "weight_g"),
                tracking=_str(p, "tracking", ""),
                sscc=_str(p, "sscc", ""),
                contents=_contents(p),
            )
            for p in _list(data, "packages", [])
        ],
        totes=tuple(_totes(data)),
    )


def _package_json(package: Package) -> JSON:
    out: JSON = {
        "package_no": package.package_no,
        "box": package.box,
        "weight_g": package.weight_g,
        "tracking": package.tracking,
    }
    if package.sscc or package.contents:  # closed at a pack station (additive to v1)
        out["sscc"] = package.sscc
        out["contents"] = [[line, qty] for line, qty in package.contents]
    return out


def _totes(data: JSON) -> list[str]:
    totes = data.get("totes", [])
    if (
        not isinstance(totes, list)
        or not all(isinstance(t, str) and t and "," not in t for t in totes)
        or len(set(totes)) != len(totes)
    ):
        raise ValueError(f"totes: must be a list of tote codes, got {totes!r}")
    return totes


def _contents(package: JSON) -> tuple[tuple[int, int], ...]:
    raw = package.get("contents", [])
    if not isinstance(raw, list) or not all(
        isinstance(pair, list)
        and len(pair) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in pair)
        for pair in raw
    ):
        raise ValueError(f"contents: must be [[line_no, qty], ...], got {raw!r}")
    return tuple((pair[0], pair[1]) for pair in raw)


def parse_time(value: object) -> datetime:
    """An ISO 8601 time with a zone, as UTC.

    Raises:
        ValueError: not text, not ISO 8601, without a time zone, or outside the years
            1-9999 once in UTC.
    """
    if not isinstance(value, str):
        raise ValueError(f"a time is ISO 8601 text, got {value!r}")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"time {value!r} must carry a time zone")
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+14:00 is in the year 0 in UTC
        raise ValueError(f"time {value!r} is outside the years 1-9999 in UTC") from None
