"""A throwaway CUPS server for the printing tests, and a stand-in for a printer's raw port.

``CupsServer`` runs Debian's ``cupsd`` in the foreground with a private configuration:
its ServerRoot, spool (RequestRoot), TempDir, CacheDir, StateDir and logs all live in
one fresh temporary directory that ``stop()`` removes. It listens on 127.0.0.1 on a
free TCP port only (no unix socket, no browsing, no web interface), with an open
policy (no authentication: nothing but this test talks to it), and never touches the
computer's own CUPS. Clients reach it with ``lp -h 127.0.0.1:PORT`` (``server``).

Queues:

* ``add_pdf_queue()``: the cups-pdf driver (Debian ``printer-driver-cups-pdf``) with
  its PPD; a job comes out as a PDF file in ``pdf_dir`` (``pdf_output(job)``).
* ``add_raw_queue(name, uri)``: a raw queue (no driver, no filter) whose device is e.g.
  ``socket://127.0.0.1:PORT``, CUPS's own JetDirect back-end: ``lp -o raw`` jobs reach
  that port byte for byte.

cups-pdf reads its settings from a file whose folder is compiled in (``/etc/cups``):
``cups-pdf.conf``, or ``cups-pdf-NAME.conf`` for the device ``cups-pdf:/NAME``. To send
its output to the private folder without editing the computer's file, cupsd runs in a
private mount namespace (``unshare --mount``) in which a private ``cups-pdf.conf`` is
bind-mounted over ``/etc/cups/cups-pdf.conf``; only cupsd and its children see it.
Where namespaces are not allowed (an unprivileged container), the harness writes
``/etc/cups/cups-pdf-scanpack-<id>.conf`` instead, uses the device ``cups-pdf:/scanpack-<id>``,
and removes the file in ``stop()``. ``pdf_config_mode`` says which.

Root: cupsd runs its cups-pdf back-end (mode 0700) as root only when cupsd itself runs
as root, and the bind mount needs root, so the harness needs root (CI runs as root).
Without root, or without the Debian packages, ``start()`` raises ``RuntimeError`` saying
exactly what is missing: the tests that need CUPS then fail loudly, never skip.

``RawListener`` is the printer: a TCP server on 127.0.0.1 that takes each connection as
one job and keeps its bytes. ``refuse()`` closes the listening socket (connections are
refused, as by a printer that is off); ``accept_again()`` listens on the same port.

Example::

    with RawListener() as printer, CupsServer() as cups:
        cups.add_raw_queue("ZEBRA", f"socket://127.0.0.1:{printer.port}")
        job = cups.lp("ZEBRA", b"^XA...^XZ", "-o", "raw")
        assert printer.wait_for(1)[0] == b"^XA...^XZ"
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path
from types import TracebackType

START_TIMEOUT_S = 30.0
_PORT_TRIES = 3
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPDS = (
    Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"),
    Path("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd"),
    Path("/usr/share/cups/model/CUPS-PDF_opt.ppd"),
)
PACKAGES = "cups cups-client printer-driver-cups-pdf"
_REQUEST_ID = re.compile(r"request id is (\S+)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")
    if found is None:
        raise RuntimeError(
            f"the CUPS tests need {name!r}, which is not installed: install the Debian "
            f"packages {PACKAGES} (`make test` does when run as root)"
        )
    return found


# --------------------------------------------------------------------------- printer


class RawListener:
    """A printer's raw port on 127.0.0.1: one connection = one job; bytes kept in order.

    Attributes:
        port: the TCP port (kept across ``refuse()``/``accept_again()``).
        jobs: the bytes of each finished connection, in arrival order.
        finished_at: ``time.perf_counter()`` when each job's last byte had arrived
            (the peer's FIN), same order.
    """

    def __init__(self, port: int = 0) -> None:
        self.port = port
        self.jobs: list[bytes] = []
        self.finished_at: list[float] = []
        self._changed = threading.Condition()
        self._server: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._closing = False

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def listening(self) -> bool:
        return self._server is not None

    def start(self) -> RawListener:
        """Listen (on ``port``, or a free one the first time)."""
        if self._server is not None:
            return self
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(16)
        self.port = server.getsockname()[1]
        self._server = server
        self._closing = False
        self._thread = threading.Thread(target=self._accept, args=(server,), daemon=True)
        self._thread.start()
        return self

    def refuse(self) -> None:
        """Stop listening: new connections are refused (a printer switched off)."""
        server, self._server = self._server, None
        if server is None:
            return
        self._closing = True
        with contextlib.suppress(OSError):
            server.shutdown(socket.SHUT_RDWR)
        server.close()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def accept_again(self) -> None:
        """Listen on the same port again (the printer is back)."""
        self.start()

    def stop(self) -> None:
        self.refuse()

    def wait_for(self, count: int, timeout: float = 30.0) -> list[bytes]:
        """Block until ``count`` jobs have arrived; return all jobs so far.

        Raises:
            TimeoutError: fewer arrived in time (the message says how many).
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.jobs) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(
                        f"{len(self.jobs)} of {count} jobs reached the listener on "
                        f"{self.address} within {timeout:g} s"
                    )
                self._changed.wait(left)
            return list(self.jobs)

    def _accept(self, server: socket.socket) -> None:
        while not self._closing:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=self._receive, args=(conn,), daemon=True).start()

    def _receive(self, conn: socket.socket) -> None:
        chunks = []
        with conn:
            conn.settimeout(60)
            try:
                while True:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
            except OSError:
                pass
        done = time.perf_counter()
        with self._changed:
            self.jobs.append(b"".join(chunks))
            self.finished_at.append(done)
            self._changed.notify_all()

    def __enter__(self) -> RawListener:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


# --------------------------------------------------------------------------- cupsd


class CupsServer:
    """One private cupsd on 127.0.0.1 (see the module docstring).

    Use ``start()``/``stop()`` or ``with CupsServer() as cups: ...``.
    """

    def __init__(self, *, start_timeout: float = START_TIMEOUT_S) -> None:
        self.start_timeout = start_timeout
        self.port: int | None = None
        self.base_dir: Path | None = None
        self.pdf_config_mode = ""  # "namespace" or "instance-file"
        self.pdf_device = "cups-pdf:/"
        self.startup_seconds: float | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._instance_conf: Path | None = None
        self._tools: dict[str, str] = {}

    # -- paths ---------------------------------------------------------------------------

    def _base(self) -> Path:
        if self.base_dir is None:
            raise RuntimeError("the CUPS server is not started")
        return self.base_dir

    @property
    def server(self) -> str:
        """``host:port`` for ``lp -h`` and ``PrinterSpec.server``."""
        if self.port is None:
            raise RuntimeError("the CUPS server is not started")
        return f"127.0.0.1:{self.port}"

    @property
    def pdf_dir(self) -> Path:
        return self._base() / "pdf"

    @property
    def error_log(self) -> Path:
        return self._base() / "log" / "error_log"

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> CupsServer:
        """Write the configuration, start cupsd and wait until it answers.

        Raises:
            RuntimeError: not root, a missing package, or cupsd did not come up (the
                message ends with its error log).
        """
        if self._process is not None:
            return self
        began = time.monotonic()
        self._check_prerequisites()
        base = Path(tempfile.mkdtemp(prefix="scanpack-cups-"))
        self.base_dir = base
        try:
            # Filters run as the "lp" user: it must reach the spool and temp folders.
            base.chmod(0o755)
            for sub in (
                "etc",
                "etc/ppd",
                "spool",
                "tmp",
                "cache",
                "state",
                "log",
                "pdf",
                "pdf-spool",
            ):
                (base / sub).mkdir(parents=True, exist_ok=True)
            (base / "tmp").chmod(0o1777)
            (base / "pdf").chmod(0o777)
            self._write_cups_pdf_conf()
            self._start_cupsd()
        except BaseException:
            self.stop()
            raise
        atexit.register(self.stop)
        self.startup_seconds = time.monotonic() - began
        return self

    def _check_prerequisites(self) -> None:
        if os.geteuid() != 0:
            raise RuntimeError(
                "the CUPS tests start their own cupsd, which must run as root: its cups-pdf "
                "back-end (mode 0700) only runs under a root cupsd, and the private "
                "cups-pdf.conf is bind-mounted. Run the suite as root (CI does)."
            )
        for name in ("cupsd", "lpadmin", "lp", "lpstat", "cupsaccept", "cupsreject"):
            self._tools[name] = _tool(name)
        if not CUPS_PDF_BACKEND.exists():
            raise RuntimeError(
                f"{CUPS_PDF_BACKEND} is missing: install the Debian package "
                "printer-driver-cups-pdf (`make test` does when run as root)"
            )
        if self.ppd is None:
            raise RuntimeError(f"no cups-pdf PPD found at {', '.join(map(str, CUPS_PDF_PPDS))}")

    @property
    def ppd(self) -> Path | None:
        return next((p for p in CUPS_PDF_PPDS if p.exists()), None)

    def _write_cups_pdf_conf(self) -> None:
        base = self._base()
        text = (
            f"Out {base / 'pdf'}\n"
            f"AnonDirName {base / 'pdf'}\n"
            f"Spool {base / 'pdf-spool'}\n"
            f"Log {base / 'log'}\n"
            "LogType 3\n"
            "UserUMask 0000\n"
            "AnonUMask 0000\n"
            "Grp lp\n"
            # Label 2: every file name ends in "-job_<id>", so a job's PDF can be found.
            "Label 2\n"
        )
        (base / "cups-pdf.conf").write_text(text, encoding="utf-8")
        probe = (
            subprocess.run(
                ["unshare", "--mount", "--propagation", "private", "true"],
                capture_output=True,
                check=False,
            )
            if shutil.which("unshare")
            else None
        )
        if probe is not None and probe.returncode == 0 and CUPS_PDF_CONF.exists():
            self.pdf_config_mode = "namespace"
            self.pdf_device = "cups-pdf:/"
            return
        # No private mount namespace here: use cups-pdf's per-instance file instead.
        instance = f"scanpack-{uuid.uuid4().hex[:10]}"
        conf = CUPS_PDF_CONF.with_name(f"cups-pdf-{instance}.conf")
        try:
            conf.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise RuntimeError(
                f"cannot redirect cups-pdf's output: no mount namespace (unshare said "
                f"{probe.stderr.decode().strip() if probe else 'not installed'}) and "
                f"{conf} cannot be written ({exc})"
            ) from exc
        self._instance_conf = conf
        self.pdf_config_mode = "instance-file"
        self.pdf_device = f"cups-pdf:/{instance}"

    def _write_config(self, port: int) -> tuple[Path, Path]:
        base = self._base()
        files = base / "etc" / "cups-files.conf"
        files.write_text(
            f"ServerRoot {base / 'etc'}\n"
            f"RequestRoot {base / 'spool'}\n"
            f"TempDir {base / 'tmp'}\n"
            f"CacheDir {base / 'cache'}\n"
            f"StateDir {base / 'state'}\n"
            f"ErrorLog {base / 'log' / 'error_log'}\n"
            f"AccessLog {base / 'log' / 'access_log'}\n"
            f"PageLog {base / 'log' / 'page_log'}\n"
            "User lp\n"
            "Group lp\n"
            "SystemGroup root\n"
            "Sandboxing Relaxed\n"
            "FileDevice No\n",
            encoding="utf-8",
        )
        conf = base / "etc" / "cupsd.conf"
        conf.write_text(
            "LogLevel debug\n"
            f"Listen 127.0.0.1:{port}\n"
            "Browsing No\n"
            "WebInterface No\n"
            "DefaultAuthType None\n"
            "<Location />\n  Order allow,deny\n  Allow from 127.0.0.1\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
            encoding="utf-8",
        )
        return conf, files

    def _start_cupsd(self) -> None:
        for attempt in range(1, _PORT_TRIES + 1):
            port = free_port()
            conf, files = self._write_config(port)
            cupsd = [self._tools["cupsd"], "-f", "-c", str(conf), "-s", str(files)]
            if self.pdf_config_mode == "namespace":
                # Only cupsd's private mount namespace sees the private cups-pdf.conf.
                cupsd = [
                    "unshare",
                    "--mount",
                    "--propagation",
                    "private",
                    "--",
                    "sh",
                    "-c",
                    'mount --bind "$0" "$1" && shift && exec "$@"',
                    str(self._base() / "cups-pdf.conf"),
                    str(CUPS_PDF_CONF),
                    *cupsd,
                ]
            output = self._base() / "log" / "cupsd.out"
            with output.open("ab") as sink:
                self._process = subprocess.Popen(
                    cupsd, stdout=sink, stderr=subprocess.STDOUT, cwd=self._base()
                )
            self.port = port
            if self._wait_ready():
                return
            said = self._stop_process()
            log = self.log_tail()
            if "Address already in use" in log and attempt < _PORT_TRIES:
                continue
            raise RuntimeError(
                f"cupsd did not come up on 127.0.0.1:{port} within {self.start_timeout:g} s "
                f"(exit status {said}).\n--- cupsd output ---\n"
                f"{output.read_text(errors='replace')[-3000:]}\n--- end of its error log ---\n"
                f"{log}"
            )

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                return False
            result = self.run("lpstat", "-r", check=False)
            if result.returncode == 0 and "is running" in result.stdout:
                return True
            time.sleep(0.1)
        return False

    def stop(self) -> None:
        """Stop cupsd, remove its folder (and an instance file). Safe to call twice."""
        atexit.unregister(self.stop)
        try:
            self._stop_process()
        finally:
            self.port = None
            if self._instance_conf is not None:
                self._instance_conf.unlink(missing_ok=True)
                self._instance_conf = None
            if self.base_dir is not None:
                shutil.rmtree(self.base_dir, ignore_errors=True)
                self.base_dir = None

    def _stop_process(self) -> int | None:
        process, self._process = self._process, None
        if process is None:
            return None
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(15)
        return process.returncode

    # -- queues and jobs -----------------------------------------------------------------

    def add_pdf_queue(self, name: str = "PDF") -> str:
        """A cups-pdf queue; returns its name."""
        self.run("lpadmin", "-p", name, "-v", self.pdf_device, "-P", str(self.ppd), "-E")
        return name

    def add_raw_queue(self, name: str, device_uri: str) -> str:
        """A raw queue (no driver) on ``device_uri``; returns its name."""
        self.run("lpadmin", "-p", name, "-v", device_uri, "-E")
        return name

    def reject(self, queue: str) -> None:
        """Make ``queue`` refuse new jobs (``lp`` then fails with "not accepting")."""
        self.run("cupsreject", "-r", "test: not accepting", queue)

    def accept(self, queue: str) -> None:
        self.run("cupsaccept", queue)

    def lp(self, queue: str, payload: bytes, *options: str) -> str:
        """Print ``payload`` on ``queue`` with ``lp``; returns the request id."""
        result = subprocess.run(
            [self._tools["lp"], "-h", self.server, "-d", queue, *options, "--", "-"],
            input=payload,
            capture_output=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"lp failed: {result.stderr.decode(errors='replace')}")
        found = _REQUEST_ID.search(result.stdout.decode())
        if not found:
            raise RuntimeError(f"lp printed no request id: {result.stdout!r}")
        return found.group(1)

    def wait_completed(self, request_id: str, timeout: float = 60.0) -> None:
        """Block until CUPS lists ``request_id`` (``QUEUE-N``) as completed.

        Raises:
            TimeoutError: it did not complete (the message ends with the error log).
        """
        queue = request_id.rsplit("-", 1)[0]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = self.run("lpstat", "-W", "completed", "-o", queue, check=False).stdout
            if re.search(rf"^{re.escape(request_id)}\s", done, re.MULTILINE):
                return
            time.sleep(0.1)
        raise TimeoutError(
            f"CUPS job {request_id} did not complete in {timeout:g} s\n{self.log_tail()}"
        )

    def pdf_output(self, request_id: str, timeout: float = 60.0) -> Path:
        """The PDF cups-pdf wrote for ``request_id``, once the job completed."""
        self.wait_completed(request_id, timeout)
        number = request_id.rsplit("-", 1)[1]
        found = sorted(self.pdf_dir.rglob(f"*job_{number}.pdf"))
        if not found:
            listing = sorted(str(p) for p in self.pdf_dir.rglob("*"))
            raise FileNotFoundError(
                f"cups-pdf wrote no file for job {request_id} in {self.pdf_dir} (it holds "
                f"{listing}; cups-pdf config: {self.pdf_config_mode})\n{self.log_tail()}"
            )
        return found[0]

    def run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a CUPS client tool against this server."""
        command = [self._tools.get(tool) or _tool(tool), "-h", self.server, *args]
        env = dict(os.environ, LC_ALL="C")
        env.pop("CUPS_SERVER", None)
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=60, env=env, check=False
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed ({result.returncode}): "
                f"{(result.stdout + result.stderr).strip()}"
            )
        return result

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.error_log.read_text(errors="replace")
        except (OSError, RuntimeError):
            return "(no error log)"
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> CupsServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.server if self.port else "stopped"
        return f"<CupsServer {where} pdf={self.pdf_config_mode or '-'}>"


__all__ = ["CupsServer", "RawListener", "free_port"]
