"""The CUPS harness fails loudly, saying what is missing, instead of skipping."""

from __future__ import annotations

import pytest

import tests.cups as harness
from tests.cups import CupsServer


def test_without_root_it_says_why_root_is_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harness.os, "geteuid", lambda: 1000)
    with pytest.raises(RuntimeError, match="must run as root"):
        CupsServer().start()


def test_a_missing_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harness.os, "geteuid", lambda: 0)
    monkeypatch.setattr(harness.shutil, "which", lambda *_a, **_k: None)
    with pytest.raises(RuntimeError, match="printer-driver-cups-pdf"):
        CupsServer().start()


def test_the_server_starts_stops_and_leaves_nothing_behind() -> None:
    with CupsServer() as cups:
        base = cups.base_dir
        assert base is not None
        assert base.is_dir()
        assert cups.run("lpstat", "-r").stdout.strip() == "scheduler is running"
        assert cups.pdf_config_mode in ("namespace", "instance-file")
        process = cups._process
        assert process is not None
    assert process.poll() is not None  # cupsd has exited
    assert not base.exists()
    leftovers = list(harness.CUPS_PDF_CONF.parent.glob("cups-pdf-scanpack-*.conf"))
    assert leftovers == []
