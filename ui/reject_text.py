"""What the rules' refusal codes say to a person.

The station's rules and the order store refuse an event with a ``RejectCode`` and a
reason; the reason is the writer's account, for the log, and the code is what a person
is told, in their language (context ``RejectCodes``, collected by ``pyside6-lupdate``
from the literal ``translate`` calls below).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.rules import RejectCode


def reject_words(code: RejectCode | None) -> str:
    """Why it was refused, as a clause (``None``: a code this station does not know)."""
    if code is None:
        return QCoreApplication.translate("RejectCodes", "the order store refused it")
    return {
        RejectCode.UNKNOWN_ORDER: QCoreApplication.translate(
            "RejectCodes", "the order is not known"
        ),
        RejectCode.UNKNOWN_USER: QCoreApplication.translate(
            "RejectCodes", "the user is not known or not active"
        ),
        RejectCode.UNKNOWN_LINE: QCoreApplication.translate(
            "RejectCodes", "the order has no such line"
        ),
        RejectCode.NOT_ALLOWED: QCoreApplication.translate(
            "RejectCodes", "the user's role may not do this"
        ),
        RejectCode.CANCELLED: QCoreApplication.translate("RejectCodes", "the order is cancelled"),
        RejectCode.ON_HOLD: QCoreApplication.translate("RejectCodes", "the order is on hold"),
        RejectCode.WRONG_STATUS: QCoreApplication.translate(
            "RejectCodes", "the order has moved on to another step"
        ),
        RejectCode.CLAIMED_ELSEWHERE: QCoreApplication.translate(
            "RejectCodes", "another station has the order"
        ),
        RejectCode.OVER_PICK: QCoreApplication.translate(
            "RejectCodes", "more than the line still needs"
        ),
        RejectCode.OVER_SHORT: QCoreApplication.translate(
            "RejectCodes", "more short than the line still needs"
        ),
        RejectCode.OVER_UNPICK: QCoreApplication.translate(
            "RejectCodes", "more taken back than was picked"
        ),
        RejectCode.OVER_UNSHORT: QCoreApplication.translate(
            "RejectCodes", "more short taken back than was short"
        ),
        RejectCode.OVER_PACK: QCoreApplication.translate(
            "RejectCodes", "more packed than was picked"
        ),
        RejectCode.OVER_UNPACK: QCoreApplication.translate(
            "RejectCodes", "more taken out than the package holds"
        ),
        RejectCode.EMPTY_PACKAGE: QCoreApplication.translate("RejectCodes", "the package is empty"),
        RejectCode.PACKAGE_OUT_OF_ORDER: QCoreApplication.translate(
            "RejectCodes", "the packages are out of order"
        ),
        RejectCode.BAD_SSCC: QCoreApplication.translate("RejectCodes", "the SSCC is not valid"),
        RejectCode.INCOMPLETE: QCoreApplication.translate(
            "RejectCodes", "the order is not complete"
        ),
        RejectCode.SUPERVISOR_PROOF: QCoreApplication.translate(
            "RejectCodes", "a supervisor's PIN was missing or wrong"
        ),
        RejectCode.SUPERVISOR_LOCKED: QCoreApplication.translate(
            "RejectCodes", "the supervisor is locked out after wrong PINs"
        ),
        RejectCode.ASSIGNED_ELSEWHERE: QCoreApplication.translate(
            "RejectCodes", "the order is kept for another picker"
        ),
        RejectCode.UNKNOWN_PICKER: QCoreApplication.translate(
            "RejectCodes", "the picker is not known"
        ),
        RejectCode.CLAIM_CHANGED: QCoreApplication.translate(
            "RejectCodes", "the claim changed meanwhile"
        ),
        RejectCode.NO_LABELS: QCoreApplication.translate(
            "RejectCodes", "the order has no labels to print again"
        ),
    }[code]
