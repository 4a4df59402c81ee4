"""The theme: every sheet resolves, text has contrast, sizes are made for gloves."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from ui import resources
from ui.icons import icon_pixmap
from ui.theme import CONTRAST_PAIRS, Theme, contrast_ratio, stylesheet

ROOT = Path(__file__).resolve().parents[2]


def test_sheets_are_joined_in_order_with_every_token_filled() -> None:
    sheet = stylesheet()
    names = [line[3:-3] for line in sheet.splitlines() if line.startswith("/* ") and ".qss" in line]
    assert names == sorted(p.name for p in (ROOT / "resources" / "qss").glob("*.qss"))
    assert "${" not in sheet
    assert sheet.count("{") == sheet.count("}")


def test_an_unknown_token_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "qss").mkdir()
    (tmp_path / "qss" / "00-x.qss").write_text("QWidget { color: ${no_such_token}; }")
    monkeypatch.setattr(resources, "resource_root", lambda: tmp_path)
    with pytest.raises(KeyError):
        stylesheet()


@pytest.mark.parametrize(("fg", "bg"), CONTRAST_PAIRS)
def test_text_colours_meet_wcag_aa(fg: str, bg: str) -> None:
    theme = Theme()
    assert contrast_ratio(getattr(theme, fg), getattr(theme, bg)) >= 4.5


def test_sizes_are_big_enough_for_gloves() -> None:
    theme = Theme()
    assert int(theme.font_small.removesuffix("px")) >= 20
    assert int(theme.font_base.removesuffix("px")) >= 20
    assert int(theme.button_height.removesuffix("px")) >= 72


def test_a_button_is_at_least_72_px_tall(qtbot: QtBot) -> None:
    button = QPushButton("Log in")
    qtbot.addWidget(button)
    button.show()
    assert button.height() >= 72
    assert button.font().pixelSize() >= 20 or button.fontInfo().pixelSize() >= 20


def test_application_font_is_at_least_20_px(qapp: QApplication) -> None:
    assert qapp.font().pixelSize() >= 20


def test_resources_are_found_from_source_and_when_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resources.resource_root() == ROOT / "resources"
    assert resources.resource_path("qss").is_dir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_root() == tmp_path / "resources"


def test_a_resource_path_cannot_leave_the_folder() -> None:
    with pytest.raises(ValueError, match="outside"):
        resources.resource_path("..", "pyproject.toml")


@pytest.mark.parametrize("name", ["pick", "pack", "labels", "supervisor", "settings", "logout"])
def test_icons_render_in_the_asked_colour(qapp: QApplication, name: str) -> None:
    image = icon_pixmap(name, "#ff0000", 64).toImage()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(64)
        for y in range(64)
        if image.pixelColor(x, y).alpha() == 255
    }
    assert colours == {"#ff0000"}
