"""The documentation screenshots render, at kiosk size, with real text in them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QImage
from PySide6.QtWidgets import QApplication

from ui.screenshots import SIZE, render_all

EXPECTED = {
    "login",
    "login-unknown-badge",
    "home-supervisor",
    "settings-supervisor",
    "settings-invalid",
    "home-picker-offline",
    "login-token-refused",
    "home-scan-ok",
    "scan-wrong-flash",
    "labels",
    "labels-demo-sheet",
    "crash",
    "pick-next-bin",
    "pick-type-code",
    "pick-wrong-item",
    "pick-qty-typed",
    "pick-qty-counted",
    "pick-one-too-many",
    "pick-short",
    "pick-undo-short",
    "pick-double-undo",
    "pick-done",
    "pick-cart",
    "pick-message-1-line",
    "pick-message-3-lines",
    "pick-put-in-tote",
    "pick-batch-undo",
    "pick-cancelled",
    "pick-hand-back",
    "pack-start",
    "pack-not-picked",
    "pack-tote-choice",
    "pack-verify",
    "pack-other-order",
    "pack-qty",
    "pack-hold-reason",
    "pack-carton",
    "pack-weigh",
    "pack-weight-off",
    "pack-print-pending",
    "pack-done",
    "supervisor-queue",
    "supervisor-pin",
    "supervisor-hold-reason",
    "supervisor-exceptions",
    "supervisor-people",
    "pack-held",
    "first-run",
    "first-run-token-refused",
}


def test_fonts_are_installed(qapp: QApplication) -> None:
    # Without a font the offscreen platform draws boxes; the Debian package
    # fonts-dejavu-core provides one.
    assert QFontDatabase.families()


def test_every_screen_is_rendered(qapp: QApplication, tmp_path: Path) -> None:
    written = render_all(tmp_path)
    assert {p.stem for p in written} == EXPECTED
    for path in written:
        image = QImage(str(path))
        assert image.size() == SIZE, path.name
        # Text was drawn: the near-black of the theme's text (or white on colour) in
        # many pixels, not just a flat background.
        colours = {
            image.pixel(x, y) for x in range(0, SIZE.width(), 7) for y in range(0, SIZE.height(), 7)
        }
        assert len(colours) > 20, path.name
