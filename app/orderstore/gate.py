"""What every request to the order store passes before the HTTP contract sees it.

``Gate`` is plain ASGI, not Starlette's ``BaseHTTPMiddleware`` (which streams every
response through an extra task and costs the push a third of its speed). In order:

1. A body declared longer than ``Limits.body_bytes`` (``Content-Length``) answers 413
   at once, and the connection is closed.
2. Every path but the open ones (health; the OpenAPI document when it is served)
   needs a known token: without one the answer is 401 before the body is parsed or
   kept, and the token is checked before the endpoint reads a byte. With a declared
   length the 401 goes out at once (uvicorn throws the rest of the body away as it
   comes, at most the limit); a chunked body, which has no length, is read and thrown
   away first, up to the limit and the read timeout, so that the client can read
   the 401 (past either, the 401 closes the connection). The caller is put into the
   scope for the endpoints.
3. The body is counted as the endpoint reads it: past ``body_bytes`` the request
   answers 413 whatever its framing, so the store never holds more than the limit
   of one body. The whole body must arrive within ``body_timeout_s`` of its first
   read, or the request answers 408: a half-sent body holds neither a connection nor
   a task for good.
4. An answer given while a chunked body is still coming carries ``Connection:
   close``: uvicorn then closes the connection instead of reading an unbounded rest
   only to throw it away. (A declared rest is at most the limit: uvicorn reads it
   and keeps the connection, so the client surely reads the answer; closing a
   socket with unread data resets it, and the answer can be lost.)

Uvicorn has no read timeout for a body of its own (its ``timeout_keep_alive`` only
runs between requests), hence 3. The answers are JSON ``{"detail": ..., "code": ...}``
as every refusal of the store.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from app.orderstore.auth import Caller

CALLER_KEY = "scanpack.caller"
UNAUTHORIZED = "missing or unknown station token"
_CLOSE = (b"connection", b"close")


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of a request the store takes (docs/http-contract.md, "Limits")."""

    body_bytes: int = 8 * 1024 * 1024
    body_timeout_s: float = 30.0


class BodyRefused(HTTPException):
    """The body broke a limit while the endpoint read it: 413 or 408, and the
    connection is closed after the answer (the rest of the body is not read)."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(status, detail, headers={"Connection": "close"})
        self.code = code


def too_large(limit: int) -> BodyRefused:
    return BodyRefused(413, "body_too_large", f"request body larger than {limit} bytes")


class Gate:
    """The ASGI app around the store's FastAPI app (see the module docstring).

    Args:
        app: the FastAPI app.
        authenticate: the caller a bearer token stands for, or ``None``; it may block
            (a database read), so it runs on the thread pool.
        limits: body size and read timeout.
        open_paths: paths answered without a token.
    """

    def __init__(
        self,
        app: Any,
        authenticate: Callable[[str], Caller | None],
        limits: Limits,
        open_paths: frozenset[str],
    ) -> None:
        self.app = app
        self.authenticate = authenticate
        self.limits = limits
        self.open_paths = open_paths

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)  # the wrapped FastAPI app's routes, state...

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length, chunked, authorization = _read_headers(scope["headers"])
        has_body = chunked or length != 0
        unbounded = chunked or length is None  # no length to trust
        if length is not None and length > self.limits.body_bytes:
            error = too_large(self.limits.body_bytes)
            await _answer(send, error.status_code, error.code, error.detail, close=True)
            return
        body = _Body(receive, send, self.limits, has_body, unbounded)
        if scope["path"] not in self.open_paths:
            token = _bearer(authorization)
            caller = await run_in_threadpool(self.authenticate, token) if token else None
            if caller is None:
                drained = await body.drain() if unbounded else True
                await _answer(
                    send,
                    401,
                    "unauthorized",
                    UNAUTHORIZED,
                    close=not drained,
                    extra=[(b"www-authenticate", b"Bearer")],
                )
                return
            scope[CALLER_KEY] = caller
        try:
            await self.app(scope, body.receive, body.send)
        except BodyRefused as error:  # raised outside FastAPI's handlers
            if body.started:
                raise
            await _answer(send, error.status_code, error.code, error.detail, close=True)


class _Body:
    """One request's body as the app reads it: counted, timed, and closed on early answers."""

    def __init__(
        self, receive: Any, send: Any, limits: Limits, has_body: bool, unbounded: bool
    ) -> None:
        self._receive = receive
        self._send = send
        self._limits = limits
        self._unbounded = unbounded
        self._deadline: float | None = None
        self.received = 0
        self.done = not has_body
        self.started = False

    async def drain(self) -> bool:
        """Read and drop the body; ``False`` when it broke the size or time limit."""
        try:
            while not self.done:
                await self.receive()
        except BodyRefused:
            return False
        return True

    async def receive(self) -> Any:
        if self.done:  # the body is in; what comes now is the disconnect, whenever
            return await self._receive()
        loop = asyncio.get_running_loop()
        if self._deadline is None:
            self._deadline = loop.time() + self._limits.body_timeout_s
        try:
            async with asyncio.timeout_at(self._deadline):
                message = await self._receive()
        except TimeoutError:
            raise BodyRefused(
                408,
                "body_timeout",
                f"request body not received within {self._limits.body_timeout_s:g} s",
            ) from None
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self._limits.body_bytes:
                raise too_large(self._limits.body_bytes)
            self.done = not message.get("more_body", False)
        else:  # http.disconnect: nothing more will come
            self.done = True
        return message

    async def send(self, message: Any) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            if not self.done and self._unbounded:
                headers = list(message.get("headers", []))
                if _CLOSE not in headers:
                    message = {**message, "headers": [*headers, _CLOSE]}
        await self._send(message)


def _read_headers(headers: list[tuple[bytes, bytes]]) -> tuple[int | None, bool, bytes]:
    """``(Content-Length, chunked, Authorization)``; the length is 0 without a body and
    ``None`` when the header is unreadable."""
    length: int | None = 0
    chunked = False
    authorization = b""
    for key, value in headers:
        if key == b"content-length":
            # h11 refuses a malformed length before the app is called; another
            # server might not, and then the body is counted as it comes.
            length = int(value) if value.strip().isdigit() else None
        elif key == b"transfer-encoding":
            chunked = True
        elif key == b"authorization":
            authorization = value
    return length, chunked, authorization


def _bearer(authorization: bytes) -> str:
    scheme, _, token = authorization.decode("latin-1").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


async def _answer(
    send: Any,
    status: int,
    code: str,
    detail: str,
    *,
    close: bool,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    body = json.dumps({"detail": detail, "code": code}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *(extra or []),
    ]
    if close:
        headers.append(_CLOSE)
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
