"""The refused-events panel words the store's code, not the store's English reason."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.domain.rules import RejectCode
from ui.screenshots import demo_rejected
from ui.tasks import TaskRunner
from ui.widgets.rejected_panel import RejectedPanel


@pytest.fixture
def panel(qtbot: QtBot, tasks: TaskRunner) -> RejectedPanel:
    entries = demo_rejected()
    widget = RejectedPanel(lambda: entries, tasks)
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("code", list(RejectCode))
def test_every_rejection_code_has_its_own_sentence(panel: RejectedPanel, code: RejectCode) -> None:
    unknown = panel.reason_text("no_such_code")
    text = panel.reason_text(code.value)
    assert text
    assert text != unknown


def test_the_table_shows_the_worded_code_not_the_store_reason(
    qtbot: QtBot, panel: RejectedPanel
) -> None:
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        panel.refresh()
    shown = [panel.table.item(row, 2).text() for row in range(panel.table.rowCount())]
    assert shown == [
        panel.reason_text(RejectCode.CLAIMED_ELSEWHERE),
        panel.reason_text(RejectCode.CANCELLED),
    ]
    assert not any("pick-07" in text for text in shown)  # the store's English reason
    assert "no_such_code" in panel.reason_text("no_such_code")
