"""Every system library the kiosk loads resolves here, and `make demo` installs it.

``ldd`` runs over what the kiosk really loads (PySide6's own libraries come with the
wheel): the Qt modules it imports, the platform plugins (xcb, with the GL integrations it
loads for an OpenGL surface, and offscreen), the compose input context, QtMultimedia's
FFmpeg plugin, the CUPS print-support plugin, and what is opened by name at run time:
PipeWire and VA-API (QtMultimedia) and libzbar (pyzbar, through
``ctypes.util.find_library`` as pyzbar does). The set was measured from ``/proc/PID/maps``
of ``scanpack --demo`` on Xvfb, plus the printing and camera paths.

Then each library is traced to its Debian package (``dpkg -S``), which must be one of the
Makefile's RUNTIME_PACKAGES or installed along with them (their dependencies, or the
base system: priority ``required``) — not one that only the tests' packages bring: a
library that comes with PostgreSQL or CUPS here would be missing on a desk that ran only
``make demo``. The fonts of the labels and the ``lp`` command of the cups printer back-end
are traced the same way. ``ui.startup_check.DEBIAN_PACKAGES`` (which the kiosk names when
a library is missing) is checked against dpkg too.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.barcodes.sheet import font
from tests.broken_qt import ABSENT, LINKED, plugins_missing_a_library
from ui.startup_check import DEBIAN_PACKAGES, ldd, qt_plugins_folder

ROOT = Path(__file__).resolve().parents[1]
PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqoffscreen.so",
    "xcbglintegrations/libqxcb-egl-integration.so",
    "xcbglintegrations/libqxcb-glx-integration.so",
    "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "multimedia/libffmpegmediaplugin.so",
    "printsupport/libcupsprintersupport.so",
)
MODULES = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtMultimedia",
    "QtPrintSupport",
    "QtSerialPort",
    "QtSvg",
)
# Opened by name (dlopen) rather than linked: QtMultimedia's PipeWire audio and FFmpeg's
# VA-API stubs (libQt6FFmpegStub-va*.so), and pyzbar's libzbar.
OPENED = ("libpipewire-0.3.so.0", "libva.so.2", "libva-drm.so.2", "libva-x11.so.2")
COMMANDS = ("lp", "lpstat")  # app.printing.backends.CupsPrinter
# Qt's libraries (and shiboken's) come with the wheels, not from the system.
WHEELS = [
    Path(next(iter(spec.submodule_search_locations))).resolve()
    for spec in map(importlib.util.find_spec, ("PySide6", "shiboken6"))
    if spec is not None and spec.submodule_search_locations
]

# Off glibc there is no ldd; under CI (Debian) its absence is a failure, not a skip.
pytestmark = pytest.mark.skipif(
    shutil.which("ldd") is None and not os.environ.get("CI"), reason="needs ldd (glibc)"
)


def makefile_list(name: str) -> list[str]:
    """A ``NAME := words \\`` list of the Makefile."""
    text = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    match = re.search(rf"^{name}\s*:?=(.*)$", text, re.MULTILINE)
    assert match, f"no {name} in the Makefile"
    return match.group(1).split()


def ldconfig_cache() -> dict[str, str]:
    """soname -> file, as the dynamic linker finds a library opened by name (this
    machine's architecture only: the flags of its own libc)."""
    program = shutil.which("ldconfig") or "/sbin/ldconfig"
    out = subprocess.run([program, "-p"], capture_output=True, text=True, check=True).stdout
    entries = re.findall(r"^\s*(\S+) \(([^)]*)\) => (\S+)$", out, re.MULTILINE)
    own = ldd(Path(os.path.realpath(sys.executable)))  # Python's own libc
    assert own is not None
    libc_flags = {f for n, f, p in entries if n == "libc.so.6" and p == own.resolved["libc.so.6"]}
    cache: dict[str, str] = {}
    for soname, flags, path in entries:
        if flags in libc_flags:
            cache.setdefault(soname, path)
    return cache


@dataclass
class Loaded:
    """What the kiosk loads from the system: soname -> file, and what is missing (soname ->
    who needs it)."""

    files: dict[str, str] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)

    def add(self, who: str, path: Path) -> None:
        found = ldd(path)
        assert found is not None, f"ldd cannot read {path}"
        for soname in found.missing:
            self.missing.setdefault(soname, []).append(who)
        for soname, file in found.resolved.items():
            if not any(Path(file).resolve().is_relative_to(w) for w in WHEELS):
                self.files.setdefault(soname, file)


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    plugins = qt_plugins_folder()
    assert plugins is not None
    result = Loaded()
    for plugin in PLUGINS:
        result.add(plugin, plugins / plugin)
    for module in MODULES:
        result.add(f"PySide6.{module}", plugins.parent.parent / f"{module}.abi3.so")
    cache = ldconfig_cache()
    zbar = ctypes.util.find_library("zbar")  # what pyzbar asks the dynamic linker for
    for soname in (*OPENED, zbar or "libzbar.so.0"):
        if soname in cache:
            result.files.setdefault(soname, cache[soname])
            result.add(soname, Path(cache[soname]))
        else:
            result.missing.setdefault(soname, []).append("opened by name")
    return result


def missing_problems(loaded: Loaded) -> list[str]:
    """One line per missing library: who needs it, and which package to list."""
    return [
        f"{soname} (for {', '.join(who)}) is missing: "
        + (
            f"its Debian package {DEBIAN_PACKAGES[soname]} belongs in the Makefile's "
            "RUNTIME_PACKAGES (make demo as root installs them)"
            if soname in DEBIAN_PACKAGES
            else "find its Debian package (apt-file search), add it to the Makefile's "
            "RUNTIME_PACKAGES and the library to ui.startup_check.DEBIAN_PACKAGES"
        )
        for soname, who in sorted(loaded.missing.items())
    ]


def test_every_library_the_kiosk_loads_is_installed(loaded: Loaded) -> None:
    assert len(loaded.files) > 50  # the xcb plugin alone links more than 30
    problems = missing_problems(loaded)
    assert not problems, "\n".join(problems)


def test_a_missing_library_is_named_with_what_to_do(tmp_path: Path) -> None:
    plugins = plugins_missing_a_library(tmp_path)
    broken = Loaded()
    broken.add("platforms/libqxcb.so", plugins / "platforms" / "libqxcb.so")
    assert broken.missing == {ABSENT: ["platforms/libqxcb.so"]}
    assert LINKED in broken.files  # still linked by libQt6XcbQpa.so.6
    broken.missing[LINKED] = ["platforms/libqxcb.so"]  # as on a desk without libxcb-cursor0
    assert missing_problems(broken) == [
        "libxcb-cursor.so.0 (for platforms/libqxcb.so) is missing: its Debian package "
        "libxcb-cursor0 belongs in the Makefile's RUNTIME_PACKAGES (make demo as root "
        "installs them)",
        "libxcb-cursor.so.9 (for platforms/libqxcb.so) is missing: find its Debian package "
        "(apt-file search), add it to the Makefile's RUNTIME_PACKAGES and the library to "
        "ui.startup_check.DEBIAN_PACKAGES",
    ]


@dataclass(frozen=True)
class Dpkg:
    """The installed packages: their dependencies (first installed alternative), what they
    provide, and the base system (priority required)."""

    depends: dict[str, list[str]]
    provides: dict[str, set[str]]
    required: set[str]

    @classmethod
    def read(cls) -> Dpkg:
        fmt = (
            "${db:Status-Status}\t${Package}\t${Priority}\t${Provides}\t${Pre-Depends},${Depends}\n"
        )
        out = subprocess.run(
            ["dpkg-query", "-W", f"-f={fmt}"], capture_output=True, text=True, check=True
        ).stdout
        rows = [line.split("\t") for line in out.splitlines()]
        installed = {row[1] for row in rows if row[0] == "installed"}
        provides: dict[str, set[str]] = {}
        for status, package, _, provided, _ in rows:
            for name in _names(provided) if status == "installed" else ():
                provides.setdefault(name, set()).add(package)
        depends: dict[str, list[str]] = {}
        for status, package, _, _, relations in rows:
            if status != "installed":
                continue
            depends[package] = []
            for alternatives in filter(None, (r.strip() for r in relations.split(","))):
                for name in _names(alternatives.replace("|", ",")):
                    chosen = {name} & installed or provides.get(name, set())
                    if chosen:
                        depends[package].extend(sorted(chosen))
                        break
        required = {row[1] for row in rows if row[0] == "installed" and row[2] == "required"}
        return cls(depends, provides, required)

    def closure(self, roots: Iterable[str]) -> set[str]:
        """``roots`` and everything installing them installs (a virtual name counts as
        its installed providers)."""
        seen: set[str] = set()
        todo = list(roots)
        while todo:
            name = todo.pop()
            for package in ({name} & self.depends.keys()) | self.provides.get(name, set()):
                if package not in seen:
                    seen.add(package)
                    todo.extend(self.depends[package])
        return seen

    def is_or_provides(self, package: str, name: str) -> bool:
        return package == name or package in self.provides.get(name, set())


def _names(field_: str) -> list[str]:
    """The package names of a dpkg relation field, without versions and architectures."""
    names = []
    for part in field_.split(","):
        word = part.strip().split(" ")[0].split(":")[0]
        if word:
            names.append(word)
    return names


def owners(files: Iterable[str]) -> dict[str, str]:
    """file -> the installed package that shipped it (merged /usr: either spelling)."""

    def spellings(file: str) -> list[str]:
        forms = []
        for path in dict.fromkeys((file, os.path.realpath(file))):
            forms += [
                path,
                path.removeprefix("/usr") if path.startswith("/usr/") else "/usr" + path,
            ]
        return forms

    files = list(files)
    asked = sorted({form for file in files for form in spellings(file)})
    # dpkg-query -S fails for the spellings it does not know: the others answer.
    out = subprocess.run(
        ["dpkg-query", "-S", *asked], capture_output=True, text=True, check=False
    ).stdout
    shipped = {}
    for line in out.splitlines():
        packages, _, path = line.partition(": ")
        shipped[path] = packages.split(",")[0].strip().split(":")[0]
    return {file: next((shipped[f] for f in spellings(file) if f in shipped), "") for file in files}


@pytest.fixture(scope="module")
def dpkg() -> Dpkg:
    if shutil.which("dpkg-query") is None:
        if os.environ.get("CI"):  # CI runs on Debian: a missing dpkg is a broken machine
            pytest.fail("dpkg-query is missing (CI is set)")
        pytest.skip("not a Debian system")
    return Dpkg.read()


def test_every_library_the_kiosk_loads_comes_with_the_run_time_packages(
    loaded: Loaded, dpkg: Dpkg
) -> None:
    runtime = makefile_list("RUNTIME_PACKAGES")
    installed_by_demo = dpkg.closure(runtime) | dpkg.closure(dpkg.required)
    label_fonts = [str(getattr(font(style, 12), "path", "")) for style in ("regular", "bold")]
    assert all(label_fonts), "DejaVu is not installed (fonts-dejavu-core)"
    commands = {command: shutil.which(command) for command in COMMANDS}
    problems = [f"{c} is not installed (cups-client)" for c, file in commands.items() if not file]
    things = loaded.files | {f: f for f in label_fonts}
    things |= {command: file for command, file in commands.items() if file}
    package_of = owners(things.values())
    for name, file in sorted(things.items()):
        package = package_of[file]
        if not package:
            problems.append(f"{name} ({file}) comes from no Debian package")
        elif package not in installed_by_demo:
            problems.append(
                f"{name} ({file}) comes from {package}, which neither RUNTIME_PACKAGES nor "
                "what they depend on install: add it (or a package that depends on it) to "
                "the Makefile's RUNTIME_PACKAGES"
            )
        elif name in DEBIAN_PACKAGES and not dpkg.is_or_provides(package, DEBIAN_PACKAGES[name]):
            problems.append(
                f"ui.startup_check.DEBIAN_PACKAGES says {name} is in "
                f"{DEBIAN_PACKAGES[name]}, dpkg says {package}"
            )
        elif (
            package in runtime
            and name.startswith("lib")
            and Path(file).parent.name.endswith("-linux-gnu")  # not a private folder
            and name not in DEBIAN_PACKAGES
        ):
            problems.append(
                f"{name} comes from {package}: add it to ui.startup_check.DEBIAN_PACKAGES "
                "so that the kiosk names the package when it is missing"
            )
    seen = set(package_of.values())
    for package in [p for p in runtime if not any(dpkg.is_or_provides(o, p) for o in seen)]:
        problems.append(
            f"RUNTIME_PACKAGES lists {package}, but nothing the kiosk loads comes from it: "
            "remove it, or add what loads it to this test"
        )
    for name, package in sorted(DEBIAN_PACKAGES.items()):
        if not any(dpkg.is_or_provides(p, package) for p in installed_by_demo):
            problems.append(
                f"ui.startup_check.DEBIAN_PACKAGES names {package} (for {name}), which "
                "make demo does not install"
            )
    assert not problems, "\n".join(problems)


def test_the_tests_packages_are_apart_from_the_run_time_ones() -> None:
    runtime, tests = makefile_list("RUNTIME_PACKAGES"), makefile_list("TEST_PACKAGES")
    # The X server the tests start, and the tools that read and resize its screen from
    # outside (xwininfo, xrandr: tests/ui/test_fullscreen.py).
    assert set(tests) == {
        "postgresql",
        "cups",
        "printer-driver-cups-pdf",
        "xvfb",
        "x11-utils",
        "x11-xserver-utils",
    }
    assert not set(runtime) & set(tests)
    assert len(set(runtime)) == len(runtime)
