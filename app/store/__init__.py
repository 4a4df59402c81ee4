"""The station's local database: SQLite (WAL), repositories, the outbox, migrations.

Start with ``open_store(path)``; see ``LocalStore`` for the unit of work, ``record``
(a state change and its outbox event in one transaction) and ``apply_changes`` (one
/changes page in one transaction).
"""

from app.store.changes import ChangesPage, PageError, parse_page
from app.store.engine import StoreError
from app.store.local_store import Clock, LocalStore, open_store, utc_now
from app.store.outbox import OutboxEntry
from app.store.uow import UnitOfWork

__all__ = [
    "ChangesPage",
    "Clock",
    "LocalStore",
    "OutboxEntry",
    "PageError",
    "StoreError",
    "UnitOfWork",
    "open_store",
    "parse_page",
    "utc_now",
]
