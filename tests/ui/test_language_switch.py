"""The kiosk speaks the station's language, and each person's from log-in to log-out.

Live, without a restart: ``ui.i18n.Translations`` swaps the catalogues and every widget
that follows the language says its words again (``retranslate()``).
"""

# ruff: noqa: F811  (the ``floor`` fixture is imported from the pick screen's tests)
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.domain.model import Role, User
from app.domain.pack_outcome import PackState
from app.picking import PickAction
from app.sync.state import SyncState, SyncStatus
from tests.ui.test_pick_screen import (  # noqa: F401  (the fixture)
    FIRST_ORDER,
    WAIT_MS,
    Floor,
    floor,
    pick_to_done,
)
from ui.i18n import Translations, available_languages, follow_language
from ui.main_window import MainWindow
from ui.screens.pack_views import PackAction
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner

SETTINGS = Settings(server_url="https://orders.example:8765", station="pack-03", token="t")
PEOPLE = {
    u.badge_code: u
    for u in (
        User("lucia", "Lucía", "B-1001", frozenset({Role.PICKER, Role.PACKER}), language="es"),
        User("kim", "Kim", "B-1002", frozenset({Role.PICKER})),  # the station's language
        User("ed", "Ed", "B-1003", frozenset({Role.PICKER}), language="en"),
        User("ana", "Ana", "B-1004", frozenset({Role.PICKER}), language="fr"),  # no catalogue
    )
}


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    found = Translations(qapp)
    yield found
    found.close()
    QLocale.setDefault(QLocale.c())


@pytest.fixture
def make_window(
    qtbot: QtBot, tasks: TaskRunner, translations: Translations
) -> Callable[[Settings], MainWindow]:
    def make(settings: Settings) -> MainWindow:
        bridge = SyncBridge(SyncState(status=SyncStatus.ONLINE))
        window = MainWindow(
            settings=settings,
            find_user=PEOPLE.get,
            save_settings=lambda _settings: None,
            rejected_events=list,
            bridge=bridge,
            tasks=tasks,
            translations=translations,
        )
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        return window

    return make


def log_in(qtbot: QtBot, window: MainWindow, badge: str) -> None:
    with qtbot.waitSignal(window.loggedIn, timeout=5000):
        window.login_screen.submit(badge)


def test_spanish_has_a_compiled_catalogue() -> None:
    assert available_languages() == ["en", "es"]


def test_a_person_s_language_holds_from_log_in_to_log_out(
    qtbot: QtBot, make_window: Callable[[Settings], MainWindow]
) -> None:
    window = make_window(SETTINGS)
    assert window.login_screen.prompt.text() == "Scan your badge"
    log_in(qtbot, window, "B-1001")
    assert window.language == "es"
    home = window.home_screen
    assert home.logout_button.text() == "Cerrar sesión"
    assert home.greeting.text() == "Hola, Lucía"
    assert home.tiles["pick"].title == "Preparar"
    assert window.status_bar.word.text() == "En línea"
    assert window.keyboard.title.text() == "Teclee el código de la etiqueta"
    assert window.windowTitle() == "scanpack — pack-03"
    assert QLocale().name().startswith("es")
    window.logout()
    assert window.language == "en"
    assert window.login_screen.prompt.text() == "Scan your badge"
    assert home.logout_button.text() == "Log out"
    assert window.status_bar.word.text() == "Online"


def test_the_station_language_is_the_default_and_a_person_may_have_another(
    qtbot: QtBot, make_window: Callable[[Settings], MainWindow]
) -> None:
    window = make_window(dataclasses.replace(SETTINGS, language="es"))
    assert window.login_screen.prompt.text() == "Escanee su tarjeta"
    log_in(qtbot, window, "B-1002")  # no language of their own
    assert window.home_screen.logout_button.text() == "Cerrar sesión"
    window.logout()
    log_in(qtbot, window, "B-1003")
    assert window.language == "en"
    assert window.home_screen.logout_button.text() == "Log out"
    window.logout()
    assert window.login_screen.prompt.text() == "Escanee su tarjeta"
    log_in(qtbot, window, "B-1004")  # a language without a catalogue: English
    assert window.language == "en"
    window.logout()


def test_a_screen_only_adds_retranslate_to_follow_the_language(
    qtbot: QtBot, translations: Translations
) -> None:
    class Screen(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.label = QLabel(self)
            self.calls = 0
            self.retranslate()

        def retranslate(self) -> None:
            self.calls += 1
            self.label.setText(self.tr("Back"))

    screen = Screen()
    qtbot.addWidget(screen)
    follow_language(screen)
    follow_language(screen)  # once is enough
    translations.switch("es")
    assert screen.calls == 2
    translations.switch("es")  # no change, no work
    assert screen.calls == 2
    translations.switch("en")
    assert screen.calls == 3
    assert screen.label.text() == "Back"


def test_the_pick_screen_says_its_step_again_in_the_new_language(floor: Floor) -> None:
    floor.start_single("B-1001")  # Ana: the station's language, English
    task = floor.pick.task_view
    floor.tap(task.buttons[PickAction.SHORT])  # a panel open through the change
    assert task.short_open
    assert task.buttons[PickAction.SHORT].text() == "Short"
    floor.kiosk.translations.switch("es")
    assert task.buttons[PickAction.SHORT].text() == "Faltante"
    assert task.buttons[PickAction.QTY].text() == "Cantidad"
    assert task.pause_button.text() == "Pausa"
    assert task.bin_caption.text() == "Ubicación"
    assert task.short_panel.cancel_button.text() == "Cancelar"
    assert task.short_panel.keypad.keys["clear"].text() == "Borrar"
    assert task.short_open, "the short panel stays open"
    assert floor.prompt().sku in task.short_panel.caption.text()
    floor.tap(task.short_panel.cancel_button)
    floor.scan("#CMD:LOGOUT")
    assert floor.window.language == "en"
    assert task.buttons[PickAction.SHORT].text() == "Short"
    assert task.bin_caption.text() == "Bin"
    start = floor.pick.start_view
    assert start.single_button.text() == "Next order"
    floor.kiosk.translations.switch("es")
    assert start.single_button.text() == "Siguiente pedido"
    assert start.title.text() == "Listo para preparar"
    floor.kiosk.translations.switch("en")


def test_a_spanish_packer_packs_in_spanish_until_log_out(floor: Floor) -> None:
    floor.start_single("B-1001")
    pick_to_done(floor)
    floor.tap(floor.pick.task_view.buttons[PickAction.HOME])
    floor.scan("#CMD:LOGOUT")
    floor.log_in("B-2002")  # Eva packs, in Spanish
    assert floor.window.language == "es"
    floor.scan("#CMD:START-PACK")
    pack = floor.window.pack_screen
    assert pack is not None
    assert floor.window.current_screen() is pack
    assert pack.start_view.type_button.text() == "Teclear código"
    floor.scan(FIRST_ORDER)
    floor.qtbot.waitUntil(lambda: pack.session is not None and not pack.busy, timeout=WAIT_MS)
    work = pack.work_view
    assert work.state is PackState.VERIFY
    assert work.buttons[PackAction.HOLD].text() == "Retener"
    assert work.buttons[PackAction.CLOSE].text() == "Cerrar bulto"
    assert work.table.horizontalHeaderItem(0).text() == "Artículo"
    floor.scan("#CMD:LOGOUT")
    assert floor.window.language == "en"
    assert work.buttons[PackAction.HOLD].text() == "Hold"
    assert work.buttons[PackAction.CLOSE].text() == "Close package"
    assert work.table.horizontalHeaderItem(0).text() == "Item"
    assert pack.start_view.type_button.text() == "Type a code"
