"""What a scan at the labels screen prints, and when it asks first.

A bin, tote or product label costs a few centimetres of label stock: a scan prints it
at once. A shipping label is different: it gives a parcel its SSCC and goes on a box
that leaves the building, and a stray scan of an order sheet on the floor printed one.
So the first scan of an order only says what would print (and where); the same order
scanned again, or Print tapped, prints it. Anything else the person does in between
(another scan, another tap) drops the waiting label, and the screen says so: nothing
is printed later by surprise.

``LabelScanFlow`` is the state (at most one label waiting); the labels screen turns
scans and taps into its intents and renders the answers. No Qt here.
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from dataclasses import dataclass

CONFIRMED_TEMPLATES = frozenset({"shipping"})
"""Labels printed only after the person confirms."""


@dataclass(frozen=True, slots=True)
class LabelRequest:
    """A label to print: its template and key (an order number, a code)."""

    template: str
    key: str


class Step(enum.StrEnum):
    """What the screen does with an answer."""

    PRINT = "print"
    """Queue ``request`` now."""
    ASK = "ask"
    """Say what ``request`` would print and ask for the same scan again or Print."""
    NOTHING = "nothing"
    """Nothing to print (Print tapped with no label waiting)."""


@dataclass(frozen=True, slots=True)
class LabelAnswer:
    """The flow's answer to one intent.

    Attributes:
        step: print, ask or nothing.
        request: the label printed or asked about (``None`` for nothing).
        confirmed: the label was waiting and the person confirmed it.
        dropped: the label that was waiting and is now not printed (the person did
            something else), to be said.
    """

    step: Step
    request: LabelRequest | None = None
    confirmed: bool = False
    dropped: LabelRequest | None = None


class LabelScanFlow:
    """At most one label waits for confirmation.

    Args:
        confirmed_templates: the templates that are only printed after confirmation.
    """

    def __init__(self, confirmed_templates: Collection[str] = CONFIRMED_TEMPLATES) -> None:
        self._confirmed = frozenset(confirmed_templates)
        self.waiting: LabelRequest | None = None
        """The label asked about and not yet confirmed."""

    def scan(self, template: str, key: str) -> LabelAnswer:
        """A code was scanned whose label is ``template`` for ``key``.

        Transitions:
            nothing waiting, a label printed at once -> PRINT it.
            nothing waiting, a label to confirm -> ASK; it waits.
            the waiting label scanned again -> PRINT it, confirmed; nothing waits.
            another label waiting -> that one is dropped (said), then as above.
        """
        request = LabelRequest(template, key)
        if request == self.waiting:
            self.waiting = None
            return LabelAnswer(Step.PRINT, request, confirmed=True)
        dropped = self.drop()
        if template in self._confirmed:
            self.waiting = request
            return LabelAnswer(Step.ASK, request, dropped=dropped)
        return LabelAnswer(Step.PRINT, request, dropped=dropped)

    def confirm(self) -> LabelAnswer:
        """Print was tapped.

        Transitions:
            a label waiting -> PRINT it, confirmed; nothing waits.
            nothing waiting -> NOTHING.
        """
        request, self.waiting = self.waiting, None
        if request is None:
            return LabelAnswer(Step.NOTHING)
        return LabelAnswer(Step.PRINT, request, confirmed=True)

    def drop(self) -> LabelRequest | None:
        """Anything else happened (another scan or tap, the screen closed).

        Transitions:
            a label waiting -> nothing waits; returns the dropped label.
            nothing waiting -> no change; returns ``None``.
        """
        request, self.waiting = self.waiting, None
        return request
