"""Qt's own xcb platform plugin, made to link a library that no machine has.

To the dynamic linker (``ldd``, Qt's plugin loader) it is exactly Qt's plugin on a
machine without that library. Its Qt libraries stay PySide6's, found through the
plugin's ``$ORIGIN/../../lib``.
"""

from __future__ import annotations

from pathlib import Path

from ui.startup_check import qt_plugins_folder

LINKED = "libxcb-cursor.so.0"
ABSENT = "libxcb-cursor.so.9"  # same length: nothing else in the file moves


def plugins_missing_a_library(root: Path) -> Path:
    """A Qt plugins folder in ``root`` whose ``platforms/libqxcb.so`` links ``ABSENT``."""
    plugins = qt_plugins_folder()
    assert plugins is not None
    (root / "lib").symlink_to(plugins.parent / "lib")
    (root / "plugins" / "platforms").mkdir(parents=True)
    elf = (plugins / "platforms" / "libqxcb.so").read_bytes()
    linked, absent = f"\0{LINKED}\0".encode(), f"\0{ABSENT}\0".encode()
    assert elf.count(linked) == 1, f"libqxcb.so no longer links {LINKED}"
    (root / "plugins" / "platforms" / "libqxcb.so").write_bytes(elf.replace(linked, absent))
    return root / "plugins"
