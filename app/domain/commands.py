"""Command barcodes: every step of picking and packing can be done by scanning one.

A command barcode is plain Code 128 text starting with ``#CMD:``. No SKU can start
with ``#`` (``app.domain.model.SKU_PATTERN``), GS1 data is digits, and the bin, tote,
order and badge formats start with a letter, so a command can never be mistaken for
anything else; resolution still checks commands first. Reading is case-insensitive
and ignores surrounding spaces, so a person can also type ``#cmd:undo``.

===========================  ===========  =====================================================
barcode                      command      what it does
===========================  ===========  =====================================================
``#CMD:START-PICK``          START_PICK   take the next order from the queue and start picking
``#CMD:START-PACK``          START_PACK   start packing (then scan a tote or an order)
``#CMD:CONFIRM``             CONFIRM      confirm the current step (quantity, bin, box, label)
``#CMD:SKIP``                SKIP         skip this line for now; it comes back at the end
``#CMD:SHORT``               SHORT        the rest of this line is missing (asks why)
``#CMD:SHORT:BIN-EMPTY``     SHORT        ... missing because the bin is empty
``#CMD:SHORT:DAMAGED``       SHORT        ... missing because the items are damaged
``#CMD:SHORT:NOT-FOUND``     SHORT        ... missing because the items are not there
``#CMD:UNDO``                UNDO         take back the last counted scan
``#CMD:NEXT``                NEXT         go on to the next order
``#CMD:CANCEL``              CANCEL       leave the current step without saving it
``#CMD:PRINT``               PRINT        print the current order's labels again
``#CMD:CLOSE``               CLOSE        packing: close this package (the rest goes in another)
``#CMD:HOLD``                HOLD         packing: put the order on hold (asks why)
``#CMD:HOLD:MISSING``        HOLD         ... an item is missing (also DAMAGED, WRONG, OTHER)
``#CMD:LOGOUT``              LOGOUT       log out of this station
``#CMD:QTY:n``               QTY          the next item scan (or short) counts n, 1-9999
===========================  ===========  =====================================================

``QTY`` is printed for the quantities a site uses often (the demo sheet has 2, 5, 6,
10, 12 and 24). Every character is in Code 128 set B, so the codes print as ordinary
Code 128; they are not GS1 data and must not be printed as GS1-128.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.domain.events import PackHoldReason, ShortReason

PREFIX = "#CMD:"
MAX_QTY = 9999


class CommandName(enum.StrEnum):
    """What a command barcode asks for; the value is the text after ``#CMD:``."""

    START_PICK = "START-PICK"
    START_PACK = "START-PACK"
    CONFIRM = "CONFIRM"
    SKIP = "SKIP"
    SHORT = "SHORT"
    UNDO = "UNDO"
    NEXT = "NEXT"
    CANCEL = "CANCEL"
    PRINT = "PRINT"
    LOGOUT = "LOGOUT"
    QTY = "QTY"
    CLOSE = "CLOSE"
    HOLD = "HOLD"


# The short and hold reasons as they are printed: upper case, hyphens (bin_empty ->
# BIN-EMPTY).
_REASON_BY_TEXT = {reason.value.upper().replace("_", "-"): reason for reason in ShortReason}
# Hold reasons print short (a long Code 128 does not fit the sheet's cell): the first word.
_HOLD_TEXT = {reason: reason.value.split("_")[0].upper() for reason in PackHoldReason}
_HOLD_BY_TEXT = {text: reason for reason, text in _HOLD_TEXT.items()}


@dataclass(frozen=True, slots=True)
class Command:
    """A command read from a barcode.

    Attributes:
        name: the command.
        qty: for ``QTY``, the quantity (1-9999); ``None`` otherwise.
        reason: for ``SHORT``, why the items are missing when the barcode says so.
        hold: for ``HOLD``, why the order is held when the barcode says so.
    """

    name: CommandName
    qty: int | None = None
    reason: ShortReason | None = None
    hold: PackHoldReason | None = None

    def __post_init__(self) -> None:
        if (self.name is CommandName.QTY) != (self.qty is not None):
            raise ValueError("QTY, and only QTY, carries a quantity")
        if self.qty is not None and not 1 <= self.qty <= MAX_QTY:
            raise ValueError(f"a command quantity is 1-{MAX_QTY}, got {self.qty}")
        if self.reason is not None and self.name is not CommandName.SHORT:
            raise ValueError("only SHORT carries a reason")
        if self.hold is not None and self.name is not CommandName.HOLD:
            raise ValueError("only HOLD carries a hold reason")

    @property
    def text(self) -> str:
        """The text to print in the barcode (``#CMD:QTY:12``)."""
        if self.qty is not None:
            return f"{PREFIX}{self.name.value}:{self.qty}"
        if self.reason is not None:
            return f"{PREFIX}{self.name.value}:{self.reason.value.upper().replace('_', '-')}"
        if self.hold is not None:
            return f"{PREFIX}{self.name.value}:{_HOLD_TEXT[self.hold]}"
        return f"{PREFIX}{self.name.value}"


class CommandError(ValueError):
    """A ``#CMD:`` barcode that names no command or carries a bad argument.

    Attributes:
        code: ``"unknown_command"`` or ``"bad_command_qty"`` (values of
            ``app.barcodes.parse.ParseErrorCode``).
    """

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code


def is_command(text: str) -> bool:
    """True when ``text`` starts like a command barcode (whether or not it is a valid one)."""
    return text.lstrip()[: len(PREFIX)].upper() == PREFIX


def parse_command(text: str) -> Command:
    """The command in ``text``, which must start with ``#CMD:`` (any case).

    Raises:
        CommandError: no such command, or a ``QTY`` that is not 1-9999, or an unknown
            short reason.
    """
    body = text.strip()[len(PREFIX) :].upper()
    name_text, sep, argument = body.partition(":")
    try:
        name = CommandName(name_text)
    except ValueError:
        raise CommandError("unknown_command", f"no command {name_text[:40]!r}") from None
    if name is CommandName.QTY:
        # ASCII digits only: str.isdigit() also accepts superscripts and other scripts.
        if not (argument.isascii() and argument.isdigit()) or len(argument) > 4:
            raise CommandError("bad_command_qty", f"quantity {argument[:40]!r} is not 1-{MAX_QTY}")
        qty = int(argument)
        if not 1 <= qty <= MAX_QTY:
            raise CommandError("bad_command_qty", f"quantity {qty} is not 1-{MAX_QTY}")
        return Command(name, qty=qty)
    if name is CommandName.SHORT and sep:
        reason = _REASON_BY_TEXT.get(argument)
        if reason is None:
            raise CommandError("unknown_command", f"no short reason {argument[:40]!r}")
        return Command(name, reason=reason)
    if name is CommandName.HOLD and sep:
        hold = _HOLD_BY_TEXT.get(argument)
        if hold is None:
            raise CommandError("unknown_command", f"no hold reason {argument[:40]!r}")
        return Command(name, hold=hold)
    if sep:
        raise CommandError("unknown_command", f"{name.value} takes no argument")
    return Command(name)


def all_commands(quantities: tuple[int, ...] = (2, 5, 6, 10, 12, 24)) -> tuple[Command, ...]:
    """Every command in sheet order, with ``QTY`` for each of ``quantities``.

    For the demo barcode sheet and the README table.
    """
    plain = [Command(name) for name in CommandName if name is not CommandName.QTY]
    shorts = [Command(CommandName.SHORT, reason=reason) for reason in ShortReason]
    holds = [Command(CommandName.HOLD, hold=reason) for reason in PackHoldReason]
    at = [c.name for c in plain].index(CommandName.SHORT) + 1
    plain[at:at] = shorts
    at = [c.name for c in plain].index(CommandName.HOLD) + 1
    plain[at:at] = holds
    return (*plain, *(Command(CommandName.QTY, qty=q) for q in quantities))
