"""Fixtures of the station-store tests: a fresh database per test and a small floor.

Builders shared by the tests live in ``store_helpers.py`` (a module, not this conftest,
so that tests can import them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import LocalStore, open_store
from tests.app.store.store_helpers import PRODUCTS, USERS, FakeClock, make_order


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "station" / "station.db"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[LocalStore]:
    with open_store(db_path, clock=clock) as opened:
        yield opened


@pytest.fixture
def floor(store: LocalStore) -> LocalStore:
    """A store with users, products and two open orders (SO-1, SO-2)."""
    with store.unit_of_work() as uow:
        for user in USERS:
            uow.users.save(user)
        for product in PRODUCTS:
            uow.products.save(product)
        uow.orders.save(make_order("SO-1"))
        uow.orders.save(make_order("SO-2", lines=[("SKU-2", 3)]))
        uow.commit()
    return store
