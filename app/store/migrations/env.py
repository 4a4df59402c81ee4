"""Alembic environment of the station store.

``app.store.engine.upgrade`` runs Alembic in code and hands over its connection in
``config.attributes["connection"]``, so the whole upgrade is one transaction that the
caller owns. For ``alembic revision`` at a developer's desk, a URL may be given instead
with ``-x url=sqlite:///path/to/station.db``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from app.store.models import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise RuntimeError("run through app.store.engine.upgrade, or pass -x url=...")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


_main()
