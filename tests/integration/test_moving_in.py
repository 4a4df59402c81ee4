"""A site moves in: bins, products, people, totes and a shop's order export (a few
thousand lines, one per order line) imported with ``scanpack-store import``; a
station pulls it all and picks one imported order against the real store."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.bootstrap import build_station
from app.config import Settings
from app.domain.gtin import with_check_digit
from app.orderstore.auth import TokenRole, create_token
from app.orderstore.cli import main
from app.orderstore.db import make_engine, upgrade
from app.orderstore.embedded import EmbeddedStore
from app.orderstore.models import OrderRow
from app.picking.answers import ClaimStatus
from app.picking.service import PickService
from app.sync.state import SyncStatus
from tests.integration.conftest import database_url
from tests.integration.test_picking import Kiosk, local_order, next_scan, user

FIRST = ["Zoë", "José", "Łukasz", "Søren", "Inês", "François", "Ünal", "Åsa", "Chloé", "Jörg"]
LAST = ["Müller", "Núñez", "Wójcik", "Ødegård", "Gonçalves", "Lefèvre", "Çelik", "Ström"]
STREETS = ["Hauptstraße", "Calle de Alcalá", "ul. Świętokrzyska", "Rue de l'Église", "Østergade"]
CITIES = [("Köln", "50667", "DE"), ("Málaga", "29001", "ES"), ("Kraków", "31-001", "PL")]
CITIES += [("Besançon", "25000", "FR"), ("Århus", "8000", "DK"), ("Zürich", "8001", "CH")]
GOODS = ["Kaffeebecher", "Taza de café", "Kubek", "Bolígrafo", "Crème pour les mains", "Brød"]
MODES = ["Standard Class", "Second Class", "First Class", "Same Day"]
ORDERS = 900
ORDER_COLUMNS = [
    *("Order ID", "Order Date", "Ship Mode", "Customer Name", "Address", "City"),
    *("Postal Code", "Country", "Product ID", "Product Name", "Quantity"),
]


def write_csv(
    path: Path, header: list[str], rows: list[list[object]], delimiter: str = ","
) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def site_files(folder: Path) -> dict[str, Path]:
    """The files a site brings: its bins, products, people, totes and an order export."""
    rng = random.Random(15)
    bins = [f"A-{aisle:02d}-{bay:02d}-1" for aisle in range(1, 4) for bay in range(1, 21)]
    products = [
        [f"ART-{n:05d}", f"{rng.choice(GOODS)} {n}", with_check_digit(f"400{n:09d}"), bins[n % 60]]
        for n in range(1, 151)
    ]
    lines = []
    start = date(2026, 12, 1)
    for n in range(ORDERS):
        city, postcode, country = rng.choice(CITIES)
        head = [
            f"CA-2026-{100000 + n}",
            (start + timedelta(days=n % 5)).isoformat(),
            rng.choice(MODES),
            f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            city,
            postcode,
            country,
        ]
        for sku, name, _, _ in rng.sample(products, rng.randint(1, 5)):
            lines.append([*head, sku, name, rng.randint(1, 2)])
    return {
        "locations": write_csv(
            folder / "bins.csv",
            ["Bin", "Zone", "Aisle", "Pick Sequence"],
            [[code, "A", code[:4], 10 * n] for n, code in enumerate(bins, start=1)],
            delimiter=";",
        ),
        "products": write_csv(
            folder / "products.csv", ["Product ID", "Product Name", "EAN", "Home Bin"], products
        ),
        "users": write_csv(
            folder / "people.csv",
            ["Login", "Name", "Badge", "Roles", "Language"],
            [
                ["ana", "Ana Peña", "B-2001", "picker", "es"],
                ["ben", "Ben Öz", "B-2002", "packer", ""],
            ],
        ),
        "totes": write_csv(folder / "totes.csv", ["Tote"], [[f"T-{n:04d}"] for n in range(1, 21)]),
        "orders": write_csv(
            folder / "orders.csv",
            ORDER_COLUMNS,
            lines,
        ),
    }


@pytest.fixture(params=["sqlite", "postgresql"])
def moved_in(
    request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Iterator[Engine]:
    url = database_url(
        str(request.param), tmp_path, lambda: request.getfixturevalue("postgres_server")
    )
    files = site_files(tmp_path)
    for kind in ("locations", "products", "users", "totes", "orders"):
        assert main(["--db", url, "import", kind, str(files[kind])]) == 0, kind
    out = capsys.readouterr().out
    assert "locations: 60 rows read; 60 created" in out
    assert "products: 150 rows read; 150 created" in out
    assert f"{ORDERS} orders created, 0 already known; written" in out
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()


def test_a_shop_export_is_pulled_by_a_station_and_an_order_picked(
    moved_in: Engine, tmp_path: Path
) -> None:
    token = create_token(moved_in, "station-1", frozenset({TokenRole.STATION}))
    server = EmbeddedStore(moved_in)
    server.start()
    settings = Settings(
        server_url=server.base_url,
        station="station-1",
        token=token,
        sync_interval_s=60.0,
        request_timeout_s=5.0,
    )
    station = build_station(settings, tmp_path / "station-1")
    try:
        station.loop.start()
        state = station.loop.sync_now(30)
        assert state is not None
        assert state.status is SyncStatus.ONLINE, state.last_error
        with station.store.unit_of_work(readonly=True) as uow:
            assert len(uow.orders.open_queue(5000)) == ORDERS
            first = uow.orders.get("CA-2026-100000")
            assert first is not None
            assert first.ship_to.country in {"DE", "ES", "PL", "FR", "DK", "CH"}
            assert not first.ship_to.name.isascii()  # every first name has an accent
        ana = user(station.store)
        assert ana.language == "es"
        service = PickService(
            station.store,
            station=lambda: "station-1",
            confirm=station.loop.sync_now,
            wake=station.loop.wake,
            confirm_timeout_s=10.0,
        )
        kiosk = Kiosk(station, service)
        work = service.start(ana, ())
        assert work.status is ClaimStatus.READY, work
        assert work.session is not None
        session = work.session
        number = session.orders[0].order_number
        assert number.startswith("CA-2026-")
        for _ in range(40):
            if session.is_finished:
                break
            next_scan(kiosk, session)
        assert session.is_finished
        station.loop.sync_now(30)
        assert local_order(station.store, number).status.value == "picked"
        with Session(moved_in) as db:
            status = db.execute(select(OrderRow.status).where(OrderRow.order_number == number))
            assert status.scalar_one() == "picked"
    finally:
        station.close()
        server.stop()
