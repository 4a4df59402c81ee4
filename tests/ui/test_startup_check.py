"""The kiosk says in one sentence why Qt cannot open its window, and only when Qt could not.

Each verdict of ``ui.startup_check`` is compared with Qt's own: a child process builds a
QApplication in the same environment (Qt aborts it when no platform can start). A
platform plugin missing a library is Qt's real ``libqxcb.so`` with one of the libraries
it links renamed to one no machine has: to the dynamic linker it is exactly a machine
without that library.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from tests.broken_qt import plugins_missing_a_library
from ui.startup_check import display_problem, library_problem, parse_ldd, platforms_to_try

ROOT = Path(__file__).resolve().parents[2]
# What Qt reads to choose and find its platform: each case sets its own.
QT_CHOICE = (
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XDG_SESSION_TYPE",
    "QT_QPA_PLATFORM",
    "QT_PLUGIN_PATH",
    "QT_QPA_PLATFORM_PLUGIN_PATH",
)
NO_SUCH_DISPLAY = ":4711"
QT_ABORT = "no Qt platform plugin could be initialized"
QT_PROBE = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication\n"
    "print(QApplication(sys.argv[:1]).platformName())\n"
)

# `ldd .../PySide6/Qt/plugins/platforms/libqxcb.so` on a desktop without the two X
# libraries Qt 6.5+ needs beyond the usual ones (abridged).
LDD_FRESH_DESKTOP = """\
\tlinux-vdso.so.1 (0x00007ffc6d3e5000)
\tlibQt6XcbQpa.so.6 => /home/ana/scanpack/.venv/lib/python3.11/site-packages/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f3a1c600000)
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => /lib/x86_64-linux-gnu/libxcb-icccm.so.4 (0x00007f3a1c5f0000)
\tlibxcb-cursor.so.0 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3a1c200000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f3a1c9f6000)
"""  # noqa: E501 (ldd's lines)


def clean_env(**qt: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in QT_CHOICE}
    return env | qt


@pytest.fixture(scope="module")
def xvfb() -> Iterator[str]:
    """A running X server (Xvfb); its DISPLAY."""
    program = shutil.which("Xvfb")
    if program is None:
        if os.environ.get("CI"):  # make test installs it: under CI its absence is a failure
            pytest.fail("Xvfb is missing (CI is set): make test should have installed it")
        pytest.skip("needs Xvfb (make test installs it)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [program, "-displayfd", str(write), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 30)
        number = os.read(read, 64).decode().strip() if ready else ""
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        os.close(read)
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def broken_plugins(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return plugins_missing_a_library(tmp_path_factory.mktemp("qt"))


def qt_starts(env: Mapping[str, str]) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", QT_PROBE],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 or QT_ABORT in done.stderr, done.stderr
    return done.returncode == 0


@pytest.mark.parametrize(
    ("case", "refused"),
    [
        ("no DISPLAY", True),
        ("xcb, an X server that does not answer", True),
        ("xcb on a running X server", False),
        ("xcb plugin missing a library, on QT_PLUGIN_PATH", True),
        ("xcb plugin missing a library, in QT_QPA_PLATFORM_PLUGIN_PATH", False),
        ("offscreen, no DISPLAY", False),
        ("xcb then offscreen, no DISPLAY", False),
    ],
)
def test_the_check_refuses_exactly_when_qt_would_abort(
    case: str, refused: bool, xvfb: str, broken_plugins: Path
) -> None:
    env = {
        "no DISPLAY": clean_env(),
        "xcb, an X server that does not answer": clean_env(DISPLAY=NO_SUCH_DISPLAY),
        "xcb on a running X server": clean_env(QT_QPA_PLATFORM="xcb", DISPLAY=xvfb),
        "xcb plugin missing a library, on QT_PLUGIN_PATH": clean_env(
            QT_QPA_PLATFORM="xcb", DISPLAY=xvfb, QT_PLUGIN_PATH=str(broken_plugins)
        ),
        "xcb plugin missing a library, in QT_QPA_PLATFORM_PLUGIN_PATH": clean_env(
            QT_QPA_PLATFORM="xcb",
            DISPLAY=xvfb,
            QT_QPA_PLATFORM_PLUGIN_PATH=str(broken_plugins / "platforms"),
        ),
        "offscreen, no DISPLAY": clean_env(QT_QPA_PLATFORM="offscreen"),
        "xcb then offscreen, no DISPLAY": clean_env(QT_QPA_PLATFORM="xcb;offscreen"),
    }[case]
    assert not Path(f"/tmp/.X11-unix/X{NO_SUCH_DISPLAY[1:]}").exists()
    problem = display_problem(env)
    assert (problem is not None) is refused, problem
    assert qt_starts(env) is not refused


def start_kiosk(
    env: Mapping[str, str], home: Path
) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--demo"],
        cwd=ROOT,
        env=dict(env) | {"XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done, time.monotonic() - started


def test_the_kiosk_without_a_display_says_so_in_one_sentence(tmp_path: Path) -> None:
    done, seconds = start_kiosk(clean_env(QT_QPA_PLATFORM="xcb"), tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        "scanpack: cannot open the kiosk window: DISPLAY is not set, so there is no X server "
        "to show it on; start scanpack in a desktop session, or set DISPLAY to a running X "
        "server (e.g. DISPLAY=:0)."
    ]
    assert seconds < 15  # before the demo store and its imports (measured 0.5 s)


def test_the_kiosk_names_the_library_its_platform_plugin_lacks(
    tmp_path: Path, xvfb: str, broken_plugins: Path
) -> None:
    env = clean_env(QT_QPA_PLATFORM="xcb", DISPLAY=xvfb, QT_PLUGIN_PATH=str(broken_plugins))
    done, seconds = start_kiosk(env, tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        "scanpack: cannot open the kiosk window: Qt's xcb platform plugin needs "
        "libxcb-cursor.so.9, which is not installed; install the package that provides it "
        "(apt-file search libxcb-cursor.so.9 names it)."
    ]
    assert seconds < 15


def test_missing_libraries_are_named_with_their_debian_packages() -> None:
    found = parse_ldd(LDD_FRESH_DESKTOP)
    assert found.missing == ("libxkbcommon-x11.so.0", "libxcb-cursor.so.0")
    assert found.resolved["libc.so.6"] == "/lib/x86_64-linux-gnu/libc.so.6"
    assert library_problem("xcb", found, has_dpkg=True) == (
        "cannot open the kiosk window: Qt's xcb platform plugin needs libxkbcommon-x11.so.0 "
        "and libxcb-cursor.so.0, which are not installed; install them with: "
        "sudo apt-get install libxkbcommon-x11-0 libxcb-cursor0."
    )
    assert library_problem("xcb", found, has_dpkg=False).endswith(
        "; install the system packages that provide them."
    )


def test_a_qt_library_missing_from_pyside6_asks_for_a_reinstall() -> None:
    found = parse_ldd("\tlibQt6XcbQpa.so.6 => not found\n\tlibxcb-cursor.so.0 => not found\n")
    assert library_problem("xcb", found, has_dpkg=True) == (
        "cannot open the kiosk window: Qt's xcb platform plugin needs libQt6XcbQpa.so.6, "
        "which PySide6 should have installed; reinstall it (make clean venv)."
    )


@pytest.mark.parametrize(
    ("env", "platforms"),
    [
        ({}, ["xcb"]),
        ({"DISPLAY": ":0"}, ["xcb"]),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, ["wayland", "xcb"]),
        ({"XDG_SESSION_TYPE": "wayland"}, ["wayland", "xcb"]),
        ({"QT_QPA_PLATFORM": "xcb:nograb;offscreen", "DISPLAY": ":0"}, ["xcb", "offscreen"]),
    ],
)
def test_the_platforms_are_tried_in_qts_order(env: dict[str, str], platforms: list[str]) -> None:
    assert platforms_to_try(env) == platforms
