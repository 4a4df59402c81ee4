"""Touch targets for gloved hands, measured on every screen the documentation shows.

Every button, field and spin box a person can touch is at least 15 mm tall and at
least 12 mm from its neighbours, edge to edge, at the kiosk's 1280x800 (at the 96 dpi
``ui.theme`` assumes: 57 and 46 logical pixels). On the floor the pick screen's buttons
sat 18 px apart and a gloved tap landed on the wrong one.

The screens and their states are the ones ``ui.screenshots.render_all`` draws (login,
home, settings, labels, every pick state, the on-screen keyboard); the check runs on
the real window just before each shot.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)

from ui.main_window import MainWindow
from ui.screenshots import render_all
from ui.theme import TOUCH_GAP_PX, TOUCH_MIN_PX, mm_to_px

TARGETS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox)


def touch_targets(root: QWidget, window: QWidget) -> list[tuple[str, QRect]]:
    """What a finger can hit under ``root``: name and rectangle in window coordinates.

    A target's own parts (a spin box's field, a tile's labels) are not targets of
    their own; neither is what a visible overlay covers.
    """
    found: list[tuple[str, QRect]] = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, TARGETS) or not widget.isVisible():
            continue
        parent = widget.parentWidget()
        inside_target = False
        while parent is not None and parent is not root:
            if isinstance(parent, TARGETS):
                inside_target = True
                break
            parent = parent.parentWidget()
        if inside_target:
            continue
        top_left = widget.mapTo(window, QPoint(0, 0))
        name = widget.objectName() or widget.accessibleName() or type(widget).__name__
        if isinstance(widget, QAbstractButton) and widget.text():
            name = f"{name} ({widget.text()})"
        found.append((name, QRect(top_left, widget.size())))
    return found


def gap(a: QRect, b: QRect) -> int:
    """Edge-to-edge distance of two rectangles (0 when they touch or overlap)."""
    dx = max(0, b.left() - a.right() - 1, a.left() - b.right() - 1)
    dy = max(0, b.top() - a.bottom() - 1, a.top() - b.bottom() - 1)
    return max(dx, dy)


def problems_of(window: MainWindow) -> list[str]:
    """Every target of the screen shown (or of the keyboard over it) too small or too
    close to another, in words."""
    overlay = window.keyboard if window.keyboard.isVisible() else None
    return target_problems(overlay if overlay is not None else window.current_screen(), window)


def target_problems(root: QWidget, window: QWidget) -> list[str]:
    """Every target under ``root`` too small or too close to another, in words."""
    targets = touch_targets(root, window)
    problems = []
    for name, rect in targets:
        if rect.height() < TOUCH_MIN_PX or rect.width() < TOUCH_MIN_PX:
            problems.append(f"{name} is {rect.width()}x{rect.height()} px")
    for i, (name, rect) in enumerate(targets):
        for other, other_rect in targets[i + 1 :]:
            apart = gap(rect, other_rect)
            if apart < TOUCH_GAP_PX:
                problems.append(f"{name} and {other} are {apart} px apart")
    return problems


def test_the_pixel_sizes_are_the_millimetres_at_96_dpi() -> None:
    assert (TOUCH_MIN_PX, TOUCH_GAP_PX) == (57, 46)
    assert mm_to_px(25.4) == 96


def test_the_gap_is_measured_edge_to_edge() -> None:
    a = QRect(0, 0, 100, 60)
    assert gap(a, QRect(146, 0, 100, 60)) == 46  # beside
    assert gap(a, QRect(0, 100, 100, 60)) == 40  # below
    assert gap(a, QRect(50, 30, 100, 60)) == 0  # overlapping
    assert gap(a, QRect(200, 200, 10, 10)) == 140  # apart on both axes: the larger


def test_every_screen_keeps_its_touch_targets_apart_and_big(
    qapp: QApplication, tmp_path: Path
) -> None:
    seen: dict[str, list[str]] = {}
    counted: dict[str, int] = {}

    def inspect(name: str, window: MainWindow) -> None:
        seen[name] = problems_of(window)
        overlay = window.keyboard if window.keyboard.isVisible() else window.current_screen()
        counted[name] = len(touch_targets(overlay, window))

    render_all(tmp_path, inspect)
    assert {"login", "home-supervisor", "pick-next-bin", "pick-short", "pick-type-code"} <= set(
        seen
    )
    assert counted["pick-next-bin"] >= 6  # the check sees the buttons it is meant to see
    assert counted["pick-type-code"] >= 40  # the keyboard's keys, not the screen under it
    bad = {name: problems for name, problems in seen.items() if problems}
    assert not bad, "\n".join(f"{name}: {'; '.join(p)}" for name, p in bad.items())
