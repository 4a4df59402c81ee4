"""Translations: Qt's own catalogue and scanpack's, for the station's language.

Every ``ui/`` string goes through ``self.tr()`` (or ``QCoreApplication.translate``);
``make translations`` (``pyside6-lupdate``) collects them into
``resources/translations/scanpack_<lang>.ts``; ``pyside6-lrelease`` turns those into
the ``.qm`` files loaded here. English needs no catalogue.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ui.resources import resource_path


def install_translators(app: QApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load Qt's and scanpack's catalogues for ``locale`` (default: the system's).

    Returns:
        The translators installed (keep them alive as long as the application).
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
