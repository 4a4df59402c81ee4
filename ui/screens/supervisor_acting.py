"""The supervisor screen's actions (part of the supervisor screen): which apply to an
order, the PIN before the first, the question some of them ask, and the event.

A mixin of ``SupervisorScreen``; its words are in the screen's translation context,
written out (``QCoreApplication.translate("SupervisorScreen", ...)``) because a
mixin's ``self.tr`` asks for the final class's context, which ``pyside6-lupdate``
cannot know from this file.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Slot

from app.domain.model import OrderStatus, Priority
from app.domain.rules import RejectCode
from app.supervisor.service import ActionResult, HoldReason, Unlocked, UnlockError
from ui.reject_text import reject_words
from ui.screens.supervisor_text import priority_word, supervisor_reason_word, unlock_problem

if TYPE_CHECKING:
    from ui.screens.supervisor import SupervisorScreen

    _Base = SupervisorScreen
else:
    _Base = object


class Act(enum.StrEnum):
    """The supervisor's actions on the chosen order."""

    PRIORITY = "priority"
    ASSIGN = "assign"
    UNASSIGN = "unassign"
    HOLD = "hold"
    RELEASE = "release"
    HAND_BACK = "hand_back"
    CANCEL_CLAIM = "cancel_claim"
    REPRINT = "reprint"


_WORKING = (OrderStatus.PICKING, OrderStatus.PACKING)


def can_act(act: Act, status: OrderStatus, person: str | None, station: str | None) -> bool:
    """Whether ``act`` makes sense for an order in ``status`` (the rules decide; this
    only keeps buttons that could not work from being offered)."""
    match act:
        case Act.PRIORITY | Act.HOLD:
            return not status.is_final
        case Act.ASSIGN:
            return status is OrderStatus.OPEN
        case Act.UNASSIGN:
            return status is OrderStatus.OPEN and bool(person)
        case Act.RELEASE:
            return status is OrderStatus.ON_HOLD
        case Act.HAND_BACK | Act.CANCEL_CLAIM:
            return status in _WORKING and bool(station)
        case Act.REPRINT:
            return status is OrderStatus.PACKED
    return False  # pragma: no cover


class SupervisorActing(_Base):
    """The PIN, the questions and the actions (a part of ``SupervisorScreen``)."""

    def _show_main(self) -> None:
        self._choice = None
        self.pages.setCurrentWidget(self.main_page)
        self.taps.forget()

    def _with_key(self, then: Callable[[Unlocked], None]) -> None:
        if self._unlocked is not None:
            then(self._unlocked)
            return
        user = self._user
        if user is None:
            return
        self._pending = then
        self.pin_page.ask(user.display_name)
        self.pages.setCurrentWidget(self.pin_page)

    @Slot(str)
    def _on_pin_entered(self, pin: str) -> None:
        user = self._user
        if user is None:
            return
        self.pin_page.message.show_message(
            "info", QCoreApplication.translate("SupervisorScreen", "Checking…")
        )
        self.reads.unlock(user.username, pin)

    @Slot(object)
    def _on_unlocked(self, unlocked: Unlocked) -> None:
        if self._user is None or unlocked.username != self._user.username:
            return
        self._unlocked = unlocked
        self._show_main()
        self._say_actions()
        then, self._pending = self._pending, None
        if then is not None:
            then(unlocked)

    @Slot(object)
    def _on_unlock_failed(self, error: UnlockError) -> None:
        if self._user is None:
            return
        self.pin_page.ask(self._user.display_name, unlock_problem(error.code))

    def _ask(
        self, question: str, answers: list[tuple[str, str]], then: Callable[[str], None]
    ) -> None:
        self._choice = then
        self.choice_page.ask(question, answers)
        self.pages.setCurrentWidget(self.choice_page)
        self.taps.forget()

    @Slot(str)
    def _on_choice(self, key: str) -> None:
        then = self._choice
        self._show_main()
        if then is not None:
            then(key)

    def _on_act(self, act: Act) -> None:
        if self.details.detail is not None and self.is_acting():
            self._with_key(lambda who: self._act(act, who))

    def _act(self, act: Act, who: Unlocked) -> None:
        """The chosen order's ``act`` by ``who`` (the PIN typed): a question first where
        the action needs an answer, then the event on the database lane."""
        detail = self.details.detail
        if detail is None:
            return
        row = detail.row
        number = row.order_number
        service = self._service

        def run(action: Callable[[], ActionResult]) -> None:
            self.reads.act(action)

        match act:
            case Act.PRIORITY:
                self._ask(
                    QCoreApplication.translate(
                        "SupervisorScreen", "New priority for {order}?"
                    ).format(order=number),
                    [(p.value, priority_word(p)) for p in sorted(Priority, key=lambda p: -p.rank)],
                    lambda key: run(lambda: service.set_priority(who, number, Priority(key))),
                )
            case Act.ASSIGN:
                self._ask(
                    QCoreApplication.translate(
                        "SupervisorScreen", "Keep {order} for which picker?"
                    ).format(order=number),
                    [(p.username, p.display_name) for p in self._choices.pickers()],
                    lambda key: run(lambda: service.assign_picker(who, number, key)),
                )
            case Act.UNASSIGN:
                run(lambda: service.unassign_picker(who, number))
            case Act.HOLD:
                self._ask(
                    QCoreApplication.translate("SupervisorScreen", "Why hold {order}?").format(
                        order=number
                    ),
                    [(r.value, supervisor_reason_word(r)) for r in HoldReason],
                    lambda key: run(lambda: service.hold(who, number, key)),
                )
            case Act.RELEASE:
                run(lambda: service.release_hold(who, number))
            case Act.HAND_BACK:
                run(lambda: service.hand_back(who, number))
            case Act.CANCEL_CLAIM:
                station = row.station or ""
                run(lambda: service.cancel_claim(who, number, station))
            case Act.REPRINT:
                self._ask(
                    QCoreApplication.translate(
                        "SupervisorScreen", "Reprint the labels of {order} at which station?"
                    ).format(order=number),
                    [(s, s) for s in self._choices.stations],
                    lambda key: run(lambda: service.reprint_labels(who, number, key)),
                )

    @Slot(object)
    def _on_acted(self, result: ActionResult) -> None:
        if result.ok:
            self._say(
                "ok",
                QCoreApplication.translate(
                    "SupervisorScreen", "Done. The order store confirms it with the next sync."
                ),
            )
            self.refresh()
            return
        code: RejectCode | None = result.code
        self._say(
            "error",
            QCoreApplication.translate("SupervisorScreen", "Not done: {why}.").format(
                why=reject_words(code)
            ),
        )
