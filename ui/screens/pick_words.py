"""What the pick screen says about getting work: the codes of ``app.picking`` worded.

Lost orders, claims waiting for the order store, a count not saved and a tote scanned
onto the cart leave ``app.picking`` as codes with values; the sentences live here
(context ``PickScreen``, the screen's own, collected by ``pyside6-lupdate`` from the
literal ``translate`` calls below). The pick session's own messages are in
``ui.screens.pick_text``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from app.domain.pick import PickMessage, PickState, Prompt
from app.domain.rules import Rejection
from app.picking import (
    CartAnswer,
    CartCode,
    ClaimStatus,
    Lost,
    LostCode,
    NotSaved,
    NotSavedCode,
    WaitCode,
    WaitProblem,
    Work,
    WorkRefused,
    WorkRefusedCode,
)
from ui.reject_text import reject_words
from ui.scanner.pipeline import Tone
from ui.screens.pick_text import sentence
from ui.widgets.sync_status import sync_problem_text

CONTEXT = "PickScreen"


def lost_sentence(lost: Sequence[Lost]) -> str:
    """Why each order left the picker's run, and which totes stay empty."""
    parts = []
    for item in lost:
        code = item.code
        if code is LostCode.CLAIMED_ELSEWHERE:
            text = QCoreApplication.translate(
                "PickScreen", "Order {order} was just taken by another station."
            )
        elif code is LostCode.CANCELLED:
            text = QCoreApplication.translate(
                "PickScreen", "Order {order} was cancelled before your claim arrived."
            )
        elif code is LostCode.ON_HOLD:
            text = QCoreApplication.translate(
                "PickScreen", "Order {order} was put on hold before your claim arrived."
            )
        elif code is LostCode.TAKEN_BACK and item.station:
            text = QCoreApplication.translate(
                "PickScreen", "Order {order} is being picked at station {station} now."
            )
        elif code is LostCode.TAKEN_BACK and item.status:
            text = QCoreApplication.translate(
                "PickScreen", "Order {order} left your pick: it is {status} now."
            )
        elif code is LostCode.TAKEN_BACK:
            text = QCoreApplication.translate(
                "PickScreen", "Order {order} is no longer on this station."
            )
        else:  # the store refused the claim for a reason of its own: say which
            text = QCoreApplication.translate(
                "PickScreen", "Order {order} could not be claimed ({reason})."
            )
        status = item.status.value if item.status is not None else ""
        parts.append(
            text.format(
                order=item.order_number,
                station=item.station,
                status=status,
                reason=reject_words(item.refusal),
            )
        )
        if item.tote:
            parts.append(
                QCoreApplication.translate("PickScreen", "Tote {tote} stays empty.").format(
                    tote=item.tote
                )
            )
    return " ".join(parts)


def wait_problem(problem: WaitProblem | None) -> str:
    """Why the order store has not confirmed the claims, as a clause."""
    if problem is None or problem.code is WaitCode.UNCONFIRMED:
        return QCoreApplication.translate("PickScreen", "no answer")
    if problem.code is WaitCode.NOT_CONNECTED:
        return QCoreApplication.translate(
            "PickScreen", "this station is not connected to an order store"
        )
    if problem.code is WaitCode.NO_ANSWER:
        return QCoreApplication.translate("PickScreen", "the order store did not answer in time")
    # SYNC_FAILED: why, in the status bar's words.
    if problem.sync is not None:
        return sync_problem_text(problem.sync)
    return QCoreApplication.translate("PickScreen", "no answer")


def not_saved_reason(error: NotSaved) -> str:
    """Why a count was not saved, as a clause (the rules' code, worded)."""
    if error.code is NotSavedCode.REFUSED and error.rejection is not None:
        return reject_words(error.rejection.code)
    return QCoreApplication.translate("PickScreen", "the station database could not save it")


def cart_sentence(answer: CartAnswer) -> str:
    """The answer to a tote scanned onto the cart."""
    code, tote = answer.code, answer.tote
    if code is CartCode.RETIRED:
        return QCoreApplication.translate(
            "PickScreen", "Tote {tote} is retired: take another."
        ).format(tote=tote)
    if code is CartCode.ON_CART:
        return QCoreApplication.translate(
            "PickScreen", "Tote {tote} is already on the cart."
        ).format(tote=tote)
    if code is CartCode.FULL:
        return QCoreApplication.translate(
            "PickScreen", "The cart is full ({n} totes): tap Start."
        ).format(n=answer.capacity)
    if code is CartCode.IN_USE:
        return QCoreApplication.translate(
            "PickScreen",
            "Tote {tote} still holds order {order}, which is being picked: take an empty tote.",
        ).format(tote=tote, order=answer.order)
    return QCoreApplication.translate(
        "PickScreen", "Tote {tote} is on the cart ({n} of {max})."
    ).format(tote=tote, n=answer.count, max=answer.capacity)


def work_sentences(work: Work, prompt: Prompt | None) -> tuple[str, Tone, str, str]:
    """What getting work came to: the message's level, the tone, the message and the
    sentence said (``prompt``: the session's first, when READY)."""
    lost = lost_sentence(work.lost)
    if work.status is ClaimStatus.READY and prompt is not None:
        first = first_sentence(prompt)
        if work.resumed:
            first = (
                QCoreApplication.translate("PickScreen", "Your pick goes on where you left it.")
                + " "
                + first
            )
        text = _join(lost, first)
        return ("warning" if lost else "info"), Tone.GOOD, text, text
    if work.status is ClaimStatus.WAITING:
        text = QCoreApplication.translate(
            "PickScreen",
            "The order store has not confirmed order {orders} yet ({problem}). Picking "
            "starts as soon as it does; this screen checks again by itself.",
        ).format(orders=", ".join(work.waiting), problem=wait_problem(work.problem))
        return "warning", Tone.WRONG, _join(lost, text), text
    text = _join(
        lost,
        QCoreApplication.translate(
            "PickScreen", "No orders are waiting to be picked. Check again in a moment."
        ),
    )
    return "info", Tone.DONE, text, text


def first_sentence(prompt: Prompt) -> str:
    """Where a pick starts (or goes on)."""
    if prompt.state is PickState.GO_TO_BIN:
        return QCoreApplication.translate("PickScreen", "Go to bin {bin}.").format(
            bin=prompt.bin or ""
        )
    if prompt.state is PickState.PICK_ITEM:
        return QCoreApplication.translate("PickScreen", "Bin {bin}: scan the item.").format(
            bin=prompt.bin or ""
        )
    if prompt.state is PickState.PUT_IN_TOTE:
        return QCoreApplication.translate("PickScreen", "Scan tote {tote}.").format(
            tote=prompt.tote or ""
        )
    if prompt.state is PickState.CANCELLED:
        args = {"order": prompt.order_number or "", "tote": prompt.tote or ""}
        return sentence(PickMessage.CONFIRM_STOPPED_ORDER, args)
    return QCoreApplication.translate("PickScreen", "Everything is picked: tap Next order.")


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def work_failed_reason(error: BaseException) -> str:
    """Why getting work failed, as a clause: the cart's or the rules' code worded; for
    anything else the station database's failure (the error itself goes to the log)."""
    if isinstance(error, WorkRefused):
        if error.code is WorkRefusedCode.TOTE_IN_USE:
            return QCoreApplication.translate(
                "PickScreen", "tote {tote} still holds order {order}"
            ).format(tote=error.tote, order=error.order)
        return QCoreApplication.translate("PickScreen", "the same tote is on the cart twice")
    if isinstance(error, Rejection):
        return reject_words(error.code)
    return QCoreApplication.translate("PickScreen", "the station database could not answer")
