"""The pack screen: a thin view over ``app.packing.flow.PackFlow`` and the order's
``app.domain.pack.PackSession``.

Every scan (from the scan pipeline, while the screen is shown) and every tap is given
to the flow, which answers a ``PackStep``; the screen carries it out and words it. An
intent of the session runs through ``PackService.act``: the answer's events are stored
in one transaction on the GUI thread (with the package's SSCC from the durable
counter, the durable record) and only then shown and sounded, in the same event-loop
turn. When storing fails nothing was counted; the screen says so and rebuilds the
session. Every other store call (opening an order, a tote's orders) runs on the task
runner's database lane (``ui.screens.pack_open.OrderReader``).

A closed package's shipping label and packing slip go to the station's print queue on
the database lane; when the print worker reports every job of the package printed, the
session hears ``printed`` (the order is packed once every package's labels are out); a
failed job makes it ``print_failed`` ("print pending", Retry).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.events import PackHoldReason
from app.domain.model import User
from app.domain.pack import PackSession
from app.domain.pack_outcome import PackMessage, PackState
from app.domain.pick_outcome import Tone as PackTone
from app.domain.scan import CommandScan, Scan
from app.domain.sscc import SsccError
from app.packing.flow import Intent, PackAction, PackDo, PackFlow, PackStep
from app.packing.scale import WeightSeen
from app.packing.service import Candidate, NotSaved, PackService
from app.printing import PrintQueue
from ui.scanner.pipeline import ScanPipeline, ScansWhileShown, Tone, Verdict, scan_message
from ui.screens.pack_open import OrderReader
from ui.screens.pack_printing import PackageLabels
from ui.screens.pack_text import sentence, start_sentence
from ui.screens.pack_views import StartView, WorkView
from ui.tasks import TaskRunner
from ui.widgets.message import MessageLabel
from ui.widgets.page_stack import CurrentPageStack
from ui.widgets.taps import TapGuard

log = logging.getLogger(__name__)

_TONES = {
    PackTone.GOOD: Tone.GOOD,
    PackTone.WRONG: Tone.WRONG,
    PackTone.DONE: Tone.DONE,
    PackTone.NONE: Tone.GOOD,
}


class PackScreen(QWidget):
    """Verify every item of an order, box it, weigh it, print its labels.

    Args:
        service: orders, sessions and durable answers.
        tasks: submits the labels on the database lane.
        pipeline: the scans, listened to while the screen is shown.
        print_queue: the station's print queue (``None``: labels count as printed).
        cartons: the station's carton codes (buttons on the carton step).

    Signals:
        backRequested(): the packer wants the home screen (the order stays open).
        said(object): a ``Verdict`` for a tap or a print report.
        typeCodeRequested(): the packer wants the on-screen keyboard.
    """

    backRequested = Signal()
    said = Signal(object)
    typeCodeRequested = Signal()

    def __init__(
        self,
        service: PackService,
        tasks: TaskRunner,
        pipeline: ScanPipeline | None,
        print_queue: PrintQueue | None = None,
        cartons: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("packScreen")
        self._service = service
        self._tasks = tasks
        self._pipeline = pipeline
        self._queue = print_queue
        self.scans = ScansWhileShown(self, pipeline, self._on_pipeline_scanned)
        self.flow = PackFlow(service.candidate)
        self.reader = OrderReader(service, tasks, self)
        self.reader.opened.connect(self._on_opened)
        self.reader.toteRead.connect(self._on_tote_read)
        self.reader.failed.connect(self._on_read_failed)
        # The bench scale's weight now (the main window sets it when there is a scale):
        # CONFIRM while the order waits for a weight takes a stable reading.
        self.scale_weight: Callable[[], WeightSeen | None] | None = None
        self.labels = PackageLabels(print_queue, tasks, self)
        self.labels.printed.connect(self._on_labels_printed)
        self.labels.failed.connect(self._on_labels_failed)

        self.guard = TapGuard(self)
        self.start_view = StartView(self.guard, self)
        self.work_view = WorkView(self.guard, self)
        self.work_view.carton_panel.set_cartons(cartons)
        self.pages = CurrentPageStack(self)
        self.pages.addWidget(self.start_view)
        self.pages.addWidget(self.work_view)
        self.message = MessageLabel(self, lines=2)
        self.message.setProperty("emphasis", "large")
        box = QVBoxLayout(self)
        box.setContentsMargins(28, 14, 28, 10)
        box.setSpacing(12)
        box.addWidget(self.pages, 1)
        box.addWidget(self.message)

        self.start_view.action.connect(self._on_action)
        self.start_view.chosen.connect(self._on_start_view_chosen)
        self.work_view.action.connect(self._on_action)
        view = self.work_view
        view.qty_panel.accepted.connect(self._on_qty_panel_accepted)
        view.qty_panel.cancelled.connect(self._on_qty_panel_cancelled)
        view.weigh_panel.accepted.connect(self._on_weigh_panel_accepted)
        view.weigh_panel.cancelled.connect(self._on_weigh_panel_cancelled)
        view.hold_panel.chosen.connect(self._on_hold_panel_chosen)
        view.hold_panel.cancelled.connect(self._on_weigh_panel_cancelled)
        view.carton_panel.chosen.connect(self._on_carton_panel_chosen)

    def retranslate(self) -> None:
        """Everything in the reader's language again (a language change)."""
        self.start_view.retranslate()
        self.work_view.retranslate()
        if self.session is not None:
            self._show_work()
            self._show_printing()

    # -- entering and leaving ----------------------------------------------------------

    @property
    def session(self) -> PackSession | None:
        """The order being packed on screen."""
        return self.flow.session

    @property
    def busy(self) -> bool:
        """An order is being opened (its reads run on the database lane)."""
        return self.flow.opening

    @property
    def wants_badge(self) -> bool:
        """A supervisor's badge is what the order waits for (a weight out of tolerance)."""
        return self.session is not None and self.session.state is PackState.OVERRIDE

    def open(self, user: User) -> None:
        """Show ``user``'s order on screen, else the start page."""
        if self.flow.open(user):
            self._show_work()
        else:
            self._show_start()

    def close_session(self) -> None:
        """Forget the session on screen (log-out); what was stored stays."""
        self.flow.close()
        self._show_start()

    @Slot(int)
    def on_stable_weight(self, grams: int) -> None:
        """The scale settled: the weight goes straight to the session when it weighs."""
        if self.isVisible():
            self._say(self._do(self.flow.weighed(grams), None))

    # -- scans and taps: the flow says what they mean -------------------------------------

    @Slot(object)
    def _on_pipeline_scanned(self, scan: Scan) -> None:
        pipeline = self._pipeline
        assert pipeline is not None
        if not self.isVisible():
            return
        view = self.work_view
        step = self.flow.scan(
            scan,
            qty_open=view.qty_open,
            typed=view.qty_panel.typed if view.qty_open else None,
            scale_grams=self._stable_grams(),
        )
        verdict = self._do(step, scan)
        if verdict is not None:
            pipeline.respond(verdict)
            typed = step.do is PackDo.ACT and not isinstance(scan, CommandScan)
            if typed and view.qty_open and verdict.ok:
                view.close_qty()  # the number typed counted for this scan

    @Slot(object)
    def _on_action(self, action: PackAction) -> None:
        if self.message.level in ("error", "warning"):
            self.message.clear_message()
        self._say(self._do(self.flow.tap(action), None))

    @Slot(str)
    def _on_start_view_chosen(self, number: str) -> None:
        self._say(self._do(self.flow.choose(number), None))

    @Slot(int)
    def _on_qty_panel_accepted(self, qty: int) -> None:
        self.work_view.close_qty()
        self._say(self._do(self.flow.qty_chosen(qty), None))

    @Slot()
    def _on_qty_panel_cancelled(self) -> None:
        self.work_view.close_qty()
        self.message.show_message("info", self.tr("Quantity cancelled: each scan counts one."))

    @Slot(int)
    def _on_weigh_panel_accepted(self, grams: int) -> None:
        self._say(self._do(self.flow.weighed(grams), None))

    @Slot()
    def _on_weigh_panel_cancelled(self) -> None:
        self._say(self._do(self.flow.weigh_cancelled(), None))

    @Slot(str)
    def _on_hold_panel_chosen(self, reason: str) -> None:
        self._say(self._do(self.flow.hold_chosen(PackHoldReason(reason)), None))

    @Slot(str)
    def _on_carton_panel_chosen(self, code: str) -> None:
        self._say(self._do(self.flow.carton_chosen(code), None))

    def _do(self, step: PackStep, scan: Scan | None) -> Verdict | None:
        """Carry out ``step``; the answer to give (``None``: none of this screen's)."""
        do = step.do
        if do is PackDo.ACT:
            assert step.intent is not None
            session = self.session
            verdict = self._act(step.intent, scan)
            if step.then_next and self.session is session and self.flow.next_order():
                self._show_start()
            return verdict
        if do is PackDo.OPEN:
            assert step.candidate is not None
            return self._open(step.candidate, step.tote, scan)
        if do is PackDo.FIND_TOTE:
            self.reader.tote(step.tote)
            text = self.tr("Tote {tote}: looking for its orders…").format(tote=step.tote)
            return self._tell("info", Tone.GOOD, text, scan)
        if do is PackDo.WAIT:
            return Verdict(Tone.WRONG, self.tr("Wait: the order is being opened."), scan)
        if do is PackDo.PROMPT_START:
            text = self.tr("Scan the order's packing slip or its tote.")
            return self._tell("info", Tone.GOOD, text, scan)
        if do is PackDo.NO_ORDER:
            text = self.tr("No order is being packed: scan an order or its tote first.")
            return self._tell("error", Tone.WRONG, text, scan)
        if do is PackDo.UNREADABLE:
            assert scan is not None
            text = scan_message(scan)
            if self.session is None:
                return self._tell("error", Tone.WRONG, text, scan)
            self.message.show_message("error", text)  # the pipeline's own answer says it
            return None
        self._do_view(do)
        return None

    def _do_view(self, do: PackDo) -> None:
        """The steps that only move the screen."""
        session = self.session
        if do is PackDo.TYPE_CODE:
            self.typeCodeRequested.emit()
        elif do is PackDo.PAUSE:
            self.backRequested.emit()
        elif do in (PackDo.HOME, PackDo.NEXT):
            self._show_start()
            if do is PackDo.HOME:
                self.backRequested.emit()
        elif do is PackDo.OPEN_QTY and session is not None:
            self.work_view.open_qty(session.prompt().units_left)
        elif do is PackDo.RETRY and session is not None:
            self.labels.retry(session.order.order_number, session.prompt().package_no)
            self._show_printing()

    def _tell(self, level: str, tone: Tone, text: str, scan: Scan | None) -> Verdict:
        self.message.show_message(level, text)
        return Verdict(tone, text, scan)

    def _say(self, verdict: Verdict | None) -> None:
        if verdict is not None:
            self.said.emit(verdict)

    def _stable_grams(self) -> int | None:
        """The scale's stable weight now, when there is a scale and a parcel on it."""
        weight = self.scale_weight() if self.scale_weight is not None else None
        return weight.grams if weight is not None and weight.stable and weight.grams > 0 else None

    # -- opening an order (its reads on the database lane: see OrderReader) ---------------

    def _open(self, candidate: Candidate, tote: str, scan: Scan | None) -> Verdict:
        text = start_sentence(candidate)
        user = self.flow.user
        if not self.flow.opening or user is None:  # it cannot be packed here: why
            return self._tell("error", Tone.WRONG, text, scan)
        self.reader.session(user, candidate.order_number, tote)
        return self._tell("info", Tone.GOOD, text, scan)

    @Slot(str, list)
    def _on_tote_read(self, tote: str, candidates: list[Candidate]) -> None:
        step = self.flow.tote_found(tote, candidates)
        if step.do is PackDo.OPEN:
            self._say(self._do(step, None))
            return
        if not candidates:
            text = self.tr("Tote {tote} holds no order to pack: scan the order instead.")
            self._on_read_failed(text.format(tote=tote))
            return
        self.start_view.show_choices(tote, list(self.flow.choices))
        text = self.tr("Tote {tote} holds several orders: tap or scan the one you pack.")
        self.message.show_message("info", text.format(tote=tote))

    @Slot(str)
    def _on_read_failed(self, text: str) -> None:
        self.flow.open_failed()
        self.message.show_message("error", text)
        self.said.emit(Verdict(Tone.WRONG, text))
        if self.session is None:
            self._show_start()

    @Slot(object, bool)
    def _on_opened(self, session: PackSession, rebuild: bool) -> None:
        if not self.flow.opened(session):
            return  # logged out meanwhile
        if rebuild:  # after an unsaved answer: it resumes, nothing is stored
            try:
                self._service.act(session, lambda s, _: s.start())
            except (NotSaved, SsccError):
                log.exception("could not rebuild the pack session")
                self.flow.session = None
                self._show_start()
                return
            self._show_work()
            return
        self.start_view.show_choices("", [])
        verdict = self._act(lambda s, _sscc: s.start(), None)  # the durable record
        if verdict is not None and verdict.tone is Tone.WRONG:
            self.said.emit(verdict)
        if self.session is not None and self.session.order.packages:  # resumed: labels
            order = self.session.order
            self.labels.resume(order.order_number, [p.package_no for p in order.packages])
            self._show_printing()

    # -- answers -------------------------------------------------------------------------

    def _act(self, intent: Intent, scan: Scan | None) -> Verdict | None:
        """Run one intent through the service (stored before it is shown); the verdict
        (``None``: a report, not a scan or a tap, with nothing to tell)."""
        session = self.session
        assert session is not None
        try:
            outcome = self._service.act(session, intent)
        except NotSaved as problem:
            return self._not_saved(problem.code, str(problem), scan)
        except SsccError as problem:
            text = self.tr(
                "No SSCC can be issued here ({reason}): a supervisor sets the SSCC settings."
            ).format(reason=problem)
            self.message.show_message("error", text)
            return Verdict(Tone.WRONG, text, scan)
        text = sentence(outcome.message, outcome.args)
        if scan is not None and outcome.tone is PackTone.WRONG:
            self._record_wrong(session, scan.raw)
        if outcome.tone is not PackTone.NONE:
            level = {"wrong": "error", "done": "ok"}.get(outcome.tone.value, "info")
            self.message.show_message(level, text)
        self._show_work()
        if outcome.message in (PackMessage.PACKAGE_CLOSED, PackMessage.OVERRIDDEN):
            self._print(int(outcome.args["package_no"]))
        if outcome.tone is PackTone.NONE and scan is None:
            return None  # nothing to tell (a label printed while another is still out)
        return Verdict(_TONES[outcome.tone], text, scan)

    def _record_wrong(self, session: PackSession, code: str) -> None:
        """The wrong scan as an event, for the people figures (on the database lane:
        the person has heard the answer already; a failure is only logged)."""
        service = self._service
        # Read now, on the GUI thread: the session moves on while the lane works.
        user, number, step = session.user.username, session.order.order_number, session.state
        self._tasks.run_db(
            lambda: service.record_wrong_scan(user, number, step, code),
            on_error=lambda error: log.warning("a wrong scan was not recorded: %s", error),
            name="wrong scan",
        )

    def _not_saved(self, code: str, detail: str, scan: Scan | None) -> Verdict:
        text = self.tr("NOT SAVED, nothing was counted: {reason}. Do it again.").format(
            reason=detail or code
        )
        session, user = self.session, self.flow.user
        self.message.show_message("error", text)
        if session is not None and user is not None:  # the session as the station holds it
            self.flow.opening = True
            self.reader.session(user, session.order.order_number, rebuild=True)
        else:
            self.flow.session = None
            self._show_start()
        return Verdict(Tone.WRONG, text, scan)

    # -- printing ------------------------------------------------------------------------

    def _print(self, package_no: int) -> None:
        session = self.session
        if session is not None:
            self.labels.submit(session.order.order_number, package_no)
            self._show_printing()

    @Slot(str, int)
    def _on_labels_printed(self, order: str, package_no: int) -> None:
        self._say(self._do(self.flow.labels_printed(order, package_no), None))
        self._show_printing()

    @Slot(str, int)
    def _on_labels_failed(self, order: str, package_no: int) -> None:
        self._say(self._do(self.flow.labels_failed(order, package_no), None))
        self._show_printing()

    def _show_printing(self) -> None:
        """The print panel: pending with Retry while a label failed, else printing."""
        if self.session is not None:
            self.work_view.set_printing(self.labels.failing(), self.session.prompt().package_no)

    # -- drawing -------------------------------------------------------------------------

    def _show_start(self) -> None:
        self.labels.reset()
        if self.pages.currentWidget() is not self.start_view:
            self.pages.setCurrentWidget(self.start_view)

    def _show_work(self) -> None:
        session = self.session
        assert session is not None
        self.work_view.show_prompt(session.prompt())
        if self.pages.currentWidget() is not self.work_view:
            self.pages.setCurrentWidget(self.work_view)
