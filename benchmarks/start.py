"""Benchmark ``start``: from process start to the first frame of the login screen.

A kiosk restarts after every power cut, crash or update; meanwhile a picker looks at a
black screen. Measured from outside, on an X server of the benchmark's own (Xvfb, the
xcb platform, ``benchmarks._xvfb``): the clock starts just before the process is
spawned and stops when the screen first shows the window's frame.

- ``first_frame``: ``scanpack --server URL --station NAME`` (``python -m ui.cli``) of a
  configured station: its settings file, its database holding the demo data pulled from
  a running order store on 127.0.0.1 (``scanpack-store`` in a process of its own).
- ``first_frame_100k``: the same with 100,000 orders in the station database (and the
  store it pulled them from). Built once and kept in the cache folder
  (``$XDG_CACHE_HOME/scanpack-bench``), keyed by the code that makes it.
- ``first_frame_after_kill``: the configured station started again after its previous
  run was ended by SIGKILL: the crash notice is on the login screen.

Reference for all three, in the same run and interleaved with them: an empty PySide6
window (``QApplication``, a ``QWidget`` of the same 1280 x 800, shown) started the same
way. Target: the ratio at most 2 (DESIGN.md "Performance").
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks._xvfb import Screen
from benchmarks.registry import (
    BenchmarkError,
    Metric,
    Options,
    Target,
    benchmark,
    median,
    rounded,
)

ROOT = Path(__file__).resolve().parents[1]
ORDERS = 100_000
STATION = "ST-START"
MIN_RUNS = 5
FRAME_TIMEOUT_S = 60.0
SETTLE_S = 1.0  # the kiosk runs this long after its first frame before it is stopped
RATIO_TARGET = 2.0

EMPTY_WINDOW = """\
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""


@dataclass
class Station:
    """A configured station: its profile folder, its settings file, its order store."""

    profile: Path
    config_home: Path
    url: str

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "ui.cli",
            "--server",
            self.url,
            "--station",
            STATION,
            "--profile",
            str(self.profile),
        ]

    def env(self, display: str) -> dict[str, str]:
        return _env(display) | {"XDG_CONFIG_HOME": str(self.config_home)}

    def crash_marker(self) -> Path:
        """``ui.crash``'s marker of a run in progress (named here: this process stays
        free of Qt; ``_measure`` fails when a SIGKILL leaves no such file)."""
        return self.profile / "crash" / "running"

    def mark_clean_exit(self) -> None:
        """Leave the crash folder as a clean exit leaves it (the process was stopped by
        a signal, which Python does not turn into a clean exit)."""
        self.crash_marker().unlink(missing_ok=True)


@benchmark(
    "start",
    summary="process start to the first frame of the login screen on Xvfb, against an "
    "empty PySide6 window; with 100,000 orders; after a SIGKILL",
    budget_s=900,
)
def run(options: Options) -> Iterator[Metric]:
    # Bounded: MIN_RUNS rounds at least, but a smoke run (--quick) makes --repeat.
    runs = max(MIN_RUNS, options.repeat) if options.scale >= 1 else options.repeat
    orders = options.scaled(ORDERS)
    with tempfile.TemporaryDirectory(prefix="scanpack-bench-start-") as tmp:
        folder = Path(tmp)
        from benchmarks._orderstore import StoreProcess

        options.log("building the demo station and its order store")
        demo_folder = _station_files(folder / "demo", None)
        big_folder = _cached_station_files(folder / "big", orders, options)
        demo_store = StoreProcess(f"sqlite:///{demo_folder / 'orderstore.sqlite3'}")
        big_store = StoreProcess(f"sqlite:///{big_folder / 'orderstore.sqlite3'}")
        demo_store.start()
        big_store.start()
        try:
            demo = _configure(demo_folder, demo_store.base_url)
            big = _configure(big_folder, big_store.base_url)
            with Screen(folder / "screen") as screen:
                yield from _measure(screen, demo, big, runs, orders, options)
        finally:
            demo_store.stop()
            big_store.stop()


def _measure(
    screen: Screen, demo: Station, big: Station, runs: int, orders: int, options: Options
) -> Iterator[Metric]:
    empty: list[float] = []
    configured: list[float] = []
    after_kill: list[float] = []
    with_orders: list[float] = []
    env = _env(screen.display)
    # One warm-up of each (the page cache holds the interpreter, Qt and the databases,
    # as it does on a kiosk that restarts), then the runs interleaved.
    for index in range(runs + 1):
        empty_s = _first_frame(screen, [sys.executable, "-c", EMPTY_WINDOW], env)
        # The configured station, ended by SIGKILL: the next start finds the crash.
        demo_s = _first_frame(screen, demo.command(), demo.env(screen.display), kill=True)
        if not demo.crash_marker().exists():
            raise BenchmarkError("the kiosk left no crash marker after SIGKILL")
        killed_s = _first_frame(screen, demo.command(), demo.env(screen.display))
        demo.mark_clean_exit()
        big_s = _first_frame(screen, big.command(), big.env(screen.display))
        big.mark_clean_exit()
        label = "warm-up" if index == 0 else f"run {index}/{runs}"
        options.log(
            f"{label}: empty window {empty_s:.3f} s, station {demo_s:.3f} s, after a kill "
            f"{killed_s:.3f} s, {orders:,} orders {big_s:.3f} s"
        )
        if index:
            empty.append(empty_s)
            configured.append(demo_s)
            after_kill.append(killed_s)
            with_orders.append(big_s)
    reference = median(empty)
    for name, samples, extra in (
        ("first_frame", configured, {}),
        ("first_frame_100k", with_orders, {"orders": orders}),
        ("first_frame_after_kill", after_kill, {}),
    ):
        yield Metric(
            name,
            median(samples),
            "s",
            Target.ratio_at_most(RATIO_TARGET),
            reference=reference,
            details={
                "runs_s": rounded(samples),
                "spread_s": [round(min(samples), 4), round(max(samples), 4)],
                "empty_window_runs_s": rounded(empty),
                "empty_window_spread_s": [round(min(empty), 4), round(max(empty), 4)],
                **extra,
            },
        )


def _first_frame(
    screen: Screen, command: list[str], env: dict[str, str], *, kill: bool = False
) -> float:
    """Seconds from spawning ``command`` to its first frame on ``screen``; then the
    process runs ``SETTLE_S`` longer and is stopped (SIGTERM, or SIGKILL if ``kill``)."""
    if not screen.is_black():
        screen.wait_until_black()
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        shown = screen.wait_for_frame(process, FRAME_TIMEOUT_S)
        time.sleep(SETTLE_S)
    finally:
        # The process group: anything the kiosk started goes with it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
    return shown - start


def _env(display: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE"}
    }
    return env | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}


def _station_files(folder: Path, orders: int | None) -> Path:
    """``folder`` with ``orderstore.sqlite3`` (seeded with the demo data, or ``orders``
    generated orders) and ``station.sqlite3``, which pulled all of it."""
    from app.bootstrap import demo_floor_station

    folder.mkdir(parents=True)
    demo_floor_station(folder, orders)
    return folder


def _cached_station_files(folder: Path, orders: int, options: Options) -> Path:
    """``_station_files(folder, orders)``, copied from the cache when the code that
    makes it has not changed (building 100,000 orders takes ~15 s)."""
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    cached = cache_home / "scanpack-bench" / f"start-{orders}-{_code_key()}"
    if not (cached / "station.sqlite3").exists():
        options.log(f"building a station with {orders:,} orders (cached in {cached})")
        for stale in cached.parent.glob(f"start-{orders}-*"):
            shutil.rmtree(stale, ignore_errors=True)
        building = cached.with_name(cached.name + ".tmp")
        shutil.rmtree(building, ignore_errors=True)
        _station_files(building, orders)
        building.rename(cached)
    shutil.copytree(cached, folder)
    return folder


def _code_key() -> str:
    """A digest of the code that shapes the cached databases (schemas, seeding, pull)."""
    digest = hashlib.sha256()
    sources = [ROOT / "app" / "bootstrap.py", ROOT / "app" / "demo.py"]
    for package in ("store", "orderstore", "domain"):
        sources += sorted((ROOT / "app" / package).rglob("*.py"))
    for path in sources:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _configure(folder: Path, url: str) -> Station:
    """A station token from the store in ``folder``, a settings file that names it and
    the store, and a profile holding the station database."""
    from app import config
    from app.orderstore.auth import TokenRole, create_token
    from app.orderstore.db import make_engine

    engine = make_engine(f"sqlite:///{folder / 'orderstore.sqlite3'}")
    try:
        token = create_token(engine, STATION, frozenset({TokenRole.STATION}))
    finally:
        engine.dispose()
    profile = folder / "profile"
    profile.mkdir()
    (folder / "station.sqlite3").rename(profile / "station.sqlite3")
    config_home = folder / "config"
    settings = config.Settings()
    settings.server_url, settings.station, settings.token = url, STATION, token
    config.save(settings, config_home / config.APP_NAME / "station.toml")
    return Station(profile, config_home, url)
