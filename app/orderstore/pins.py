"""Supervisors' PINs: set one, hand out its salt, check events' proofs, rate limit.

The store keeps per supervisor the salt and the scrypt key of the PIN (see
``app.domain.proof``). ``check_proofs`` runs inside the event batch's transaction: a
wrong proof counts as a failure of that user, and ``MAX_FAILURES`` in a row lock the
user for ``LOCK`` (every supervisor action of theirs refused with
``supervisor_locked``, even with the right PIN, until the lock ends). The count lives
in the database row, so every worker of a site sees the same lock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.domain import proof
from app.domain.events import Event
from app.domain.model import Role
from app.domain.rules import RejectCode, Rejection
from app.orderstore.db import writer
from app.orderstore.models import SupervisorPinRow, UserRow
from app.orderstore.orders import now

MAX_FAILURES = 5
LOCK = timedelta(minutes=5)


class PinError(ValueError):
    """A PIN that cannot be set; ``code`` says why (``unknown_user``, ``not_supervisor``,
    ``bad_pin``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class Salt:
    """What a station needs to derive a supervisor's key from the PIN typed."""

    username: str
    salt: bytes
    kdf: proof.Kdf

    def to_json(self) -> dict[str, object]:
        return {"username": self.username, "salt": self.salt.hex(), **self.kdf.to_json()}


def set_pin(engine: Engine, username: str, pin: str, kdf: proof.Kdf = proof.KDF) -> None:
    """Give ``username`` (a supervisor or admin) the PIN ``pin``; a new salt each time.

    Raises:
        PinError: unknown or inactive user, no supervisor role, or not 4-12 digits.
    """
    try:
        proof.check_pin(pin)
    except ValueError:
        raise PinError("bad_pin") from None
    salt = proof.new_salt()
    key = proof.derive_key(pin, salt, kdf)
    with Session(writer(engine)) as session, session.begin():
        user = session.get(UserRow, username)
        if user is None or not user.active:
            raise PinError("unknown_user")
        roles = set(user.roles.split(","))
        if not roles & {Role.SUPERVISOR.value, Role.ADMIN.value}:
            raise PinError("not_supervisor")
        row = session.get(SupervisorPinRow, username)
        if row is None:
            row = SupervisorPinRow(username=username)
            session.add(row)
        row.salt = salt.hex()
        row.key = key.hex()
        row.kdf = json.dumps(kdf.to_json(), sort_keys=True)
        row.set_at = now()
        row.failures = 0
        row.locked_until = None


def salt_of(engine: Engine, username: str) -> Salt | None:
    """The salt and KDF of ``username``'s PIN, or ``None`` when none is set."""
    with Session(engine) as session:
        row = session.get(SupervisorPinRow, username)
    if row is None:
        return None
    return Salt(username, bytes.fromhex(row.salt), _kdf(row.kdf))


def _kdf(text: str) -> proof.Kdf:
    data = json.loads(text)
    return proof.Kdf(n=data["n"], r=data["r"], p=data["p"], length=data["length"])


class ProofChecker:
    """Checks the proofs of one batch, in the batch's transaction.

    Rows are read once per user and locked (``FOR UPDATE`` on PostgreSQL; SQLite's
    writer already holds the database lock) so that two workers counting failures of
    the same user do not lose one.
    """

    def __init__(self, session: Session, usernames: set[str], at: datetime) -> None:
        self._at = at
        query = select(SupervisorPinRow).where(SupervisorPinRow.username.in_(sorted(usernames)))
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        self._rows = {row.username: row for row in session.execute(query).scalars()}

    def check(self, event: Event) -> None:
        """Raise unless ``event`` carries a valid proof of its user's PIN.

        Raises:
            Rejection: ``SUPERVISOR_LOCKED`` while the user is locked,
                ``SUPERVISOR_PROOF`` for a missing proof, no PIN set or a wrong proof
                (a wrong proof counts towards the lock).
        """
        row = self._rows.get(event.user)
        if row is not None and row.locked_until is not None and row.locked_until > self._at:
            raise Rejection(
                RejectCode.SUPERVISOR_LOCKED,
                f"too many wrong PINs for {event.user}; try again after "
                f"{row.locked_until.isoformat(timespec='seconds')}",
            )
        if row is None or event.proof is None:
            raise Rejection(
                RejectCode.SUPERVISOR_PROOF,
                f"{event.type.value} needs the PIN of {event.user} (no proof, or no PIN set)",
            )
        if not proof.verify(event, bytes.fromhex(row.key)):
            row.failures += 1
            if row.failures >= MAX_FAILURES:
                row.locked_until = self._at + LOCK
                row.failures = 0
            raise Rejection(
                RejectCode.SUPERVISOR_PROOF, f"the proof of {event.user}'s PIN does not match"
            )
        row.failures = 0
