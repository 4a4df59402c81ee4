"""Print failures in the reader's language.

``app.printing`` keeps a failure as a ``PrintErrorCode`` with its arguments (with the
job, in the station store); the English templates are marked for ``pyside6-lupdate``
under the context ``PrintErrors``. This words a code through Qt's translator, so a job
that failed under one person's language reads in the next person's.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.printing.errors import CONTEXT, TEMPLATES, PrintError, PrintErrorCode
from app.store.print_jobs import PrintJob


class _Blank(dict[str, Any]):
    # A stored job from before the station kept arguments has none: say the rest.
    def __missing__(self, key: str) -> str:
        return "…"


def print_error_text(code: str | None, args: Mapping[str, Any], fallback: str = "") -> str:
    """The sentence for a failure ``code`` with ``args`` (``fallback`` for a code this
    version does not know, e.g. written by a newer one)."""
    try:
        template = TEMPLATES[PrintErrorCode(code)]
    except ValueError:
        return fallback or str(code or "")
    translated = QCoreApplication.translate(CONTEXT, template)
    for text in (translated, template):
        try:
            return string.Formatter().vformat(text, (), _Blank(args))
        except (IndexError, ValueError, TypeError, AttributeError):
            continue  # a broken placeholder in a translation, or an odd stored value
    return fallback or template


def error_text(error: PrintError) -> str:
    """A failure raised now, in the reader's language."""
    return print_error_text(error.code.value, error.args_map, str(error))


def job_error_text(job: PrintJob) -> str:
    """Why ``job`` failed, in the reader's language ("" when it did not)."""
    if not job.error_code:
        return job.error or ""
    return print_error_text(job.error_code, job.error_args, job.error or "")
