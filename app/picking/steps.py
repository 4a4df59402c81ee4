"""What the pick screen and its flow say to each other: taps, panel answers, steps.

``PickAction`` is a tap, ``PanelAnswer`` an answer of the keypad or the short panel;
``PickFlow`` (``app.picking.flow``) answers each with a ``Step``, a ``Do`` and what it
needs, which the screen carries out and words.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from app.domain.commands import CommandName
from app.domain.events import ShortReason
from app.domain.model import User
from app.domain.pick import Outcome, PickMessage, PickSession
from app.picking.cart import CartAnswer

Intent = Callable[[PickSession], Outcome]
"""One intent of the session (``PickSession.scan``, ``skip``...)."""

NEXT_PLEASE = frozenset({CommandName.NEXT, CommandName.CONFIRM, CommandName.START_PICK})
"""Command barcodes that ask for the next work when there is none on screen."""


class PickAction(enum.StrEnum):
    """What a tap on the pick screen asks for."""

    NEXT_ORDER = "next_order"
    """No work yet: claim the most urgent order."""
    CART = "cart"
    """Batch on a cart (from the start page, or after a pick is done)."""
    START_CART = "start_cart"
    CLEAR_CART = "clear_cart"
    SHORT = "short"
    SKIP = "skip"
    UNDO = "undo"
    QTY = "qty"
    SET_ASIDE = "set_aside"
    """A stopped order's tote is off the cart."""
    NEXT = "next"
    """The pick is done: the next order."""
    HOME = "home"
    """Back to the home screen (the pick is done, or no work yet)."""
    PAUSE = "pause"
    """Back to the home screen; the pick stays open."""
    TYPE_CODE = "type_code"
    """Open the on-screen keyboard for a code the scanner cannot read."""
    HAND_BACK = "hand_back"
    """Give the pick back to the queue (``app.picking.handback``), once confirmed."""


@dataclass(frozen=True, slots=True)
class PanelAnswer:
    """What the picker answered on the quantity keypad or the short panel.

    Attributes:
        short: the short panel (else the quantity keypad).
        qty: the number on the keypad (found, for a short); ``None``: Cancel.
        reason: why short.
    """

    short: bool
    qty: int | None
    reason: ShortReason | None = None


class Do(enum.Enum):
    """What the screen does for a ``Step``."""

    NOTHING = enum.auto()
    TYPE_CODE = enum.auto()
    """Open the on-screen keyboard."""
    LEAVE = enum.auto()
    """Back to the home screen (a pick stays open)."""
    GET_WORK = enum.auto()
    """Ask for work: ``PickFlow.ask`` says what to ask."""
    SHOW_START = enum.auto()
    SHOW_CART = enum.auto()
    CART_ANSWER = enum.auto()
    """Say ``Step.cart`` (a tote scanned onto the cart)."""
    OPEN_SHORT = enum.auto()
    OPEN_QTY = enum.auto()
    NOT_NOW = enum.auto()
    """The step cannot take this: say ``Step.message`` with ``Step.args``."""
    INTENT = enum.auto()
    """Run ``Step.intent`` on the session (stored, then shown)."""
    FINISH = enum.auto()
    """Close the run (``PickService.finish``), then ``PickFlow.run_closed(Step.then)``."""
    UNREADABLE = enum.auto()
    """A scan nobody can use: say what the scan pipeline found."""
    NEWS = enum.auto()
    """Read the session's orders a pull stopped (``PickService.stopped_orders``)."""
    NO_PICK = enum.auto()
    """No pick is running: say how to get one."""
    QTY_CANCELLED = enum.auto()
    """The quantity keypad was cancelled: say each scan counts one."""
    WAIT = enum.auto()
    """Busy: the scan waits for the answer (say so)."""
    SHORT_FIRST = enum.auto()
    """The short panel wants its reason before any scan."""
    CONFIRM_HAND_BACK = enum.auto()
    """Say what a hand-back gives back and what to do with the pieces; ask to confirm."""


@dataclass(frozen=True, slots=True)
class Step:
    """The flow's answer to one intent: what the screen does next."""

    do: Do
    intent: Intent | None = None
    then: PickAction | None = None
    """``FINISH``: what after the run is closed; ``INTENT``: ``NEXT`` closes a
    finished run after the intent."""
    message: PickMessage | None = None
    args: Mapping[str, str | int] = field(default_factory=dict)
    cart: CartAnswer | None = None
    typed: bool = False
    """``INTENT``: the scan counts the number typed on the quantity keypad."""


@dataclass(frozen=True, slots=True)
class WorkAsk:
    """Work to ask ``PickService`` for: ``resume(user)``, or ``start(user, totes)``."""

    user: User
    totes: tuple[str, ...]
    resume_only: bool
