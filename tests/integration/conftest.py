"""An order store per back-end (SQLite, PostgreSQL), served by uvicorn on loopback."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import Engine

from app.orderstore.auth import TokenRole, create_token
from app.orderstore.db import make_engine, upgrade
from app.orderstore.embedded import EmbeddedStore
from app.orderstore.seed import seed
from tests.pgserver import PostgresServer

ANCHOR = date(2026, 11, 30)
_names = itertools.count(1)


def database_url(backend: str, folder: Path, postgres: Callable[[], PostgresServer]) -> str:
    """A new, empty database on ``backend``."""
    name = f"store_{next(_names)}_{uuid.uuid4().hex[:8]}"
    if backend == "sqlite":
        return f"sqlite:///{folder / name}.sqlite3"
    return postgres().create_database(name)


@dataclass
class Store:
    """A running order store with the demo data and a token per role."""

    url: str
    engine: Engine
    server: EmbeddedStore
    tokens: dict[str, str]
    http: requests.Session

    @property
    def base(self) -> str:
        return self.server.base_url + "/api/v1"

    def call(
        self, method: str, path: str, token: str | None = "station", **kw: Any
    ) -> requests.Response:
        headers = kw.pop("headers", {})
        if token is not None:
            headers["Authorization"] = f"Bearer {self.tokens.get(token, token)}"
        return self.http.request(method, self.base + path, headers=headers, timeout=60, **kw)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def store(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Store]:
    """A seeded store on ``backend`` for one test module; tests use their own orders."""
    url = database_url(
        backend,
        tmp_path_factory.mktemp("store"),
        lambda: request.getfixturevalue("postgres_server"),
    )
    engine = make_engine(url)
    upgrade(engine)
    seed(engine, anchor=ANCHOR)
    tokens = {
        "station": create_token(engine, "station-1", frozenset({TokenRole.STATION})),
        "station2": create_token(engine, "station-2", frozenset({TokenRole.STATION})),
        "erp": create_token(engine, "shop", frozenset({TokenRole.ERP})),
        "admin": create_token(engine, "office", frozenset({TokenRole.ADMIN})),
    }
    server = EmbeddedStore(engine)
    server.start()
    http = requests.Session()
    try:
        yield Store(url, engine, server, tokens, http)
    finally:
        http.close()
        server.stop()
        engine.dispose()
