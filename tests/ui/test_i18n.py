"""Every ui/ string can be translated: extraction, compilation and loading work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import resources
from ui.i18n import install_translators
from ui.screens.login import LoginScreen
from ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

GERMAN = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>LoginScreen</name>
    <message>
        <source>Scan your badge</source>
        <translation>Ausweis scannen</translation>
    </message>
</context>
</TS>
"""


def _tool(name: str) -> Path:
    tool = BIN / name
    if not tool.exists():
        # On a developer's machine a venv without the Qt tools may skip; in CI the
        # catalogues must be checked, so a missing tool is a failure there.
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed next to the interpreter (CI is set)")
        pytest.skip(f"{name} is not installed next to the interpreter")
    return tool


def test_lupdate_finds_the_ui_strings(tmp_path: Path) -> None:
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    catalogue = tmp_path / "scanpack_xx.ts"
    subprocess.run(
        [str(_tool("pyside6-lupdate")), *sources, "-ts", str(catalogue)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = catalogue.read_text(encoding="utf-8")
    for source in (
        "Scan your badge",
        "Badge {badge} is not known at this station. Check the badge or ask a supervisor.",
        "Not yet available",
        "Station token refused",
        "%n events waiting to send",
        "Order store URL",  # a settings title, from FIELD_TITLES
        "Something went wrong",
    ):
        assert f"<source>{source}</source>" in text, source


def test_a_compiled_catalogue_translates_a_screen(
    qtbot: QtBot,
    qapp: QApplication,
    tasks: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    (folder / "scanpack_de.ts").write_text(GERMAN, encoding="utf-8")
    subprocess.run(
        [str(_tool("pyside6-lrelease")), str(folder / "scanpack_de.ts")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    monkeypatch.setattr(resources, "resource_root", lambda: tmp_path / "resources")
    installed = install_translators(qapp, QLocale("de_DE"))
    try:
        assert installed
        screen = LoginScreen(lambda _badge: None, tasks)
        qtbot.addWidget(screen)
        assert screen.prompt.text() == "Ausweis scannen"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
            translator.deleteLater()
