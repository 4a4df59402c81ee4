"""The demo data set and generated orders, and the schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.domain.gtin import is_valid_gtin
from app.domain.model import Role
from app.orderstore import service
from app.orderstore.db import make_engine, upgrade
from app.orderstore.models import (
    BarcodeRow,
    Base,
    LocationRow,
    OrderLineRow,
    OrderRow,
    ProductRow,
    ToteRow,
    UserRow,
)
from app.orderstore.seed import seed
from tests.integration.conftest import ANCHOR, database_url


@pytest.fixture
def engine(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Engine]:
    url = database_url(backend, tmp_path, lambda: request.getfixturevalue("postgres_server"))
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()


def count(session: Session, model: type[Base]) -> int:
    return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_migrations_build_exactly_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_upgrading_twice_changes_nothing(engine: Engine) -> None:
    seed(engine, 5, anchor=ANCHOR)
    upgrade(engine)
    with Session(engine) as session:
        assert count(session, OrderRow) == 5


def test_the_demo_data_set_has_what_the_readme_promises(engine: Engine) -> None:
    summary = seed(engine, anchor=ANCHOR)
    assert summary.startswith("seeded")
    with Session(engine) as session:
        assert count(session, ProductRow) >= 300
        assert count(session, LocationRow) >= 400
        assert count(session, ToteRow) == 40
        assert count(session, OrderRow) >= 200
        zones = set(session.execute(select(LocationRow.zone)).scalars())
        assert len(zones) >= 3
        sequences = list(session.execute(select(LocationRow.sequence)).scalars())
        assert len(set(sequences)) == len(sequences)
        for code, kind in session.execute(select(BarcodeRow.code, BarcodeRow.kind)):
            assert is_valid_gtin(code), code
            assert {"ean13": 13, "upca": 12, "gtin14": 14}[kind] == len(code)
        assert {"ean13", "upca"} <= set(session.execute(select(BarcodeRow.kind)).scalars())
        lines_per_order = (
            session.execute(
                select(func.count()).select_from(OrderLineRow).group_by(OrderLineRow.order_number)
            )
            .scalars()
            .all()
        )
        assert min(lines_per_order) == 1
        assert max(lines_per_order) == 8
        priorities = set(session.execute(select(OrderRow.priority)).scalars())
        assert priorities == {"low", "normal", "high", "urgent"}
        roles = {
            r
            for roles in session.execute(select(UserRow.roles)).scalars()
            for r in roles.split(",")
        }
        assert roles == {role.value for role in Role}
        badges = list(session.execute(select(UserRow.badge_code)).scalars())
        assert all(re.fullmatch(r"B-\d{4}", badge) for badge in badges)
        # Every line's bin is a real bin; every order's lines are distinct products.
        bins = set(session.execute(select(LocationRow.code)).scalars())
        assert set(session.execute(select(OrderLineRow.location)).scalars()) <= bins


def test_seeding_is_deterministic(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    pages = []
    for _ in range(2):
        url = database_url(backend, tmp_path, lambda: request.getfixturevalue("postgres_server"))
        engine = make_engine(url)
        try:
            upgrade(engine)
            seed(engine, anchor=ANCHOR)
            pages.append(service.changes_page(engine, 0, 5000))
        finally:
            engine.dispose()
    assert pages[0] == pages[1]


def test_seeding_a_store_with_data_changes_nothing(engine: Engine) -> None:
    seed(engine, 3, anchor=ANCHOR)
    assert "nothing seeded" in seed(engine, anchor=ANCHOR)
    with Session(engine) as session:
        assert count(session, OrderRow) == 3


def test_seed_handles_100000_orders(engine: Engine) -> None:
    seed(engine, 100_000, anchor=ANCHOR)
    with Session(engine) as session:
        assert count(session, OrderRow) == 100_000
        lines = count(session, OrderLineRow)
        assert 400_000 < lines < 600_000
    page = service.changes_page(engine, 0, 5000)
    assert page["more"] is True
    last = service.changes_page(engine, page["next"], 5000)
    assert last["next"] > page["next"]


def test_orders_without_a_stored_document_get_one_on_upgrade(engine: Engine) -> None:
    seed(engine, 50, anchor=ANCHOR)
    before = service.changes_page(engine, 0, 5000)
    with Session(engine) as session, session.begin():
        session.execute(OrderRow.__table__.update().values(doc=None))
    assert service.changes_page(engine, 0, 5000) == before  # built again when read
    with Session(engine) as session, session.begin():
        session.execute(OrderRow.__table__.update().values(doc=None))
    upgrade(engine)
    with Session(engine) as session:
        missing = session.execute(
            select(func.count()).select_from(OrderRow).where(OrderRow.doc.is_(None))
        ).scalar_one()
    assert missing == 0
    assert service.changes_page(engine, 0, 5000) == before
