"""A static HTTP server on 127.0.0.1: the "raw transfer" half of the references.

It answers prebuilt bytes by request path and does nothing else: no routing framework,
no JSON, no database. A POST's body is read to the end before answering, so the
request bytes cross the socket as they do to the order store. Timing the same requests
against it gives what HTTP over loopback costs on this machine, in this run.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


class StaticServer:
    """Serve ``responses`` (request path with query -> body) on ``http://127.0.0.1:PORT``."""

    def __init__(self, responses: Mapping[str, bytes]) -> None:
        self._responses = dict(responses)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the static server is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> StaticServer:
        handler = _handler(self._responses)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="static-http"
        )
        thread.start()
        self._server, self._thread = server, thread
        return self

    def stop(self) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)
        self._server = self._thread = None

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _handler(responses: Mapping[str, bytes]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as uvicorn does for requests.Session
        disable_nagle_algorithm = True  # as asyncio does for uvicorn's sockets
        timeout = 60  # a stuck client cannot hold a thread for ever

        def do_GET(self) -> None:
            self._answer()

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            while length > 0:
                chunk = self.rfile.read(min(length, 1 << 20))
                if not chunk:
                    return
                length -= len(chunk)
            self._answer()

        def _answer(self) -> None:
            body = responses.get(self.path)
            if body is None:
                self.send_error(404, f"no prebuilt answer for {self.path}")
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # a request log line per page would be measured too

    return Handler
