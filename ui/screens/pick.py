"""The pick screen: a thin view over ``app.domain.pick.PickSession``.

Every scan (from the scan pipeline, while the screen is shown) and every tap becomes
one intent of the session. What the session answers is stored first
(``PickService.record``: the events of the answer and their outbox entries in one
transaction, on the GUI thread) and only then shown and sounded, in the same
event-loop turn: a beep means the pick is on disk. When storing fails nothing was
counted; the screen says so and rebuilds the session from the database.

Getting work (``PickService.start``) waits for the order store's answer to the claims,
so it runs on the task pool while the screen says it is asking.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.commands import Command, CommandName
from app.domain.events import ShortReason
from app.domain.model import User
from app.domain.pick import Outcome, PickMessage, PickSession, PickState, Prompt
from app.domain.pick import Tone as PickTone
from app.domain.scan import BadgeScan, CommandScan, Scan, ToteScan
from app.picking import TAKEN_BACK, ClaimStatus, Lost, NotSaved, PickService, Work
from app.store.pick_runs import PickRun
from app.sync.state import SyncState, SyncStatus
from ui.scanner.pipeline import ScanPipeline, ScansWhileShown, Tone, Verdict, scan_message
from ui.screens.pick_text import sentence
from ui.screens.pick_views import CartView, PickAction, StartView, TaskView
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


class PickScreen(QWidget):
    """Getting work, then guided picking, bin by bin.

    Args:
        service: claims, runs and durable scans.
        tasks: runs ``PickService.start`` off the GUI thread.
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
        self._tasks = tasks
        self._pipeline = pipeline
        self.scans = ScansWhileShown(self, pipeline, self._on_pipeline_scanned)
        self._user: User | None = None
        self._run: PickRun | None = None
        self.session: PickSession | None = None
        self._cart: list[str] = []
        self._cart_mode = False
        self._busy = False
        self._next_after_resume = False

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

        self.task_view.qty_panel.accepted.connect(self._on_qty_panel_accepted)
        self.task_view.qty_panel.cancelled.connect(self._on_qty_panel_cancelled)
        self.task_view.short_panel.chosen.connect(self._on_short_panel_chosen)
        self.task_view.short_panel.cancelled.connect(self._on_short_panel_cancelled)

    # -- entering and leaving ----------------------------------------------------------

    @property
    def run(self) -> PickRun | None:
        return self._run

    @property
    def busy(self) -> bool:
        """True while asking the order store for work."""
        return self._busy

    def open(self, user: User) -> None:
        """Show ``user``'s work: their open run resumed, else the start page."""
        if self._user is None or self._user.username != user.username:
            self._drop_session()
            self._cart = []
        self._user = user
        if self.session is not None:
            self.message.clear_message()
            self._show_task()
            return
        self._show_start()
        self._get_work(resume_only=True)

    def set_cart_size(self, totes: int) -> None:
        """How many totes a cart holds here (``Settings.cart_totes``)."""
        self.cart_view.set_capacity(totes)
        del self._cart[self.cart_view.capacity :]
        self.cart_view.set_totes(self._cart)

    def start_next(self) -> None:
        """Claim the next single order (``#CMD:START-PICK``), after the open pick is
        looked for: an unfinished pick goes on instead."""
        if self.session is not None:
            return
        if self._busy:
            self._next_after_resume = True
            return
        self._start_single()

    def has_open_run(self, user: User) -> bool:
        """Whether ``user`` left a pick unfinished (a restart, a log-out mid-pick)."""
        run = self._service.open_run(user)
        return run is not None and bool(run.orders)

    def close_session(self) -> None:
        """Forget the session on screen (log-out); the run stays in the database."""
        self._drop_session()
        self._user = None
        self._cart = []

    def on_sync_state(self, state: SyncState) -> None:
        """A sync round ended: orders may have been cancelled; claims may be answered."""
        if self._user is None or self._busy or state.status is not SyncStatus.ONLINE:
            return
        if self.session is not None:
            try:
                answers = self._service.refresh(self.session)
            except Exception:  # a busy database: the next round tries again
                log.exception("could not refresh the pick session")
                return
            for outcome in answers:
                self._show_outcome(outcome)
                self.said.emit(self._verdict(outcome, None))
        elif self._run is not None:  # waiting for the store to confirm claims
            self._get_work(resume_only=True)

    @Slot(object)
    def _on_pipeline_scanned(self, scan: Scan) -> None:
        pipeline = self._pipeline
        assert pipeline is not None
        if self._user is None or not self.isVisible():
            return
        if isinstance(scan, BadgeScan) or (
            isinstance(scan, CommandScan) and scan.command.name is CommandName.LOGOUT
        ):
            return  # the main window handles log-in and log-out
        if self._busy:
            pipeline.respond(
                Verdict(Tone.WRONG, self.tr("Wait: asking the order store for work."), scan)
            )
            return
        if self.session is None:
            verdict = self._scan_without_session(scan)
            if verdict is not None:
                pipeline.respond(verdict)
            return
        if not scan.ok and not isinstance(scan, ToteScan):
            # The pipeline's own red answer says why; the session would only repeat it.
            self.message.show_message("error", scan_message(scan))
            return
        session = self.session
        view = self.task_view
        if view.short_open:
            text = self.tr("Finish the short first: tap why it is short, or Cancel.")
            self.message.show_message("error", text)
            pipeline.respond(Verdict(Tone.WRONG, text, scan))
            return
        was_done = session.is_finished
        if view.qty_open and not isinstance(scan, CommandScan):
            # A number typed without OK counts for this scan (or the scan is refused).
            typed = view.qty_panel.typed
            verdict = self._act(lambda s: s.scan(scan, typed=typed), scan)
            if verdict.ok:
                view.close_panels()
            else:
                view.open_qty_again()
            pipeline.respond(verdict)
            return
        pipeline.respond(self._act(lambda s: s.scan(scan), scan))
        next_please = isinstance(scan, CommandScan) and scan.command.name in (
            CommandName.NEXT,
            CommandName.CONFIRM,
            CommandName.START_PICK,
        )
        if was_done and next_please and self.session is session and session.is_finished:
            self._finish_run(PickAction.NEXT)

    def _scan_without_session(self, scan: Scan) -> Verdict | None:
        verdict = self._answer_without_session(scan)
        if verdict is not None:
            self.message.show_message("info" if verdict.ok else "error", verdict.text)
        return verdict

    def _answer_without_session(self, scan: Scan) -> Verdict | None:
        if isinstance(scan, CommandScan) and scan.command.name in (
            CommandName.NEXT,
            CommandName.CONFIRM,
            CommandName.START_PICK,
        ):
            if self._cart_mode and self._cart:
                self._get_work()
            else:
                self._start_single()
            return Verdict(Tone.GOOD, self.tr("Getting your work…"), scan)
        if isinstance(scan, ToteScan):
            return self._add_tote(scan)
        if not scan.ok:
            self.message.show_message("error", scan_message(scan))
            return None
        return Verdict(
            Tone.WRONG,
            self.tr("No pick running: tap Next order, or scan totes for a cart."),
            scan,
        )

    def _add_tote(self, scan: ToteScan) -> Verdict:
        code = scan.tote.code
        if not scan.ok:
            return Verdict(
                Tone.WRONG, self.tr("Tote {tote} is retired: take another.").format(tote=code), scan
            )
        if not self._cart_mode:
            self._cart_mode = True
            self._cart = []
        if code in self._cart:
            return Verdict(
                Tone.WRONG, self.tr("Tote {tote} is already on the cart.").format(tote=code), scan
            )
        capacity = self.cart_view.capacity
        if len(self._cart) >= capacity:
            return Verdict(
                Tone.WRONG,
                self.tr("The cart is full ({n} totes): tap Start.").format(n=capacity),
                scan,
            )
        in_use = self._service.tote_in_use(code)
        if in_use is not None:
            return Verdict(
                Tone.WRONG,
                self.tr(
                    "Tote {tote} still holds order {order}, which is being picked: take an "
                    "empty tote."
                ).format(tote=code, order=in_use),
                scan,
            )
        self._cart.append(code)
        self._show_cart()
        return Verdict(
            Tone.GOOD,
            self.tr("Tote {tote} is on the cart ({n} of {max}).").format(
                tote=code, n=len(self._cart), max=capacity
            ),
            scan,
        )

    # -- taps ----------------------------------------------------------------------------

    @Slot(object)
    def _on_page_action(self, action: PickAction) -> None:
        """One tap (the guard let it through): what it asks for."""
        if self.message.level in ("error", "warning"):
            self.message.clear_message()  # an error stays until the next scan or tap
        if action is PickAction.TYPE_CODE:
            self.typeCodeRequested.emit()
        elif action is PickAction.PAUSE:
            self.backRequested.emit()
        elif action is PickAction.HOME:
            if self.session is not None and self.session.is_finished:
                self._finish_run(PickAction.HOME)
            elif self.session is None:
                self.backRequested.emit()
        elif action is PickAction.NEXT_ORDER:
            self._start_single()
        elif action is PickAction.CART:
            if self.session is not None and self.session.is_finished:
                self._finish_run(PickAction.CART)
            elif self.session is None:
                self._cart_mode = True
                self._show_cart()
        elif action is PickAction.START_CART:
            if self._cart:
                self._get_work()
        elif action is PickAction.CLEAR_CART:
            self._cart = []
            self._show_cart()
        elif self.session is not None:
            self._on_task_action(action, self.session)

    def _on_task_action(self, action: PickAction, session: PickSession) -> None:
        prompt = session.prompt()
        if (
            action in (PickAction.SHORT, PickAction.QTY)
            and (not_now := self._not_now(prompt, action)) is not None
        ):
            self.said.emit(not_now)
        elif action is PickAction.SHORT:
            self.task_view.open_short(prompt.sku or "", prompt.qty_left)
        elif action is PickAction.QTY:
            self.task_view.open_qty(prompt.qty_left)
        elif action is PickAction.SKIP:
            self._tap(PickSession.skip)
        elif action is PickAction.UNDO:
            self._tap(PickSession.undo)
        elif action is PickAction.SET_ASIDE:
            self._tap(lambda s: s.command(Command(CommandName.CONFIRM)))
        elif action is PickAction.NEXT:
            self._tap(lambda s: s.command(Command(CommandName.CONFIRM)))
            if session is self.session and session.is_finished:
                self._finish_run(PickAction.NEXT)

    def _start_single(self) -> None:
        self._cart_mode = False
        self._cart = []
        self._get_work()

    def _not_now(self, prompt: Prompt, action: PickAction) -> Verdict | None:
        """The answer to Short or Quantity at a step that cannot take it, else None."""
        if prompt.state is PickState.PUT_IN_TOTE:
            message, args = PickMessage.SCAN_TOTE, {"tote": prompt.tote or ""}
        elif action is PickAction.QTY and prompt.state is PickState.GO_TO_BIN:
            message, args = PickMessage.SCAN_BIN_FIRST, {"bin": prompt.bin or ""}
        else:
            return None
        text = sentence(message, args)
        self.message.show_message("error", text)
        return Verdict(Tone.WRONG, text)

    @Slot(int)
    def _on_qty_panel_accepted(self, qty: int) -> None:
        self.task_view.close_panels()
        if self.session is not None and qty > 0:
            self._tap(lambda s: s.command(Command(CommandName.QTY, qty=qty)))

    @Slot()
    def _on_qty_panel_cancelled(self) -> None:
        self.task_view.close_panels()
        self.message.show_message("info", self.tr("Quantity cancelled: each scan counts one."))

    @Slot(int, str)
    def _on_short_panel_chosen(self, found: int, reason: str) -> None:
        self.task_view.close_panels()
        if self.session is not None:
            self._tap(lambda s: s.short(found, ShortReason(reason)))

    @Slot()
    def _on_short_panel_cancelled(self) -> None:
        self.task_view.close_panels()
        if self.session is not None and self.session.state is PickState.SHORT_REASON:
            self._tap(lambda s: s.command(Command(CommandName.CANCEL)))

    def _tap(self, intent: Callable[[PickSession], Outcome]) -> None:
        self.said.emit(self._act(intent, None))

    def _act(self, intent: Callable[[PickSession], Outcome], scan: Scan | None) -> Verdict:
        """Run one intent of the session, store its answer, show it; the verdict."""
        session = self.session
        assert session is not None
        before = session.prompt()
        outcome = intent(session)
        verdict = self._apply(outcome, scan)
        after = outcome.prompt
        if before.state is PickState.CANCELLED and (
            after.state is not PickState.CANCELLED or after.order_number != before.order_number
        ):
            self._set_aside(before.order_number)
            if self.session is session:
                self._show_task()  # without the order set aside
        return verdict

    # -- answers -------------------------------------------------------------------------

    def _apply(self, outcome: Outcome, scan: Scan | None) -> Verdict:
        """Store the answer's events, then show it; the verdict to give."""
        try:
            self._service.record(outcome)
        except NotSaved as problem:
            return self._not_saved(problem, scan)
        self._show_outcome(outcome)
        return self._verdict(outcome, scan)

    def _show_outcome(self, outcome: Outcome) -> None:
        if outcome.tone is not PickTone.NONE:
            level = {"wrong": "error", "done": "ok"}.get(outcome.tone.value, "info")
            self.message.show_message(level, sentence(outcome.message, outcome.args))
        self._show_task()

    def _verdict(self, outcome: Outcome, scan: Scan | None) -> Verdict:
        return Verdict(_TONES[outcome.tone], sentence(outcome.message, outcome.args), scan)

    def _not_saved(self, problem: NotSaved, scan: Scan | None) -> Verdict:
        text = self.tr("NOT SAVED, nothing was counted: {reason}. Do it again.").format(
            reason=problem.reason
        )
        user, run = self._user, self._run
        if user is not None and run is not None:
            try:
                self.session = self._service.session(user, run)
                for outcome in self._service.refresh(self.session):
                    self._show_outcome(outcome)
                    text = sentence(outcome.message, outcome.args)
            except Exception:
                log.exception("could not rebuild the pick session")
                self._drop_session()
                self._show_start()
                self._get_work(resume_only=True)
        self.message.show_message("error", text)
        if self.session is not None:
            self._show_task()
        return Verdict(Tone.WRONG, text, scan)

    def _set_aside(self, order_number: str | None) -> None:
        """The picker took a stopped order's tote off the cart: it leaves the run."""
        if self._run is None or order_number is None:
            return
        try:
            self._run = self._service.set_aside(self._run, order_number)
        except Exception:  # it stays in the run; a restart asks once more
            log.exception("could not take order %s off the run", order_number)

    # -- work ----------------------------------------------------------------------------

    def _get_work(self, *, resume_only: bool = False) -> None:
        user = self._user
        if user is None or self._busy:
            return
        totes = list(self._cart) if self._cart_mode else []
        self._set_busy(True)
        if resume_only:
            self.message.show_message("info", self.tr("Looking for your open pick…"))
        else:
            self.message.show_message("info", self.tr("Asking the order store for work…"))

        def job() -> Work | None:
            if resume_only:
                return self._service.resume(user)
            return self._service.start(user, totes)

        self._tasks.run(job, on_done=self._on_work, on_error=self._on_work_failed, name="pick work")

    def _on_work(self, work: Work | None) -> None:
        self._set_busy(False)
        self.message.clear_message()
        then_next, self._next_after_resume = self._next_after_resume, False
        if work is None:
            self._show_start()
            if then_next:
                self._start_single()
            return
        lost = self._lost_sentence(work.lost)
        if work.status is ClaimStatus.READY:
            assert work.session is not None
            self._run, self.session = work.run, work.session
            self._cart = []
            self._show_task()
            first = self._first_sentence(work.session)
            if work.resumed:
                first = self.tr("Your pick goes on where you left it.") + " " + first
            self.message.show_message(
                "warning" if lost else "info", " ".join(part for part in (lost, first) if part)
            )
            self.said.emit(Verdict(Tone.GOOD, " ".join(p for p in (lost, first) if p)))
            return
        self._run = work.run
        if work.status is ClaimStatus.WAITING:
            text = self.tr(
                "The order store has not confirmed order {orders} yet ({problem}). Picking "
                "starts as soon as it does; this screen checks again by itself."
            ).format(orders=", ".join(work.waiting), problem=work.problem or "no answer")
            self._show_start()
            self.start_view.set_busy(True)
            self.message.show_message("warning", " ".join(p for p in (lost, text) if p))
            self.said.emit(Verdict(Tone.WRONG, text))
            return
        text = self.tr("No orders are waiting to be picked. Check again in a moment.")
        self._run = None
        self._show_start()
        self.message.show_message("info", " ".join(p for p in (lost, text) if p))
        self.said.emit(Verdict(Tone.DONE, " ".join(p for p in (lost, text) if p)))

    def _first_sentence(self, session: PickSession) -> str:
        prompt = session.prompt()
        if prompt.state is PickState.GO_TO_BIN:
            return self.tr("Go to bin {bin}.").format(bin=prompt.bin or "")
        if prompt.state is PickState.PICK_ITEM:
            return self.tr("Bin {bin}: scan the item.").format(bin=prompt.bin or "")
        if prompt.state is PickState.PUT_IN_TOTE:
            return self.tr("Scan tote {tote}.").format(tote=prompt.tote or "")
        if prompt.state is PickState.CANCELLED:
            args = {"order": prompt.order_number or "", "tote": prompt.tote or ""}
            return sentence(PickMessage.CONFIRM_STOPPED_ORDER, args)
        return self.tr("Everything is picked: tap Next order.")

    def _on_work_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        log.error("could not get pick work", exc_info=error)
        text = self.tr(
            "Could not get work: {reason}. Try again; if it keeps happening, ask a supervisor."
        ).format(reason=error)
        self._show_start()
        self.message.show_message("error", text)
        self.said.emit(Verdict(Tone.WRONG, text))

    def _lost_sentence(self, lost: tuple[Lost, ...]) -> str:
        parts = []
        for item in lost:
            order = item.order_number
            if item.code == "claimed_elsewhere":
                text = self.tr("Order {order} was just taken by another station.")
            elif item.code == "order_cancelled":
                text = self.tr("Order {order} was cancelled before your claim arrived.")
            elif item.code == "order_on_hold":
                text = self.tr("Order {order} was put on hold before your claim arrived.")
            elif item.code == TAKEN_BACK and item.station:
                text = self.tr("Order {order} is being picked at station {station} now.")
            elif item.code == TAKEN_BACK and item.status:
                text = self.tr("Order {order} left your pick: it is {status} now.")
            elif item.code == TAKEN_BACK:
                text = self.tr("Order {order} is no longer on this station.")
            else:  # the store refused the claim for a reason of its own: say it
                text = self.tr("Order {order} could not be claimed ({reason}).")
            parts.append(
                text.format(
                    order=order, station=item.station, status=item.status, reason=item.reason
                )
            )
            if item.tote:
                parts.append(self.tr("Tote {tote} stays empty.").format(tote=item.tote))
        return " ".join(parts)

    def _finish_run(self, then: PickAction) -> None:
        """The pick is done and the picker said what next: ``NEXT`` (the next order,
        or the cart page after a batch), ``CART`` (a new cart) or ``HOME``."""
        run = self._run
        if run is not None:
            try:
                self._service.finish(run)
            except Exception as error:
                log.exception("could not close the pick run")
                text = self.tr("Could not close the pick: {0}").format(error)
                self.message.show_message("error", text)
                self.said.emit(Verdict(Tone.WRONG, text))
                return
        self._drop_session()
        if then is PickAction.CART:
            self._cart_mode, self._cart = True, []
        if then is PickAction.HOME:
            self._cart_mode, self._cart = False, []
            self._show_start()
            self.backRequested.emit()
        elif self._cart_mode:
            self._show_cart()
        else:
            self._get_work()

    # -- drawing -------------------------------------------------------------------------

    def _drop_session(self) -> None:
        self.session = None
        self._run = None

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.start_view.set_busy(busy)
        self.cart_view.set_busy(busy, len(self._cart))

    def _show_start(self) -> None:
        self._show_page(self.start_view)

    def _show_cart(self) -> None:
        self.cart_view.set_totes(self._cart)
        self.cart_view.set_busy(self._busy, len(self._cart))
        self._show_page(self.cart_view)

    def _show_task(self) -> None:
        session = self.session
        assert session is not None
        run = self._run
        live = list(session.order_numbers)
        if run is not None:  # orders set aside have left the run
            live = [n for n in live if n in run.order_numbers]
        totes = [run.totes[n] for n in live if run is not None and n in run.totes]
        self.task_view.show_prompt(session.prompt(), batch=session.batch, orders=live, totes=totes)
        self._show_page(self.task_view)

    def _show_page(self, page: QWidget) -> None:
        if self.pages.currentWidget() is not page:
            self.pages.setCurrentWidget(page)
