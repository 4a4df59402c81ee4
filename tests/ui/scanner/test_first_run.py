"""A station with no settings is set up by one scan of its set-up code, against a real
order store on 127.0.0.1: by a keyboard-wedge scan at the whole kiosk, and by the QR
image ``scanpack-store token create --qr`` wrote, through the camera's frame path. Every
way it can fail is said in its own sentence; the token never reaches a log."""

from __future__ import annotations

import contextlib
import logging
import resource
import signal
import socket
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import trustme
from PIL import Image
from pytestqt.qtbot import QtBot

from app import config
from app.barcodes.distort import camera_frame
from app.config import Settings
from app.domain.model import User
from app.domain.provisioning import SetupCode
from app.domain.scan import SetupScan
from app.orderstore.auth import TokenRole, create_token
from app.orderstore.cli import main as store_main
from app.orderstore.db import make_engine, upgrade
from app.orderstore.embedded import EmbeddedStore
from app.orderstore.seed import seed
from app.sync.state import SyncStatus
from tests.integration.conftest import ANCHOR
from tests.ui.scanner.keys import Keyboard
from tests.ui.scanner.test_camera import video_frame
from ui.kiosk import Kiosk
from ui.main_window import MainWindow
from ui.scanner.hub import ScannerHub
from ui.screens.first_run import FirstRunScreen
from ui.sync_bridge import SyncBridge
from ui.tasks import TaskRunner

STATION = "pack-03"


@dataclass
class Site:
    """A seeded order store served on loopback, and a live station token."""

    url: str
    engine_url: str
    token: str
    server: EmbeddedStore

    def code(self, **changes: str) -> SetupCode:
        fields = {"url": self.url, "station": STATION, "token": self.token} | changes
        return SetupCode(**fields)


@pytest.fixture
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    # One per test: the UI tests' leak guard wants the server's threads gone at its end.
    folder = tmp_path_factory.mktemp("site")
    url = f"sqlite:///{folder / 'store.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    seed(engine, 3, anchor=ANCHOR)
    token = create_token(engine, STATION, frozenset({TokenRole.STATION}))
    server = EmbeddedStore(engine)
    server.start()
    try:
        yield Site(server.base_url, url, token, server)
    finally:
        server.stop()
        engine.dispose()


@pytest.fixture
def first_window(
    qtbot: QtBot,
    make_hub: Callable[..., ScannerHub],
    find_user: Callable[[str], User | None],
    tasks: TaskRunner,
    bridge: SyncBridge,
    tmp_path: Path,
) -> Callable[..., MainWindow]:
    """A kiosk window opened on the first-run screen, saving to ``tmp_path/station.toml``."""

    def make(settings: Settings | None = None) -> MainWindow:
        settings = settings or Settings()
        hub = make_hub(settings)
        hub.start()
        window = MainWindow(
            settings=settings,
            find_user=find_user,
            save_settings=lambda s: config.save(s, tmp_path / "station.toml"),
            rejected_events=list,
            bridge=bridge,
            tasks=tasks,
            pipeline=hub.pipeline,
            camera=hub.camera,
            first_run=True,
        )
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        return window

    return make


def screen_of(window: MainWindow) -> FirstRunScreen:
    assert window.first_run_screen is not None
    return window.first_run_screen


def wedge_scan(window: MainWindow, text: str) -> None:
    Keyboard().scan(text, screen_of(window))


def settled(window: MainWindow, qtbot: QtBot) -> str:
    screen = screen_of(window)
    qtbot.waitUntil(lambda: not screen.busy, timeout=20_000)
    return screen.message.text()


# --------------------------------------------------------------------------- success


def test_a_bare_kiosk_is_set_up_by_a_wedge_scan_then_syncs_and_logs_in(
    site: Site, tmp_path: Path, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "station.toml"
    kiosk = Kiosk(Settings(sync_interval_s=0.5), tmp_path / "profile", path, first_run=True)
    try:
        window = kiosk.window
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        assert window.current_screen() is window.first_run_screen
        scans: list[object] = []
        kiosk.scanners.pipeline.scanned.connect(scans.append)
        Keyboard().scan(site.code().text(), screen_of(window))
        qtbot.waitUntil(lambda: window.current_screen() is window.login_screen, timeout=20_000)
        assert f"set up as {STATION}" in window.login_screen.message.text()
        # The scan is a set-up code whose shown text has no token.
        assert [type(s) for s in scans] == [SetupScan]
        assert site.token not in scans[0].raw  # type: ignore[attr-defined]
        # Saved, owner-only, and it is what the kiosk now runs on.
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        saved = config.load(path)
        assert (saved.server_url, saved.station, saved.token) == (site.url, STATION, site.token)
        qtbot.waitUntil(lambda: kiosk.bridge.latest.status is SyncStatus.ONLINE, timeout=30_000)
        window.login_screen.submit("B-3001")
        qtbot.waitUntil(lambda: window.user is not None, timeout=10_000)
    finally:
        kiosk.close()
    assert site.token not in caplog.text
    assert all(site.token not in str(record.args) for record in caplog.records)


def test_the_qr_image_the_store_wrote_sets_a_station_up_through_the_camera(
    site: Site,
    first_window: Callable[..., MainWindow],
    qtbot: QtBot,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    png = tmp_path / "pack-04.png"
    args = ["--db", site.engine_url, "token", "create", "--station", "pack-04"]
    assert store_main([*args, "--qr", str(png), "--url", site.url]) == 0
    window = first_window()
    screen = screen_of(window)
    camera = window._camera
    assert camera is not None
    frame = video_frame(camera_frame(Image.open(png).convert("L"), np.random.default_rng(5)))
    with qtbot.waitSignal(screen.provisioned, timeout=30_000) as done:
        for _ in range(2):  # a code counts once two frames read it alike
            qtbot.waitUntil(lambda: not camera.busy, timeout=10_000)
            camera._on_sink_video_frame_changed(frame)
    settings = done.args[0]
    assert (settings.server_url, settings.station) == (site.url, "pack-04")
    saved = tmp_path / "station.toml"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert config.load(saved).token == settings.token
    assert window.current_screen() is window.login_screen
    assert settings.token not in caplog.text


# --------------------------------------------------------------------------- failures


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def silent_listener() -> Iterator[str]:
    """A TCP port that takes connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@contextlib.contextmanager
def tls_store(site: Site, tmp_path: Path) -> Iterator[str]:
    """The same store over HTTPS with a certificate of a CA the station does not know."""
    issued = trustme.CA().issue_cert("127.0.0.1")
    chain, key = tmp_path / "chain.pem", tmp_path / "key.pem"
    chain.write_bytes(b"".join(b.bytes() for b in issued.cert_chain_pems))
    key.write_bytes(issued.private_key_pem.bytes())
    engine = make_engine(site.engine_url)
    server = EmbeddedStore(engine, ssl_certfile=str(chain), ssl_keyfile=str(key))
    server.start()
    try:
        yield server.base_url
    finally:
        server.stop()
        engine.dispose()


def test_a_code_that_is_not_a_set_up_code_is_refused_and_nothing_is_saved(
    first_window: Callable[..., MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    window = first_window()
    wedge_scan(window, "SKU-10001")
    assert screen_of(window).message.text() == (
        "That is not a station set-up code. Scan the QR code printed for this station."
    )
    assert window.user is None
    assert window.current_screen() is window.first_run_screen
    wedge_scan(window, "SCANPACK2|http://x|y|z")
    assert "newer scanpack" in screen_of(window).message.text()
    wedge_scan(window, "SCANPACK1|http://x|only-two")
    assert "damaged or incomplete" in screen_of(window).message.text()
    assert not (tmp_path / "station.toml").exists()


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("mismatch", "This code is for station pack-03, but this station was started as pack-09"),
        ("unreachable", "does not answer"),
        ("timeout", "did not answer in time"),
        ("tls", "has a certificate this station does not trust"),
        ("not_a_store", "is not a scanpack order store"),
        ("token", "refused the token of station pack-03"),
    ],
)
def test_each_way_the_store_check_fails_has_its_sentence(
    case: str,
    expected: str,
    site: Site,
    first_window: Callable[..., MainWindow],
    qtbot: QtBot,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = Settings(station="pack-09" if case == "mismatch" else "", request_timeout_s=1.0)
    with contextlib.ExitStack() as stack:
        code = {
            "mismatch": lambda: site.code(),
            "unreachable": lambda: site.code(url=f"http://127.0.0.1:{closed_port()}"),
            "timeout": lambda: site.code(url=stack.enter_context(silent_listener())),
            "tls": lambda: site.code(url=stack.enter_context(tls_store(site, tmp_path))),
            "not_a_store": lambda: site.code(url=site.url + "/elsewhere"),
            "token": lambda: site.code(token="sp_" + "x" * 43),
        }[case]()
        window = first_window(settings)
        wedge_scan(window, code.text())
        text = settled(window, qtbot)
    assert expected in text
    assert window.current_screen() is window.first_run_screen
    assert not (tmp_path / "station.toml").exists()
    assert code.token not in caplog.text
    assert code.token not in text


def test_a_full_disk_is_said_and_the_station_stays_unset(
    site: Site, first_window: Callable[..., MainWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    window = first_window()
    screen = screen_of(window)
    # The settings file cannot grow past 64 bytes: the write fails as on a full disk.
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64, limits[1]))
    try:
        screen.submit(site.code())
        qtbot.waitUntil(lambda: not screen.busy, timeout=20_000)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
        signal.signal(signal.SIGXFSZ, previous)
    assert screen.message.text().startswith("The settings could not be saved: the disk is full")
    assert window.current_screen() is window.first_run_screen
    assert not (tmp_path / "station.toml").exists()
