"""The permanent bar along the bottom: is the station talking to the order store?

It shows, at all times: the link's state as a coloured word (Online, Offline,
Station token refused, Not configured, Connecting), what it means or when the next
attempt is, how many events wait to be sent, how many the store refused, and when
the last sync completed. When the station cannot make a sound it says so too ("Sound
off: no audio output"): a picker who hears nothing must know the beeps are not coming.
"""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLocale,
    QSize,
    Qt,
    QTimer,
    SignalInstance,
    Slot,
)
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from app.sync.problems import SyncProblem, SyncProblemCode
from app.sync.state import SyncState, SyncStatus
from ui.feedback import SoundOff
from ui.i18n import follow_language
from ui.sync_bridge import SyncBridge
from ui.theme import set_style_property
from ui.widgets.elided_label import ElidedLabel


class SoundState(Protocol):
    """What the bar needs of ``ui.feedback.Sounds``."""

    availableChanged: SignalInstance

    @property
    def available(self) -> bool: ...

    off: SoundOff | None


class _ShrinkingLabel(ElidedLabel):
    """Its whole text when there is room, else ``keep`` with an ellipsis (the whole
    text in the tooltip): "Sound off: no audio output" becomes "Sound off…" beside
    pending and refused events rather than widening the kiosk past 1280 px."""

    def __init__(self, keep: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self._keep = keep
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_keep(self, keep: str) -> None:
        """The words kept when the whole text does not fit (a language change)."""
        self._keep = keep
        self.updateGeometry()

    def _width(self, text: str) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 2

    def sizeHint(self) -> QSize:
        return QSize(self._width(self.full_text()), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width(self._keep + "…"), super().minimumSizeHint().height())

    def _elide(self) -> None:
        # The whole sentence or its key words, never half a word ("Sound off: no a…").
        full = self.full_text()
        fits = self.fontMetrics().horizontalAdvance(full) <= self.contentsRect().width()
        QLabel.setText(self, full if fits or not full else self._keep + "…")


_LEVELS = {
    SyncStatus.ONLINE: "ok",
    SyncStatus.OFFLINE: "warning",
    SyncStatus.AUTH_FAILED: "error",
    SyncStatus.NOT_CONFIGURED: "warning",
    SyncStatus.CONNECTING: "info",
}


class SyncStatusBar(QFrame):
    """A read-only view of the latest :class:`app.sync.state.SyncState`.

    While offline it counts the retry delay down once a second (the engine only
    publishes when something changes); the countdown stops while the bar is hidden.

    Attributes:
        word: the status word, coloured by level (``level`` property).
        detail: what the status means for the operator, or the retry countdown.
        pending: the events waiting to be sent.
        rejected: the events the store refused (hidden when none).
        sound: "Sound off: ..." when the station cannot make a sound (hidden when it can).
        last_sync: when the last sync completed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncBar")
        self._state = SyncState()
        self._retry_deadline = 0.0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._on_countdown_timeout)

        self.word = QLabel(self)
        self.word.setObjectName("syncWord")
        self.detail = ElidedLabel(parent=self)
        self.detail.setObjectName("syncDetail")
        # In a language with longer words these give way to their number (the whole
        # sentence in the tooltip) rather than widening the kiosk.
        self.pending = _ShrinkingLabel("", self)
        self.pending.setObjectName("syncPending")
        self.rejected = _ShrinkingLabel("", self)
        self.rejected.setObjectName("syncRejected")
        set_style_property(self.rejected, "level", "error")
        self.sound = _ShrinkingLabel(self.tr("Sound off"), self)
        self.sound.setObjectName("syncSound")
        self.sound.setObjectName("syncSound")
        set_style_property(self.sound, "level", "warning")
        self.sound.hide()
        self._sounds: SoundState | None = None
        self.last_sync = _ShrinkingLabel("", self)
        self.last_sync.setObjectName("syncLast")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(20)
        layout.addWidget(self.word)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.pending)
        layout.addWidget(self.rejected)
        layout.addWidget(self.sound)
        layout.addWidget(self.last_sync)
        self.set_state(self._state)
        follow_language(self)

    def retranslate(self) -> None:
        """Say everything again in the language now in force."""
        self.sound.set_keep(self.tr("Sound off"))
        self.set_state(self._state)
        self._show_sound()

    @property
    def state(self) -> SyncState:
        """The state shown."""
        return self._state

    def follow(self, bridge: SyncBridge) -> None:
        """Show ``bridge.latest`` now and every state the bridge delivers from now on."""
        bridge.stateChanged.connect(self._on_bridge_state_changed)
        self.set_state(bridge.latest)

    def follow_sounds(self, sounds: SoundState) -> None:
        """Say "Sound off" while ``sounds`` cannot play, now and whenever that changes."""
        self._sounds = sounds
        sounds.availableChanged.connect(self._on_sounds_available_changed)
        self._show_sound()

    def summary(self) -> str:
        """Everything the bar says, as one line (for logs and screen readers)."""
        parts = [self.word.text(), self.detail.full_text(), self.pending.full_text()]
        if not self.rejected.isHidden():
            parts.append(self.rejected.full_text())
        if not self.sound.isHidden():
            parts.append(self.sound.full_text())
        parts.append(self.last_sync.full_text())
        return " · ".join(part for part in parts if part)

    def set_state(self, state: SyncState) -> None:
        """Show ``state``."""
        self._state = state
        self._retry_deadline = time.monotonic() + max(0.0, state.retry_in_s)
        self.word.setText(self._word(state.status))
        set_style_property(self.word, "level", _LEVELS[state.status])
        self._show_detail()
        locale = QLocale()
        if state.pending == 0:
            self.pending.set_full_text(self.tr("All events sent"))
            self.pending.set_keep("✓")
        else:
            if state.pending == 1:
                self.pending.set_full_text(self.tr("1 event waiting to send"))
            else:
                self.pending.set_full_text(self.tr("%n events waiting to send", "", state.pending))
            self.pending.set_keep(locale.toString(state.pending))
        self.rejected.set_full_text(self.tr("%n refused by the store", "", state.rejected))
        self.rejected.set_keep(locale.toString(state.rejected))
        self.rejected.setVisible(state.rejected > 0)
        self.last_sync.set_full_text(self._last_sync_text(state.last_success))
        self.last_sync.set_keep(self._last_sync_time(state.last_success))
        self.setAccessibleDescription(self.summary())
        self._update_countdown()

    def _word(self, status: SyncStatus) -> str:
        words = {
            SyncStatus.ONLINE: self.tr("Online"),
            SyncStatus.OFFLINE: self.tr("Offline"),
            SyncStatus.AUTH_FAILED: self.tr("Station token refused"),
            SyncStatus.NOT_CONFIGURED: self.tr("Not configured"),
            SyncStatus.CONNECTING: self.tr("Connecting"),
        }
        return words[status]

    def _show_detail(self) -> None:
        state = self._state
        if state.status is SyncStatus.OFFLINE:
            left = math.ceil(max(0.0, self._retry_deadline - time.monotonic()))
            if left > 0:
                text = self.tr("retrying in {seconds} s").format(seconds=QLocale().toString(left))
            else:
                text = self.tr("retrying now")
            if state.problem is not None:
                text = self.tr("{retry} — {problem}").format(
                    retry=text, problem=self.problem_text(state.problem)
                )
        elif state.status is SyncStatus.AUTH_FAILED:
            text = self.tr("Ask a site admin for a new token.")
        elif state.status is SyncStatus.NOT_CONFIGURED:
            text = self.tr("Ask a site admin to set up the order store.")
        else:
            text = self.problem_text(state.problem) if state.problem is not None else ""
        self.detail.set_full_text(text)

    def problem_text(self, problem: SyncProblem) -> str:
        """Why the last round failed, in the reader's language."""
        return sync_problem_text(problem)

    def _last_sync_time(self, when: datetime | None) -> str:
        text = self._last_sync_text(when)
        return text if when is None else self._shown_time(when)

    def _last_sync_text(self, when: datetime | None) -> str:
        if when is None:
            return self.tr("Never synced")
        return self.tr("Last sync {time}").format(time=self._shown_time(when))

    def _shown_time(self, when: datetime) -> str:
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        moment = QDateTime.fromMSecsSinceEpoch(round(when.timestamp() * 1000)).toLocalTime()
        locale = QLocale()
        if moment.date() == QDateTime.currentDateTime().date():
            shown = locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
        else:
            shown = locale.toString(moment, QLocale.FormatType.ShortFormat)
        return shown

    def _update_countdown(self) -> None:
        counting = (
            self._state.status is SyncStatus.OFFLINE
            and self.isVisible()
            and self._retry_deadline > time.monotonic()
        )
        if counting and not self._countdown.isActive():
            self._countdown.start()
        elif not counting:
            self._countdown.stop()

    def _show_sound(self) -> None:
        sounds = self._sounds
        if sounds is None or sounds.available:
            self.sound.hide()
            self.sound.set_full_text("")
        else:
            if sounds.off is SoundOff.NO_MULTIMEDIA:
                text = self.tr("Sound off: the sound system did not start")
            else:
                text = self.tr("Sound off: no audio output")
            self.sound.set_full_text(text)
            self.sound.show()
            self.sound.updateGeometry()
        self.setAccessibleDescription(self.summary())

    @Slot(bool)
    def _on_sounds_available_changed(self, _available: bool) -> None:
        self._show_sound()

    @Slot(object)
    def _on_bridge_state_changed(self, state: SyncState) -> None:
        self.set_state(state)

    @Slot()
    def _on_countdown_timeout(self) -> None:
        self._show_detail()
        self._update_countdown()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_countdown()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._countdown.stop()


def sync_problem_text(problem: SyncProblem) -> str:
    """Why the last sync round failed, in the reader's language (the status bar's words,
    context ``SyncStatusBar``; the pick screen says them too)."""
    args = problem.args
    detail = str(args.get("detail", ""))
    match problem.code:
        case SyncProblemCode.NOT_CONFIGURED:
            return QCoreApplication.translate("SyncStatusBar", "set the order store URL and token")
        case SyncProblemCode.TLS_REJECTED:
            text = QCoreApplication.translate(
                "SyncStatusBar",
                "the order store's TLS certificate was not accepted ({detail}); "
                "check the CA bundle in Settings",
            )
        case SyncProblemCode.TIMEOUT:
            seconds = args.get("seconds", 0)
            shown = QLocale().toString(float(seconds), "g", 6)
            return QCoreApplication.translate(
                "SyncStatusBar", "the order store did not answer within {seconds} s"
            ).format(seconds=shown)
        case SyncProblemCode.UNREACHABLE:
            return QCoreApplication.translate(
                "SyncStatusBar", "cannot reach the order store at {url} ({detail})"
            ).format(url=args.get("url", ""), detail=detail)
        case SyncProblemCode.TOKEN_REFUSED:
            text = QCoreApplication.translate(
                "SyncStatusBar",
                "the order store refused this station's token ({detail}); "
                "enter a valid token in Settings",
            )
        case SyncProblemCode.SERVER_FAILING:
            return QCoreApplication.translate(
                "SyncStatusBar", "the order store has a problem (HTTP {status})"
            ).format(status=args.get("status", ""))
        case SyncProblemCode.UNEXPECTED_STATUS:
            return QCoreApplication.translate(
                "SyncStatusBar", "the order store answered HTTP {status} unexpectedly"
            ).format(status=args.get("status", ""))
        case SyncProblemCode.NOT_JSON:
            return QCoreApplication.translate(
                "SyncStatusBar", "the order store answered with something that is not JSON"
            )
        case SyncProblemCode.BROKEN_ANSWER:
            return QCoreApplication.translate(
                "SyncStatusBar", "the order store's answer does not follow the contract"
            )
        case SyncProblemCode.REQUEST_REFUSED:
            text = QCoreApplication.translate(
                "SyncStatusBar", "the order store refused the request ({detail})"
            )
        case SyncProblemCode.UNREADABLE_DATA:
            text = QCoreApplication.translate(
                "SyncStatusBar", "the order store sent data this station cannot read ({detail})"
            )
        case SyncProblemCode.LOCAL_PROBLEM:
            text = QCoreApplication.translate(
                "SyncStatusBar", "local problem while syncing: {detail}"
            )
        case _:  # a code added in app/ and not worded yet
            return str(problem.code)
    return text.format(detail=detail)
