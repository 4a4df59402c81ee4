"""What the pick screen says: a sentence for every ``PickMessage`` and every step.

The pick session answers with message codes and values (``app.domain.pick_outcome``);
the sentences live here, translated through Qt (context ``PickMessages``, collected by
``pyside6-lupdate`` from the literal ``translate`` calls below). Every sentence for
something wrong says what to do next.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication

from app.domain.events import ShortReason
from app.domain.pick_outcome import PickMessage, PickState, ShortLine

CONTEXT = "PickMessages"


def _templates() -> dict[PickMessage, str]:
    # Literal calls, so that lupdate finds every sentence.
    return {
        PickMessage.BIN_OK: QCoreApplication.translate(
            "PickMessages", "Bin {bin} is right. Now scan the item."
        ),
        PickMessage.ITEM_COUNTED: QCoreApplication.translate(
            "PickMessages", "Counted {qty}. Take {left} more."
        ),
        PickMessage.TAKE_TO_TOTE: QCoreApplication.translate(
            "PickMessages", "Put {qty} of {sku} into tote {tote}, then scan the tote."
        ),
        PickMessage.QTY_SET: QCoreApplication.translate(
            "PickMessages", "Quantity {qty} set: take {qty} and scan ONE of them."
        ),
        PickMessage.QTY_CLEARED: QCoreApplication.translate(
            "PickMessages", "Quantity cleared: each scan counts one."
        ),
        PickMessage.ASK_SHORT_REASON: QCoreApplication.translate(
            "PickMessages", "{missing} missing. Why? Tap Bin empty, Damaged or Not found."
        ),
        PickMessage.SHORT_RECORDED: QCoreApplication.translate(
            "PickMessages", "Short {qty} of {sku} recorded ({reason})."
        ),
        PickMessage.SKIPPED: QCoreApplication.translate(
            "PickMessages", "Skipped bin {bin}: it comes back at the end of the walk."
        ),
        PickMessage.UNDONE: QCoreApplication.translate(
            "PickMessages", "Undone: {total} of {sku} not counted. Put it back in bin {bin}."
        ),
        PickMessage.SHORT_UNDONE: QCoreApplication.translate(
            "PickMessages",
            "Short taken back: take {qty} of {sku} from bin {bin} after all.",
        ),
        PickMessage.ITEM_NOT_COUNTED: QCoreApplication.translate(
            "PickMessages", "Not counted: put {qty} of {sku} back in bin {bin}."
        ),
        PickMessage.STEP_CANCELLED: QCoreApplication.translate(
            "PickMessages", "Cancelled. Carry on."
        ),
        PickMessage.CONTINUE: QCoreApplication.translate(
            "PickMessages", "Carry on: {lines_left} lines left."
        ),
        PickMessage.ORDER_PICKED: QCoreApplication.translate(
            "PickMessages", "Order {order} is complete."
        ),
        PickMessage.ALL_DONE: QCoreApplication.translate(
            "PickMessages",
            "All picked ({orders} orders, {lines} lines). Take the cart to packing, "
            "then tap Next order.",
        ),
        PickMessage.ORDER_UNCHANGED: "",
        PickMessage.ORDER_CANCELLED: QCoreApplication.translate(
            "PickMessages",
            "Order {order} was CANCELLED. Take tote {tote} (items in it: {items}) off the "
            "cart and put it on the cancelled-orders shelf. Then tap Set aside.",
        ),
        PickMessage.ORDER_HELD: QCoreApplication.translate(
            "PickMessages",
            "Order {order} is ON HOLD ({reason}). Take tote {tote} (items in it: {items}) "
            "to the supervisor desk. Then tap Set aside.",
        ),
        PickMessage.WRONG_BIN: QCoreApplication.translate(
            "PickMessages", "Wrong bin: that is {scanned}. Go to bin {expected} and scan it."
        ),
        PickMessage.SCAN_BIN_FIRST: QCoreApplication.translate(
            "PickMessages", "Scan bin {bin} first, then the item. Nothing was counted."
        ),
        PickMessage.WRONG_ITEM: QCoreApplication.translate(
            "PickMessages",
            "Wrong item: that is {scanned}. Put it back, take {expected}. Nothing was counted.",
        ),
        PickMessage.OVER_PICK: QCoreApplication.translate(
            "PickMessages",
            "Too many: only {left} of {sku} left to take. Put the extra back. Nothing was counted.",
        ),
        PickMessage.ONE_TOO_MANY: QCoreApplication.translate(
            "PickMessages",
            "One too many: {sku} is complete ({picked} taken). Put the extra back in bin "
            "{bin}. Nothing was counted.",
        ),
        PickMessage.QTY_NOT_TYPED: QCoreApplication.translate(
            "PickMessages",
            "Type how many you are taking on the keypad, then scan one (or tap Cancel). "
            "Nothing was counted.",
        ),
        PickMessage.FINISH_QTY: QCoreApplication.translate(
            "PickMessages",
            "The keypad says {typed}: scan ONE {sku} to count them, or tap Cancel. "
            "Nothing was counted.",
        ),
        PickMessage.CASE_LABEL: QCoreApplication.translate(
            "PickMessages",
            "That is the CASE label of {sku}: it does not say how many are inside. Scan one "
            "item's own barcode, or set the quantity first. Nothing was counted.",
        ),
        PickMessage.WRONG_TOTE: QCoreApplication.translate(
            "PickMessages",
            "Wrong tote: that is {scanned}. Put the item into tote {expected} and scan it.",
        ),
        PickMessage.SCAN_TOTE: QCoreApplication.translate(
            "PickMessages", "Put the item into tote {tote} and scan that tote first."
        ),
        PickMessage.CHOOSE_REASON: QCoreApplication.translate(
            "PickMessages", "Tap why {sku} is short: Bin empty, Damaged or Not found."
        ),
        PickMessage.BAD_SHORT_QTY: QCoreApplication.translate(
            "PickMessages",
            "You found {found}, but only {left} are left to take: enter fewer found, or "
            "scan them as usual.",
        ),
        PickMessage.CONFIRM_STOPPED_ORDER: QCoreApplication.translate(
            "PickMessages",
            "First take tote {tote} of order {order} off the cart, then tap Set aside.",
        ),
        PickMessage.NOTHING_TO_UNDO: QCoreApplication.translate("PickMessages", "Nothing to undo."),
        PickMessage.UNDO_ORDER_CLOSED: QCoreApplication.translate(
            "PickMessages", "Order {order} is complete or stopped: its picks cannot be undone."
        ),
        PickMessage.NOTHING_TO_CANCEL: QCoreApplication.translate(
            "PickMessages", "Nothing to cancel."
        ),
        PickMessage.COMMAND_NOT_HERE: QCoreApplication.translate(
            "PickMessages", "The {command} barcode does nothing at this step."
        ),
        PickMessage.UNEXPECTED_SCAN: QCoreApplication.translate(
            "PickMessages", "That barcode is not needed now. Nothing was counted."
        ),
        PickMessage.UNREADABLE: QCoreApplication.translate(
            "PickMessages", "That barcode could not be used. Scan again. Nothing was counted."
        ),
        PickMessage.FINISHED: QCoreApplication.translate(
            "PickMessages", "This pick is finished: tap Next order."
        ),
        PickMessage.REFUSED: QCoreApplication.translate("PickMessages", "Not counted: {reason}"),
    }


_cache: dict[PickMessage, str] | None = None
_cache_key = ""


def _templates_now() -> dict[PickMessage, str]:
    """The templates in the language in force: built again when one of them reads
    differently (the language changed), else the ones built before (a scan's sentence
    must not cost thirty look-ups)."""
    global _cache, _cache_key
    key = QCoreApplication.translate("PickMessages", "Not counted: {reason}")
    if _cache is None or key != _cache_key:
        _cache, _cache_key = _templates(), key
    return _cache


def sentence(message: PickMessage, args: Mapping[str, str | int]) -> str:
    """The translated sentence for ``message`` filled in with ``args``."""
    templates = _templates_now()
    values = dict(args)
    if "reason" in values and message is PickMessage.SHORT_RECORDED:
        values["reason"] = reason_name(ShortReason(str(values["reason"])))
    text = templates[message]
    if message is PickMessage.UNDONE and values.get("where") == "tote":
        text = QCoreApplication.translate(
            "PickMessages",
            "Undone: {total} of {sku} not counted. Take it out of tote {tote} and put it "
            "back in bin {bin}.",
        )
    if message is PickMessage.ONE_TOO_MANY and int(values.get("qty", 1)) > 1:
        text = QCoreApplication.translate(
            "PickMessages",
            "{qty} too many: {sku} is complete ({picked} taken). Put the extra back in bin "
            "{bin}. Nothing was counted.",
        )
    if message is PickMessage.SKIPPED and int(values.get("skipped", 0)) > 1:
        text = QCoreApplication.translate(
            "PickMessages",
            "Skipped bin {bin}: it comes back at the end of the walk ({skipped} lines skipped).",
        )
    if message is PickMessage.ITEM_COUNTED and values.get("left") == 0:
        text = QCoreApplication.translate("PickMessages", "Counted {qty}. This line is complete.")
    if not values.get("tote"):
        # A single order without a tote: the items are in the picker's hands or basket.
        if message is PickMessage.ORDER_CANCELLED:
            text = QCoreApplication.translate(
                "PickMessages",
                "Order {order} was CANCELLED. Put the items you took for it (items: {items}) "
                "on the cancelled-orders shelf. Then tap Set aside.",
            )
        elif message is PickMessage.ORDER_HELD:
            text = QCoreApplication.translate(
                "PickMessages",
                "Order {order} is ON HOLD ({reason}). Take the items you took for it (items: "
                "{items}) to the supervisor desk. Then tap Set aside.",
            )
        elif message is PickMessage.CONFIRM_STOPPED_ORDER:
            text = QCoreApplication.translate(
                "PickMessages", "First set the items of order {order} aside, then tap Set aside."
            )
    if message is PickMessage.ALL_DONE and not values.get("orders"):
        text = QCoreApplication.translate(
            "PickMessages", "Nothing is left to pick here: tap Next order."
        )
    if message is PickMessage.ALL_DONE and values.get("orders") == 1:
        text = QCoreApplication.translate(
            "PickMessages", "Order picked ({lines} lines). Take it to packing, then tap Next order."
        )
    if message is PickMessage.ALL_DONE and int(values.get("shorts", 0)) and values.get("orders"):
        text = (
            QCoreApplication.translate(
                "PickMessages",
                "Order picked ({lines} lines), {shorts} of them SHORT: the list is on the "
                "card. Take it to packing, then tap Next order.",
            )
            if values.get("orders") == 1
            else QCoreApplication.translate(
                "PickMessages",
                "All picked ({orders} orders, {lines} lines), {shorts} of them SHORT: the "
                "list is on the card. Take it to packing, then tap Next order.",
            )
        )
    if message is PickMessage.ORDER_PICKED and values.get("tote"):
        text = QCoreApplication.translate(
            "PickMessages", "Order {order} is complete: tote {tote} goes to packing."
        )
    if message is PickMessage.SHORT_RECORDED and values.get("found"):
        text += " " + QCoreApplication.translate("PickMessages", "Scan the {found} you found.")
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        # A broken translation must not cost the picker the message.
        return templates[message].format_map(_Blank(values))


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


def shorts_text(shorts: Sequence[ShortLine], lines: int) -> str:
    """The done card's line about the pick: how many lines, and every short with why."""
    if not shorts:
        return QCoreApplication.translate("PickMessages", "{lines} lines, none short.").format(
            lines=lines
        )
    parts = []
    for short in shorts:
        reason = (
            reason_name(short.reason)
            if short.reason is not None
            else QCoreApplication.translate("PickMessages", "reason not known here")
        )
        parts.append(
            QCoreApplication.translate("PickMessages", "{qty} of {sku} ({reason})").format(
                qty=short.qty, sku=short.sku, reason=reason
            )
        )
    return QCoreApplication.translate("PickMessages", "{lines} lines. SHORT: {shorts}").format(
        lines=lines, shorts="; ".join(parts)
    )


def reason_name(reason: ShortReason) -> str:
    """The button word of a short reason."""
    return {
        ShortReason.BIN_EMPTY: QCoreApplication.translate("PickMessages", "bin empty"),
        ShortReason.DAMAGED: QCoreApplication.translate("PickMessages", "damaged"),
        ShortReason.NOT_FOUND: QCoreApplication.translate("PickMessages", "not found"),
    }[reason]


def step_word(state: PickState, batch: bool) -> str:
    """The big word of a step: what the picker does now."""
    return {
        PickState.GO_TO_BIN: QCoreApplication.translate("PickMessages", "GO TO BIN"),
        PickState.PICK_ITEM: QCoreApplication.translate("PickMessages", "SCAN ITEM"),
        PickState.PUT_IN_TOTE: QCoreApplication.translate("PickMessages", "PUT IN TOTE"),
        PickState.SHORT_REASON: QCoreApplication.translate("PickMessages", "WHY SHORT?"),
        PickState.CANCELLED: QCoreApplication.translate("PickMessages", "SET TOTE ASIDE"),
        PickState.DONE: QCoreApplication.translate("PickMessages", "ALL PICKED")
        if batch
        else QCoreApplication.translate("PickMessages", "ORDER PICKED"),
    }[state]
