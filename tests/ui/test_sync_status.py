"""The sync status bar: a word and a colour for the link, and what waits to be sent."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from app.sync.state import SyncState, SyncStatus
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
    assert bar.pending.text() == "All events sent"
    assert bar.rejected.isHidden()
    assert bar.last_sync.text() == "Never synced"

    bar.set_state(SyncState(status=SyncStatus.ONLINE, pending=1))
    assert bar.pending.text() == "1 event waiting to send"

    when = datetime.now(UTC)
    bar.set_state(SyncState(status=SyncStatus.ONLINE, pending=3, rejected=2, last_success=when))
    assert bar.pending.text() == "3 events waiting to send"
    assert not bar.rejected.isHidden()
    assert bar.rejected.text() == "2 refused by the store"
    assert bar.rejected.property("level") == "error"
    assert bar.last_sync.text().startswith("Last sync ")
    assert "3 events waiting to send" in bar.summary()


def test_offline_counts_the_retry_down(qtbot: QtBot, bar: SyncStatusBar) -> None:
    bar.show()
    bar.set_state(
        SyncState(status=SyncStatus.OFFLINE, retry_in_s=2, last_error="connection refused")
    )
    assert bar.detail.full_text() == "retrying in 2 s — connection refused"
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
    assert bar.pending.text() == "3 events waiting to send"
    assert bar.detail.full_text() == "retrying in 30 s"


def test_long_details_are_elided_not_widening_the_window(bar: SyncStatusBar) -> None:
    bar.show()
    bar.set_state(SyncState(status=SyncStatus.OFFLINE, retry_in_s=5, last_error="x" * 500))
    assert bar.width() == 1280
    assert bar.detail.text().endswith("…")
    assert bar.detail.toolTip().endswith("x" * 50)
