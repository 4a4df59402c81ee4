"""Set-based statements shared by the repositories and the /changes upsert.

Every helper runs one statement per call (``executemany`` underneath), never one per
row through the ORM: a /changes page of 5,000 orders must not become 30,000 ORM round
trips. Lists of keys are chunked because SQLite limits the number of bound parameters
per statement (32,766 since 3.32, but only 999 before it).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final, TypeVar

from sqlalchemy import Column, Table, delete
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

CHUNK: Final = 500

_T = TypeVar("_T")


def chunks(items: Sequence[_T], size: int = CHUNK) -> Iterator[Sequence[_T]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a short burst of bulk work.

    Turning a /changes page into rows makes some 100,000 tuples and lists, none of them
    in a reference cycle; each full collection they trigger walks every object of the
    process and took 40-90 ms, about a third of storing a 10,000-order pull.
    Reference counting still frees everything as usual. Only pauses a collector that
    is on, and turns it back on afterwards (another thread doing the same at the same
    time can at worst leave it on early); wrap only CPU-bound work, never a wait.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def upsert(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table``, overwriting every column of rows whose key exists.

    ``ON CONFLICT DO UPDATE`` rather than ``INSERT OR REPLACE``: a replace deletes the
    old row first, which would cascade-delete an order's lines and packages.
    """
    if not rows:
        return
    stmt = insert(table)
    keys = [c.name for c in table.primary_key.columns]
    columns = [name for name in rows[0] if name not in keys]
    stmt = stmt.on_conflict_do_update(
        index_elements=keys,
        set_={name: stmt.excluded[name] for name in columns},
    )
    session.execute(stmt, list(rows))


def delete_where_in(session: Session, column: Column[Any], values: Sequence[Any]) -> None:
    """Delete the rows of ``column``'s table whose ``column`` is one of ``values``."""
    table = column.table
    for part in chunks(values):
        session.execute(delete(table).where(column.in_(part)))
