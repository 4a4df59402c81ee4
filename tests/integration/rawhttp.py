"""HTTP/1.1 over a plain socket, for what ``requests`` will not send: half-sent bodies,
chunked streams that never end, a body that stalls mid-way."""

from __future__ import annotations

import json
import select
import socket
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float = 0.0
    closed: bool = False  # the server closed the connection after the answer

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class RawClient:
    """One connection to ``base_url`` (``http://host:port``)."""

    base_url: str
    timeout_s: float = 10.0
    send_buffer: int | None = None
    sock: socket.socket = field(init=False)
    sent: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        self.sock = socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or 80), timeout=self.timeout_s
        )
        if self.send_buffer:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, self.send_buffer)
        self._started = time.monotonic()

    def __enter__(self) -> RawClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.sock.close()

    def head(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> bool:
        """Send the request line and headers (and ``body``); ``False`` if the server
        is no longer reading."""
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        self._started = time.monotonic()
        return self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)

    def send(self, data: bytes) -> bool:
        try:
            self.sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            return False
        self.sent += len(data)
        return True

    def chunk(self, data: bytes) -> bool:
        return self.send(f"{len(data):x}\r\n".encode() + data + b"\r\n")

    def answered(self) -> bool:
        """Whether the server has said something (or closed) already."""
        readable, _, _ = select.select([self.sock], [], [], 0)
        return bool(readable)

    def answer(self, timeout_s: float | None = None) -> Answer:
        """Read one response; raises ``TimeoutError`` when none comes in time."""
        self.sock.settimeout(timeout_s or self.timeout_s)
        data = b""
        while b"\r\n\r\n" not in data:
            part = self.sock.recv(65536)
            if not part:
                raise ConnectionError(f"closed without an answer (got {data!r})")
            data += part
        head, _, rest = data.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers: dict[str, str] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            part = self.sock.recv(65536)
            if not part:
                break
            rest += part
        seconds = time.monotonic() - self._started
        closed = False
        if headers.get("connection", "").lower() == "close":
            try:
                self.sock.settimeout(5)
                closed = self.sock.recv(1) == b""
            except ConnectionResetError:
                closed = True
            except TimeoutError:
                closed = False
        return Answer(int(status_line.split()[1]), headers, rest[:length], seconds, closed)
