"""`make demo` run by a user who may not install: one line saying what and how, and stop.

The real Makefile runs with its package list replaced on the command line and an ``id``
that answers 1000 put first on PATH: dpkg-query, the shell and make are the real ones, and
nothing is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ABSENT = "scanpack-no-such-package"
OUTER_MAKE = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")  # when `make test` runs this

pytestmark = pytest.mark.skipif(
    (shutil.which("make") is None or shutil.which("dpkg-query") is None)
    and not os.environ.get("CI"),
    reason="needs make and dpkg (Debian)",
)


def make_as_a_user(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    bin_ = tmp_path / "bin"
    bin_.mkdir(exist_ok=True)
    (bin_ / "id").write_text("#!/bin/sh\necho 1000\n")
    (bin_ / "id").chmod(0o755)
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in OUTER_MAKE}
        | {"PATH": f"{bin_}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_make_demo_says_in_one_line_what_to_install_and_stops(tmp_path: Path) -> None:
    done = make_as_a_user(tmp_path, "demo", f"RUNTIME_PACKAGES=libc6 {ABSENT} awk")
    assert done.returncode != 0
    assert done.stdout.splitlines() == [
        f"scanpack: 'make demo' needs the Debian packages {ABSENT}; install them with: "
        f"sudo apt-get install --no-install-recommends {ABSENT}"
    ]
    assert "scanpack --demo" not in done.stdout + done.stderr  # nothing started


def test_make_test_asks_for_the_tests_packages_as_well(tmp_path: Path) -> None:
    done = make_as_a_user(
        tmp_path, "system-deps", f"RUNTIME_PACKAGES={ABSENT}", f"TEST_PACKAGES={ABSENT}-too"
    )
    assert done.returncode != 0
    assert done.stdout.splitlines() == [
        f"scanpack: 'make test' needs the Debian packages {ABSENT} {ABSENT}-too; install them "
        f"with: sudo apt-get install --no-install-recommends {ABSENT} {ABSENT}-too"
    ]


def test_installed_packages_and_provided_names_count_as_present(tmp_path: Path) -> None:
    # libc6 is installed everywhere; awk is a name that mawk provides on every Debian.
    done = make_as_a_user(tmp_path, "runtime-deps", "RUNTIME_PACKAGES=libc6 awk")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
