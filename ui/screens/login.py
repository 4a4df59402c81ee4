"""The first screen: scan your badge (or type it) to log in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import User
from ui.i18n import follow_language
from ui.tasks import TaskRunner
from ui.theme import TOUCH_GAP_PX
from ui.widgets.message import MessageLabel
from ui.widgets.taps import TapGuard

FindUser = Callable[[str], User | None]


@dataclass(frozen=True, slots=True)
class _Lookup:
    """The outcome of one badge lookup, made on the database lane."""

    request: int
    badge: str
    user: User | None = None
    error: str = ""


def _look_up(find_user: FindUser, request: int, badge: str) -> _Lookup:
    # Runs on the database lane. A broken database must not look like an unknown
    # badge, so a failure travels back as words for the operator.
    try:
        return _Lookup(request, badge, find_user(badge))
    except Exception as exc:
        return _Lookup(request, badge, error=str(exc) or type(exc).__name__)


class LoginScreen(QWidget):
    """Badge login: scan the badge, or type it and tap Log in.

    A scanned badge arrives resolved from the scan pipeline (the keyboard wedge keeps
    its keys out of the field) and logs in through :meth:`log_in`. A typed badge is
    looked up on the task runner's database lane; the newest attempt wins when a second
    one arrives before the first answer.

    Signals:
        loggedIn(object): the ``app.domain.model.User`` who logged in (active, known).
        typeCodeRequested(): "Type a code" was tapped (the on-screen keyboard; a badge
            typed there comes back through the scan pipeline).
    """

    loggedIn = Signal(object)
    typeCodeRequested = Signal()

    def __init__(
        self, find_user: FindUser, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginScreen")
        self._find_user = find_user
        self._tasks = tasks
        self._request = 0

        self.prompt = QLabel(self)
        self.prompt.setObjectName("prompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.badge_input = QLineEdit(self)
        self.badge_input.setObjectName("badgeInput")
        self.badge_input.setMaxLength(64)
        self.badge_input.returnPressed.connect(self._on_badge_input_return_pressed)
        self.login_button = QPushButton(self)
        self.login_button.setObjectName("loginButton")
        self.login_button.setMinimumWidth(220)
        self.guard = TapGuard(self)
        self.guard.connect(self.login_button, self._on_login_button_clicked)
        self.type_button = QPushButton(self)
        self.type_button.setObjectName("typeCodeButton")
        self.type_button.setProperty("kind", "secondary")
        self.guard.connect(self.type_button, self.typeCodeRequested.emit)

        # What the login screen says (a refused badge, why the last person was logged
        # out, a crash notice) is for whoever walks up next: it stays.
        self.message = MessageLabel(self, fade_ms=0)

        row = QHBoxLayout()
        row.setSpacing(TOUCH_GAP_PX)
        row.addWidget(self.badge_input, 1)
        row.addWidget(self.login_button)
        row.addWidget(self.type_button)

        column = QVBoxLayout()
        column.setSpacing(24)
        column.addWidget(self.prompt)
        column.addWidget(self.hint)
        column.addSpacing(16)
        column.addLayout(row)
        column.addWidget(self.message)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        outer.addStretch(1)
        centre = QVBoxLayout()
        centre.addStretch(2)
        centre.addLayout(column)
        centre.addStretch(3)
        outer.addLayout(centre, 6)
        outer.addStretch(1)
        self.setFocusProxy(self.badge_input)
        self.retranslate()
        follow_language(self)

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.prompt.setText(self.tr("Scan your badge"))
        self.hint.setText(self.tr("No scanner? Type the badge code and tap Log in."))
        self.badge_input.setPlaceholderText(self.tr("Badge code"))
        self.badge_input.setAccessibleName(self.tr("Badge code"))
        self.login_button.setText(self.tr("Log in"))
        self.type_button.setText(self.tr("Type a code"))

    def reset(self, message: str = "", level: str = "info") -> None:
        """Get ready for the next person: empty field, focus in it, optional message."""
        self._request += 1  # an answer still on its way is for someone else
        self.badge_input.clear()
        if message:
            self.message.show_message(level, message)
        else:
            self.message.clear_message()
        self.badge_input.setFocus()

    def log_in(self, user: User) -> None:
        """Log ``user`` in: a badge scan the pipeline has already looked up.

        A typed badge still being looked up is forgotten.
        """
        self._request += 1
        if not user.active:
            self._refuse(
                self.tr(
                    "Badge {badge} belongs to an account that is switched off. Ask a supervisor."
                ).format(badge=user.badge_code)
            )
            return
        self.badge_input.clear()
        self.message.clear_message()
        self.loggedIn.emit(user)

    def show_problem(self, text: str) -> None:
        """Show why a scan did not log anyone in (it stays until the next attempt)."""
        self._refuse(text)

    def submit(self, badge: str | None = None) -> None:
        """Log in with ``badge`` (default: what the field holds)."""
        if badge is not None:
            self.badge_input.setText(badge)
        code = self.badge_input.text().strip()
        self._request += 1
        if not code:
            self.message.show_message("warning", self.tr("Scan or type your badge first."))
            self.badge_input.setFocus()
            return
        request = self._request
        find_user = self._find_user
        self._tasks.run_db(
            lambda: _look_up(find_user, request, code),
            on_done=self._on_lookup_finished,
            name="badge lookup",
        )

    @Slot()
    def _on_badge_input_return_pressed(self) -> None:
        self.submit()

    def _on_login_button_clicked(self) -> None:
        self.submit()

    @Slot(object)
    def _on_lookup_finished(self, lookup: _Lookup) -> None:
        if lookup.request != self._request:
            return  # a newer scan is being looked up
        user = lookup.user
        if lookup.error:
            self._refuse(
                self.tr(
                    "Could not check badge {badge}: {reason}. Try again or ask a supervisor."
                ).format(badge=lookup.badge, reason=lookup.error)
            )
        elif user is None:
            self._refuse(
                self.tr(
                    "Badge {badge} is not known at this station. "
                    "Check the badge or ask a supervisor."
                ).format(badge=lookup.badge)
            )
        elif not user.active:
            self._refuse(
                self.tr(
                    "Badge {badge} belongs to an account that is switched off. Ask a supervisor."
                ).format(badge=lookup.badge)
            )
        else:
            self.badge_input.clear()
            self.message.clear_message()
            self.loggedIn.emit(user)

    def _refuse(self, text: str) -> None:
        self.message.show_message("error", text)
        # Selected, so that the next scan replaces the wrong code.
        self.badge_input.setFocus()
        self.badge_input.selectAll()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.badge_input.setFocus()
