"""Many rows into one table in one ``executemany``, as the driver takes them.

SQLAlchemy's ``execute(insert(table), rows)`` spends more time turning each row's
dict into parameters than the database spends writing it; ``insert_rows`` builds the
statement once per table and column list, converts each value with the column
type's own bind processor (as SQLAlchemy would: a ``UTCDateTime`` becomes its
stored text on SQLite) and hands the rows to the driver's ``executemany``. For
SQLite (``?`` marks) and PostgreSQL (``%(name)s``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.engine import Dialect


def insert_rows(
    conn: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    upsert_on: str | None = None,
) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table``; with ``upsert_on``
    (the key column), a row whose key exists overwrites the stored one's columns."""
    if not rows:
        return
    names = tuple(rows[0])
    sql, positional, processors = _statement(table, names, upsert_on, conn.dialect)
    convert = [(name, p) for name, p in zip(names, processors, strict=True) if p is not None]
    params: list[Any] = []
    for row in rows:
        if convert:
            row = dict(row)
            for name, processor in convert:
                row[name] = processor(row[name])
        params.append(tuple(row[name] for name in names) if positional else row)
    conn.exec_driver_sql(sql, params)


@lru_cache(maxsize=64)
def _statement(
    table: Table, names: tuple[str, ...], upsert_on: str | None, dialect: Dialect
) -> tuple[str, bool, tuple[Callable[[Any], Any] | None, ...]]:
    positional = dialect.paramstyle == "qmark"
    quoted = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" if positional else f"%({name})s" for name in names)
    sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})'
    if upsert_on is not None:
        updates = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n != upsert_on)
        sql += f' ON CONFLICT ("{upsert_on}") DO UPDATE SET {updates}'
    processors = tuple(table.c[name].type.bind_processor(dialect) for name in names)
    return sql, positional, processors


def select_in(
    conn: Connection, table: Table, columns: Sequence[str], key: str, values: Sequence[Any]
) -> list[tuple[Any, ...]]:
    """``columns`` of the rows of ``table`` whose ``key`` is one of ``values`` (500 a
    query), read as the driver gives them: for plain columns only (text, numbers,
    booleans; SQLite gives a boolean as 0 or 1, which compares equal)."""
    positional = conn.dialect.paramstyle == "qmark"
    names = ", ".join(f'"{name}"' for name in columns)
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(values), 500):
        part = list(values[start : start + 500])
        marks = ", ".join("?" if positional else "%s" for _ in part)
        sql = f'SELECT {names} FROM "{table.name}" WHERE "{key}" IN ({marks})'
        found.extend(tuple(row) for row in conn.exec_driver_sql(sql, tuple(part)).fetchall())
    return found
