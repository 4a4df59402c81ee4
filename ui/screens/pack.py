"""The pack screen: a thin view over ``app.domain.pack.PackSession``.

Every scan (from the scan pipeline, while the screen is shown) and every tap becomes
one intent of the session, run through ``PackService.act``: the answer's events are
stored in one transaction on the GUI thread (with the package's SSCC from the durable
counter) and only then shown and sounded, in the same event-loop turn. When storing
fails nothing was counted; the screen says so and rebuilds the session.

A closed package's shipping label and packing slip go to the station's print queue on
the task runner's database lane; when the print worker reports every job of the
package printed, the session hears ``printed`` (the order becomes packed after its
last package); a failed job makes it ``print_failed`` ("print pending", Retry).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.commands import Command, CommandName
from app.domain.events import PackHoldReason
from app.domain.model import User
from app.domain.pack import PackSession
from app.domain.pack_outcome import PackMessage, PackOutcome, PackState
from app.domain.pick_outcome import Tone as PackTone
from app.domain.scan import BadgeScan, CommandScan, OrderScan, Scan, ToteScan, UnknownScan
from app.domain.sscc import SsccError
from app.packing.scale import WeightSeen
from app.packing.service import Candidate, NotSaved, PackService, Startable
from app.printing import PrintQueue
from ui.scanner.pipeline import ScanPipeline, ScansWhileShown, Tone, Verdict, scan_message
from ui.screens.pack_open import OrderOpener
from ui.screens.pack_printing import PackageLabels
from ui.screens.pack_text import sentence
from ui.screens.pack_views import PackAction, StartView, WorkView
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
Intent = Callable[[PackSession, str], PackOutcome]


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
        self._user: User | None = None
        self.session: PackSession | None = None
        self.opener = OrderOpener(service, tasks, self)
        self.opener.opened.connect(self._on_opened)
        self.opener.choices.connect(self._on_opener_choices)
        self.opener.failed.connect(self._on_opener_failed)
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

    def open(self, user: User) -> None:
        """Show ``user``'s order on screen, else the start page."""
        if self._user is None or self._user.username != user.username:
            self.session = None
        self._user = user
        if self.session is not None:
            self._show_work()
        else:
            self._show_start()

    @property
    def busy(self) -> bool:
        """An order is being opened (its reads run on the database lane)."""
        return self.opener.busy

    @property
    def wants_badge(self) -> bool:
        """A supervisor's badge is what the order waits for (a weight out of tolerance)."""
        return self.session is not None and self.session.state is PackState.OVERRIDE

    def close_session(self) -> None:
        """Forget the session on screen (log-out); what was stored stays."""
        self.session = None
        self._user = None
        self.opener.forget()
        self._show_start()

    @Slot(int)
    def on_stable_weight(self, grams: int) -> None:
        """The scale settled: the weight goes straight to the session when it weighs."""
        session = self.session
        if session is None or not self.isVisible():
            return
        if session.state in (PackState.WEIGH, PackState.OVERRIDE):
            self._tap(lambda s, sscc: s.weigh(grams, sscc))

    # -- scans ---------------------------------------------------------------------------

    @Slot(object)
    def _on_pipeline_scanned(self, scan: Scan) -> None:
        pipeline = self._pipeline
        assert pipeline is not None
        if self._user is None or not self.isVisible():
            return
        session = self.session
        if isinstance(scan, CommandScan) and scan.command.name is CommandName.LOGOUT:
            return  # the main window logs out
        if isinstance(scan, BadgeScan) and (
            session is None or session.state is not PackState.OVERRIDE
        ):
            return  # the main window handles badges
        if self.opener.busy:
            text = self.tr("Wait: the order is being opened.")
            pipeline.respond(Verdict(Tone.WRONG, text, scan))
            return
        if session is None:
            pipeline.respond(self._start_by_scan(scan))
            return
        # A carton's barcode is no product, bin, tote or order: at the carton step an
        # unknown code goes to the session, which knows the station's cartons.
        carton = isinstance(scan, UnknownScan) and session.state is PackState.CARTON
        if not scan.ok and not isinstance(scan, BadgeScan) and not carton:
            self.message.show_message("error", scan_message(scan))
            return
        was_done = session.is_finished
        view = self.work_view
        if view.qty_open and not isinstance(scan, CommandScan):
            typed = view.qty_panel.typed
            verdict = self._act(lambda s, sscc: s.scan(scan, typed=typed, sscc=sscc), scan)
            if verdict.ok:
                view.close_qty()
            pipeline.respond(verdict)
            return
        grams = self._stable_grams()
        if grams and _is(scan, CommandName.CONFIRM) and session.state is PackState.WEIGH:
            # The weight confirm: the parcel was on the scale before the carton was.
            pipeline.respond(self._act(lambda s, sscc: s.weigh(grams, sscc), scan))
            return
        pipeline.respond(self._act(lambda s, sscc: s.scan(scan, sscc=sscc), scan))
        if (
            was_done
            and isinstance(scan, CommandScan)
            and self.session is session
            and scan.command.name in (CommandName.NEXT, CommandName.CONFIRM)
        ):
            self._next_order()

    def _stable_grams(self) -> int | None:
        """The scale's stable weight now, when there is a scale and a parcel on it."""
        weight = self.scale_weight() if self.scale_weight is not None else None
        return weight.grams if weight is not None and weight.stable and weight.grams > 0 else None

    def _start_by_scan(self, scan: Scan) -> Verdict:
        user = self._user
        assert user is not None
        if isinstance(scan, OrderScan):  # the scan's look-up brought the order
            return self._open(self._service.candidate(scan.order), scan)
        if isinstance(scan, UnknownScan):  # an order number the station lacks
            return self._open(Candidate(scan.raw, Startable.UNKNOWN), scan)
        if isinstance(scan, ToteScan):
            text = self.opener.find_tote(user, scan.tote.code)
            self.message.show_message("info", text)
            return Verdict(Tone.GOOD, text, scan)
        if isinstance(scan, CommandScan) and scan.command.name in (
            CommandName.START_PACK,
            CommandName.NEXT,
        ):
            text = self.tr("Scan the order's packing slip or its tote.")
            self.message.show_message("info", text)
            return Verdict(Tone.GOOD, text, scan)
        if not scan.ok:
            text = scan_message(scan)
        else:
            text = self.tr("No order is being packed: scan an order or its tote first.")
        self.message.show_message("error", text)
        return Verdict(Tone.WRONG, text, scan)

    # -- opening an order (its reads on the database lane: see OrderOpener) ---------------

    def _open(self, candidate: Candidate, scan: Scan | None) -> Verdict:
        user = self._user
        assert user is not None
        tone, text = self.opener.open(user, candidate)
        self.message.show_message("error" if tone is Tone.WRONG else "info", text)
        return Verdict(tone, text, scan)

    @Slot(str, list)
    def _on_opener_choices(self, tote: str, numbers: list[str]) -> None:
        self.start_view.show_choices(tote, numbers)
        text = self.tr("Tote {tote} holds several orders: tap or scan the one you pack.")
        self.message.show_message("info", text.format(tote=tote))

    @Slot(object, str)
    def _on_opener_failed(self, tone: Tone, text: str) -> None:
        self.message.show_message("error", text)
        self.said.emit(Verdict(tone, text))
        if self.session is None:
            self._show_start()

    @Slot(object, bool)
    def _on_opened(self, session: PackSession, rebuild: bool) -> None:
        if self._user is None or session.user.username != self._user.username:
            return  # logged out meanwhile
        if rebuild:  # after an unsaved answer: it resumes, nothing is stored
            try:
                self._service.act(session, lambda s, _: s.start())
            except (NotSaved, SsccError):
                log.exception("could not rebuild the pack session")
                self.session = None
                self._show_start()
                return
            self.session = session
            self._show_work()
            return
        self.session = session
        self.opener.forget()
        self.start_view.show_choices("", [])
        verdict = self._act(lambda s, _sscc: s.start(), None)  # the durable record
        if verdict.tone is Tone.WRONG:
            self.said.emit(verdict)
        if self.session is not None and self.session.order.packages:  # resumed: labels
            order = self.session.order
            self.labels.resume(order.order_number, [p.package_no for p in order.packages])
            self._show_printing()

    # -- taps ----------------------------------------------------------------------------

    @Slot(str)
    def _on_start_view_chosen(self, number: str) -> None:
        candidate = self.opener.choice(number)
        if candidate is not None and self.session is None and not self.opener.busy:
            self.said.emit(self._open(candidate, None))

    @Slot(object)
    def _on_action(self, action: PackAction) -> None:
        if self.message.level in ("error", "warning"):
            self.message.clear_message()
        if action is PackAction.TYPE_CODE:
            self.typeCodeRequested.emit()
        elif action is PackAction.PAUSE:
            self.backRequested.emit()
        elif action is PackAction.HOME:
            if self.session is None or self.session.is_finished:
                self.session = None
                self._show_start()
                self.backRequested.emit()
        elif action is PackAction.NEXT:
            self._next_order()
        elif self.session is not None:
            self._on_work_action(action, self.session)

    def _on_work_action(self, action: PackAction, session: PackSession) -> None:
        if action is PackAction.HOLD:
            self._tap(lambda s, _: s.hold(None))
        elif action is PackAction.UNDO:
            self._tap(lambda s, _: s.undo())
        elif action is PackAction.QTY:
            self.work_view.open_qty(session.prompt().units_left)
        elif action is PackAction.CLOSE:
            self._tap(lambda s, _: s.command(Command(CommandName.CLOSE)))
        elif action is PackAction.CONFIRM:
            self._tap(lambda s, _: s.command(Command(CommandName.CONFIRM)))
        elif action is PackAction.CANCEL:
            self._tap(lambda s, _: s.command(Command(CommandName.CANCEL)))
        elif action is PackAction.RETRY:
            self.labels.retry(session.order.order_number, session.prompt().package_no)
            self._show_printing()

    @Slot(int)
    def _on_qty_panel_accepted(self, qty: int) -> None:
        self.work_view.close_qty()
        if self.session is not None and qty > 0:
            self._tap(lambda s, _: s.command(Command(CommandName.QTY, qty=qty)))

    @Slot()
    def _on_qty_panel_cancelled(self) -> None:
        self.work_view.close_qty()
        self.message.show_message("info", self.tr("Quantity cancelled: each scan counts one."))

    @Slot(int)
    def _on_weigh_panel_accepted(self, grams: int) -> None:
        if self.session is not None:
            self._tap(lambda s, sscc: s.weigh(grams, sscc))

    @Slot()
    def _on_weigh_panel_cancelled(self) -> None:
        if self.session is not None:
            self._tap(lambda s, _: s.command(Command(CommandName.CANCEL)))

    @Slot(str)
    def _on_hold_panel_chosen(self, reason: str) -> None:
        if self.session is not None:
            self._tap(lambda s, _: s.hold(PackHoldReason(reason)))

    @Slot(str)
    def _on_carton_panel_chosen(self, code: str) -> None:
        if self.session is not None:
            self._tap(lambda s, _: s.choose_carton(code))

    def _next_order(self) -> None:
        if self.session is not None and not self.session.is_finished:
            return
        self.session = None
        self._show_start()

    # -- answers -------------------------------------------------------------------------

    def _tap(self, intent: Intent) -> None:
        self.said.emit(self._act(intent, None))

    def _act(self, intent: Intent, scan: Scan | None) -> Verdict:
        """Run one intent through the service (stored before it is shown); the verdict."""
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
        if outcome.tone is not PackTone.NONE:
            level = {"wrong": "error", "done": "ok"}.get(outcome.tone.value, "info")
            self.message.show_message(level, text)
        self._show_work()
        if outcome.message in (PackMessage.PACKAGE_CLOSED, PackMessage.OVERRIDDEN):
            self._print(int(outcome.args["package_no"]))
        return Verdict(_TONES[outcome.tone], text, scan)

    def _not_saved(self, code: str, detail: str, scan: Scan | None) -> Verdict:
        text = self.tr("NOT SAVED, nothing was counted: {reason}. Do it again.").format(
            reason=detail or code
        )
        session, user = self.session, self._user
        self.message.show_message("error", text)
        if session is not None and user is not None:  # the session as the station holds it
            self.opener.reopen(user, session.order.order_number)
        else:
            self.session = None
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
        if self._is_order(order):
            self._tap(lambda s, _: s.printed(package_no))
            self._show_printing()

    @Slot(str, int)
    def _on_labels_failed(self, order: str, package_no: int) -> None:
        session = self.session
        if self._is_order(order) and session is not None and not session.is_finished:
            # Said at any step (an early-closed package fails while the next one fills);
            # the order waits at PRINT for it with Retry.
            self._tap(lambda s, _: s.print_failed(package_no))
            self._show_printing()

    def _show_printing(self) -> None:
        """The print panel: pending with Retry while a label failed, else printing."""
        if self.session is not None:
            self.work_view.set_printing(self.labels.failing(), self.session.prompt().package_no)

    def _is_order(self, number: str) -> bool:
        return self.session is not None and self.session.order.order_number == number

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


def _is(scan: Scan, name: CommandName) -> bool:
    return isinstance(scan, CommandScan) and scan.command.name is name
