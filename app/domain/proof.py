"""Proof that a supervisor was at the station: a key from a PIN, a signature per event.

A station token says which station talks, not who stands at it; any station could send
an event "by" a supervisor. A supervisor action therefore carries ``Event.proof``: an
HMAC-SHA256, under a key derived from the supervisor's PIN, over the event's canonical
form (``signing_text``: its id, type, station, user, time and payload).

- The order store keeps, per supervisor, a random salt and the derived key
  (``derive_key``); never the PIN. It sends stations the salt only.
- The station derives the key from the PIN typed after the badge (slow on purpose:
  scrypt, ``KDF``), keeps it in memory for the supervisor's session, and signs each
  supervisor event. The outbox holds the signature, never the PIN or the key.
- The store recomputes the HMAC with its key (cheap: the slow step is the station's,
  once per login, so a flood of events costs the store no KDF work) and compares in
  constant time. The signature covers the event id, so it cannot be moved to another
  event, and a replay of the same id is a ``duplicate`` that changes nothing.

Invariants: ``signing_text(parse_event(e.to_json()))`` equals ``signing_text(e)`` for
every event ``e`` (the canonical form is taken from what the wire carries), and the
proof itself is not part of what is signed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from app.domain.events import Event, parse_event

MIN_PIN = 4
MAX_PIN = 12


@dataclass(frozen=True, slots=True)
class Kdf:
    """scrypt parameters. n=2**14, r=8, p=1 takes 16 MiB and ~40-80 ms on a kiosk PC:
    once per supervisor login it is not felt, and each guess of an offline attack on a
    captured signature costs the same."""

    n: int = 2**14
    r: int = 8
    p: int = 1
    length: int = 32

    def to_json(self) -> dict[str, object]:
        return {"kdf": "scrypt", "n": self.n, "r": self.r, "p": self.p, "length": self.length}


KDF = Kdf()


def check_pin(pin: str) -> str:
    """``pin`` when it is 4-12 ASCII digits.

    Raises:
        ValueError: anything else.
    """
    if not (MIN_PIN <= len(pin) <= MAX_PIN) or not pin.isascii() or not pin.isdigit():
        raise ValueError(f"a PIN is {MIN_PIN}-{MAX_PIN} digits")
    return pin


def new_salt() -> bytes:
    return secrets.token_bytes(16)


def derive_key(pin: str, salt: bytes, kdf: Kdf = KDF) -> bytes:
    """The signing key of ``pin`` under ``salt``.

    Raises:
        ValueError: ``pin`` is not a PIN (``check_pin``).
    """
    return hashlib.scrypt(
        check_pin(pin).encode(),
        salt=salt,
        n=kdf.n,
        r=kdf.r,
        p=kdf.p,
        maxmem=128 * kdf.r * kdf.n * 2,
        dklen=kdf.length,
    )


def signing_text(event: Event) -> bytes:
    """The bytes a proof signs: the event's JSON without its proof, keys sorted, no
    spaces, ASCII only, taken from the event as ``parse_event`` reads it (times in
    UTC, texts stripped), so that a station and the store agree byte for byte.

    Raises:
        app.domain.events.EventError: the event is not one the store would take.
    """
    data = parse_event(event.to_json()).to_json()
    data.pop("proof", None)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def sign(event: Event, key: bytes) -> str:
    """The proof of ``event`` under ``key``: 64 lowercase hex digits."""
    return hmac.new(key, signing_text(event), hashlib.sha256).hexdigest()


def verify(event: Event, key: bytes) -> bool:
    """True when ``event`` carries a proof made with ``key``."""
    if event.proof is None:
        return False
    return hmac.compare_digest(sign(event, key), event.proof)
