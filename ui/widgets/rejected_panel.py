"""The events the order store refused, so that a person sees them and acts.

A refused event stays in the station's outbox (``app.store.outbox``, state
``rejected``) with the store's code and reason; the sync engine lists them through a
``rejected_events()`` callable, which this panel runs on the database lane. The panel
words the store's ``code`` in the reader's language; the store's ``reason`` is English
for logs and support, and is not shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import EventType
from app.domain.rules import RejectCode
from app.store.outbox import OutboxEntry
from ui.i18n import follow_language
from ui.tasks import TaskRunner

RejectedEvents = Callable[[], Sequence[OutboxEntry]]


@dataclass(frozen=True, slots=True)
class _Loaded:
    request: int
    entries: tuple[OutboxEntry, ...] = ()
    error: str = ""


def _load(rejected_events: RejectedEvents, request: int) -> _Loaded:
    # Runs on the database lane; a failure is shown in the panel, in words.
    try:
        return _Loaded(request, tuple(rejected_events()))
    except Exception as exc:
        return _Loaded(request, error=str(exc) or type(exc).__name__)


class RejectedPanel(QFrame):
    """A table of refused events: order number, what the event was, the store's reason.

    Hidden while there are none.

    Signals:
        loaded(int): a refresh finished with this many refused events (-1: it failed).
    """

    loaded = Signal(int)

    def __init__(
        self, rejected_events: RejectedEvents, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rejectedPanel")
        self._rejected_events = rejected_events
        self._tasks = tasks
        self._request = 0
        self._entries: tuple[OutboxEntry, ...] = ()

        self.title = QLabel(self)
        self.title.setObjectName("panelTitle")
        self.title.setWordWrap(True)
        # Qt guesses a wrapped label's minimum from its font: these may wrap narrower.
        self.title.setMinimumWidth(200)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setMinimumWidth(200)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("rejectedTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(110)  # the header and two rows; more scroll
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Wrapped reasons need their rows re-measured whenever the columns change width.
        header.sectionResized.connect(self._on_header_section_resized)

        heading = QHBoxLayout()
        heading.setSpacing(16)
        heading.addWidget(self.title)
        heading.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.table, 1)
        self.retranslate()
        follow_language(self)
        self.hide()

    def retranslate(self) -> None:
        """Say everything again in the language now in force (the rows too)."""
        self.hint.setText(
            self.tr("The store did not apply these. A supervisor must check each order.")
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Order"), self.tr("Event"), self.tr("Why the store refused it")]
        )
        if self._entries:
            self._show_entries()

    def entries(self) -> tuple[OutboxEntry, ...]:
        """The refused events shown."""
        return self._entries

    def refresh(self) -> None:
        """Read the refused events again, on the database lane."""
        self._request += 1
        request, source = self._request, self._rejected_events
        self._tasks.run_db(
            lambda: _load(source, request),
            on_done=self._on_load_finished,
            name="refused events",
        )

    def clear(self) -> None:
        """Forget what is shown (after log out) and ignore answers on their way."""
        self._request += 1
        self._entries = ()
        self.table.setRowCount(0)
        self.hide()

    @Slot(object)
    def _on_load_finished(self, result: _Loaded) -> None:
        if result.request != self._request:
            return
        if result.error:
            self._entries = ()
            self.table.setRowCount(0)
            self.title.setText(
                self.tr("Could not read the refused events: {reason}").format(reason=result.error)
            )
            self.show()
            self.loaded.emit(-1)
            return
        self._entries = result.entries
        self._show_entries()
        count = len(result.entries)
        self.setVisible(count > 0)
        self.loaded.emit(count)

    def _show_entries(self) -> None:
        entries = self._entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            reason = self.reason_text(entry.reject_code)
            cells = (entry.event.order_number, self.event_name(entry.event.type), reason)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        count = len(entries)
        # English has no catalogue to choose the plural form: its singular is a string
        # of its own (a catalogue's numerus forms cover both).
        self.title.setText(
            self.tr("1 event refused by the order store")
            if count == 1
            else self.tr("%n events refused by the order store", "", count)
        )

    @Slot(int, int, int)
    def _on_header_section_resized(self, _index: int, _old: int, _new: int) -> None:
        self.table.resizeRowsToContents()

    def reason_text(self, code: str | None) -> str:
        """Why the store refused an event, from its code, in the reader's language."""
        reasons = {
            RejectCode.UNKNOWN_ORDER: self.tr("The store does not know this order."),
            RejectCode.UNKNOWN_USER: self.tr(
                "The store does not know this user, or they are disabled."
            ),
            RejectCode.UNKNOWN_LINE: self.tr("The order has no such line."),
            RejectCode.NOT_ALLOWED: self.tr("This user may not do that."),
            RejectCode.CANCELLED: self.tr("The shop cancelled the order."),
            RejectCode.ON_HOLD: self.tr("The order is on hold."),
            RejectCode.WRONG_STATUS: self.tr("The order was no longer at that step."),
            RejectCode.CLAIMED_ELSEWHERE: self.tr("Another station is working on the order."),
            RejectCode.OVER_PICK: self.tr("More was picked than the line asks for."),
            RejectCode.OVER_SHORT: self.tr("More was reported short than is left to pick."),
            RejectCode.OVER_UNPICK: self.tr("More was undone than had been picked."),
            RejectCode.OVER_UNSHORT: self.tr("More short was taken back than was reported."),
            RejectCode.OVER_PACK: self.tr("More was packed than was picked."),
            RejectCode.OVER_UNPACK: self.tr("More was taken out than the package holds."),
            RejectCode.EMPTY_PACKAGE: self.tr("The package was closed empty."),
            RejectCode.PACKAGE_OUT_OF_ORDER: self.tr("Not the package being filled."),
            RejectCode.BAD_SSCC: self.tr("The package's SSCC is wrong or already used."),
            RejectCode.INCOMPLETE: self.tr("Not every picked item is in a closed package."),
            RejectCode.SUPERVISOR_PROOF: self.tr(
                "A supervisor's action without the right PIN: do it again with the PIN."
            ),
            RejectCode.SUPERVISOR_LOCKED: self.tr(
                "Too many wrong PINs: the supervisor is locked out for a few minutes."
            ),
            RejectCode.ASSIGNED_ELSEWHERE: self.tr("The order is kept for another picker."),
            RejectCode.UNKNOWN_PICKER: self.tr("The store does not know that picker."),
            RejectCode.CLAIM_CHANGED: self.tr("The claim changed before the supervisor acted."),
            RejectCode.NO_LABELS: self.tr("The order has no labels to print again."),
            "malformed": self.tr("The store could not read this event."),
            "invalid_event": self.tr("The store could not read this event."),
            "foreign_station": self.tr("The event names another station."),
        }
        if not code or code not in reasons:
            return self.tr("The store refused it (code {code}).").format(code=code or "-")
        return reasons[code]

    def event_name(self, event_type: EventType) -> str:
        """What an event was, in the operator's words."""
        names = {
            EventType.ORDER_CLAIMED: self.tr("Order claimed"),
            EventType.ORDER_RELEASED: self.tr("Order released"),
            EventType.LINE_PICKED: self.tr("Item picked"),
            EventType.LINE_UNPICKED: self.tr("Pick undone"),
            EventType.LINE_SHORT: self.tr("Short pick"),
            EventType.LINE_SHORT_UNDONE: self.tr("Short taken back"),
            EventType.ORDER_PICKED: self.tr("Picking finished"),
            EventType.PACK_STARTED: self.tr("Packing started"),
            EventType.LINE_PACKED: self.tr("Item packed"),
            EventType.LINE_UNPACKED: self.tr("Packing undone"),
            EventType.PACKAGE_CLOSED: self.tr("Package closed"),
            EventType.PACK_HELD: self.tr("Held at packing"),
            EventType.ORDER_PACKED: self.tr("Packing finished"),
            EventType.ORDER_SHIPPED: self.tr("Order shipped"),
            EventType.ORDER_HELD: self.tr("Order put on hold"),
            EventType.ORDER_UNHELD: self.tr("Hold lifted"),
            EventType.PRIORITY_SET: self.tr("Priority changed"),
            EventType.PICKER_ASSIGNED: self.tr("Picker assigned"),
            EventType.PICKER_UNASSIGNED: self.tr("Picker unassigned"),
            EventType.CLAIM_CANCELLED: self.tr("Claim cancelled"),
            EventType.LABELS_REPRINT: self.tr("Labels to print again"),
            EventType.SCAN_WRONG: self.tr("Wrong scan"),
        }
        return names.get(event_type, event_type.value)
