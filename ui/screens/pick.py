"""The pick screen: it draws ``app.picking.PickFlow`` and forwards scans and taps to it.

Each scan or tap is an intent of the flow, which answers a ``Step`` (what to draw, say
and run). A session's answer is stored first (``PickService.record``: its events and
their outbox entries in one transaction, on the GUI thread), then shown and sounded in
the same event-loop turn: a beep means the pick is on disk. If storing fails nothing
was counted: the screen says so and reads the session again. Every other store call
runs on the task runner (``ui.screens.pick_tasks``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from app.domain.model import Order, User
from app.domain.pick import Outcome, PickSession
from app.domain.pick import Tone as PickTone
from app.domain.scan import Scan
from app.picking import (
    ClaimStatus,
    Do,
    NotSaved,
    PanelAnswer,
    PickAction,
    PickFlow,
    PickService,
    Step,
    Work,
)
from app.picking.handback import HandBack, what_to_hand_back
from app.picking.steps import Intent
from app.store.pick_runs import PickRun
from app.sync.state import SyncState, SyncStatus
from ui.scanner.pipeline import ScanPipeline, ScansWhileShown, Tone, Verdict, scan_message
from ui.screens.pick_handback import handed_back_sentence
from ui.screens.pick_pages import PickPages
from ui.screens.pick_tasks import PickTasks
from ui.screens.pick_text import sentence
from ui.screens.pick_words import (
    cart_sentence,
    not_saved_reason,
    work_failed_reason,
    work_sentences,
)
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

_TONES = {PickTone.WRONG: Tone.WRONG, PickTone.DONE: Tone.DONE}  # else GOOD
_LEVELS = {PickTone.WRONG: "error", PickTone.DONE: "ok"}


class PickScreen(PickPages):
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

        self.action.connect(self._on_page_action)
        self.task_view.panelAnswered.connect(self._on_task_view_panel_answered)
        self.task_view.handBackConfirmed.connect(self._on_task_view_hand_back_confirmed)
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
        self.show_start()
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
        do = self.flow.sync_round(online=state.status is SyncStatus.ONLINE)
        if do is Do.GET_WORK:  # waiting for the store to confirm claims
            self._get_work(resume_only=True)
        elif do is Do.NEWS and (session := self.flow.session) is not None:
            numbers = [o.order_number for o in session.orders]
            self._calls.stopped_orders(numbers, lambda got: self._on_stopped(session, got))

    def _on_stopped(self, session: PickSession, orders: list[Order]) -> None:
        for outcome in self.flow.news(session, orders):
            self._show_outcome(outcome)
            self.said.emit(self._verdict(outcome, None))

    # -- scans ---------------------------------------------------------------------------

    @Slot(object)
    def _on_pipeline_scanned(self, scan: Scan) -> None:
        assert self._pipeline is not None
        if self.flow.user is None or not self.isVisible():
            return
        view = self.task_view
        if view.hand_back_open:  # a scan means picking goes on: the question is off
            view.close_panels()
        typed = view.qty_panel.typed if view.qty_open else None
        verdict = self._do(self.flow.scan(scan, short_open=view.short_open, typed=typed), scan)
        if verdict is not None:
            self._pipeline.respond(verdict)

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
        do, text = step.do, ""
        if do is Do.TYPE_CODE:
            self.typeCodeRequested.emit()
        elif do is Do.LEAVE:
            self.backRequested.emit()
        elif do is Do.SHOW_CART:
            self._show_cart()
        elif do is Do.FINISH and step.then is not None:
            self._finish_run(step.then)
        elif do is Do.UNREADABLE and scan is not None:
            # The pipeline's own red answer says why; the session would only repeat it.
            self.message.show_message("error", scan_message(scan))
        elif do is Do.WAIT:
            return Verdict(Tone.WRONG, self.tr("Wait: asking the order store for work."), scan)
        elif do is Do.GET_WORK:
            self._get_work()
            if scan is not None:  # a tap's answer is the page it leads to
                return self._say(Tone.GOOD, self.tr("Getting your work…"), scan)
        elif do is Do.CART_ANSWER and step.cart is not None:
            self._show_cart()
            tone = Tone.GOOD if step.cart.ok else Tone.WRONG
            return self._say(tone, cart_sentence(step.cart), scan)
        elif do is Do.NO_PICK:
            text = self.tr("No pick running: tap Next order, or scan totes for a cart.")
        elif do is Do.SHORT_FIRST:
            text = self.tr("Finish the short first: tap why it is short, or Cancel.")
        elif do is Do.NOT_NOW and step.message is not None:
            return self._say(Tone.WRONG, sentence(step.message, step.args), None)
        elif self.flow.session is not None:
            return self._do_task(step, self.flow.session, scan)
        return self._say(Tone.WRONG, text, scan) if text else None

    def _say(self, tone: Tone, text: str, scan: Scan | None) -> Verdict:
        self.message.show_message("error" if tone is Tone.WRONG else "info", text)
        return Verdict(tone, text, scan)

    def _do_task(self, step: Step, session: PickSession, scan: Scan | None) -> Verdict | None:
        view, prompt = self.task_view, session.prompt()
        if step.do is Do.OPEN_SHORT:
            view.open_short(prompt.sku or "", prompt.qty_left)
        elif step.do is Do.OPEN_QTY:
            view.open_qty(prompt.qty_left)
        elif step.do is Do.CONFIRM_HAND_BACK:
            hand_back = what_to_hand_back(session, self.flow.run, self.flow.live_orders()[0])
            if hand_back is not None:
                view.open_hand_back(hand_back)
        elif step.do is Do.INTENT and step.intent is not None:
            verdict = self._act(step.intent, scan)
            if step.typed:  # the keypad's number counted, or the keypad stays
                view.close_panels() if verdict.ok else view.open_qty_again()
            if step.then is PickAction.NEXT and self._finished(session):
                self._finish_run(PickAction.NEXT)
            return verdict
        return None

    @Slot(object)
    def _on_task_view_panel_answered(self, answer: PanelAnswer) -> None:
        self.task_view.close_panels()
        step = self.flow.panel(answer)
        if step.do is Do.QTY_CANCELLED:
            text = self.tr("Quantity cancelled: each scan counts one.")
            self.message.show_message("info", text)
        elif step.do is Do.INTENT and step.intent is not None:
            self.said.emit(self._act(step.intent, None))

    @Slot(object)
    def _on_task_view_hand_back_confirmed(self, hand_back: HandBack) -> None:
        """Give the pick back (one transaction with its outbox events, as a scan's
        record), then the start page says so and what to do with the pieces."""
        self.task_view.close_panels()
        user, run = self.flow.user, self.flow.run
        if user is None or run is None or run.id != hand_back.run.id or self.flow.busy:
            return  # the pick on screen is no longer the one the picker confirmed
        try:
            self._service.hand_back(user, hand_back)
        except NotSaved as problem:
            self.said.emit(self._not_saved(problem, None))
            return
        self.flow.handed_back()
        self.show_start()
        text = handed_back_sentence(hand_back)
        self.message.show_message("info", text)
        self.said.emit(Verdict(Tone.GOOD, text))
        self._calls.totes_in_use(self.flow.cart.know_in_use)

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
        user, number = self.flow.user, before.order_number
        if scan is not None and outcome.tone is PickTone.WRONG and user and number:
            # Kept as an event for the people figures (the answer is already heard).
            self._calls.wrong_scan(user.username, number, before.state, scan.raw)
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
        text = sentence(outcome.message, outcome.args)
        return Verdict(_TONES.get(outcome.tone, Tone.GOOD), text, scan)

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
        self.show_start()
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
            self.show_start()
        if work is None:
            if then_next:
                self._get_work()
            return
        if work.session is not None:
            self._show_task()
        elif work.status is ClaimStatus.WAITING:
            self.start_view.set_busy(True)  # the claims wait: the start page waits too
        prompt = work.session.prompt() if work.session is not None else None
        level, tone, text, said = work_sentences(work, prompt)
        self.message.show_message(level, text)
        self.said.emit(Verdict(tone, said))

    def _on_work_failed(self, error: BaseException) -> None:
        self.flow.work_failed()
        self._set_busy()
        log.error("could not get pick work", exc_info=error)
        text = self.tr(
            "Could not get work: {reason}. Try again; if it keeps happening, ask a supervisor."
        ).format(reason=work_failed_reason(error))
        self.show_start()
        self._say_wrong(text)

    def _finish_run(self, then: PickAction) -> None:
        """The pick is done and the picker said what next: ``NEXT`` (the next order,
        or the cart page after a batch), ``CART`` (a new cart) or ``HOME``."""
        run = self.flow.closing(then)
        if then is PickAction.HOME:  # the picker walks away; the run closes behind them
            self._calls.finish(run, lambda: None, self._on_close_failed)
            self._on_run_closed(then)
        else:
            self._calls.finish(run, lambda: self._on_run_closed(then), self._on_close_failed)

    def _on_run_closed(self, then: PickAction) -> None:
        do = self.flow.run_closed(then)
        if do is Do.LEAVE:
            self.show_start()
            self.backRequested.emit()
        elif do is Do.SHOW_CART:
            self._show_cart()
            self._calls.totes_in_use(self.flow.cart.know_in_use)
        else:
            self._get_work()

    def _on_close_failed(self, error: BaseException) -> None:
        log.error("could not close the pick run", exc_info=error)
        if self.flow.close_failed():
            reason = work_failed_reason(error)  # the error itself is in the log
            self._say_wrong(self.tr("Could not close the pick: {0}").format(reason))

    def _say_wrong(self, text: str) -> None:
        self.message.show_message("error", text)
        self.said.emit(Verdict(Tone.WRONG, text))

    # -- drawing -------------------------------------------------------------------------

    def _finished(self, session: PickSession | None) -> bool:
        return session is not None and session is self.flow.session and session.is_finished

    def _set_busy(self) -> None:
        self.show_busy(self.flow.busy, len(self.flow.cart.totes))

    def _show_cart(self) -> None:
        self.show_cart(self.flow.cart.totes, busy=self.flow.busy)

    def _show_task(self) -> None:
        session = self.flow.session
        assert session is not None
        orders, totes = self.flow.live_orders()
        self.show_task(session.prompt(), batch=session.batch, orders=orders, totes=totes)
