"""``read_block``: a block past the middle of the view is read from the other end, and is
the same rows as a read from the front (every sort, both directions, a partial last
block, columns with NULLs), over a mid-shift floor of 600 generated orders."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.bootstrap import demo_floor_station, mix_statuses
from app.domain.model import OrderStatus
from app.store import open_store
from app.supervisor import derived, queue
from app.supervisor.queue import QueueFilter, SortKey
from ui.screens.supervisor_model import BLOCK, COLUMNS, read_block

ORDERS = 600


@pytest.fixture(scope="module")
def floor_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = demo_floor_station(tmp_path_factory.mktemp("floor"), ORDERS)
    mix_statuses(path)
    with open_store(path) as store, store.engine.begin() as conn:
        derived.refresh(conn)
    return path


@pytest.mark.parametrize(
    "flt",
    [QueueFilter(), QueueFilter(statuses=(OrderStatus.OPEN,))],
    ids=["every order", "open (a partial last block)"],
)
def test_every_block_is_the_rows_a_read_from_the_front_gives(
    floor_path: Path, flt: QueueFilter
) -> None:
    with open_store(floor_path) as store, store.engine.connect() as conn:
        count = queue.count(conn, flt)
        assert count % BLOCK or flt == QueueFilter()
        blocks = range((count + BLOCK - 1) // BLOCK)
        for key in (*COLUMNS, SortKey.CARRIER):
            for descending in (False, True):
                for block in blocks:
                    front = queue.page(
                        conn,
                        flt,
                        sort=key,
                        descending=descending,
                        offset=block * BLOCK,
                        limit=BLOCK,
                    )
                    got = read_block(conn, flt, key, descending, block, count)
                    assert [r.order_number for r in got] == [r.order_number for r in front], (
                        key,
                        descending,
                        block,
                    )
                    assert got == front
