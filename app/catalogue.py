"""Markers for the sentences ``app/`` keeps as data for ``ui/`` to translate.

``app/`` never makes a sentence for a person: it returns typed codes, and a few
modules keep the English template of each code as plain data (the scan messages,
the print errors, the command titles). ``QT_TRANSLATE_NOOP(context, text)`` returns
``text`` unchanged; its only job is to let ``pyside6-lupdate`` (``make
translations``) find those templates under ``context``, where ``ui/`` looks them up
with ``QCoreApplication.translate``. No Qt is imported here.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """``text``, marked for translation under ``context``."""
    del context
    return text
