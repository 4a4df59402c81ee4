"""Translations: the kiosk speaks the station's language, or the logged-in person's.

Every ``ui/`` string goes through ``self.tr()`` (or ``QCoreApplication.translate``),
and the templates ``app/`` keeps as data are marked with
``app.catalogue.QT_TRANSLATE_NOOP``; ``make translations`` (``pyside6-lupdate``)
collects them into ``resources/translations/scanpack_<lang>.ts`` and
``pyside6-lrelease`` compiles those into the ``.qm`` files loaded here. English is the
source language and needs no catalogue.

Live switching, one mechanism: ``Translations.switch(language)`` removes the
translators in force and installs the new language's (Qt's own ``qtbase`` catalogue
and scanpack's), and makes it the default ``QLocale`` (numbers, dates, countdowns).
Qt then sends ``QEvent.LanguageChange`` to every widget. A widget that says anything
builds its texts in a ``retranslate()`` method, calls it once when built, and calls
``follow_language(self)``: from then on ``retranslate()`` runs on every language
change. A screen that only adds a ``retranslate()`` method is followed by the main
window (``MainWindow`` calls ``follow_language`` for each screen that has one).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import QApplication, QWidget

from ui.resources import resource_path

ENGLISH = "en"
"""The source language: no catalogue."""

LANGUAGE_NAMES = {"en": "English", "es": "Español"}
"""Each language in its own words (a person looking for theirs reads it so)."""

_CATALOGUE = re.compile(r"scanpack_([A-Za-z]{2,3}(?:_[A-Za-z]{2})?)\.qm")


def available_languages() -> list[str]:
    """English and every language with a compiled catalogue, English first."""
    folder = resource_path("translations")
    found = set()
    if folder.is_dir():
        for path in folder.iterdir():
            match = _CATALOGUE.fullmatch(path.name)
            if match:
                found.add(match.group(1))
    return [ENGLISH, *sorted(found - {ENGLISH})]


def language_name(code: str) -> str:
    """``code`` in its own language (``Español``), or the code when unknown."""
    return LANGUAGE_NAMES.get(code, code)


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load Qt's and scanpack's catalogues for ``locale`` (default: the system's).

    Returns:
        The translators installed (keep them alive as long as they are installed).
    """
    locale = locale or QLocale.system()
    installed: list[QTranslator] = []
    sources = (
        ("qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("scanpack", "_", str(resource_path("translations"))),
    )
    for name, prefix, folder in sources:
        translator = QTranslator(app)
        if translator.load(locale, name, prefix, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            translator.deleteLater()
    return installed


class Translations(QObject):
    """The application's language, switched live.

    Signals:
        languageChanged(str): the language now in force (``"en"``, ``"es"``...).
    """

    languageChanged = Signal(str)

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._language = ENGLISH
        self._installed: list[QTranslator] = []

    @property
    def language(self) -> str:
        """The language in force."""
        return self._language

    def switch(self, language: str) -> str:
        """Speak ``language`` from now on (``""`` or one without a catalogue: English).

        Every widget that follows the language has retranslated itself when this
        returns.

        Returns:
            The language now in force.
        """
        wanted = language if language in available_languages() else ENGLISH
        if wanted == self._language:
            return wanted
        for translator in self._installed:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._installed = []
        locale = QLocale(wanted)
        if wanted != ENGLISH:
            self._installed = install_translators(self._app, locale)
        QLocale.setDefault(locale)
        self._language = wanted
        # Removing the last translator (back to English) sends no LanguageChange of its
        # own; and Qt posts some of them: deliver them all now.
        QCoreApplication.sendEvent(self._app, QEvent(QEvent.Type.LanguageChange))
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.languageChanged.emit(wanted)
        return wanted

    def close(self) -> None:
        """Back to English, translators removed (at shutdown, and after tests)."""
        self.switch(ENGLISH)


class _LanguageFollower(QObject):
    """Calls back when its widget gets ``QEvent.LanguageChange``."""

    def __init__(self, widget: QWidget, retranslate: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._retranslate = retranslate

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange and watched is self._widget:
            self._retranslate()
        return False


def follow_language(widget: QWidget, retranslate: Callable[[], None] | None = None) -> None:
    """Run ``retranslate`` (default: ``widget.retranslate``) at every language change.

    Raises:
        AttributeError: no ``retranslate`` given and the widget has none.
    """
    callback = retranslate if retranslate is not None else widget.retranslate  # type: ignore[attr-defined]
    if widget.property("followsLanguage"):
        return  # already followed: once is enough
    widget.setProperty("followsLanguage", True)
    widget.installEventFilter(_LanguageFollower(widget, callback))
