"""An HTTP proxy on 127.0.0.1 that misbehaves on demand, in front of a real order store.

Modes:
    pass      forward the request and the answer
    error500  answer 500 without forwarding
    garbage   answer 200 with bytes that are not JSON, without forwarding
    wrongjson answer 200 with JSON of the wrong shape, without forwarding
    lose      forward the request (the store applies it), then drop the connection
              without answering: the station never learns the outcome
    slow      forward, then wait ``delay_s`` before answering (a client timeout)
    refuse    close the connection at once

Every request body of ``POST /api/v1/events`` that reached the store is logged in
``forwarded`` so tests can check the order events arrived in.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests


class FaultProxy:
    """A misbehaving proxy; ``mode`` can be changed at any time."""

    def __init__(self, upstream: str, *, delay_s: float = 3.0) -> None:
        self.upstream = upstream.rstrip("/")
        self.mode = "pass"
        self.delay_s = delay_s
        self.forwarded: list[dict[str, Any]] = []
        self.requests = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:
                pass

            def do_GET(self) -> None:
                proxy._handle(self)

            def do_POST(self) -> None:
                proxy._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._http = requests.Session()
        self._http.trust_env = False

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)
        self._http.close()

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        self.requests += 1
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        mode = self.mode
        if mode == "refuse":
            handler.close_connection = True
            handler.connection.close()
            return
        if mode == "error500":
            self._reply(handler, 500, b'{"detail": "internal error"}')
            return
        if mode == "garbage":
            self._reply(handler, 200, b"<html>\x00\xff gateway says hello")
            return
        if mode == "wrongjson":
            self._reply(handler, 200, b'{"results": "fine", "next": "soon"}')
            return
        headers = {
            k: v
            for k, v in handler.headers.items()
            if k.lower() in ("authorization", "content-type")
        }
        answer = self._http.request(
            handler.command, self.upstream + handler.path, data=body, headers=headers, timeout=60
        )
        if handler.command == "POST" and handler.path.startswith("/api/v1/events") and answer.ok:
            self.forwarded.append(json.loads(body))
        if mode == "lose":
            handler.close_connection = True
            handler.connection.close()
            return
        if mode == "slow":
            time.sleep(self.delay_s)
        self._reply(handler, answer.status_code, answer.content)

    @staticmethod
    def _reply(handler: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except OSError:  # the client gave up (timeout) first
            pass
