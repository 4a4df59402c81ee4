"""An order store served by uvicorn on a thread of this process, on loopback.

``scanpack --demo`` runs one beside the kiosk, and the tests run the real HTTP stack
against it. ``stop()`` then ``start()`` again keeps the same port, so a client sees
the store go down and come back as it would in a warehouse.
"""

from __future__ import annotations

import socket
import threading
import time

import uvicorn
from sqlalchemy import Engine

from app.orderstore.api import create_app
from app.orderstore.gate import Limits


class EmbeddedStore:
    """The order store on ``http://127.0.0.1:PORT`` in a background thread."""

    def __init__(
        self,
        engine: Engine,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_certfile: str | None = None,
        ssl_keyfile: str | None = None,
        docs: bool = False,
        limits: Limits | None = None,
    ) -> None:
        self.engine = engine
        self._docs = docs
        self._limits = limits
        self.host = host
        self.port = port
        self._tls = (ssl_certfile, ssl_keyfile)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    @property
    def base_url(self) -> str:
        scheme = "https" if self._tls[0] else "http"
        return f"{scheme}://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, timeout: float = 15.0) -> None:
        """Serve until ``stop()``; the first start picks a free port, later ones reuse it."""
        if self.running:
            return
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(self.engine, docs=self._docs, limits=self._limits),
            log_level="warning",
            access_log=False,
            server_header=False,
            timeout_graceful_shutdown=2,
            ssl_certfile=self._tls[0],
            ssl_keyfile=self._tls[1],
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="order-store", daemon=True
        )
        thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                sock.close()
                raise RuntimeError(f"the embedded order store did not start on {self.base_url}")
            time.sleep(0.01)
        self._server, self._thread, self._socket = server, thread, sock

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving; open connections are closed."""
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> EmbeddedStore:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
