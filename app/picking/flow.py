"""The pick flow: what a picker's taps and scans mean at the pick screen.

``PickFlow`` keeps what the picker is doing between the durable state (their run and
its orders, in the station database) and the screen: the picker, the run and its
``PickSession``, the cart of totes being loaded, whether they pick one order or a
batch on a cart, and a Next order asked for while their open pick was still being
looked for. It does no I/O and knows no Qt: each intent changes the flow and answers
a ``Step``, a typed instruction (ask for work, close the run, run an intent of the
session, say why not...) that the screen carries out and words. The store calls a
step asks for are the screen's to run off the GUI thread; their answers come back as
intents too (``work_arrived``, ``run_closed``, ``run_changed``).

Invariants (``tests/app/picking/test_flow_properties.py``): the cart never holds more
totes than its capacity, never a tote twice, never a retired tote nor one the
station's open runs still fill; the flow asks for work only when it is not already
asking and there is no session; work is asked for a cart only with totes on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.commands import Command, CommandName
from app.domain.events import ShortReason
from app.domain.model import Order, User
from app.domain.pick import Outcome, PickMessage, PickSession, PickState, Prompt
from app.domain.scan import BadgeScan, CommandScan, Scan, ToteScan
from app.picking.answers import Work
from app.picking.cart import Cart, CartAnswer
from app.picking.service import tell_stopped
from app.picking.steps import NEXT_PLEASE, Do, PanelAnswer, PickAction, Step, WorkAsk
from app.store.pick_runs import PickRun


def _confirm(session: PickSession) -> Outcome:
    return session.command(Command(CommandName.CONFIRM))


class PickFlow:
    """The picker's work at the pick screen, without the screen.

    Args:
        cart_capacity: how many totes a cart holds here.
    """

    def __init__(self, cart_capacity: int = 6) -> None:
        self.cart = Cart(cart_capacity)
        self.user: User | None = None
        self.run: PickRun | None = None
        self.session: PickSession | None = None
        self.cart_mode = False
        """Batching on a cart (tote scans fill it) rather than one order at a time."""
        self.busy = False
        """Asking for work, or closing a run: scans and taps wait."""
        self._next_after_resume = False
        self._aside: set[str] = set()
        self._closing_for: User | None = None

    # -- the picker ------------------------------------------------------------------

    def open(self, user: User) -> bool:
        """``user`` opens the pick screen.

        Returns:
            True when their session is on screen already; False when the screen shows
            the start page and looks for their open pick (``ask(resume_only=True)``).

        Transitions:
            another picker than the last --> session, run and cart dropped.
        """
        if self.user is None or self.user.username != user.username:
            self.drop_session()
            self.cart.clear()
        self.user = user
        return self.session is not None

    def close(self) -> None:
        """The picker logs out: their run stays in the database."""
        self.drop_session()
        self.user = None
        self.cart.clear()

    def drop_session(self) -> None:
        self.session, self.run = None, None
        self._aside.clear()

    def start_next(self) -> bool:
        """``#CMD:START-PICK`` from elsewhere: the next single order.

        Returns:
            True: ask for work now (``ask``).

        Transitions:
            a session on screen --> nothing (it goes on).
            looking for the open pick --> remembered: a single order once the look
            finds none.
            else --> single-order mode, ask for work.
        """
        if self.session is not None:
            return False
        if self.busy:
            self._next_after_resume = True
            return False
        self.start_single()
        return True

    def start_single(self) -> None:
        """One order at a time: the cart is emptied."""
        self.cart_mode = False
        self.cart.clear()

    # -- taps ------------------------------------------------------------------------

    def tap(self, action: PickAction) -> Step:
        """A tap on one of the screen's buttons.

        Transitions:
            TYPE_CODE --> the keyboard; PAUSE --> home, the pick stays open.
            HOME without a pick --> home.
            anything else while busy (asking for work, closing a run) --> nothing.
            HOME / CART on a finished pick --> FINISH, then home / an empty cart.
            CART without a pick --> the cart page.
            NEXT_ORDER --> single-order mode, GET_WORK.
            START_CART with totes on the cart --> GET_WORK.
            CLEAR_CART --> the cart page, empty.
            SHORT / QTY --> their panel, or NOT_NOW at a step that cannot take it.
            SKIP / UNDO / SET_ASIDE / NEXT --> INTENT on the session (NEXT finishes a
            finished pick).
            HAND_BACK --> CONFIRM_HAND_BACK (then ``handed_back``), while work is left.
        """
        session = self.session
        if action is PickAction.TYPE_CODE:
            return Step(Do.TYPE_CODE)
        if action is PickAction.PAUSE or (action is PickAction.HOME and session is None):
            return Step(Do.LEAVE)
        if self.busy:  # asking for work or closing the run: the answer decides
            return Step(Do.NOTHING)
        if action in (PickAction.HOME, PickAction.CART):
            if session is not None and session.is_finished:
                return Step(Do.FINISH, then=action)
            if session is not None:
                return Step(Do.NOTHING)
            self.cart_mode = True
            return Step(Do.SHOW_CART)
        if action is PickAction.NEXT_ORDER:
            self.start_single()
            return Step(Do.GET_WORK)
        if action is PickAction.START_CART:
            return Step(Do.GET_WORK if self.cart.totes else Do.NOTHING)
        if action is PickAction.CLEAR_CART:
            self.cart.clear()
            return Step(Do.SHOW_CART)
        if session is None:
            return Step(Do.NOTHING)
        return self._task_tap(action, session.prompt())

    def _task_tap(self, action: PickAction, prompt: Prompt) -> Step:
        if action in (PickAction.SHORT, PickAction.QTY):
            if prompt.state is PickState.PUT_IN_TOTE:
                return Step(
                    Do.NOT_NOW, message=PickMessage.SCAN_TOTE, args={"tote": prompt.tote or ""}
                )
            if action is PickAction.QTY and prompt.state is PickState.GO_TO_BIN:
                return Step(
                    Do.NOT_NOW, message=PickMessage.SCAN_BIN_FIRST, args={"bin": prompt.bin or ""}
                )
            return Step(Do.OPEN_SHORT if action is PickAction.SHORT else Do.OPEN_QTY)
        if action is PickAction.HAND_BACK and prompt.state is not PickState.DONE:
            return Step(Do.CONFIRM_HAND_BACK)
        if action is PickAction.SKIP:
            return Step(Do.INTENT, intent=PickSession.skip)
        if action is PickAction.UNDO:
            return Step(Do.INTENT, intent=PickSession.undo)
        if action is PickAction.SET_ASIDE:
            return Step(Do.INTENT, intent=_confirm)
        if action is PickAction.NEXT:
            return Step(Do.INTENT, intent=_confirm, then=PickAction.NEXT)
        return Step(Do.NOTHING)

    def panel(self, answer: PanelAnswer) -> Step:
        """The keypad's or the short panel's answer (the panel closes).

        Transitions:
            keypad OK with a number --> INTENT: the next item scan counts it.
            keypad Cancel --> QTY_CANCELLED: each scan counts one again.
            short with its reason --> INTENT: the short, with what was found.
            short Cancel --> INTENT leaving the session's reason step, if it is in it.
        """
        if not answer.short:
            return Step(Do.QTY_CANCELLED) if answer.qty is None else self.qty_chosen(answer.qty)
        if answer.qty is None or answer.reason is None:
            return self.short_cancelled()
        return self.short_chosen(answer.qty, answer.reason)

    def qty_chosen(self, qty: int) -> Step:
        """The quantity keypad's OK: the next item scan counts ``qty`` (nothing for 0
        or without a session)."""
        if self.session is None or qty <= 0:
            return Step(Do.NOTHING)
        return Step(Do.INTENT, intent=lambda s: s.command(Command(CommandName.QTY, qty=qty)))

    def short_chosen(self, found: int, reason: ShortReason) -> Step:
        """The short panel's reason: ``found`` were there."""
        if self.session is None:
            return Step(Do.NOTHING)
        return Step(Do.INTENT, intent=lambda s: s.short(found, reason))

    def short_cancelled(self) -> Step:
        """The short panel's Cancel: the session leaves its reason step, if it is in it."""
        if self.session is not None and self.session.state is PickState.SHORT_REASON:
            return Step(Do.INTENT, intent=lambda s: s.command(Command(CommandName.CANCEL)))
        return Step(Do.NOTHING)

    # -- scans -----------------------------------------------------------------------

    @staticmethod
    def next_please(scan: Scan) -> bool:
        """The scan is a command barcode asking for the next work."""
        return isinstance(scan, CommandScan) and scan.command.name in NEXT_PLEASE

    def scan(self, scan: Scan, *, short_open: bool = False, typed: int | None = None) -> Step:
        """A scan at the pick screen.

        Args:
            scan: what was scanned.
            short_open: the short panel is on screen (it wants a reason first).
            typed: the quantity keypad is on screen with this number (0: nothing typed).

        Transitions:
            a badge or LOGOUT --> nothing (the main window's).
            busy --> WAIT.
            no session --> see ``scan_without_session``.
            unreadable (but a tote) --> UNREADABLE: the pipeline's own answer stands.
            the short panel open --> SHORT_FIRST.
            the keypad open, not a command --> INTENT counting the number typed
                (``Step.typed``: the keypad closes if it counts, else stays).
            else --> INTENT: the session's scan; NEXT / CONFIRM / START-PICK on a
                finished pick closes the run after it.
        """
        if isinstance(scan, BadgeScan) or (
            isinstance(scan, CommandScan) and scan.command.name is CommandName.LOGOUT
        ):
            return Step(Do.NOTHING)
        session = self.session
        if self.busy:
            return Step(Do.WAIT)
        if session is None:
            return self.scan_without_session(scan)
        if not scan.ok and not isinstance(scan, ToteScan):
            return Step(Do.UNREADABLE)
        if short_open:
            return Step(Do.SHORT_FIRST)
        if typed is not None and not isinstance(scan, CommandScan):
            return Step(Do.INTENT, intent=lambda s: s.scan(scan, typed=typed), typed=True)
        then = PickAction.NEXT if session.is_finished and self.next_please(scan) else None
        return Step(Do.INTENT, intent=lambda s: s.scan(scan), then=then)

    def scan_without_session(self, scan: Scan) -> Step:
        """A scan while no pick runs (the start or cart page).

        Transitions:
            NEXT / CONFIRM / START-PICK --> GET_WORK: the cart's totes in cart mode,
                else a single order.
            a tote --> CART_ANSWER (the first tote turns cart mode on, on an empty cart).
            unreadable --> UNREADABLE; anything else --> NO_PICK.
        """
        if self.next_please(scan):
            if not (self.cart_mode and self.cart.totes):
                self.start_single()
            return Step(Do.GET_WORK)
        if isinstance(scan, ToteScan):
            return Step(Do.CART_ANSWER, cart=self.add_tote(scan.tote.code, active=scan.ok))
        if not scan.ok:
            return Step(Do.UNREADABLE)
        return Step(Do.NO_PICK)

    def add_tote(self, tote: str, *, active: bool = True) -> CartAnswer:
        """A tote scanned with no pick running: onto the cart (see ``Cart.add``)."""
        if active and not self.cart_mode:
            self.cart_mode = True
            self.cart.clear()
        return self.cart.add(tote, active=active)

    # -- acting on the session ---------------------------------------------------------

    def set_aside_after(self, before: Prompt, after: Prompt) -> str | None:
        """The order a stopped-order step left (its tote is off the cart), else None.

        The order leaves the run on screen at once; the screen takes it off the run in
        the database (``PickService.set_aside``) and gives back ``run_changed``.
        """
        number = before.order_number
        if before.state is not PickState.CANCELLED or number is None or self.run is None:
            return None
        if after.state is PickState.CANCELLED and after.order_number == number:
            return None
        self._aside.add(number)
        return number

    def live_orders(self) -> tuple[list[str], list[str]]:
        """The session's orders still in the run, and their totes."""
        session, run = self.session, self.run
        if session is None:
            return [], []
        live = [n for n in session.order_numbers if n not in self._aside]
        if run is None:
            return live, []
        live = [n for n in live if n in run.order_numbers]
        return live, [run.totes[n] for n in live if n in run.totes]

    def rebuilding(self) -> tuple[User, PickRun] | None:
        """A count was not saved: the session is to be read again from the database
        (``PickService.session``) for this picker and run, else None. Busy until
        ``rebuilt`` or ``rebuild_failed``."""
        if self.user is None or self.run is None:
            return None
        self.busy = True
        return self.user, self.run

    def rebuilt(self, session: PickSession) -> bool:
        """The session read again; False when the picker left meanwhile."""
        self.busy = False
        if self.user is None or self.run is None:
            return False
        self.session = session
        return True

    def rebuild_failed(self) -> None:
        """The session could not be read again: the screen looks for the open pick."""
        self.busy = False
        self.drop_session()

    def sync_round(self, *, online: bool) -> Do:
        """A sync round ended (``online``: with the order store).

        Transitions:
            offline, nobody here, or busy --> NOTHING.
            a session --> NEWS: read its orders the pull stopped, then ``news``.
            a run without a session (claims waiting) --> GET_WORK: look again
                (``ask(resume_only=True)``).
        """
        if not online or self.user is None or self.busy:
            return Do.NOTHING
        if self.session is not None:
            return Do.NEWS
        return Do.GET_WORK if self.run is not None else Do.NOTHING

    def news(self, session: PickSession, stopped: Sequence[Order]) -> list[Outcome]:
        """The orders of ``session`` the last pull stopped (cancelled, held): the
        answers that need the picker, each told once; none when the picker has moved
        on to another session meanwhile (the next round tells again)."""
        if session is not self.session:
            return []
        return tell_stopped(session, stopped)

    def run_changed(self, run: PickRun) -> None:
        """The database's copy of the run after an order was set aside."""
        if self.run is not None and self.run.id == run.id:
            self.run = run

    # -- getting work and closing it -------------------------------------------------

    def ask(self, *, resume_only: bool = False) -> WorkAsk | None:
        """Work to ask for now (the flow is busy until ``work_arrived``), or None when
        nobody is here or the flow is asking already."""
        if self.user is None or self.busy:
            return None
        self.busy = True
        totes = self.cart.totes if self.cart_mode else ()
        return WorkAsk(self.user, totes, resume_only)

    def work_arrived(self, work: Work | None) -> bool:
        """The answer to ``ask``.

        Returns:
            True when a Next order came while the open pick was looked for and none
            was found: ask for a single order now.

        Transitions:
            READY --> the session; the cart is emptied (its totes are in the run).
            WAITING --> the run, no session (the screen checks again on the next sync).
            NO_WORK or nothing open --> no run.
        """
        self.busy = False
        then_next, self._next_after_resume = self._next_after_resume, False
        self._aside.clear()
        if work is None:
            if then_next:
                self.start_single()
            return then_next
        self.run, self.session = work.run, work.session
        if work.session is not None:
            self.cart.clear()
        return False

    def work_failed(self) -> None:
        self.busy = False
        self._next_after_resume = False

    def closing(self, then: PickAction) -> PickRun | None:
        """The run to close (``PickService.finish``) before ``then``.

        HOME: the picker walks away at once (call ``run_closed`` now; the run closes
        behind them, and a failure leaves it open for the next time). Else busy until
        ``run_closed``.
        """
        self._closing_for = self.user
        self.busy = then is not PickAction.HOME
        return self.run

    def run_closed(self, then: PickAction) -> Do:
        """The finished run is closed: ``NEXT`` (the next order, or the cart page after
        a batch), ``CART`` (a new cart) or ``HOME``.

        Transitions:
            the picker logged out meanwhile --> NOTHING.
            HOME --> single-order mode, LEAVE.
            CART --> an empty cart, SHOW_CART.
            NEXT --> SHOW_CART in cart mode, else GET_WORK.
        """
        self.busy = False
        if self.user is None or self.user is not self._closing_for:
            return Do.NOTHING
        self.drop_session()
        if then is PickAction.CART:
            self.cart_mode = True
            self.cart.clear()
        if then is PickAction.HOME:
            self.start_single()
            return Do.LEAVE
        return Do.SHOW_CART if self.cart_mode else Do.GET_WORK

    def handed_back(self) -> None:
        """The run was handed back (``app.picking.handback``): no pick, single orders."""
        self.drop_session()
        self.start_single()

    def close_failed(self) -> bool:
        """The run could not be closed; True when the picker waits for it (else it
        stays open in the database, finished, for their next time)."""
        waiting, self.busy = self.busy, False
        return waiting
