"""The pick screen: a thin view over ``app.picking.PickFlow`` and its ``PickSession``.

Every scan (from the scan pipeline, while the screen is shown) and every tap becomes
one intent of the flow, which answers a ``Step``: what to draw, say and run. What the
session answers is stored first (``PickService.record``: the events of the answer and
their outbox entries in one transaction, on the GUI thread) and only then shown and
sounded, in the same event-loop turn: a beep means the pick is on disk. When storing
fails nothing was counted; the screen says so and rebuilds the session from the
database.

Every other store call runs on the task runner: getting work (``PickService.start``
waits for the order store's answer to the claims) on the pool, the rest (closing a
run, setting an order aside, the news of a sync round, the totes in use) on the
database lane.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.commands import CommandName
from app.domain.events import ShortReason
from app.domain.model import Order, User
from app.domain.pick import Outcome, PickSession, Prompt
from app.domain.pick import Tone as PickTone
from app.domain.scan import BadgeScan, CommandScan, Scan, ToteScan
from app.picking import (
    ClaimStatus,
    Do,
    NotSaved,
    PickAction,
    PickFlow,
    PickService,
    Step,
    Work,
    tell_stopped,
)
from app.picking.flow import Intent
from app.store.pick_runs import PickRun
from app.sync.state import SyncState, SyncStatus
from ui.scanner.pipeline import ScanPipeline, ScansWhileShown, Tone, Verdict, scan_message
from ui.screens.pick_tasks import PickTasks
from ui.screens.pick_text import sentence
from ui.screens.pick_views import CartView, StartView, TaskView
from ui.screens.pick_words import cart_sentence, not_saved_reason, work_sentences
from ui.tasks import TaskRunner
from ui.widgets.message import MessageLabel
from ui.widgets.page_stack import CurrentPageStack
from ui.widgets.taps import TapGuard

log = logging.getLogger(__name__)

_TONES = {
    PickTone.GOOD: Tone.GOOD,
    PickTone.WRONG: Tone.WRONG,
    PickTone.DONE: Tone.DONE,
    PickTone.NONE: Tone.GOOD,
}
_LEVELS = {PickTone.WRONG: "error", PickTone.DONE: "ok"}


class PickScreen(QWidget):
    """Getting work, then guided picking, bin by bin.

    Args:
        service: claims, runs and durable scans.
        tasks: runs every store call but the durable record off the GUI thread.
        pipeline: the scans, listened to while the screen is shown.

    Signals:
        backRequested(): the picker wants the home screen (the run stays open).
        said(object): a ``Verdict`` for a tap (scans answer through the pipeline).
        typeCodeRequested(): the picker wants the on-screen keyboard; what is typed
            comes back through the scan pipeline.
    """

    backRequested = Signal()
    said = Signal(object)
    typeCodeRequested = Signal()

    def __init__(
        self,
        service: PickService,
        tasks: TaskRunner,
        pipeline: ScanPipeline | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pickScreen")
        self._service = service
        self._calls = PickTasks(service, tasks)
        self._pipeline = pipeline
        self.scans = ScansWhileShown(self, pipeline, self._on_pipeline_scanned)
        self.flow = PickFlow()

        self.guard = TapGuard(self)
        self.start_view = StartView(self.guard, self)
        self.cart_view = CartView(self.guard, self)
        self.task_view = TaskView(self.guard, self)
        self.pages = CurrentPageStack(self)
        for page in (self.start_view, self.cart_view, self.task_view):
            self.pages.addWidget(page)
            page.action.connect(self._on_page_action)
        # One message area for every page, under the buttons, always this tall: what
        # it says never moves a button.
        self.message = MessageLabel(self, lines=2)
        self.message.setProperty("emphasis", "large")
        box = QVBoxLayout(self)
        box.setContentsMargins(28, 14, 28, 10)
        box.setSpacing(12)
        box.addWidget(self.pages, 1)
        box.addWidget(self.message)

        panels = self.task_view
        panels.qty_panel.accepted.connect(self._on_qty_panel_accepted)
        panels.qty_panel.cancelled.connect(self._on_qty_panel_cancelled)
        panels.short_panel.chosen.connect(self._on_short_panel_chosen)
        panels.short_panel.cancelled.connect(self._on_short_panel_cancelled)
        self.set_cart_size(self.flow.cart.capacity)

    # -- entering and leaving ----------------------------------------------------------

    @property
    def run(self) -> PickRun | None:
        return self.flow.run

    @property
    def session(self) -> PickSession | None:
        return self.flow.session

    @property
    def busy(self) -> bool:
        """True while asking the order store for work (or closing a run)."""
        return self.flow.busy

    def open(self, user: User) -> None:
        """Show ``user``'s work: their open run resumed, else the start page."""
        if self.flow.open(user):
            self.message.clear_message()
            self._show_task()
            return
        self._show_page(self.start_view)
        self._get_work(resume_only=True)

    def set_cart_size(self, totes: int) -> None:
        """How many totes a cart holds here (``Settings.cart_totes``)."""
        self.flow.cart.resize(totes)
        self.cart_view.set_capacity(self.flow.cart.capacity)
        self.cart_view.set_totes(list(self.flow.cart.totes))

    def start_next(self) -> None:
        """Claim the next single order (``#CMD:START-PICK``), after the open pick is
        looked for: an unfinished pick goes on instead."""
        if self.flow.start_next():
            self._get_work()

    def has_open_run(self, user: User) -> bool:
        """Whether ``user`` left a pick unfinished (a restart, a log-out mid-pick)."""
        run = self._service.open_run(user)
        return run is not None and bool(run.orders)

    def close_session(self) -> None:
        """Forget the session on screen (log-out); the run stays in the database."""
        self.flow.close()

    def on_sync_state(self, state: SyncState) -> None:
        """A sync round ended: orders may have been cancelled; claims may be answered."""
        flow = self.flow
        if flow.user is None or flow.busy or state.status is not SyncStatus.ONLINE:
            return
        session = flow.session
        if session is not None:
            numbers = [o.order_number for o in session.orders]
            self._calls.stopped_orders(numbers, lambda got: self._on_stopped(session, got))
        elif flow.run is not None:  # waiting for the store to confirm claims
            self._get_work(resume_only=True)

    def _on_stopped(self, session: PickSession, orders: list[Order]) -> None:
        if session is not self.flow.session:
            return  # the picker moved on meanwhile; the next round tells again
        for outcome in tell_stopped(session, orders):
            self._show_outcome(outcome)
            self.said.emit(self._verdict(outcome, None))

    # -- scans ---------------------------------------------------------------------------

    @Slot(object)
    def _on_pipeline_scanned(self, scan: Scan) -> None:
        pipeline = self._pipeline
        assert pipeline is not None
        flow = self.flow
        if flow.user is None or not self.isVisible():
            return
        if isinstance(scan, BadgeScan) or (
            isinstance(scan, CommandScan) and scan.command.name is CommandName.LOGOUT
        ):
            return  # the main window handles log-in and log-out
        if flow.busy:
            text = self.tr("Wait: asking the order store for work.")
            pipeline.respond(Verdict(Tone.WRONG, text, scan))
        elif flow.session is None:
            step = flow.scan_without_session(scan)
            verdict = self._do(step, scan)
            if step.do is Do.GET_WORK:
                verdict = Verdict(Tone.GOOD, self.tr("Getting your work…"), scan)
            if verdict is not None:
                self.message.show_message("info" if verdict.ok else "error", verdict.text)
                pipeline.respond(verdict)
        elif not scan.ok and not isinstance(scan, ToteScan):
            # The pipeline's own red answer says why; the session would only repeat it.
            self.message.show_message("error", scan_message(scan))
        elif self.task_view.short_open:
            text = self.tr("Finish the short first: tap why it is short, or Cancel.")
            self.message.show_message("error", text)
            pipeline.respond(Verdict(Tone.WRONG, text, scan))
        elif self.task_view.qty_open and not isinstance(scan, CommandScan):
            # A number typed without OK counts for this scan (or the scan is refused).
            typed = self.task_view.qty_panel.typed
            verdict = self._act(lambda s: s.scan(scan, typed=typed), scan)
            if verdict.ok:
                self.task_view.close_panels()
            else:
                self.task_view.open_qty_again()
            pipeline.respond(verdict)
        else:
            session = flow.session
            was_done = session.is_finished
            pipeline.respond(self._act(lambda s: s.scan(scan), scan))
            if was_done and flow.next_please(scan) and self._finished(session):
                self._finish_run(PickAction.NEXT)

    # -- taps ----------------------------------------------------------------------------

    @Slot(object)
    def _on_page_action(self, action: PickAction) -> None:
        """One tap (the guard let it through): what it asks for."""
        if self.message.level in ("error", "warning"):
            self.message.clear_message()  # an error stays until the next scan or tap
        verdict = self._do(self.flow.tap(action), None)
        if verdict is not None:
            self.said.emit(verdict)

    def _do(self, step: Step, scan: Scan | None) -> Verdict | None:
        """Carry out one step of the flow; the verdict it gives, if any."""
        do = step.do
        if do is Do.TYPE_CODE:
            self.typeCodeRequested.emit()
        elif do is Do.LEAVE:
            self.backRequested.emit()
        elif do is Do.GET_WORK:
            self._get_work()
        elif do is Do.SHOW_CART:
            self._show_cart()
        elif do is Do.CART_ANSWER:
            assert step.cart is not None
            self._show_cart()
            tone = Tone.GOOD if step.cart.ok else Tone.WRONG
            return Verdict(tone, cart_sentence(step.cart), scan)
        elif do is Do.UNREADABLE and scan is not None:
            self.message.show_message("error", scan_message(scan))
        elif do is Do.NO_PICK:
            text = self.tr("No pick running: tap Next order, or scan totes for a cart.")
            return Verdict(Tone.WRONG, text, scan)
        elif do is Do.NOT_NOW:
            assert step.message is not None
            text = sentence(step.message, step.args)
            self.message.show_message("error", text)
            return Verdict(Tone.WRONG, text)
        elif do is Do.FINISH:
            assert step.then is not None
            self._finish_run(step.then)
        elif (prompt := self._prompt()) is not None:
            return self._do_task(step, prompt.sku or "", prompt.qty_left)
        return None

    def _do_task(self, step: Step, sku: str, left: int) -> Verdict | None:
        if step.do is Do.OPEN_SHORT:
            self.task_view.open_short(sku, left)
        elif step.do is Do.OPEN_QTY:
            self.task_view.open_qty(left)
        elif step.do is Do.INTENT and step.intent is not None:
            session = self.flow.session
            verdict = self._act(step.intent, None)
            if step.then is PickAction.NEXT and self._finished(session):
                self._finish_run(PickAction.NEXT)
            return verdict
        return None

    @Slot(int)
    def _on_qty_panel_accepted(self, qty: int) -> None:
        self.task_view.close_panels()
        if self.flow.session is not None and qty > 0:
            self._tap(self.flow.qty(qty))

    @Slot()
    def _on_qty_panel_cancelled(self) -> None:
        self.task_view.close_panels()
        self.message.show_message("info", self.tr("Quantity cancelled: each scan counts one."))

    @Slot(int, str)
    def _on_short_panel_chosen(self, found: int, reason: str) -> None:
        self.task_view.close_panels()
        if self.flow.session is not None:
            self._tap(self.flow.short(found, ShortReason(reason)))

    @Slot()
    def _on_short_panel_cancelled(self) -> None:
        self.task_view.close_panels()
        intent = self.flow.short_cancelled()
        if intent is not None:
            self._tap(intent)

    def _tap(self, intent: Intent) -> None:
        self.said.emit(self._act(intent, None))

    # -- answers -------------------------------------------------------------------------

    def _act(self, intent: Intent, scan: Scan | None) -> Verdict:
        """Run one intent of the session, store its answer, show it; the verdict."""
        session = self.flow.session
        assert session is not None
        before = session.prompt()
        outcome = intent(session)
        try:
            self._service.record(outcome)
        except NotSaved as problem:
            return self._not_saved(problem, scan)
        aside = self.flow.set_aside_after(before, outcome.prompt)
        self._show_outcome(outcome)
        if aside is not None and self.flow.run is not None:  # its tote is off the cart
            self._calls.set_aside(self.flow.run, aside, self.flow.run_changed)
        return self._verdict(outcome, scan)

    def _show_outcome(self, outcome: Outcome) -> None:
        if outcome.tone is not PickTone.NONE:
            level = _LEVELS.get(outcome.tone, "info")
            self.message.show_message(level, sentence(outcome.message, outcome.args))
        self._show_task()

    def _verdict(self, outcome: Outcome, scan: Scan | None) -> Verdict:
        return Verdict(_TONES[outcome.tone], sentence(outcome.message, outcome.args), scan)

    def _not_saved(self, problem: NotSaved, scan: Scan | None) -> Verdict:
        log.warning("a pick was not saved: %s", problem.reason)
        text = self.tr("NOT SAVED, nothing was counted: {reason}. Do it again.").format(
            reason=not_saved_reason(problem)
        )
        self.message.show_message("error", text)
        rebuild = self.flow.rebuilding()  # read again from the database; scans wait
        if rebuild is not None:
            self._calls.rebuild(*rebuild, self._on_rebuilt, self._on_rebuild_failed)
        return Verdict(Tone.WRONG, text, scan)

    def _on_rebuilt(self, rebuilt: tuple[PickSession, list[Outcome]]) -> None:
        if not self.flow.rebuilt(rebuilt[0]):
            return
        self._show_task()
        for outcome in rebuilt[1]:  # what the pull changed, and so refused the count
            self._show_outcome(outcome)
            self.said.emit(self._verdict(outcome, None))

    def _on_rebuild_failed(self, error: BaseException) -> None:
        log.error("could not rebuild the pick session", exc_info=error)
        self.flow.rebuild_failed()
        self._show_page(self.start_view)
        self._get_work(resume_only=True)

    # -- work ----------------------------------------------------------------------------

    def _get_work(self, *, resume_only: bool = False) -> None:
        ask = self.flow.ask(resume_only=resume_only)
        if ask is None:
            return
        self._set_busy()
        if resume_only:
            self.message.show_message("info", self.tr("Looking for your open pick…"))
        else:
            self.message.show_message("info", self.tr("Asking the order store for work…"))
        self._calls.get_work(ask, self._on_work, self._on_work_failed)
        self._calls.totes_in_use(self.flow.cart.know_in_use)

    def _on_work(self, work: Work | None) -> None:
        then_next = self.flow.work_arrived(work)
        self._set_busy()
        self.message.clear_message()
        if work is None or work.status is not ClaimStatus.READY:
            self._show_page(self.start_view)
        if work is None:
            if then_next:
                self._get_work()
            return
        if work.session is not None:
            self._show_task()
        elif work.status is ClaimStatus.WAITING:
            self.start_view.set_busy(True)  # the claims wait: the start page waits too
        level, tone, text, said = work_sentences(work, self._prompt())
        self.message.show_message(level, text)
        self.said.emit(Verdict(tone, said))

    def _on_work_failed(self, error: BaseException) -> None:
        self.flow.work_failed()
        self._set_busy()
        log.error("could not get pick work", exc_info=error)
        text = self.tr(
            "Could not get work: {reason}. Try again; if it keeps happening, ask a supervisor."
        ).format(reason=error)
        self._show_page(self.start_view)
        self._say_wrong(text)

    def _finish_run(self, then: PickAction) -> None:
        """The pick is done and the picker said what next: ``NEXT`` (the next order,
        or the cart page after a batch), ``CART`` (a new cart) or ``HOME``."""
        run = self.flow.closing()
        self._calls.finish(run, lambda: self._on_run_closed(then), self._on_close_failed)

    def _on_run_closed(self, then: PickAction) -> None:
        do = self.flow.run_closed(then)
        if do is Do.LEAVE:
            self._show_page(self.start_view)
            self.backRequested.emit()
        elif do is Do.SHOW_CART:
            self._show_cart()
            self._calls.totes_in_use(self.flow.cart.know_in_use)
        else:
            self._get_work()

    def _on_close_failed(self, error: BaseException) -> None:
        self.flow.close_failed()
        log.error("could not close the pick run", exc_info=error)
        self._say_wrong(self.tr("Could not close the pick: {0}").format(error))

    def _say_wrong(self, text: str) -> None:
        self.message.show_message("error", text)
        self.said.emit(Verdict(Tone.WRONG, text))

    # -- drawing -------------------------------------------------------------------------

    def _finished(self, session: PickSession | None) -> bool:
        return session is not None and session is self.flow.session and session.is_finished

    def _prompt(self) -> Prompt | None:
        session = self.flow.session
        return session.prompt() if session is not None else None

    def _set_busy(self) -> None:
        busy = self.flow.busy
        self.start_view.set_busy(busy)
        self.cart_view.set_busy(busy, len(self.flow.cart.totes))

    def _show_cart(self) -> None:
        self.cart_view.set_totes(list(self.flow.cart.totes))
        self.cart_view.set_busy(self.flow.busy, len(self.flow.cart.totes))
        self._show_page(self.cart_view)

    def _show_task(self) -> None:
        session = self.flow.session
        assert session is not None
        orders, totes = self.flow.live_orders()
        self.task_view.show_prompt(
            session.prompt(), batch=session.batch, orders=orders, totes=totes
        )
        self._show_page(self.task_view)

    def _show_page(self, page: QWidget) -> None:
        if self.pages.currentWidget() is not page:
            self.pages.setCurrentWidget(page)
