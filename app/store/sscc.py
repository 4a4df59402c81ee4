"""SSCC counters: the next SSCC of a station's range, durable and never repeated.

``SsccRepository.next`` raises the range's counter and returns its SSCC in one SQL
statement, inside the caller's unit of work: commit the package (or whatever the SSCC
is for) in the same transaction, and the number is used exactly when the package is
stored. A rolled-back unit gives its number out again, which is safe because nothing
with that number was stored or printed (see ``app.domain.sscc``). Writing units begin
IMMEDIATE, so two units of the station (the screen's and the sync's) never take the
same number. Like every repository here it never commits; its unit of work does.

``observe`` is for SSCCs this station issued that come back from elsewhere (the order
store's copy of a package): should the station's database be lost and rebuilt from
the order store, its counter restarts past every SSCC the store knows.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from app.domain.sscc import SsccRange
from app.store.models import SsccCounterRow, table_of

_COUNTERS = table_of(SsccCounterRow)


class SsccRepository:
    """The station's SSCC counters, over the unit of work's Session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def next(self, numbering: SsccRange) -> str:
        """The next SSCC of ``numbering``'s range, its counter raised in this transaction.

        Raises:
            app.domain.sscc.SsccError: ``EXHAUSTED`` when the range is used up (the
                counter is left as it was).
        """
        capacity = numbering.capacity
        statement = (
            insert(_COUNTERS)
            .values(_key(numbering) | {"last_counter": 1})
            .on_conflict_do_update(
                index_elements=list(_key(numbering)),
                set_={"last_counter": _COUNTERS.c.last_counter + 1},
                where=_COUNTERS.c.last_counter < capacity,
            )
            .returning(_COUNTERS.c.last_counter)
        )
        counter = self._session.execute(statement).scalar_one_or_none()
        # Nothing returned: the update's condition failed, the range is used up.
        return numbering.sscc(capacity + 1 if counter is None else counter)

    def last(self, numbering: SsccRange) -> int:
        """The counter of the last SSCC issued in the range; 0 when none was."""
        key = _key(numbering)
        found = self._session.scalar(
            select(SsccCounterRow.last_counter).where(
                *(getattr(SsccCounterRow, name) == value for name, value in key.items())
            )
        )
        return found or 0

    def observe(self, numbering: SsccRange, sscc: str) -> bool:
        """Note that ``sscc`` exists: when it is one of ``numbering``'s range and past the
        counter, raise the counter to it. True when the counter moved."""
        counter = numbering.counter_of(sscc)
        if counter is None or counter <= self.last(numbering):
            return False
        statement = (
            insert(_COUNTERS)
            .values(_key(numbering) | {"last_counter": counter})
            .on_conflict_do_update(
                index_elements=list(_key(numbering)),
                set_={"last_counter": func.max(_COUNTERS.c.last_counter, counter)},
            )
        )
        self._session.execute(statement)
        return True


def _key(numbering: SsccRange) -> dict[str, object]:
    return {
        "company_prefix": numbering.company_prefix,
        "extension": numbering.extension,
        "station": numbering.station,
    }
