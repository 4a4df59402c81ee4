"""What the pack screen says: a sentence for every ``PackMessage``, step and start answer.

The pack session answers with message codes and values (``app.domain.pack_outcome``);
the sentences live here, translated through Qt (context ``PackMessages``, collected by
``pyside6-lupdate`` from the literal ``translate`` calls below). Every sentence for
something wrong says what to do next.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from app.domain.events import PackHoldReason
from app.domain.pack_outcome import PackMessage, PackState
from app.packing.service import Candidate, Startable

CONTEXT = "PackMessages"


def _templates() -> dict[PackMessage, str]:
    # Literal calls, so that lupdate finds every sentence in its context.
    return {
        PackMessage.STARTED: QCoreApplication.translate(
            "PackMessages", "Order {order}: scan each of its {units} items into the carton."
        ),
        PackMessage.RESUMED: QCoreApplication.translate(
            "PackMessages", "Order {order} goes on where it was left: {units_left} items to scan."
        ),
        PackMessage.VERIFIED: QCoreApplication.translate(
            "PackMessages", "{sku}: {qty} verified, {left} more of it. {units_left} items left."
        ),
        PackMessage.ALL_VERIFIED: QCoreApplication.translate(
            "PackMessages", "Every item of {order} is verified. Carton: {carton}. Scan CONFIRM."
        ),
        PackMessage.QTY_SET: QCoreApplication.translate(
            "PackMessages", "Quantity {qty} set: scan ONE of the {qty} identical items."
        ),
        PackMessage.QTY_CLEARED: QCoreApplication.translate(
            "PackMessages", "Quantity cleared: each scan counts one."
        ),
        PackMessage.UNDONE: QCoreApplication.translate(
            "PackMessages", "Undone: {total} of {sku} not verified. Take it out of the carton."
        ),
        PackMessage.CHOOSE_CARTON: QCoreApplication.translate(
            "PackMessages",
            "Package {package_no}: take carton {carton} and tap Confirm, or scan another carton.",
        ),
        PackMessage.CARTON_CHOSEN: QCoreApplication.translate(
            "PackMessages", "Carton {carton}: put the parcel on the scale (about {expected_g} g)."
        ),
        PackMessage.BACK_TO_VERIFY: QCoreApplication.translate(
            "PackMessages", "Back to scanning items into package {package_no}."
        ),
        PackMessage.ASK_HOLD_REASON: QCoreApplication.translate(
            "PackMessages", "Why can this order not be packed? Tap a reason, or Cancel."
        ),
        PackMessage.HELD: QCoreApplication.translate(
            "PackMessages",
            "Order {order} is on hold ({reason}). Put the tote on the exceptions shelf.",
        ),
        PackMessage.STEP_CANCELLED: QCoreApplication.translate(
            "PackMessages", "Cancelled. Carry on."
        ),
        PackMessage.PACKAGE_CLOSED: QCoreApplication.translate(
            "PackMessages", "Package {package_no} closed ({weight_g} g). Printing its labels…"
        ),
        PackMessage.OVERRIDDEN: QCoreApplication.translate(
            "PackMessages",
            "{supervisor} accepted {weight_g} g for package {package_no}. Printing its labels…",
        ),
        PackMessage.PRINT_PENDING: QCoreApplication.translate(
            "PackMessages",
            "The labels of package {package_no} did not print. Check the printer, then tap Retry.",
        ),
        PackMessage.NEXT_PACKAGE: QCoreApplication.translate(
            "PackMessages",
            "Labels printed. Package {package_no}: scan the next items ({units_left} left).",
        ),
        PackMessage.PACKED: QCoreApplication.translate(
            "PackMessages", "Order {order} is packed ({packages} packages). Tap Next order."
        ),
        PackMessage.FINISHED: QCoreApplication.translate(
            "PackMessages", "Order {order} done. Scan the next order."
        ),
        PackMessage.WRONG_ITEM: QCoreApplication.translate(
            "PackMessages", "{scanned} is not in this order: set it aside, nothing was counted."
        ),
        PackMessage.OTHER_ORDER: QCoreApplication.translate(
            "PackMessages",
            "{scanned} belongs to order {other}: put it back in the tote, nothing was counted.",
        ),
        PackMessage.OVER_SCAN: QCoreApplication.translate(
            "PackMessages",
            "Too many {sku}: all {verified} picked are verified. Take the extra {qty} out.",
        ),
        PackMessage.CASE_LABEL: QCoreApplication.translate(
            "PackMessages",
            "That is the case label of {sku}: set a quantity first, or scan one item.",
        ),
        PackMessage.QTY_NOT_TYPED: QCoreApplication.translate(
            "PackMessages", "Type how many on the keypad first, then scan ONE item."
        ),
        PackMessage.FINISH_QTY: QCoreApplication.translate(
            "PackMessages", "{typed} is typed: tap OK or scan the item, or clear it."
        ),
        PackMessage.NOTHING_TO_UNDO: QCoreApplication.translate(
            "PackMessages", "Nothing to undo here. Carry on."
        ),
        PackMessage.NOTHING_LOOSE: QCoreApplication.translate(
            "PackMessages", "Nothing is in this package yet: scan items before Close package."
        ),
        PackMessage.UNKNOWN_CARTON: QCoreApplication.translate(
            "PackMessages", "{code} is not a carton here: scan a carton's barcode or tap one."
        ),
        PackMessage.SCAN_CARTON: QCoreApplication.translate(
            "PackMessages", "Choose the carton first: tap Confirm for {carton}, or scan another."
        ),
        PackMessage.WEIGH_FIRST: QCoreApplication.translate(
            "PackMessages", "Weigh the parcel first (about {expected_g} g), or type its weight."
        ),
        PackMessage.BAD_WEIGHT: QCoreApplication.translate(
            "PackMessages", "{weight_g} g is not a weight: put the parcel on the scale again."
        ),
        PackMessage.WEIGHT_OFF: QCoreApplication.translate(
            "PackMessages",
            "{weight_g} g, but it should be {expected_g} g (± {allowed_g} g). Check the "
            "contents and weigh again, or a supervisor scans their badge.",
        ),
        PackMessage.NOT_SUPERVISOR: QCoreApplication.translate(
            "PackMessages", "{name} is not a supervisor: a supervisor must scan their badge."
        ),
        PackMessage.CHOOSE_REASON: QCoreApplication.translate(
            "PackMessages", "Tap why the order cannot be packed, or Cancel."
        ),
        PackMessage.WAIT_FOR_PRINT: QCoreApplication.translate(
            "PackMessages", "Wait for the labels of package {package_no}, or tap Retry."
        ),
        PackMessage.COMMAND_NOT_HERE: QCoreApplication.translate(
            "PackMessages", "{command} does nothing at this step: follow the screen."
        ),
        PackMessage.UNEXPECTED_SCAN: QCoreApplication.translate(
            "PackMessages", "That code ({code}) is not wanted here: scan an item of the order."
        ),
        PackMessage.UNREADABLE: QCoreApplication.translate(
            "PackMessages", "That code could not be read ({code}): scan it again or type it."
        ),
        PackMessage.REFUSED: QCoreApplication.translate(
            "PackMessages",
            "Refused by the rules ({reason}): nothing was recorded. Ask a supervisor.",
        ),
    }


_cache: dict[PackMessage, str] = {}


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


def sentence(message: PackMessage, args: Mapping[str, object]) -> str:
    """The operator sentence for ``message`` filled in with ``args``."""
    templates = _templates()
    _cache.update(templates)
    values = dict(args)
    if "reason" in values and message is PackMessage.HELD:
        values["reason"] = hold_reason_name(PackHoldReason(str(values["reason"])))
    text = templates[message]
    if message is PackMessage.PACKED and values.get("packages") == 1:
        text = QCoreApplication.translate(
            "PackMessages", "Order {order} is packed (one package). Tap Next order."
        )
    if message is PackMessage.ALL_VERIFIED and not values.get("carton"):
        text = QCoreApplication.translate(
            "PackMessages", "Every item of {order} is verified. Scan a carton's barcode."
        )
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        # A broken translation must not cost the packer the message.
        return templates[message].format_map(_Blank(values))


def hold_reason_name(reason: PackHoldReason) -> str:
    """The button word of a hold reason."""
    return {
        PackHoldReason.MISSING_ITEM: QCoreApplication.translate("PackMessages", "item missing"),
        PackHoldReason.DAMAGED_ITEM: QCoreApplication.translate("PackMessages", "item damaged"),
        PackHoldReason.WRONG_ITEM: QCoreApplication.translate("PackMessages", "wrong item"),
        PackHoldReason.OTHER: QCoreApplication.translate("PackMessages", "other"),
    }[reason]


def start_sentence(candidate: Candidate) -> str:
    """Why an order can or cannot be packed here, and what to do."""
    texts = {
        Startable.READY: QCoreApplication.translate(
            "PackMessages", "Order {order}: packing starts."
        ),
        Startable.RESUME: QCoreApplication.translate(
            "PackMessages", "Order {order} goes on where it was left."
        ),
        Startable.NOT_PICKED: QCoreApplication.translate(
            "PackMessages",
            "Order {order} is not picked yet: it cannot be packed. Put it back for picking.",
        ),
        Startable.HELD: QCoreApplication.translate(
            "PackMessages",
            "Order {order} is on hold: put it on the exceptions shelf for a supervisor.",
        ),
        Startable.CANCELLED: QCoreApplication.translate(
            "PackMessages",
            "Order {order} was cancelled: do not pack it. Take it to the returns shelf.",
        ),
        Startable.PACKED: QCoreApplication.translate(
            "PackMessages", "Order {order} is already packed: scan the next order."
        ),
        Startable.ELSEWHERE: QCoreApplication.translate(
            "PackMessages", "Order {order} is being packed at station {station}: take it there."
        ),
        Startable.UNKNOWN: QCoreApplication.translate(
            "PackMessages",
            "Order {order} is not known here: check the number, or wait for the next sync.",
        ),
    }
    return texts[candidate.startable].format(
        order=candidate.order_number, station=candidate.station or "?"
    )


def step_word(state: PackState) -> str:
    """The big word of a step: what the packer does now."""
    return {
        PackState.VERIFY: QCoreApplication.translate("PackMessages", "SCAN ITEMS"),
        PackState.HOLD_REASON: QCoreApplication.translate("PackMessages", "WHY ON HOLD?"),
        PackState.CARTON: QCoreApplication.translate("PackMessages", "CARTON"),
        PackState.WEIGH: QCoreApplication.translate("PackMessages", "WEIGH"),
        PackState.OVERRIDE: QCoreApplication.translate("PackMessages", "WEIGHT OFF"),
        PackState.PRINT: QCoreApplication.translate("PackMessages", "PRINTING"),
        PackState.DONE: QCoreApplication.translate("PackMessages", "DONE"),
    }[state]
