"""The cart of empty totes a picker loads before a batch, and its rules.

Plain Python, no I/O: the totes the station's open runs still fill are given to it
(``know_in_use``, read off the GUI thread); ``PickService.start`` checks them again
when the cart starts.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

CART_SLOTS = 12
"""The most totes a cart can hold (``Settings.cart_totes`` is at most this)."""


class CartCode(enum.StrEnum):
    """The answer to a tote scanned onto the cart."""

    ADDED = "added"
    RETIRED = "retired"
    """The tote is retired: take another."""
    ON_CART = "on_cart"
    """The tote is already on the cart."""
    FULL = "full"
    """The cart holds ``capacity`` totes already."""
    IN_USE = "in_use"
    """The tote still holds an order of an open run (``CartAnswer.order``)."""


@dataclass(frozen=True, slots=True)
class CartAnswer:
    """What became of one tote scanned onto the cart.

    Attributes:
        code: added, or why not.
        tote: the tote scanned.
        count: totes on the cart now.
        capacity: the most the cart holds.
        order: ``IN_USE``: the order the tote still holds.
    """

    code: CartCode
    tote: str
    count: int
    capacity: int
    order: str | None = None

    @property
    def ok(self) -> bool:
        return self.code is CartCode.ADDED


class Cart:
    """The empty totes on the picker's cart, one order each once picking starts.

    Args:
        capacity: how many totes a cart holds here (1 to ``CART_SLOTS``).
    """

    def __init__(self, capacity: int = 6) -> None:
        self._capacity = _clamp(capacity)
        self._totes: list[str] = []
        self._in_use: dict[str, str] = {}

    @property
    def capacity(self) -> int:
        return self._capacity

    @property
    def totes(self) -> tuple[str, ...]:
        """The totes on the cart, in the order they were scanned."""
        return tuple(self._totes)

    def resize(self, capacity: int) -> None:
        """Carts hold ``capacity`` totes now (clamped to 1..``CART_SLOTS``); the last
        totes scanned come off a cart that holds more."""
        self._capacity = _clamp(capacity)
        del self._totes[self._capacity :]

    def know_in_use(self, in_use: Mapping[str, str]) -> None:
        """The totes the station's open runs fill (tote -> order), as last read;
        ``PickService.start`` checks again when the cart starts."""
        self._in_use = dict(in_use)

    def add(self, tote: str, *, active: bool = True) -> CartAnswer:
        """Put ``tote`` on the cart, if the rules let it.

        Transitions:
            retired (``active`` false) --> RETIRED, nothing changes.
            already on the cart --> ON_CART.
            the cart is full --> FULL.
            an open run still fills it --> IN_USE (with the order).
            else --> ADDED: the tote is last on the cart.
        """
        if not active:
            code = CartCode.RETIRED
        elif tote in self._totes:
            code = CartCode.ON_CART
        elif len(self._totes) >= self._capacity:
            code = CartCode.FULL
        elif tote in self._in_use:
            code = CartCode.IN_USE
        else:
            self._totes.append(tote)
            code = CartCode.ADDED
        return CartAnswer(code, tote, len(self._totes), self._capacity, self._in_use.get(tote))

    def clear(self) -> None:
        self._totes.clear()


def _clamp(capacity: int) -> int:
    return max(1, min(CART_SLOTS, capacity))
