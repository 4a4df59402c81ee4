"""Station tokens: made here, shown once, stored only as their SHA-256."""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.domain import wire
from app.orderstore.models import TokenRow
from app.orderstore.orders import now

# A station's name as a token carries it: what an event's ``station`` takes (printable,
# not blank, stripped) and no longer than a station's settings allow.
MAX_STATION = 64


def check_station(name: str) -> str:
    """``name`` stripped, as a token's station.

    Raises:
        ValueError: blank, longer than ``MAX_STATION`` or not printable (a tab, a NUL):
            no event could carry it.
    """
    return wire.check_text(name, "station", max_length=MAX_STATION)


class TokenRole(enum.StrEnum):
    """What a token may call: a station pulls and pushes, the ERP imports and cancels."""

    STATION = "station"
    ERP = "erp"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Caller:
    """Who a request comes from, by its token."""

    station: str
    roles: frozenset[TokenRole]

    def may(self, *roles: TokenRole) -> bool:
        return TokenRole.ADMIN in self.roles or any(role in self.roles for role in roles)


def hash_token(token: str) -> str:
    # A plain hash suffices: tokens are 256 random bits, nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(engine: Engine, station: str, roles: frozenset[TokenRole]) -> str:
    """Make a token for ``station`` and return it; only its hash is kept.

    Raises:
        ValueError: ``station`` is no station name (``check_station``).
    """
    station = check_station(station)
    token = "sp_" + secrets.token_urlsafe(32)
    with Session(engine) as session, session.begin():
        session.add(
            TokenRow(
                station=station,
                token_hash=hash_token(token),
                roles=",".join(sorted(role.value for role in roles)),
                created_at=now(),
            )
        )
    return token


def revoke_tokens(engine: Engine, station: str) -> int:
    """Revoke every live token of ``station``; returns how many."""
    with Session(engine) as session, session.begin():
        rows = (
            session.execute(
                select(TokenRow).where(TokenRow.station == station, TokenRow.revoked_at.is_(None))
            )
            .scalars()
            .all()
        )
        for row in rows:
            row.revoked_at = now()
        return len(rows)


def list_tokens(engine: Engine) -> list[tuple[int, str, str, str, bool]]:
    """``(id, station, roles, created, revoked)`` for every token ever made."""
    with Session(engine) as session:
        return [
            (row.id, row.station, row.roles, row.created_at.isoformat(), row.revoked_at is not None)
            for row in session.execute(select(TokenRow).order_by(TokenRow.id)).scalars()
        ]


def caller_for(engine: Engine, token: str) -> Caller | None:
    """The caller a token stands for, or ``None`` for an unknown or revoked token."""
    with Session(engine) as session:
        row = session.execute(
            select(TokenRow.station, TokenRow.roles).where(
                TokenRow.token_hash == hash_token(token), TokenRow.revoked_at.is_(None)
            )
        ).first()
    if row is None:
        return None
    return Caller(row.station, frozenset(TokenRole(r) for r in row.roles.split(",") if r))
