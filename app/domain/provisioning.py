"""The station set-up code: what ``scanpack-store token create --qr`` prints as a QR code.

A new station with no settings reads it (by scanner or camera) and knows its order
store, its name and its token in one scan. Version 1 of the text::

    SCANPACK1|<store URL>|<station name>|<token>

Each of the three fields is percent-encoded (RFC 3986, ``urllib.parse.quote`` with no
safe characters but ``:/``), so a ``|`` or a ``%`` in a station name survives; the
whole text is printable ASCII. A reader refuses another version (``SCANPACK2|...``) by
name, so an old station says "update scanpack" rather than "not a set-up code".
``docs/http-contract.md`` ("Station set-up code") is the reference.

The token is a secret: ``repr`` and ``str`` of a :class:`SetupCode` never show it, and
``masked`` is the text with the token replaced, for anything that may be shown or kept.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlparse

MAGIC = "SCANPACK"
VERSION = 1
PREFIX = f"{MAGIC}{VERSION}|"
MAX_STATION = 64


class SetupCodeFault(enum.StrEnum):
    """Why a text is not a usable set-up code."""

    NOT_SETUP = "not_setup"
    """It is not a scanpack set-up code at all."""
    VERSION = "version"
    """A set-up code of another version (made by a newer ``scanpack-store``)."""
    MALFORMED = "malformed"
    """It starts like one but its fields are missing or broken."""


class SetupCodeError(ValueError):
    """The text is not a usable set-up code; ``fault`` says why."""

    def __init__(self, fault: SetupCodeFault) -> None:
        super().__init__(fault.value)
        self.fault = fault


@dataclass(frozen=True, slots=True)
class SetupCode:
    """A station's order store, name and token, as a set-up code carries them."""

    url: str
    station: str
    token: str = field(repr=False)

    def __post_init__(self) -> None:
        parsed = urlparse(self.url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ValueError("the store URL is not http(s)://host[:port]")
        if not self.station.strip() or len(self.station) > MAX_STATION:
            raise ValueError(f"a station name is 1-{MAX_STATION} characters")
        if not self.station.isprintable():
            raise ValueError("a station name is printable characters")
        if not self.token or not self.token.isascii() or not self.token.isprintable():
            raise ValueError("a token is printable ASCII")
        if any(ch.isspace() for ch in self.token):
            raise ValueError("a token holds no spaces")

    def text(self) -> str:
        """The code's text (what the QR code holds)."""
        fields = (quote(self.url, safe=":/"), quote(self.station, safe=""), quote(self.token))
        return PREFIX + "|".join(fields)

    @property
    def masked(self) -> str:
        """The text with the token left out: safe to show, log or record."""
        return f"{PREFIX}{quote(self.url, safe=':/')}|{quote(self.station, safe='')}|***"

    def __str__(self) -> str:
        return self.masked


def looks_like_setup(text: str) -> bool:
    """Whether ``text`` claims to be a set-up code of any version."""
    return text.startswith(MAGIC) and "|" in text[: len(MAGIC) + 6]


def read_setup_code(text: str) -> SetupCode:
    """The set-up code ``text`` holds (surrounding white space ignored).

    Raises:
        SetupCodeError: not a set-up code, another version, or a broken one.
    """
    text = text.strip()
    if not looks_like_setup(text):
        raise SetupCodeError(SetupCodeFault.NOT_SETUP)
    if not text.startswith(PREFIX):
        raise SetupCodeError(SetupCodeFault.VERSION)
    parts = text[len(PREFIX) :].split("|")
    if len(parts) != 3:
        raise SetupCodeError(SetupCodeFault.MALFORMED)
    try:
        url, station, token = (unquote(part, errors="strict") for part in parts)
        return SetupCode(url, station, token)
    except (ValueError, UnicodeDecodeError):
        raise SetupCodeError(SetupCodeFault.MALFORMED) from None
