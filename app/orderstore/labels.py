"""The store's bins, totes and products as domain objects, for ``scanpack-store labels``.

``store_items`` reads every active row of a kind (bins in pick-path order, totes and
products by code), optionally only one zone's bins or the codes that start with a
prefix; ``app.printing.sheets`` draws their labels. The database is only read.
"""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.domain.model import Barcode, BarcodeKind, Location, Product, Tote
from app.orderstore.models import BarcodeRow, LocationRow, ProductRow, ToteRow

KINDS = ("bins", "totes", "products")

Item = Location | Tote | Product


def store_items(engine: Engine, kind: str, *, zone: str = "", prefix: str = "") -> list[Item]:
    """The active bins (pick-path order), totes or products (by code) of the store, only
    those in ``zone`` (bins) and whose code starts with ``prefix`` when given."""
    with Session(engine) as session:
        if kind == "bins":
            query = select(LocationRow).where(LocationRow.active.is_(True))
            if zone:
                query = query.where(LocationRow.zone == zone)
            rows = session.scalars(query.order_by(LocationRow.sequence, LocationRow.code))
            bins = [Location(r.code, r.zone, r.aisle, r.sequence) for r in rows]
            return [b for b in bins if b.code.startswith(prefix)]
        if kind == "totes":
            totes = session.scalars(
                select(ToteRow.code).where(ToteRow.active.is_(True)).order_by(ToteRow.code)
            )
            return [Tote(code) for code in totes if code.startswith(prefix)]
        if kind != "products":
            raise ValueError(f"no labels of kind {kind!r} (bins, totes, products)")
        products = [
            p
            for p in session.scalars(
                select(ProductRow).where(ProductRow.active.is_(True)).order_by(ProductRow.sku)
            )
            if p.sku.startswith(prefix)
        ]
        barcodes: dict[str, list[Barcode]] = {}
        for row in session.scalars(select(BarcodeRow).order_by(BarcodeRow.code)):
            barcodes.setdefault(row.sku, []).append(Barcode(row.code, BarcodeKind(row.kind)))
        return [
            Product(
                p.sku,
                p.name,
                tuple(barcodes.get(p.sku, ())),
                p.length_mm,
                p.width_mm,
                p.height_mm,
                p.weight_g,
                p.location,
            )
            for p in products
        ]
