"""The pack flow: what a packer's scans and taps mean at the pack screen.

``PackFlow`` keeps what the packer is doing between the durable state (the order and
its packages, in the station database, and the ``PackSession`` over it) and the
screen: the packer, their session, and whether an order is being opened. It does no
I/O and knows no Qt: each scan or tap answers a ``PackStep``, a typed instruction
(run this intent of the session, open this order, look in this tote, say why not...)
that the screen carries out and words. The reads an opening needs are the screen's to
run off the GUI thread; the session they bring comes back through ``opened``.

Invariants (``tests/app/packing/test_flow.py``): nothing is asked of a session while
an order is being opened; without a session a scan only starts one (or says why
not); a finished order gives way to the next only by NEXT or CONFIRM, never by a
stray scan.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from app.domain.commands import Command, CommandName
from app.domain.events import PackHoldReason
from app.domain.model import User
from app.domain.pack import PackSession
from app.domain.pack_outcome import PackOutcome, PackState
from app.domain.scan import BadgeScan, CommandScan, OrderScan, Scan, ToteScan, UnknownScan
from app.packing.service import Candidate, Startable

Intent = Callable[[PackSession, str], PackOutcome]
"""One intent of a pack session, given the SSCC allocated for a package it may close."""


class PackAction(enum.StrEnum):
    """What a tap on the pack screen asks for."""

    HOLD = "hold"
    UNDO = "undo"
    QTY = "qty"
    CLOSE = "close"
    TYPE_CODE = "type_code"
    PAUSE = "pause"
    """Back to the home screen; the order stays where it is."""
    CONFIRM = "confirm"
    """The suggested carton."""
    CANCEL = "cancel"
    RETRY = "retry"
    NEXT = "next"
    HOME = "home"


class PackDo(enum.Enum):
    """What the screen is to do with a scan or a tap."""

    NOTHING = "nothing"
    """Not the pack screen's (a badge log-in, a log-out: the main window's)."""
    WAIT = "wait"
    """An order is being opened: the scan is refused, nothing changes."""
    OPEN = "open"
    """Open ``candidate`` (when it can be packed here) or say why not."""
    FIND_TOTE = "find_tote"
    """Look for the orders in ``tote``."""
    PROMPT_START = "prompt_start"
    """No order yet: say to scan one (START-PACK, NEXT)."""
    NO_ORDER = "no_order"
    """No order yet, and the scan cannot start one."""
    UNREADABLE = "unreadable"
    """The scan did not resolve: the pipeline's own sentence says why."""
    ACT = "act"
    """Run ``intent`` (and give way to the next order after it when ``then_next``)."""
    OPEN_QTY = "open_qty"
    RETRY = "retry"
    """Print the failed labels again."""
    TYPE_CODE = "type_code"
    PAUSE = "pause"
    HOME = "home"
    """Leave a finished order for the home screen."""
    NEXT = "next"
    """Leave a finished order for the start page."""


@dataclass(frozen=True, slots=True)
class PackStep:
    """One instruction for the screen."""

    do: PackDo
    intent: Intent | None = None
    candidate: Candidate | None = None
    tote: str = ""
    then_next: bool = False


NOTHING = PackStep(PackDo.NOTHING)
_OPENABLE = (Startable.READY, Startable.RESUME)
_WEIGHING = (PackState.WEIGH, PackState.OVERRIDE)


def _command(name: CommandName, qty: int | None = None) -> Intent:
    return lambda s, _sscc: s.command(Command(name, qty=qty))


class PackFlow:
    """The packer's work at the pack screen, without the screen.

    Args:
        candidate: what an order brought by a scan's look-up is (can it be packed
            here?), ``PackService.candidate``.
    """

    def __init__(self, candidate: Callable[..., Candidate]) -> None:
        self._candidate = candidate
        self.user: User | None = None
        self.session: PackSession | None = None
        self.opening = False
        """An order or a tote is being read: scans wait."""
        self.tote = ""
        """The tote the order on screen (or being chosen) was found in."""
        self.choices: dict[str, Candidate] = {}
        """A tote's orders to choose from, by number."""

    # -- the packer ------------------------------------------------------------------

    def open(self, user: User) -> bool:
        """``user`` opens the pack screen; whether their session is on screen."""
        if self.user is None or self.user.username != user.username:
            self.session = None
        self.user = user
        return self.session is not None

    def close(self) -> None:
        """Log-out: the session on screen is forgotten (what was stored stays)."""
        self.user, self.session, self.opening = None, None, False
        self.tote, self.choices = "", {}

    def opened(self, session: PackSession) -> bool:
        """The session read for an opening arrived; False when it is no longer wanted
        (the packer logged out or another logged in meanwhile)."""
        self.opening = False
        if self.user is None or session.user.username != self.user.username:
            return False
        self.session = session
        self.tote, self.choices = "", {}
        return True

    def open_failed(self) -> None:
        self.opening = False

    def next_order(self) -> bool:
        """Leave a finished order (or none) for the start page; False while one is
        being packed."""
        if self.session is not None and not self.session.is_finished:
            return False
        self.session = None
        return True

    # -- scans -----------------------------------------------------------------------

    def scan(
        self,
        scan: Scan,
        *,
        qty_open: bool = False,
        typed: int | None = None,
        scale_grams: int | None = None,
    ) -> PackStep:
        """What ``scan`` asks for.

        Args:
            scan: what was read.
            qty_open: the quantity keypad is open; ``typed`` is on it (no OK yet).
            scale_grams: the bench scale's stable weight now, if there is one.
        """
        session = self.session
        if self.user is None or _is(scan, CommandName.LOGOUT):
            return NOTHING  # the main window logs out
        if isinstance(scan, BadgeScan) and (
            session is None or session.state is not PackState.OVERRIDE
        ):
            return NOTHING  # the main window handles badges
        if self.opening:
            return PackStep(PackDo.WAIT)
        if session is None:
            return self._start(scan)
        # A carton's barcode is no product, bin, tote or order: at the carton step an
        # unknown code goes to the session, which knows the station's cartons.
        carton = isinstance(scan, UnknownScan) and session.state is PackState.CARTON
        if not scan.ok and not isinstance(scan, BadgeScan) and not carton:
            return PackStep(PackDo.UNREADABLE)
        if qty_open and not isinstance(scan, CommandScan):
            return PackStep(PackDo.ACT, lambda s, sscc: s.scan(scan, typed=typed, sscc=sscc))
        if scale_grams and _is(scan, CommandName.CONFIRM) and session.state is PackState.WEIGH:
            # The weight confirm: the parcel was on the scale before the carton was.
            grams = scale_grams
            return PackStep(PackDo.ACT, lambda s, sscc: s.weigh(grams, sscc))
        then_next = session.is_finished and (
            _is(scan, CommandName.NEXT) or _is(scan, CommandName.CONFIRM)
        )
        intent: Intent = lambda s, sscc: s.scan(scan, sscc=sscc)  # noqa: E731
        return PackStep(PackDo.ACT, intent, then_next=then_next)

    def _start(self, scan: Scan) -> PackStep:
        if isinstance(scan, OrderScan):  # the scan's look-up brought the order
            return self._open(self._candidate(scan.order))
        if isinstance(scan, UnknownScan):  # an order number the station lacks
            return self._open(Candidate(scan.raw, Startable.UNKNOWN))
        if isinstance(scan, ToteScan):
            self.opening = True
            return PackStep(PackDo.FIND_TOTE, tote=scan.tote.code)
        if _is(scan, CommandName.START_PACK) or _is(scan, CommandName.NEXT):
            return PackStep(PackDo.PROMPT_START)
        if not scan.ok:
            return PackStep(PackDo.UNREADABLE)
        return PackStep(PackDo.NO_ORDER)

    def choose(self, number: str) -> PackStep:
        """An order of a tote's list tapped."""
        candidate = self.choices.get(number)
        if candidate is None or self.session is not None or self.opening or self.user is None:
            return NOTHING
        return self._open(candidate)

    def _open(self, candidate: Candidate) -> PackStep:
        if candidate.startable in _OPENABLE:
            self.opening = True
        return PackStep(PackDo.OPEN, candidate=candidate, tote=self.tote)

    def tote_found(self, tote: str, candidates: list[Candidate]) -> PackStep:
        """The orders of ``tote``: the one to open; else NOTHING (none, or several to
        choose from in ``choices``: the screen says which)."""
        self.opening = False
        if not candidates:
            return NOTHING
        self.tote = tote
        if len(candidates) == 1:
            return self._open(candidates[0])
        self.choices = {c.order_number: c for c in candidates}
        return NOTHING

    # -- taps ------------------------------------------------------------------------

    def tap(self, action: PackAction) -> PackStep:
        """What a tap on one of the screen's buttons asks for."""
        session = self.session
        if action is PackAction.TYPE_CODE:
            return PackStep(PackDo.TYPE_CODE)
        if action is PackAction.PAUSE:
            return PackStep(PackDo.PAUSE)
        if action is PackAction.HOME:
            return PackStep(PackDo.HOME) if self.next_order() else NOTHING
        if action is PackAction.NEXT:
            return PackStep(PackDo.NEXT) if self.next_order() else NOTHING
        if session is None or self.opening:
            return NOTHING
        if action is PackAction.QTY:
            return PackStep(PackDo.OPEN_QTY)
        if action is PackAction.RETRY:
            return PackStep(PackDo.RETRY)
        intents: dict[PackAction, Intent] = {
            PackAction.HOLD: lambda s, _: s.hold(None),
            PackAction.UNDO: lambda s, _: s.undo(),
            PackAction.CLOSE: _command(CommandName.CLOSE),
            PackAction.CONFIRM: _command(CommandName.CONFIRM),
            PackAction.CANCEL: _command(CommandName.CANCEL),
        }
        return PackStep(PackDo.ACT, intents[action])

    def qty_chosen(self, qty: int) -> PackStep:
        if self.session is None or qty <= 0:
            return NOTHING
        return PackStep(PackDo.ACT, _command(CommandName.QTY, qty))

    def weighed(self, grams: int) -> PackStep:
        """A weight typed (OK) or read stable from the scale."""
        session = self.session
        if session is None or session.state not in _WEIGHING:
            return NOTHING
        return PackStep(PackDo.ACT, lambda s, sscc: s.weigh(grams, sscc))

    def weigh_cancelled(self) -> PackStep:
        if self.session is None:
            return NOTHING
        return PackStep(PackDo.ACT, _command(CommandName.CANCEL))

    def hold_chosen(self, reason: PackHoldReason) -> PackStep:
        if self.session is None:
            return NOTHING
        return PackStep(PackDo.ACT, lambda s, _: s.hold(reason))

    def carton_chosen(self, code: str) -> PackStep:
        if self.session is None:
            return NOTHING
        return PackStep(PackDo.ACT, lambda s, _: s.choose_carton(code))

    def labels_printed(self, order: str, package_no: int) -> PackStep:
        if not self._is_order(order):
            return NOTHING
        return PackStep(PackDo.ACT, lambda s, _: s.printed(package_no))

    def labels_failed(self, order: str, package_no: int) -> PackStep:
        session = self.session
        if not self._is_order(order) or session is None or session.is_finished:
            return NOTHING
        # Said at any step (an early-closed package fails while the next one fills);
        # the order waits at PRINT for it with Retry.
        return PackStep(PackDo.ACT, lambda s, _: s.print_failed(package_no))

    def _is_order(self, number: str) -> bool:
        return self.session is not None and self.session.order.order_number == number


def _is(scan: Scan, name: CommandName) -> bool:
    return isinstance(scan, CommandScan) and scan.command.name is name
