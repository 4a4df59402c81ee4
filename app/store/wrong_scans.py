"""A wrong scan, recorded as an event (``scan.wrong``) so that the store's ledger can
count it in the people figures.

The pick and pack flows answer a wrong scan on screen; calling ``record_wrong_scan``
from there makes it durable too. It goes through ``LocalStore.record`` like every
counted scan: one transaction that checks the user, applies the event to the local
order (the rules change nothing for a wrong scan, whatever the order's status) and
appends it to the outbox, on the no-checkpoint connection the GUI thread's records
use (``LocalStore.record_unit``): it costs what recording a pick costs, and the order
row is not rewritten (``OrderRepository.save`` writes only what differs).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from datetime import datetime
from typing import Generic, TypeVar

from app.domain.events import MAX_SCANNED, Event, ScanExpected, WrongScan, new_event
from app.store.local_store import LocalStore

UNREADABLE = "?"
"""What stands for a character that cannot go into an event (a GS1 separator, a
control character a scanner sent), and for a scan that was nothing but those."""


def scanned_text(code: str) -> str:
    """``code`` as a wrong-scan event carries it: every character an event may not
    hold (``wire.check_text``) replaced by ``UNREADABLE``, cut to ``MAX_SCANNED``."""
    # The scanner's own suffix (CR, LF, tab) is no part of the code: stripped first.
    text = "".join(c if c.isprintable() else UNREADABLE for c in code.strip(" \t\r\n")).strip()
    return text[:MAX_SCANNED].strip() or UNREADABLE


def record_wrong_scan(
    store: LocalStore,
    *,
    user: str,
    station: str,
    order_number: str,
    expected: ScanExpected,
    code: str,
    at: datetime | None = None,
) -> Event:
    """Record that ``user`` scanned ``code`` at ``station`` while working on
    ``order_number``, where the flow expected a ``expected``.

    Args:
        at: when (zone-aware); now by default.

    Returns:
        The event as it went into the outbox.

    Raises:
        app.domain.rules.Rejection: the user is unknown or inactive, or the order is
            not in the station's copy; nothing was written.
        ValueError: ``at`` has no time zone.
    """
    event = new_event(
        WrongScan(order_number, expected=expected, scanned=scanned_text(code)),
        station=station,
        user=user,
        at=at,
    )
    store.record(event)
    return event


Step = TypeVar("Step", bound=Hashable)


class WrongScanLog(Generic[Step]):
    """``record_wrong_scan`` for one flow: what the flow waited for comes from the step
    it was at (``expected``; an item where the table does not say)."""

    def __init__(
        self,
        store: LocalStore,
        station: Callable[[], str],
        expected: Mapping[Step, ScanExpected],
    ) -> None:
        self._store = store
        self._station = station
        self._expected = expected

    def __call__(self, user: str, order_number: str, step: Step, code: str) -> Event:
        """Keep a scan the flow answered WRONG at ``step`` as a ``scan.wrong`` event.

        Raises:
            app.domain.rules.Rejection: the user or the order is not known here.
        """
        return record_wrong_scan(
            self._store,
            user=user,
            station=self._station(),
            order_number=order_number,
            expected=self._expected.get(step, ScanExpected.ITEM),
            code=code,
        )
