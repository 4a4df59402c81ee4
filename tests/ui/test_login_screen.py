"""Badge login against a real station store."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.model import User
from tests.ui.conftest import user
from ui.screens.login import LoginScreen
from ui.tasks import TaskRunner

FindUser = Callable[[str], User | None]


@pytest.fixture
def login(qtbot: QtBot, find_user: FindUser, tasks: TaskRunner) -> LoginScreen:
    screen = LoginScreen(find_user, tasks)
    qtbot.addWidget(screen)
    screen.resize(1280, 720)
    screen.show()
    return screen


def scan(qtbot: QtBot, screen: LoginScreen, badge: str) -> None:
    """What a keyboard-wedge scanner does: type the code, then Enter."""
    qtbot.keyClicks(screen.badge_input, badge)
    qtbot.keyClick(screen.badge_input, Qt.Key.Key_Return)


def test_known_badge_logs_in(qtbot: QtBot, login: LoginScreen) -> None:
    with qtbot.waitSignal(login.loggedIn, timeout=5000) as blocker:
        scan(qtbot, login, "B-3001")
    assert blocker.args == [user("sam")]
    assert login.badge_input.text() == ""
    assert login.message.isHidden()


def test_typed_badge_and_log_in_button(qtbot: QtBot, login: LoginScreen) -> None:
    qtbot.keyClicks(login.badge_input, "  B-1001 ")
    with qtbot.waitSignal(login.loggedIn, timeout=5000) as blocker:
        qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].username == "ana"


def test_unknown_badge_says_so_and_selects_the_code(qtbot: QtBot, login: LoginScreen) -> None:
    logged_in: list[User] = []
    login.loggedIn.connect(logged_in.append)
    scan(qtbot, login, "B-4040")
    qtbot.waitUntil(lambda: login.message.isVisible(), timeout=5000)
    assert login.message.text() == (
        "Badge B-4040 is not known at this station. Check the badge or ask a supervisor."
    )
    assert login.message.level == "error"
    assert login.badge_input.selectedText() == "B-4040"  # the next scan replaces it
    assert logged_in == []
    # The next scan replaces the wrong code and logs in.
    with qtbot.waitSignal(login.loggedIn, timeout=5000):
        scan(qtbot, login, "B-2001")
    assert login.message.isHidden()


def test_switched_off_account_cannot_log_in(qtbot: QtBot, login: LoginScreen) -> None:
    logged_in: list[User] = []
    login.loggedIn.connect(logged_in.append)
    scan(qtbot, login, "B-1002")
    qtbot.waitUntil(lambda: login.message.isVisible(), timeout=5000)
    assert login.message.text() == (
        "Badge B-1002 belongs to an account that is switched off. Ask a supervisor."
    )
    assert login.message.level == "error"
    assert logged_in == []


def test_empty_submit_asks_for_a_badge(qtbot: QtBot, login: LoginScreen) -> None:
    qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    assert login.message.text() == "Scan or type your badge first."
    assert login.message.level == "warning"


def test_a_broken_lookup_is_not_an_unknown_badge(qtbot: QtBot, tasks: TaskRunner) -> None:
    def broken(_badge: str) -> User | None:
        raise OSError("disk I/O error")

    screen = LoginScreen(broken, tasks)
    qtbot.addWidget(screen)
    screen.submit("B-1001")
    qtbot.waitUntil(lambda: not screen.message.isHidden(), timeout=5000)
    assert screen.message.text() == (
        "Could not check badge B-1001: disk I/O error. Try again or ask a supervisor."
    )


def test_newest_scan_wins(qtbot: QtBot, login: LoginScreen) -> None:
    with qtbot.waitSignal(login.loggedIn, timeout=5000) as blocker:
        login.submit("B-4040")  # unknown; its answer arrives after the next scan
        login.submit("B-9001")
    # The database lane is FIFO: the stale answer came first and was ignored.
    assert blocker.args[0].username == "ada"
    assert login.message.isHidden()


def test_reset_clears_the_field_and_shows_why(qtbot: QtBot, login: LoginScreen) -> None:
    qtbot.keyClicks(login.badge_input, "B-1")
    login.reset("You were logged out.", "info")
    assert login.badge_input.text() == ""
    assert login.message.text() == "You were logged out."
    assert login.focusWidget() is login.badge_input  # ready for the scanner
