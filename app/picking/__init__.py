"""Picking at a station: getting work (claims), resuming it, recording every scan.

``PickService`` sits between the pick screen and the station store: it claims orders
through events the order store must confirm, keeps the picker's run across restarts,
builds the ``app.domain.pick.PickSession`` and records what it answers durably.
``PickFlow`` is what the picker does at the pick screen (the cart, single order or
batch, what each tap means), without the screen.
"""

from app.picking.answers import (
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
from app.picking.cart import CART_SLOTS, Cart, CartAnswer, CartCode
from app.picking.flow import PickFlow
from app.picking.service import PickService, tell_stopped
from app.picking.steps import Do, Intent, PanelAnswer, PickAction, Step, WorkAsk

__all__ = [
    "CART_SLOTS",
    "Cart",
    "CartAnswer",
    "CartCode",
    "ClaimStatus",
    "Do",
    "Intent",
    "Lost",
    "LostCode",
    "NotSaved",
    "NotSavedCode",
    "PanelAnswer",
    "PickAction",
    "PickFlow",
    "PickService",
    "Step",
    "WaitCode",
    "WaitProblem",
    "Work",
    "WorkAsk",
    "WorkRefused",
    "WorkRefusedCode",
    "tell_stopped",
]
