"""Where a station gets a supervisor's PIN salt: the order store's
``GET /api/v1/supervisors/{username}/pin-salt`` (the salt and KDF, never the key)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol
from urllib.parse import quote

import requests

from app.domain.proof import Kdf

MAX_BODY = 4096


class SaltUnavailable(Exception):
    """The salt could not be had: the store is unreachable or answered oddly."""


class SaltSource(Protocol):
    def pin_salt(self, username: str) -> tuple[bytes, Kdf] | None:
        """The salt and KDF of ``username``'s PIN, ``None`` when no PIN is set.

        Raises:
            SaltUnavailable: the source cannot answer now.
        """


class HttpSaltSource:
    """The order store as a ``SaltSource`` (one short request, a bounded answer)."""

    def __init__(
        self, base_url: str, token: str, http: requests.Session, *, timeout: float = 5.0
    ) -> None:
        self._base = base_url.rstrip("/")
        self._token = token
        self._http = http
        self._timeout = timeout

    def pin_salt(self, username: str) -> tuple[bytes, Kdf] | None:
        url = f"{self._base}/api/v1/supervisors/{quote(username, safe='')}/pin-salt"
        try:
            answer = self._http.get(
                url,
                headers={"Authorization": f"Bearer {self._token}"},
                timeout=self._timeout,
                stream=True,
            )
            body = answer.raw.read(MAX_BODY + 1, decode_content=True)
        except requests.RequestException as error:
            raise SaltUnavailable(type(error).__name__) from None
        if answer.status_code == 404:
            return None
        if answer.status_code != 200 or len(body) > MAX_BODY:
            raise SaltUnavailable(f"http_{answer.status_code}")
        return parse_salt(body)


def parse_salt(body: bytes) -> tuple[bytes, Kdf]:
    """The salt and KDF of a pin-salt answer.

    Raises:
        SaltUnavailable: the answer does not fit the contract (or asks for a KDF
            outside what a kiosk can afford).
    """
    try:
        data = json.loads(body)
        salt = bytes.fromhex(data["salt"])
        kdf = Kdf(n=data["n"], r=data["r"], p=data["p"], length=data["length"])
        ok = data["kdf"] == "scrypt" and 8 <= len(salt) <= 64
        ok = ok and all(isinstance(v, int) and not isinstance(v, bool) for v in (kdf.n, kdf.r))
        ok = ok and 2**10 <= kdf.n <= 2**20 and kdf.n & (kdf.n - 1) == 0
        ok = ok and 1 <= kdf.r <= 16 and kdf.p == 1 and 16 <= kdf.length <= 64
    except (ValueError, KeyError, TypeError):
        raise SaltUnavailable("bad_answer") from None
    if not ok:
        raise SaltUnavailable("bad_answer")
    return salt, kdf


class StoreLink(Protocol):
    """Where the order store is and how to reach it (the station's settings)."""

    server_url: str
    token: str
    request_timeout_s: float
    ca_bundle: str


class StationHttp:
    """One HTTP session to the order store named in the settings in force at each call
    (Settings may move the station to another store while the screen is open), one
    request at a time: the screen's reads may overlap on the pool, and a
    ``requests.Session`` is not made for two threads."""

    def __init__(self, link: Callable[[], StoreLink]) -> None:
        self._link = link
        self._http = requests.Session()
        self._lock = threading.Lock()

    @contextmanager
    def _reach(
        self, unavailable: Callable[[str], Exception]
    ) -> Iterator[tuple[StoreLink, requests.Session]]:
        """The settings and the session, held alone until the block ends.

        Raises:
            Exception: ``unavailable("not_configured")`` when no store is set.
        """
        with self._lock:
            link = self._link()
            if not (link.server_url and link.token):
                raise unavailable("not_configured")
            self._http.verify = link.ca_bundle or True
            yield link, self._http


class StationSalts(StationHttp):
    """The PIN salts of the station's order store."""

    def pin_salt(self, username: str) -> tuple[bytes, Kdf] | None:
        with self._reach(SaltUnavailable) as (link, http):
            source = HttpSaltSource(
                link.server_url, link.token, http, timeout=link.request_timeout_s
            )
            return source.pin_salt(username)
