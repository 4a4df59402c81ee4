"""The sync status bar: a word and a colour for the link, and what waits to be sent."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from app.sync.problems import SyncProblem, SyncProblemCode
from app.sync.state import SyncState, SyncStatus
from ui.feedback import SoundOff
from ui.sync_bridge import SyncBridge
from ui.widgets.sync_status import SyncStatusBar


@pytest.fixture
def bar(qtbot: QtBot) -> SyncStatusBar:
    widget = SyncStatusBar()
    qtbot.addWidget(widget)
    widget.resize(1280, 64)
    return widget


@pytest.mark.parametrize(
    ("status", "word", "level"),
    [
        (SyncStatus.ONLINE, "Online", "ok"),
        (SyncStatus.OFFLINE, "Offline", "warning"),
        (SyncStatus.AUTH_FAILED, "Station token refused", "error"),
        (SyncStatus.NOT_CONFIGURED, "Not configured", "warning"),
        (SyncStatus.CONNECTING, "Connecting", "info"),
    ],
)
def test_every_status_has_a_word_and_a_colour(
    bar: SyncStatusBar, status: SyncStatus, word: str, level: str
) -> None:
    bar.set_state(SyncState(status=status))
    assert bar.word.text() == word
    assert bar.word.property("level") == level


def test_pending_rejected_and_last_sync(bar: SyncStatusBar) -> None:
    bar.set_state(SyncState(status=SyncStatus.ONLINE))
    assert bar.pending.full_text() == "All events sent"
    assert bar.rejected.isHidden()
    assert bar.last_sync.full_text() == "Never synced"

    bar.set_state(SyncState(status=SyncStatus.ONLINE, pending=1))
    assert bar.pending.full_text() == "1 event waiting to send"

    when = datetime.now(UTC)
    bar.set_state(SyncState(status=SyncStatus.ONLINE, pending=3, rejected=2, last_success=when))
    assert bar.pending.full_text() == "3 events waiting to send"
    assert not bar.rejected.isHidden()
    assert bar.rejected.full_text() == "2 refused by the store"
    assert bar.rejected.property("level") == "error"
    assert bar.last_sync.full_text().startswith("Last sync ")
    assert "3 events waiting to send" in bar.summary()


def test_offline_counts_the_retry_down(qtbot: QtBot, bar: SyncStatusBar) -> None:
    bar.show()
    bar.set_state(
        SyncState(
            status=SyncStatus.OFFLINE,
            retry_in_s=2,
            last_error="cannot reach the order store at https://orders.example (refused)",
            problem=SyncProblem(
                SyncProblemCode.UNREACHABLE,
                {"url": "https://orders.example", "detail": "Connection refused"},
            ),
        )
    )
    assert bar.detail.full_text() == (
        "retrying in 2 s — cannot reach the order store at https://orders.example "
        "(Connection refused)"
    )
    qtbot.waitUntil(lambda: bar.detail.full_text().startswith("retrying in 1 s"), timeout=3000)
    qtbot.waitUntil(lambda: bar.detail.full_text().startswith("retrying now"), timeout=3000)


def test_the_bar_follows_the_bridge_across_threads(qtbot: QtBot, bar: SyncStatusBar) -> None:
    bridge = SyncBridge(SyncState(status=SyncStatus.CONNECTING))
    bar.follow(bridge)
    assert bar.word.text() == "Connecting"

    def engine() -> None:
        bridge.publish(SyncState(status=SyncStatus.OFFLINE, pending=3, retry_in_s=30))

    thread = threading.Thread(target=engine)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bar.word.text() == "Offline", timeout=5000)
    assert bar.pending.full_text() == "3 events waiting to send"
    assert bar.detail.full_text() == "retrying in 30 s"


def test_long_details_are_elided_not_widening_the_window(bar: SyncStatusBar) -> None:
    bar.show()
    bar.set_state(
        SyncState(
            status=SyncStatus.OFFLINE,
            retry_in_s=5,
            problem=SyncProblem(SyncProblemCode.LOCAL_PROBLEM, {"detail": "x" * 500}),
        )
    )
    assert bar.width() == 1280
    assert bar.detail.text().endswith("…")
    assert bar.detail.toolTip().endswith("x" * 50)


@pytest.mark.parametrize("code", list(SyncProblemCode))
def test_every_sync_problem_is_worded(bar: SyncStatusBar, code: SyncProblemCode) -> None:
    args = {"detail": "d", "seconds": 2.5, "url": "https://o.example", "status": 502}
    text = bar.problem_text(SyncProblem(code, args))
    assert text
    assert text != code.value
    assert "{" not in text


class FakeSounds(QObject):
    """Sounds whose output comes and goes (a USB speaker plugged in)."""

    availableChanged = Signal(bool)

    def __init__(self, off: SoundOff | None) -> None:
        super().__init__()
        self.off = off

    @property
    def available(self) -> bool:
        return self.off is None

    def plug_in(self) -> None:
        self.off = None
        self.availableChanged.emit(True)


@pytest.mark.parametrize(
    ("off", "text"),
    [
        (SoundOff.NO_OUTPUT, "Sound off: no audio output"),
        (SoundOff.NO_MULTIMEDIA, "Sound off: the sound system did not start"),
    ],
)
def test_a_silent_station_says_so_until_a_speaker_appears(
    bar: SyncStatusBar, off: SoundOff, text: str
) -> None:
    bar.show()
    assert bar.sound.isHidden()  # nothing said before the bar knows the sounds
    sounds = FakeSounds(off)
    bar.follow_sounds(sounds)
    assert bar.sound.isVisible()
    assert bar.sound.full_text() == text
    assert bar.sound.text() == text  # room enough: said in full
    assert bar.sound.property("level") == "warning"
    assert text in bar.summary()
    sounds.plug_in()
    assert bar.sound.isHidden()
    assert "Sound off" not in bar.summary()


def test_with_everything_to_say_the_bar_still_fits_the_kiosk(qtbot: QtBot) -> None:
    bar = SyncStatusBar()
    qtbot.addWidget(bar)
    bar.follow_sounds(FakeSounds(SoundOff.NO_OUTPUT))
    bar.set_state(
        SyncState(
            status=SyncStatus.OFFLINE,
            pending=1234,
            rejected=56,
            retry_in_s=30,
            problem=SyncProblem(
                SyncProblemCode.UNREACHABLE,
                {"url": "https://orders.example:8765", "detail": "Connection refused"},
            ),
            last_success=datetime.now(UTC),
        )
    )
    assert bar.minimumSizeHint().width() <= 1280
    bar.resize(1280, 64)
    bar.show()
    assert bar.sound.text() in ("Sound off: no audio output", "Sound off…")
    assert bar.sound.toolTip() == "Sound off: no audio output"
    assert bar.sound.geometry().right() < bar.last_sync.geometry().left()
    assert bar.last_sync.geometry().right() <= 1280
