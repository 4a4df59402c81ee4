"""The manual-entry box: a typed code is a scan like any other."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.domain.scan import RawScan, ScanSource
from ui.widgets.manual_entry import ManualEntry


def test_a_typed_code_is_submitted_as_a_typed_scan(qtbot: QtBot) -> None:
    entry = ManualEntry()
    qtbot.addWidget(entry)
    assert entry.field.placeholderText() == "Type the code from a damaged label"
    assert entry.field.accessibleName() == "Type the code from a damaged label"
    entry.field.setText("  SKU-10001 ")
    with qtbot.waitSignal(entry.submitted) as blocker:
        entry.button.click()
    assert blocker.args == [RawScan("SKU-10001", source=ScanSource.TYPED)]
    assert entry.field.text() == ""


def test_enter_submits_and_an_empty_box_submits_nothing(qtbot: QtBot) -> None:
    entry = ManualEntry()
    qtbot.addWidget(entry)
    sent: list[RawScan] = []
    entry.submitted.connect(sent.append)
    entry.field.setText("   ")
    entry.field.returnPressed.emit()
    assert sent == []
    entry.field.setText("T-0001")
    entry.field.returnPressed.emit()
    assert [s.text for s in sent] == ["T-0001"]
