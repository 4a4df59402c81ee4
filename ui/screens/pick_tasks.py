"""The pick screen's store calls, off the GUI thread.

Every call of ``PickService`` the pick screen makes, but the durable record of a scan
(``PickService.record``, on the GUI thread so that the beep follows the commit), runs
here on the task runner: getting work waits for the order store's answer to the
claims, so it takes the pool; the rest are short database work and take the
database lane, in the order they were asked. Answers come back on the GUI thread
through the callbacks; a failure nobody needs to see is logged (the next sync round,
or a restart, asks again).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from app.domain.model import Order, User
from app.domain.pick import Outcome, PickSession
from app.domain.pick_outcome import PickState
from app.picking import PickService, Work, WorkAsk
from app.store.pick_runs import PickRun
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

Failed = Callable[[BaseException], None]


def _logged(what: str) -> Failed:
    return lambda error: log.error("could not %s", what, exc_info=error)


class PickTasks:
    """``PickService`` on the task runner, for the pick screen.

    Args:
        service: claims, runs and durable scans.
        tasks: the application's task runner.
    """

    def __init__(self, service: PickService, tasks: TaskRunner) -> None:
        self._service = service
        self._tasks = tasks

    def _run(
        self,
        lane: Callable[..., object],
        job: Callable[[], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Failed,
        name: str,
    ) -> None:
        if self._tasks.closed:  # the kiosk is closing: nothing more is asked
            return
        lane(job, on_done=on_done, on_error=on_error, name=name)

    def get_work(
        self, ask: WorkAsk, on_done: Callable[[Work | None], None], on_error: Failed
    ) -> None:
        """The picker's open run resumed, or new work claimed (pool: it may wait for
        the order store)."""
        service = self._service

        def job() -> Work | None:
            if ask.resume_only:
                return service.resume(ask.user)
            return service.start(ask.user, ask.totes)

        self._run(self._tasks.run, job, on_done=on_done, on_error=on_error, name="pick work")

    def wrong_scan(self, user: str, order_number: str, step: PickState, code: str) -> None:
        """Keep a wrong scan as an event (database lane; the picker has heard the
        answer already, so a failure is only logged)."""
        service = self._service
        self._run(
            self._tasks.run_db,
            lambda: service.record_wrong_scan(user, order_number, step, code),
            on_done=lambda _none: None,
            on_error=lambda error: log.warning("a wrong scan was not recorded: %s", error),
            name="wrong scan",
        )

    def finish(self, run: PickRun | None, on_done: Callable[[], None], on_error: Failed) -> None:
        """Close ``run`` (the picker is done with it)."""
        service = self._service

        def job() -> None:
            if run is not None:
                service.finish(run)

        self._run(
            self._tasks.run_db,
            job,
            on_done=lambda _: on_done(),
            on_error=on_error,
            name="pick finish",
        )

    def set_aside(self, run: PickRun, order: str, on_done: Callable[[PickRun], None]) -> None:
        """Take ``order`` off ``run``; ``on_done`` gets the run as stored. On failure it
        stays in the run in the database, and a restart asks once more."""
        self._run(
            self._tasks.run_db,
            lambda: self._service.set_aside(run, order),
            on_done=on_done,
            on_error=_logged(f"set order {order} aside"),
            name="pick set aside",
        )

    def stopped_orders(
        self, numbers: Sequence[str], on_done: Callable[[list[Order]], None]
    ) -> None:
        """The orders of ``numbers`` the last pull cancelled or held."""
        numbers = list(numbers)
        self._run(
            self._tasks.run_db,
            lambda: self._service.stopped_orders(numbers),
            on_done=on_done,
            on_error=_logged("read the pick's orders"),
            name="pick news",
        )

    def rebuild(
        self,
        user: User,
        run: PickRun,
        on_done: Callable[[tuple[PickSession, list[Outcome]]], None],
        on_error: Failed,
    ) -> None:
        """A new session over ``run`` as the database holds it, and what the last pull
        changed in it (after a count was not saved)."""
        service = self._service

        def job() -> tuple[PickSession, list[Outcome]]:
            session = service.session(user, run)
            return session, service.refresh(session)

        self._run(self._tasks.run_db, job, on_done=on_done, on_error=on_error, name="pick rebuild")

    def totes_in_use(self, on_done: Callable[[dict[str, str]], None]) -> None:
        """Every tote the station's open runs fill, with its order."""
        self._run(
            self._tasks.run_db,
            self._service.totes_in_use,
            on_done=on_done,
            on_error=_logged("read the totes in use"),
            name="totes in use",
        )
