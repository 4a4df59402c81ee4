"""Fixtures of the scanner tests: a real store with a demo-like floor, the kiosk's
scanner hub, and a main window wired to it as ``ui.kiosk.Kiosk`` wires them."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from app.config import Settings
from app.domain.model import User
from app.store import LocalStore
from tests.app.barcodes.test_resolve import build_floor
from tests.ui.conftest import USERS
from ui.main_window import MainWindow
from ui.scanner.hub import ScannerHub
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner


@pytest.fixture
def floor(store: LocalStore) -> LocalStore:
    """The UI tests' store with the demo users, plus products, bins, totes and orders in
    the demo's code formats (``tests.app.barcodes.test_resolve.build_floor``)."""
    build_floor(store)
    with store.unit_of_work() as uow:
        for user in USERS:  # build_floor has its own Ana; the UI tests' users win
            uow.users.save(user)
        uow.commit()
    return store


class WriteGuard:
    """Records every SQL statement on the store, and digests its file's content."""

    def __init__(self, store: LocalStore, path: Path) -> None:
        self.store = store
        self.path = path
        self.statements: list[str] = []
        self.before = self.content()
        event.listen(store.engine, "before_cursor_execute", self._record)

    def _record(self, conn: object, cursor: object, statement: str, *args: object) -> None:
        self.statements.append(statement)

    def content(self) -> str:
        conn = sqlite3.connect(self.path)
        try:
            return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
        finally:
            conn.close()

    def verbs(self) -> set[str]:
        return {s.split(None, 1)[0].upper() for s in self.statements}

    def assert_nothing_written(self) -> None:
        assert self.verbs() <= {"SELECT", "BEGIN", "PRAGMA"}, self.verbs()
        assert self.content() == self.before

    def close(self) -> None:
        event.remove(self.store.engine, "before_cursor_execute", self._record)


@pytest.fixture
def write_guard(floor: LocalStore, tmp_path: Path) -> Iterator[WriteGuard]:
    guard = WriteGuard(floor, tmp_path / "s.sqlite3")
    yield guard
    guard.close()


@pytest.fixture
def settings() -> Settings:
    return Settings(station="pack-03")


@pytest.fixture
def make_hub(floor: LocalStore, tasks: TaskRunner) -> Iterator[Callable[..., ScannerHub]]:
    hubs: list[ScannerHub] = []

    def make(settings: Settings | None = None, **kwargs: object) -> ScannerHub:
        hub = ScannerHub(settings or Settings(station="pack-03"), floor, tasks, **kwargs)  # type: ignore[arg-type]
        hubs.append(hub)
        return hub

    yield make
    for hub in hubs:
        hub.close()


@pytest.fixture
def hub(make_hub: Callable[..., ScannerHub], settings: Settings) -> ScannerHub:
    hub = make_hub(settings)
    hub.start()
    return hub


@pytest.fixture
def window(
    qtbot: QtBot,
    hub: ScannerHub,
    settings: Settings,
    find_user: Callable[[str], User | None],
    tasks: TaskRunner,
    bridge: SyncBridge,
) -> MainWindow:
    """The kiosk window with the hub's pipeline and camera, shown, at the login screen."""
    window = MainWindow(
        settings=settings,
        find_user=find_user,
        save_settings=lambda _s: None,
        rejected_events=list,
        bridge=bridge,
        tasks=tasks,
        pipeline=hub.pipeline,
        camera=hub.camera,
    )
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.login_screen.badge_input.hasFocus())
    return window
