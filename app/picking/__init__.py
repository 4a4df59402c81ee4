"""Picking at a station: getting work (claims), resuming it, recording every scan.

``PickService`` sits between the pick screen and the station store: it claims orders
through events the order store must confirm, keeps the picker's run across restarts,
builds the ``app.domain.pick.PickSession`` and records what it answers durably.
"""

from app.picking.service import TAKEN_BACK, ClaimStatus, Lost, NotSaved, PickService, Work

__all__ = ["TAKEN_BACK", "ClaimStatus", "Lost", "NotSaved", "PickService", "Work"]
