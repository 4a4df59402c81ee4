"""The master data calls (products, locations, totes, users) on SQLite and PostgreSQL,
through a real uvicorn server: bulk upsert by natural key, every row checked first."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.gtin import with_check_digit
from app.orderstore.models import BarcodeRow, ProductRow, UserRow
from tests.integration.conftest import Store

_serial = itertools.count(1)


def tag() -> str:
    """A prefix of codes no other test uses (the store is shared by the module)."""
    return f"M{uuid.uuid4().hex[:6].upper()}{next(_serial)}"


def gtin13() -> str:
    return with_check_digit(f"{uuid.uuid4().int % 10**12:012d}")


def post(store: Store, kind: str, rows: list[Any], token: str = "erp") -> Any:
    return store.call("POST", f"/{kind}", token, json={kind: rows})


def pulled(store: Store, kind: str, key: str, value: str) -> list[dict[str, Any]]:
    """Every version of one row in the whole change feed (newest last)."""
    page = store.call("GET", "/changes?since=0&limit=5000").json()
    found = [row for row in page[kind] if row[key] == value]
    while page["more"]:
        page = store.call("GET", f"/changes?since={page['next']}&limit=5000").json()
        found += [row for row in page[kind] if row[key] == value]
    return found


def count(store: Store, model: Any) -> int:
    with Session(store.engine) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_products_and_bins_are_upserted_once_and_reach_stations(store: Store) -> None:
    t = tag()
    bins = [
        {"code": f"{t}-A1", "zone": "A", "aisle": "01", "sequence": 5},
        {"code": f"{t}-A2", "zone": "A", "aisle": "01", "sequence": 6},
    ]
    answer = post(store, "locations", bins)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"created": 2, "updated": 0, "unchanged": 0}
    unit, case = gtin13(), "1" + with_check_digit(f"{uuid.uuid4().int % 10**12:012d}")[:-1]
    case = with_check_digit(case)
    product = {
        "sku": f"{t}-P",
        "name": "Bolígrafo azul",
        "location": f"{t}-A1",
        "weight_g": 12,
        "barcodes": [{"code": unit}, {"code": case, "pack_qty": 12}],
    }
    assert post(store, "products", [product]).json() == {"created": 1, "updated": 0, "unchanged": 0}
    # The same request again changes nothing, and sends stations nothing new.
    assert post(store, "products", [product]).json() == {"created": 0, "updated": 0, "unchanged": 1}
    (seen,) = pulled(store, "products", "sku", f"{t}-P")
    assert seen["location"] == f"{t}-A1"
    assert sorted((b["code"], b["kind"], b["pack_qty"]) for b in seen["barcodes"]) == sorted(
        [(unit, "ean13", 1), (case, "gtin14", 12)]
    )
    # Deactivated, not deleted: the row stays and stations learn it.
    retired = post(store, "products", [{**product, "active": False}])
    assert retired.json() == {"created": 0, "updated": 1, "unchanged": 0}
    versions = pulled(store, "products", "sku", f"{t}-P")
    assert versions[-1]["active"] is False
    assert versions[-1]["name"] == "Bolígrafo azul"


def test_a_bad_request_names_row_and_field_and_writes_nothing(store: Store) -> None:
    t = tag()
    assert post(store, "locations", [{"code": f"{t}-B", "sequence": 1}]).status_code == 200
    with Session(store.engine) as session:
        taken, owner = session.execute(select(BarcodeRow.code, BarcodeRow.sku).limit(1)).one()
        badge, holder = session.execute(select(UserRow.badge_code, UserRow.username)).first()
    before = count(store, ProductRow)
    good = gtin13()
    rows = [
        {"sku": f"{t}-1", "name": "Fine", "location": f"{t}-B", "barcodes": [{"code": good}]},
        {"sku": f"{t}-2", "name": "No bin", "location": f"{t}-NOPE"},
        {
            "sku": f"{t}-3",
            "name": "Typo",
            "barcodes": [{"code": good[:-1] + str((int(good[-1]) + 1) % 10)}],
        },
        {"sku": f"{t}-4", "name": "Thief", "barcodes": [{"code": taken}]},
        {"sku": f"{t}-5", "name": "", "colour": "red"},
    ]
    answer = post(store, "products", rows)
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "invalid_rows"
    problems = {(p["index"], p["field"], p["code"]) for p in answer.json()["detail"]}
    assert problems == {
        (1, "location", "unknown_location"),
        (2, "barcodes.0.code", "bad_check_digit"),
        (3, "barcodes", "barcode_taken"),
        (4, "name", "missing"),
        (4, "colour", "unknown_field"),
    }
    detail = {p["index"]: p for p in answer.json()["detail"]}
    assert detail[2]["args"] == {"code": rows[2]["barcodes"][0]["code"], "expected": int(good[-1])}
    assert detail[3]["args"] == {"code": taken, "sku": owner}
    assert count(store, ProductRow) == before  # the good row was not written either

    user = {"username": f"{t}-u", "display_name": "Zoë", "badge_code": badge, "roles": ["picker"]}
    answer = post(store, "users", [user])
    assert answer.status_code == 422
    (problem,) = answer.json()["detail"]
    assert (problem["field"], problem["code"], problem["args"]) == (
        "badge_code",
        "duplicate_badge",
        {"badge": badge, "username": holder},
    )


def test_users_and_totes_with_language_and_roles(store: Store) -> None:
    t = tag()
    user = {
        "username": f"{t}-ines",
        "display_name": "Inês Gonçalves",
        "badge_code": f"{t}-B77",
        "roles": ["packer", "picker"],
        "language": "pt_BR",
    }
    assert post(store, "users", [user], token="admin").json()["created"] == 1
    (seen,) = pulled(store, "users", "username", f"{t}-ines")
    assert seen["roles"] == ["packer", "picker"]
    assert seen["language"] == "pt_BR"
    totes = [{"code": f"{t}-T{n}"} for n in range(3)]
    assert post(store, "totes", totes + totes[:1]).json()["created"] == 3  # a repeat is one
    clash = post(store, "totes", [{"code": f"{t}-X"}, {"code": f"{t}-X", "active": False}])
    assert clash.status_code == 422
    assert clash.json()["detail"][0]["code"] == "repeated_key"
    assert clash.json()["detail"][0]["args"] == {"key": f"{t}-X", "first": 0}


def test_roles_limits_and_shape(store: Store) -> None:
    rows = [{"code": "never"}]
    assert post(store, "totes", rows, token="station").status_code == 403
    assert store.call("POST", "/totes", None, json={"totes": rows}).status_code == 401
    too_many = post(store, "totes", [{"code": f"Z{n}"} for n in range(1001)])
    assert too_many.status_code == 422
    assert too_many.json()["code"] == "invalid"
    wrong_key = store.call("POST", "/totes", "erp", json={"products": rows})
    assert wrong_key.status_code == 422
    assert wrong_key.json()["code"] == "invalid"
    not_rows = post(store, "totes", ["T1"])
    assert not_rows.status_code == 422
    assert not_rows.json()["detail"][0]["code"] == "not_an_object"


def test_a_barcode_moves_to_another_product_in_one_request(store: Store) -> None:
    t = tag()
    code = gtin13()
    first = {"sku": f"{t}-OLD", "name": "Old pack", "barcodes": [{"code": code}]}
    assert post(store, "products", [first]).status_code == 200
    second = {"sku": f"{t}-NEW", "name": "New pack", "barcodes": [{"code": code}]}
    assert post(store, "products", [second]).json()["detail"][0]["code"] == "barcode_taken"
    moved = post(store, "products", [{**first, "barcodes": []}, second])
    assert moved.json() == {"created": 1, "updated": 1, "unchanged": 0}
    assert pulled(store, "products", "sku", f"{t}-OLD")[-1]["barcodes"] == []
    (new,) = pulled(store, "products", "sku", f"{t}-NEW")
    assert [b["code"] for b in new["barcodes"]] == [code]
    # Leaving "barcodes" out keeps the stored ones.
    renamed = post(store, "products", [{"sku": f"{t}-NEW", "name": "New pack (2)"}])
    assert renamed.json()["updated"] == 1
    assert [b["code"] for b in pulled(store, "products", "sku", f"{t}-NEW")[-1]["barcodes"]] == [
        code
    ]
