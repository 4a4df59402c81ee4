"""The settings form: built from the registry, validated, saved through a callable."""

from __future__ import annotations

import dataclasses
import errno

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from app.config import HardwareAction, Settings
from tests.ui.conftest import user
from ui.screens.settings import SettingsScreen
from ui.tasks import TaskRunner
from ui.widgets.key_capture import KeyCapture

GOOD = Settings(server_url="https://orders.example:8765", station="pack-03", token="s3cret")


class FakeSave:
    """Records what would be written; fails with ``error`` when given one."""

    def __init__(self, error: OSError | None = None) -> None:
        self.saved: list[Settings] = []
        self.error = error

    def __call__(self, settings: Settings) -> None:
        if self.error is not None:
            raise self.error
        self.saved.append(settings)


@pytest.fixture
def save() -> FakeSave:
    return FakeSave()


@pytest.fixture
def screen(qtbot: QtBot, save: FakeSave, tasks: TaskRunner) -> SettingsScreen:
    """The form as an admin sees it (every field)."""
    widget = SettingsScreen(GOOD, save, tasks)
    qtbot.addWidget(widget)
    widget.set_user(user("ada"))
    widget.resize(1280, 720)
    widget.show()
    return widget


def set_text(qtbot: QtBot, editor: object, text: str) -> None:
    assert isinstance(editor, QLineEdit)
    editor.clear()
    if text:
        qtbot.keyClicks(editor, text)


def test_one_editor_per_setting_with_its_title_and_range(screen: SettingsScreen) -> None:
    for field in dataclasses.fields(Settings):
        editor = screen.editors[field.name]
        assert screen.labels[field.name].text() == field.metadata["title"]
        if field.name == "language":
            assert isinstance(editor, QComboBox)  # the languages with a catalogue
            assert editor.itemData(0) == "en"
        elif isinstance(field.default, str):
            assert isinstance(editor, QLineEdit)
        elif isinstance(field.default, float):
            assert isinstance(editor, QDoubleSpinBox)
        else:
            assert isinstance(editor, QSpinBox)
        if "low" in field.metadata:
            assert isinstance(editor, QSpinBox | QDoubleSpinBox)
            assert editor.minimum() == field.metadata["low"]
            assert editor.maximum() == field.metadata["high"]
    assert screen.values() == GOOD


def test_token_is_hidden_until_shown(qtbot: QtBot, screen: SettingsScreen) -> None:
    token = screen.editors["token"]
    assert isinstance(token, QLineEdit)
    assert token.echoMode() is QLineEdit.EchoMode.Password
    show = screen.findChild(object, "show_token")
    assert show.isVisible()
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    assert token.echoMode() is QLineEdit.EchoMode.Normal
    assert show.text() == "Hide"
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    assert token.echoMode() is QLineEdit.EchoMode.Password


def test_a_bad_url_is_explained_and_nothing_is_saved(
    qtbot: QtBot, screen: SettingsScreen, save: FakeSave, tasks: TaskRunner
) -> None:
    saved: list[Settings] = []
    screen.saved.connect(saved.append)
    set_text(qtbot, screen.editors["server_url"], "orders.example")
    set_text(qtbot, screen.editors["station"], "")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.message.level == "error"
    assert screen.message.text().startswith("Not saved. Please fix:\n")
    assert screen.problem_texts() == [
        "Order store URL must look like https://host:port (http or https).",
        "Station name is needed to talk to the order store.",
    ]
    assert screen.editors["server_url"].property("invalid") is True
    assert screen.editors["station"].property("invalid") is True
    assert screen.editors["token"].property("invalid") is False
    assert tasks.pending() == 0  # no save was even submitted
    assert save.saved == []
    assert saved == []


def test_good_values_are_saved(qtbot: QtBot, screen: SettingsScreen, save: FakeSave) -> None:
    set_text(qtbot, screen.editors["station"], "pack-04")
    idle = screen.editors["idle_logout_s"]
    assert isinstance(idle, QSpinBox)
    idle.setValue(120)
    with qtbot.waitSignal(screen.saved, timeout=5000) as blocker:
        qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    expected = dataclasses.replace(GOOD, station="pack-04", idle_logout_s=120)
    assert blocker.args == [expected]
    assert save.saved == [expected]
    assert screen.problem_texts() == []
    assert screen.message.text() == "Settings saved."


def test_problems_go_away_once_fixed(qtbot: QtBot, screen: SettingsScreen) -> None:
    set_text(qtbot, screen.editors["token"], "has space")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.problem_texts() == ["Station token cannot contain spaces."]
    set_text(qtbot, screen.editors["token"], "nospace")
    with qtbot.waitSignal(screen.saved, timeout=5000):
        qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.problem_texts() == []
    assert screen.message.level == "ok"
    assert screen.editors["token"].property("invalid") is False


def test_a_failed_write_is_shown_and_the_form_kept(qtbot: QtBot, tasks: TaskRunner) -> None:
    save = FakeSave(OSError(errno.ENOSPC, "No space left on device"))
    screen = SettingsScreen(GOOD, save, tasks)
    qtbot.addWidget(screen)
    saved: list[Settings] = []
    screen.saved.connect(saved.append)
    set_text(qtbot, screen.editors["station"], "pack-09")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert not screen.save_button.isEnabled()  # saving
    qtbot.waitUntil(lambda: screen.message.level == "error", timeout=5000)
    assert screen.message.text() == "Could not save settings: No space left on device"
    assert screen.values().station == "pack-09"
    assert screen.save_button.isEnabled()
    assert saved == []


def test_cancel_drops_the_edits(qtbot: QtBot, screen: SettingsScreen) -> None:
    set_text(qtbot, screen.editors["station"], "typo")
    with qtbot.waitSignal(screen.cancelled, timeout=1000):
        qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    assert screen.values() == GOOD


def test_every_title_is_in_the_translation_catalogue() -> None:
    from ui.screens.settings import FIELD_TITLES

    assert set(Settings.titles().values()) == set(FIELD_TITLES)


def test_a_broken_pattern_is_explained_in_plain_words(
    qtbot: QtBot, screen: SettingsScreen, save: FakeSave
) -> None:
    set_text(qtbot, screen.editors["bin_pattern"], r"[A-Z]-(\d{2}")
    set_text(qtbot, screen.editors["tote_pattern"], r"T-\q\d+")
    set_text(qtbot, screen.editors["badge_pattern"], r"*B-\d{4}")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.problem_texts() == [
        "Codes: bin pattern is not a valid pattern (a bracket or parenthesis is not closed).",
        "Codes: tote pattern is not a valid pattern (a backslash is followed by a letter "
        "that means nothing).",
        "Codes: badge pattern is not a valid pattern (a *, + or ? has nothing before it to "
        "repeat).",
    ]
    assert screen.editors["bin_pattern"].property("invalid") is True
    assert screen.editors["order_pattern"].property("invalid") is False
    assert save.saved == []


def test_a_supervisor_sees_neither_the_patterns_nor_the_token(
    qtbot: QtBot, screen: SettingsScreen, save: FakeSave
) -> None:
    screen.set_user(user("sam"))
    hidden = ("token", "bin_pattern", "tote_pattern", "order_pattern", "badge_pattern")
    for name in hidden:
        assert not screen.labels[name].isVisible(), name
        assert not screen.editors[name].isVisible(), name
    assert not screen.findChild(QPushButton, "show_token").isVisible()
    # Not in a hidden editor either: nothing on the screen holds them.
    texts = {edit.text() for edit in screen.findChildren(QLineEdit)}
    assert GOOD.token not in texts
    assert GOOD.bin_pattern not in texts
    set_text(qtbot, screen.editors["station"], "pack-05")
    with qtbot.waitSignal(screen.saved, timeout=5000):
        qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert save.saved == [dataclasses.replace(GOOD, station="pack-05")]  # kept as they were
    screen.set_user(user("ada"))
    assert screen.editors["token"].isVisible()
    assert screen.editors["token"].text() == GOOD.token


def test_an_action_s_key_is_set_by_pressing_it(
    screen: SettingsScreen, qtbot: QtBot, save: FakeSave
) -> None:
    editor = screen.editors["key_short"]
    assert isinstance(editor, KeyCapture)
    qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)  # a tap, then the key
    qtbot.keyClick(editor, Qt.Key.Key_F5)
    assert editor.text() == "F5"
    qtbot.keyClick(editor, Qt.Key.Key_F6, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "Ctrl+F6"
    skip = screen.editors["key_skip"]
    qtbot.mouseClick(skip, Qt.MouseButton.LeftButton)
    qtbot.keyClick(skip, Qt.Key.Key_A)  # a key that types: refused on Save, with why
    assert skip.text() == "A"
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert not save.saved
    assert any(
        "Key: Skip" in text and "types a character" in text for text in screen.problem_texts()
    )
    qtbot.keyClick(skip, Qt.Key.Key_Backspace)  # no key for Skip
    assert skip.text() == ""
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(save.saved), timeout=5000)
    assert save.saved[-1].hardware_keys() == {"Ctrl+F6": HardwareAction.SHORT}
