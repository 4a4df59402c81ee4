"""The sync engine: push the outbox, then pull changes; exactly once, never reordered.

One round (``sync_once``):

1. **Push** pending outbox events in their recorded order, in batches. Each event
   keeps its client-made id, so a batch whose answer was lost is simply sent again and
   the store answers ``duplicate`` for what it already applied. ``applied`` and
   ``duplicate`` leave the outbox; ``rejected`` stays, marked with the store's code
   and reason, for a person to see. A batch that fails as a whole stops the round:
   nothing after it is sent, so the order of events never changes.
2. **Pull** ``/changes`` from the stored cursor page by page; each page is stored in
   one transaction together with the new cursor (bulk upserts). The pull only runs
   after every pending event was answered, so a pulled row never misses or doubles
   one of this station's events. A page's ``requests`` (what a supervisor asked of
   this station: label reprints) are stored with it, once each
   (``app.store.station_requests``); acting on them is not the sync's job: the kiosk
   runs ``app.printing.reprints`` after each round.

Failures never escape: they set the state (offline, auth failed) and the delay before
the next round grows exponentially with jitter.
"""

from __future__ import annotations

import logging
import random
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from typing import Any

from app.store.changes import PageError
from app.store.local_store import LocalStore, utc_now
from app.store.outbox import OutboxEntry
from app.sync.client import AuthFailed, OrderStoreClient, Refused, ServerError, SyncError
from app.sync.problems import SyncProblem, SyncProblemCode
from app.sync.state import SyncState, SyncStatus

log = logging.getLogger(__name__)

MAX_PAGES_PER_ROUND = 10_000


class SyncEngine:
    """Moves events out and changes in for one station.

    Thread use: one thread runs ``sync_once`` (the sync worker); ``state`` and
    ``refresh_counts`` may be read from any thread.
    """

    def __init__(
        self,
        store: LocalStore,
        client: OrderStoreClient | None,
        *,
        page_size: int = 5000,
        batch_size: int = 500,
        interval_s: float = 5.0,
        base_delay_s: float = 1.0,
        max_delay_s: float = 60.0,
        clock: Callable[[], datetime] = utc_now,
        rng: random.Random | None = None,
    ) -> None:
        self._store = store
        self._client = client
        self._page_size = page_size
        self._batch_size = batch_size
        self._interval = interval_s
        self._base_delay = base_delay_s
        self._max_delay = max_delay_s
        self._clock = clock
        self._rng = rng or random.Random()
        self._failures = 0
        self._lock = threading.Lock()
        status = SyncStatus.CONNECTING if client else SyncStatus.NOT_CONFIGURED
        self._state = SyncState(status=status)
        self.refresh_counts()

    @property
    def state(self) -> SyncState:
        with self._lock:
            return self._state

    def refresh_counts(self) -> SyncState:
        """Re-read the outbox counts (after a local commit) without touching the network."""
        pending, rejected = self._counts()
        with self._lock:
            self._state = replace(self._state, pending=pending, rejected=rejected)
            return self._state

    def rejected_events(self) -> list[OutboxEntry]:
        """Events the store refused, oldest first, with its code and reason."""
        with self._store.unit_of_work(readonly=True) as uow:
            return uow.outbox.rejected()

    @property
    def backing_off(self) -> bool:
        """True after a failed round: the next one waits for its back-off delay."""
        return self._failures > 0

    def retry_delay(self) -> float:
        """Seconds to wait before the next round: the interval, or back-off with jitter."""
        if self._failures == 0:
            return self._interval
        ceiling = min(self._max_delay, self._base_delay * 2 ** (self._failures - 1))
        return float(ceiling * self._rng.uniform(0.5, 1.0))  # "equal jitter"

    def sync_once(self) -> SyncState:
        """Push, then pull. Never raises; the returned state says how it went."""
        if self._client is None:
            return self._finish(
                SyncStatus.NOT_CONFIGURED,
                "set the order store URL and token",
                SyncProblem(SyncProblemCode.NOT_CONFIGURED),
            )
        try:
            self._push()
            self._pull()
        except AuthFailed as error:
            return self._finish(SyncStatus.AUTH_FAILED, str(error), error.problem)
        except SyncError as error:
            return self._finish(SyncStatus.OFFLINE, str(error), error.problem)
        except PageError as error:
            return self._finish(
                SyncStatus.OFFLINE,
                f"the order store sent data this station cannot read ({error})",
                SyncProblem(SyncProblemCode.UNREADABLE_DATA, {"detail": str(error)[:300]}),
            )
        except Exception as error:  # the local database (disk full, locked...) or a bug
            log.exception("sync round failed")
            return self._finish(
                SyncStatus.OFFLINE,
                f"local problem while syncing: {error}",
                SyncProblem(SyncProblemCode.LOCAL_PROBLEM, {"detail": str(error)[:300]}),
            )
        return self._finish(SyncStatus.ONLINE, "", None)

    def _finish(self, status: SyncStatus, error: str, problem: SyncProblem | None) -> SyncState:
        self._failures = 0 if status is SyncStatus.ONLINE else self._failures + 1
        try:
            pending, rejected = self._counts()
        except Exception:  # the database itself is failing; keep the last counts
            log.exception("cannot count the outbox")
            pending, rejected = self._state.pending, self._state.rejected
        with self._lock:
            self._state = SyncState(
                status=status,
                pending=pending,
                rejected=rejected,
                last_success=self._clock()
                if status is SyncStatus.ONLINE
                else self._state.last_success,
                last_error=error,
                problem=problem,
                retry_in_s=self.retry_delay(),
            )
            return self._state

    def _counts(self) -> tuple[int, int]:
        with self._store.unit_of_work(readonly=True) as uow:
            return uow.outbox.count_pending(), uow.outbox.count_rejected()

    def _push(self) -> None:
        assert self._client is not None
        while True:
            with self._store.unit_of_work(readonly=True) as uow:
                batch = uow.outbox.pending_json(limit=self._batch_size)
            if not batch:
                return
            ids = [event_id for event_id, _ in batch]
            try:
                answers = self._client.push_json([str(i) for i in ids], [raw for _, raw in batch])
            except Refused as error:
                self._reject_malformed(ids, error)
                continue
            except SyncError as error:
                self._note_failure(ids, str(error))
                raise
            self._settle(answers)

    def _settle(self, answers: list[dict[str, Any]]) -> None:
        delivered: list[uuid.UUID] = []
        with self._store.unit_of_work() as uow:
            for answer in answers:
                event_id = uuid.UUID(answer["id"])
                outcome = (
                    answer.get("original") if answer["result"] == "duplicate" else answer["result"]
                )
                if outcome == "rejected":
                    uow.outbox.mark_rejected(
                        event_id,
                        str(answer.get("code") or "rejected"),
                        str(answer.get("reason") or "the order store gave no reason"),
                    )
                else:
                    delivered.append(event_id)
            uow.outbox.mark_sent(delivered)
            uow.commit()

    def _reject_malformed(self, ids: list[uuid.UUID], error: Refused) -> None:
        """The store called the batch malformed: keep the events it named as rejected.

        Without an index to blame, the whole batch stays pending and the round stops,
        so one unreadable answer never turns into silently dropped events.
        """
        problems = error.detail.get("detail") if isinstance(error.detail, dict) else None
        named = [
            p for p in problems or [] if isinstance(p, dict) and isinstance(p.get("index"), int)
        ]
        if not named:
            self._note_failure(ids, str(error))
            raise ServerError(str(error), error.problem)
        with self._store.unit_of_work() as uow:
            for problem in named:
                if 0 <= problem["index"] < len(ids):
                    uow.outbox.mark_rejected(
                        ids[problem["index"]],
                        "malformed",
                        f"the order store cannot read this event: {problem.get('msg', '')}",
                    )
            uow.commit()

    def _note_failure(self, ids: list[uuid.UUID], error: str) -> None:
        try:
            with self._store.unit_of_work() as uow:
                uow.outbox.record_failure(ids, error[:500])
                uow.commit()
        except Exception:  # bookkeeping only; the events stay pending either way
            log.exception("cannot note a failed push")

    def _pull(self) -> None:
        """Page through ``/changes``; the next page is fetched while this one is stored.

        The cursor only moves when a page is stored (with it, in one transaction), so a
        prefetched page that is never stored costs nothing but the transfer.
        """
        client = self._client
        assert client is not None
        since = self._store.changes_since()
        # One worker: the client (one HTTP session) is used by one thread at a time.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-prefetch") as fetcher:
            upcoming = fetcher.submit(client.changes, since, self._page_size)
            for _ in range(MAX_PAGES_PER_ROUND):
                page = upcoming.result()
                next_seq = page.get("next")
                if isinstance(next_seq, bool) or not isinstance(next_seq, int) or next_seq < since:
                    raise ServerError("the order store sent a change page with a bad cursor")
                more = page.get("more") is True
                if more and next_seq == since:
                    raise ServerError("the order store says there is more but sent nothing new")
                if more:
                    upcoming = fetcher.submit(client.changes, next_seq, self._page_size)
                try:
                    self._store.apply_changes(page)
                except BaseException:
                    upcoming.cancel()
                    raise
                if not more:
                    return
                since = next_seq
