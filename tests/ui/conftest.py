"""Fixtures of the UI tests: the theme, leak guards, a real station store, a task runner."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication

from app.domain.model import Role, User
from app.store import LocalStore, open_store
from tests.ui.leaks import LeakTracker
from tests.ui.serial_pty import Pty
from ui import qtcompat
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner
from ui.theme import apply_theme
from ui.widgets import taps

if TYPE_CHECKING:
    from ui.kiosk import Kiosk

USERS = (
    User("ana", "Ana", "B-1001", frozenset({Role.PICKER})),
    User("ben", "Ben", "B-1002", frozenset({Role.PICKER}), active=False),
    User("dan", "Dan", "B-2001", frozenset({Role.PACKER})),
    User("finn", "Finn", "B-2003", frozenset({Role.PICKER, Role.PACKER})),
    User("sam", "Sam", "B-3001", frozenset({Role.SUPERVISOR, Role.PICKER, Role.PACKER})),
    User("ada", "Ada", "B-9001", frozenset({Role.ADMIN})),
)


HERE = Path(__file__).parent

# WORKAROUND: Qt's offscreen platform (QT_QPA_PLATFORM=offscreen, set in tests/conftest.py)
# has no window manager: QPlatformWindow::propagateSizeHints and ::raise are not
# implemented and warn each time a window with a minimum size is shown, or raised (the
# crash screen). Only these exact messages are ignored, only in tests/ui.
OFFSCREEN_NOISE = r"^This plugin does not support (propagateSizeHints|raise)\(\)$"

# WORKAROUND for QtMultimedia on a machine without a sound server (CI, containers):
# the first look at the audio devices (ui.feedback.Sounds checks for an output before
# loading any sound) makes Qt's PulseAudio backend try to connect and warn once per
# process. There is no output either way and the kiosk then stays silent on purpose;
# only this exact message is ignored, only in tests/ui.
NO_SOUND_SERVER = r"^PulseAudioService: pa_context_connect\(\) failed$"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, NO_SOUND_SERVER))


@pytest.fixture(scope="session", autouse=True)
def _themed(qapp: QApplication) -> None:
    """The binding's work-arounds, as at start; and every UI test runs with the real
    style sheets (a broken sheet warns, and fails)."""
    qtcompat.install()
    apply_theme(qapp)


@pytest.fixture(autouse=True)
def _leak_guard(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a visible window, a thread, a timer or a runner behind.

    pytest-qt closes the widgets given to ``qtbot.addWidget`` in its teardown hook,
    which runs before fixtures are torn down, so they are gone when this checks.
    """
    tracker = LeakTracker()
    tracker.patch(monkeypatch)
    yield
    leaks = tracker.leaks(qapp)
    if leaks:
        pytest.fail("the test leaked:\n" + "\n".join(leaks), pytrace=False)


@pytest.fixture(autouse=True)
def _taps_far_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """Taps in tests come one after another within microseconds; a person's taps are
    seconds apart. The tap guards' clock steps ten seconds at every look, so that only
    the tests of double taps (``real_tap_clock``) see taps close together."""
    ticks = itertools.count(start=1_000_000, step=10)
    monkeypatch.setattr(taps, "monotonic", lambda: float(next(ticks)))


@pytest.fixture
def real_tap_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tap guards on the real clock: two clicks in a row are a double tap."""
    monkeypatch.setattr(taps, "monotonic", time.monotonic)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    """A real station store with the demo users (Ben's account is switched off)."""
    with open_store(tmp_path / "s.sqlite3") as opened:
        with opened.unit_of_work() as uow:
            for user in USERS:
                uow.users.save(user)
            uow.commit()
        yield opened


@pytest.fixture
def find_user(store: LocalStore) -> Callable[[str], User | None]:
    """Badge lookup through the store, as the composition root wires it."""

    def find(badge: str) -> User | None:
        with store.unit_of_work(readonly=True) as uow:
            return uow.users.by_badge(badge)

    return find


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def bridge(qapp: QApplication) -> SyncBridge:
    return SyncBridge()


def user(username: str) -> User:
    """One of :data:`USERS`."""
    return next(u for u in USERS if u.username == username)


@pytest.fixture
def pty() -> Iterator[Pty]:
    """A real pseudo-terminal pair: a serial device's end for the test to write to, and
    a port path for QtSerialPort to open."""
    pair = Pty.open()
    yield pair
    pair.close()


@contextmanager
def demo_kiosk(folder: Path, **settings: object) -> Iterator[Kiosk]:
    """The kiosk as ``scanpack --demo`` wires it, on its embedded demo store, with
    ``settings`` changed from the defaults (it syncs every 0.5 s); closed after."""
    from app import bootstrap
    from app.config import Settings
    from ui.kiosk import Kiosk

    demo = bootstrap.start_demo_store(folder / "demo-store")
    base = Settings(**{"sync_interval_s": 0.5, **settings})  # type: ignore[arg-type]
    kiosk = Kiosk(
        bootstrap.demo_settings(demo, base), folder / "profile", folder / "station.toml", demo.stop
    )
    try:
        yield kiosk
    finally:
        kiosk.close()
