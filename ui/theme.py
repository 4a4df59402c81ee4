"""The kiosk's look: big, high-contrast, touch-friendly.

Style sheets live in ``resources/qss/`` as numbered files joined in name order; each may
use ``${token}`` for a value of :class:`Theme`. Widgets are styled by ``objectName``
and by dynamic properties (``level="error"``, ``available="false"``...) set through
:func:`set_style_property`, never by inline ``setStyleSheet`` calls.

Status colours always come with a word (Online, Offline, Error...): colour alone
carries nothing for a colour-blind person or on a washed-out screen.
"""

from __future__ import annotations

import dataclasses
import string
from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from ui.resources import resource_path

QSS_FOLDER = "qss"


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours (``#rrggbb``) and sizes (``NNpx``) substituted into the style sheets.

    Every ``*_on_*`` pairing used by the sheets is listed in :data:`CONTRAST_PAIRS`
    and checked for WCAG AA (4.5:1) by the tests.
    """

    bg: str = "#eef1f5"
    surface: str = "#ffffff"
    text: str = "#111827"
    text_muted: str = "#374151"
    placeholder: str = "#6b7280"
    border: str = "#4b5563"
    primary: str = "#0b4f8a"
    primary_pressed: str = "#06345c"
    on_primary: str = "#ffffff"
    focus: str = "#b45309"
    ok: str = "#1b5e20"
    on_ok: str = "#ffffff"
    error: str = "#b3261e"
    on_error: str = "#ffffff"
    error_soft: str = "#fdecea"
    on_error_soft: str = "#7f1d1d"
    warning: str = "#f5b800"
    on_warning: str = "#111827"
    info: str = "#374151"
    on_info: str = "#ffffff"
    disabled: str = "#dde1e6"
    on_disabled: str = "#3f4652"
    bar: str = "#1f2937"
    on_bar: str = "#ffffff"
    font_small: str = "20px"
    font_base: str = "22px"
    font_large: str = "28px"
    font_title: str = "40px"
    font_tile: str = "34px"
    font_huge: str = "56px"
    button_height: str = "80px"
    radius: str = "10px"

    def tokens(self) -> dict[str, str]:
        """The theme as ``${token}`` substitutions."""
        return dataclasses.asdict(self)


# (foreground, background) token pairs the sheets put text on; each must reach 4.5:1.
CONTRAST_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "bg"),
    ("text", "surface"),
    ("text_muted", "surface"),
    ("text_muted", "bg"),
    ("placeholder", "surface"),
    ("on_primary", "primary"),
    ("on_primary", "primary_pressed"),
    ("on_ok", "ok"),
    ("on_error", "error"),
    ("on_error_soft", "error_soft"),
    ("on_warning", "warning"),
    ("on_info", "info"),
    ("on_disabled", "disabled"),
    ("on_bar", "bar"),
)


# Touch targets for gloved hands (resources/qss and the screens' layouts keep to these;
# tests/ui/test_touch_targets.py measures every screen). Sizes are in logical pixels at
# the kiosk's 1280x800: Qt's logical resolution on X11 is 96 dpi, and a 15.4-inch
# 1280x800 panel, the common kiosk size, is 98 dpi, so 96 dpi is assumed.
ASSUMED_DPI = 96
MM_PER_INCH = 25.4


def mm_to_px(mm: float, dpi: float = ASSUMED_DPI) -> int:
    """Logical pixels for ``mm`` millimetres at ``dpi``, rounded up."""
    return -int(-mm * dpi // MM_PER_INCH)


TOUCH_MIN_MM = 15.0
"""Every touch target is at least this tall (and wide)."""
TOUCH_GAP_MM = 12.0
"""Neighbouring touch targets are at least this far apart, edge to edge."""
TOUCH_MIN_PX = mm_to_px(TOUCH_MIN_MM)
TOUCH_GAP_PX = mm_to_px(TOUCH_GAP_MM)


def stylesheet(theme: Theme | None = None) -> str:
    """All of ``resources/qss/*.qss`` in name order, with the theme's tokens filled in.

    Raises:
        KeyError: a sheet uses a token the theme does not have.
        FileNotFoundError: the resources folder has no style sheets.
    """
    tokens = (theme or Theme()).tokens()
    tokens["icons"] = resource_path("icons").as_posix()
    files = sorted(resource_path(QSS_FOLDER).glob("*.qss"))
    if not files:
        raise FileNotFoundError(f"no style sheets in {resource_path(QSS_FOLDER)}")
    parts = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        parts.append(f"/* {path.name} */\n" + string.Template(text).substitute(tokens))
    return "\n".join(parts)


def apply_theme(app: QApplication, theme: Theme | None = None) -> None:
    """Style the whole application (call once, before the first window is shown)."""
    theme = theme or Theme()
    font = QFont(app.font())
    font.setPixelSize(int(theme.font_base.removesuffix("px")))
    app.setFont(font)
    app.setStyleSheet(stylesheet(theme))


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property the style sheets select on, and restyle the widget.

    Qt does not re-evaluate property selectors by itself when a property changes.
    """
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)
