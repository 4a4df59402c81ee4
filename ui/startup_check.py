"""Can Qt open the kiosk's window here? Asked before ``QApplication`` is built.

When no platform plugin it tries can start, Qt aborts the process (SIGABRT, "This
application failed to start because no Qt platform plugin could be initialized") with
words that mislead: Qt 6.12 blames libxcb-cursor0 even when all that is missing is
``DISPLAY``. ``display_problem`` makes the choices Qt is about to make and answers with
one sentence naming the missing piece and the fix, or ``None`` when Qt may go ahead.

It refuses only on evidence that Qt would fail too:

* The platforms Qt tries, in order: those of ``QT_QPA_PLATFORM`` (``;``-separated,
  ``:options`` dropped); without it Wayland when ``WAYLAND_DISPLAY`` is set or
  ``XDG_SESSION_TYPE`` is ``wayland``, then xcb (qtbase,
  ``QGuiApplicationPrivate::createPlatformIntegration``). Qt starts the first that
  loads, so the answer is ``None`` if any would, else the first one's problem.
* The plugin file Qt loads for a platform: the one in ``QT_QPA_PLATFORM_PLUGIN_PATH``,
  falling back to the first ``platforms/`` folder that has one, ``QT_PLUGIN_PATH``'s
  folders before PySide6's own. (Measured with PySide6 6.12: a broken ``libqxcb.so`` on
  ``QT_PLUGIN_PATH`` aborts although PySide6's own would load; one in
  ``QT_QPA_PLATFORM_PLUGIN_PATH`` falls back to it.)
* A plugin loads when ``ldd`` resolves every library it links: Qt's loader is the same
  dynamic linker. A missing library is named with its Debian package
  (``DEBIAN_PACKAGES``).
* xcb starts when ``DISPLAY`` is set and libxcb connects to it (``xcb_connect``, the call
  Qt's xcb plugin makes, authorisation included); Wayland when the compositor's socket
  accepts a connection.

A platform it does not know, a plugin it cannot find and a machine without ``ldd`` are
left to Qt. No Qt module is imported here: a missing libEGL or libxkbcommon would make
that import fail before any of this could say so.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import socket
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# The plugin file of each platform this module knows how to check.
PLUGIN_FILES = {
    "xcb": "libqxcb.so",
    "wayland": "libqwayland.so",
    "wayland-egl": "libqwayland.so",
    "offscreen": "libqoffscreen.so",
    "minimal": "libqminimal.so",
}

# The Debian package of each system library that the kiosk's Qt libraries and plugins
# (PySide6's wheels), the libraries Qt opens itself (PipeWire, VA-API) and pyzbar (libzbar)
# ask for by name. Packages of the Makefile's RUNTIME_PACKAGES or pulled in by them;
# tests/test_system_libraries.py checks every entry against dpkg and that every library
# of a listed package is here.
DEBIAN_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXext.so.6": "libxext6",
    "libXrandr.so.2": "libxrandr2",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libcups.so.2": "libcups2",
    "libdbus-1.so.3": "libdbus-1-3",
    "libdrm.so.2": "libdrm2",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libpipewire-0.3.so.0": "libpipewire-0.3-0",
    "libpulse.so.0": "libpulse0",
    "libva-drm.so.2": "libva-drm2",
    "libva-x11.so.2": "libva-x11-2",
    "libva.so.2": "libva2",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libz.so.1": "zlib1g",
    "libzbar.so.0": "libzbar0",
    "libzstd.so.1": "libzstd1",
}

_NOT_FOUND = re.compile(r"^\s*(\S+) => not found\s*$", re.MULTILINE)
_LDD_TIMEOUT_S = 20


@dataclass(frozen=True, slots=True)
class Ldd:
    """What ``ldd`` said about one shared object.

    Attributes:
        resolved: soname -> the file the dynamic linker would load.
        missing: the sonames it cannot find, in ``ldd``'s order.
    """

    resolved: dict[str, str]
    missing: tuple[str, ...]


def parse_ldd(output: str) -> Ldd:
    """``ldd``'s standard output, read."""
    resolved: dict[str, str] = {}
    for line in output.splitlines():
        name, arrow, rest = line.strip().partition(" => ")
        if arrow and rest.startswith("/"):
            resolved[name] = rest.rsplit(" (", 1)[0]
    return Ldd(resolved, tuple(dict.fromkeys(_NOT_FOUND.findall(output))))


def ldd(path: Path) -> Ldd | None:
    """``ldd`` on ``path``; ``None`` when there is no ``ldd`` or it cannot tell."""
    program = shutil.which("ldd")
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, str(path)],
            capture_output=True,
            text=True,
            timeout=_LDD_TIMEOUT_S,
            check=False,
            env={**os.environ, "LC_ALL": "C"},  # its "not found" is parsed
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = parse_ldd(done.stdout)
    if done.returncode != 0 and not found.missing:
        return None  # not a dynamic object, or ldd itself failed
    return found


def qt_plugins_folder() -> Path | None:
    """PySide6's ``Qt/plugins`` folder, found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins"


def platforms_to_try(environ: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in its order (see the module docstring)."""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return [name.split(":", 1)[0] for name in chosen.split(";") if name]
    names = []
    if environ.get("WAYLAND_DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland":
        names.append("wayland")
    names.append("xcb")  # PySide6's default platform, with DISPLAY set or not
    return names


def plugin_files(name: str, environ: Mapping[str, str], plugins: Path | None) -> list[Path]:
    """The files Qt would try for platform ``name``, in its order (at most two)."""
    filename = PLUGIN_FILES.get(name)
    if filename is None:
        return []
    files = []
    direct = environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "")
    if direct and (Path(direct) / filename).is_file():
        files.append(Path(direct) / filename)
    folders = [Path(p) for p in environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    for folder in [*folders, *([plugins] if plugins else [])]:
        if (folder / "platforms" / filename).is_file():
            files.append(folder / "platforms" / filename)
            break
    return files


def install_advice(missing: Sequence[str], has_dpkg: bool) -> str:
    """How to install the ``missing`` libraries: an apt-get line for those whose Debian
    package is known, a pointer for the others."""
    pronoun = "it" if len(missing) == 1 else "them"
    if not has_dpkg:
        return f"install the system packages that provide {pronoun}"
    known = list(dict.fromkeys(DEBIAN_PACKAGES[m] for m in missing if m in DEBIAN_PACKAGES))
    unknown = [m for m in missing if m not in DEBIAN_PACKAGES]
    search = f"apt-file search {' '.join(unknown)}"
    if not known:
        if len(missing) == 1:
            return f"install the package that provides it ({search} names it)"
        return f"install the packages that provide them ({search} names them)"
    advice = f"install {pronoun} with: sudo apt-get install {' '.join(known)}"
    if unknown:
        advice += f", and the package that provides {_and(unknown)} ({search})"
    return advice


def library_problem(name: str, found: Ldd, has_dpkg: bool) -> str:
    """The sentence for platform ``name`` whose plugin lacks ``found.missing``."""
    ours = [m for m in found.missing if m.startswith("libQt6")]
    if ours:
        return (
            f"cannot open the kiosk window: Qt's {name} platform plugin needs {_and(ours)}, "
            "which PySide6 should have installed; reinstall it (make clean venv)."
        )
    which = "which is" if len(found.missing) == 1 else "which are"
    return (
        f"cannot open the kiosk window: Qt's {name} platform plugin needs "
        f"{_and(found.missing)}, {which} not installed; "
        f"{install_advice(found.missing, has_dpkg)}."
    )


def x_server_answers(display: str) -> bool | None:
    """Whether libxcb can connect to ``display``; ``None`` without libxcb (then the
    plugin's missing libraries are the problem, said first)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.restype = None
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(os.fsencode(display), None)  # never NULL: an error object
    try:
        return bool(xcb.xcb_connection_has_error(connection) == 0)
    finally:
        xcb.xcb_disconnect(connection)


def wayland_socket(environ: Mapping[str, str]) -> Path | None:
    """The compositor's socket Qt would connect to."""
    name = environ.get("WAYLAND_DISPLAY") or "wayland-0"
    if name.startswith("/"):
        return Path(name)
    runtime = environ.get("XDG_RUNTIME_DIR")
    return Path(runtime) / name if runtime else None


def _accepts(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(2)
        try:
            client.connect(str(path))
        except OSError:
            return False
    return True


def connection_problem(name: str, environ: Mapping[str, str]) -> str | None:
    """Why platform ``name`` cannot reach its display server, or ``None``."""
    if name == "xcb":
        display = environ.get("DISPLAY", "")
        if not display:
            return (
                "cannot open the kiosk window: DISPLAY is not set, so there is no X server "
                "to show it on; start scanpack in a desktop session, or set DISPLAY to a "
                "running X server (e.g. DISPLAY=:0)."
            )
        if x_server_answers(display) is False:
            return (
                f"cannot open the kiosk window: no X server lets this user in on "
                f"DISPLAY={display}; start one there, or set DISPLAY to a running X server "
                "this user may use (see xhost and XAUTHORITY)."
            )
    if name.startswith("wayland"):
        path = wayland_socket(environ)
        if path is None or not _accepts(path):
            where = f"on {path}" if path else "(XDG_RUNTIME_DIR is not set)"
            return (
                f"cannot open the kiosk window: no Wayland compositor answers {where}; "
                "start scanpack in a desktop session, or set QT_QPA_PLATFORM=xcb with "
                "DISPLAY set to a running X server."
            )
    return None


def platform_problem(name: str, environ: Mapping[str, str], plugins: Path | None) -> str | None:
    """Why Qt could not start platform ``name``, or ``None`` when it could (or when this
    module cannot tell)."""
    files = plugin_files(name, environ, plugins)
    reports = [ldd(path) for path in files]
    if reports and all(report is not None and report.missing for report in reports):
        last = reports[-1]
        assert last is not None
        return library_problem(name, last, shutil.which("dpkg") is not None)
    return connection_problem(name, environ)


def display_problem(
    environ: Mapping[str, str] | None = None, plugins: Path | None = None
) -> str | None:
    """One sentence saying why Qt cannot open a window here and what fixes it, or
    ``None`` when it can (or this module cannot tell).

    Args:
        environ: the environment Qt will read (default: this process's).
        plugins: the Qt plugins folder (default: PySide6's).
    """
    environ = os.environ if environ is None else environ
    plugins = qt_plugins_folder() if plugins is None else plugins
    first = None
    for name in platforms_to_try(environ):
        problem = platform_problem(name, environ, plugins)
        if problem is None:
            return None  # Qt starts this one
        first = first or problem
    return first


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
