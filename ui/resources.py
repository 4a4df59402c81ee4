"""The one way to find files under ``resources/``, from source and when frozen.

From a source checkout (or an editable install) ``resources/`` sits next to ``ui/``.
A PyInstaller bundle unpacks data files under ``sys._MEIPASS``; the spec must add
``("resources", "resources")`` to ``datas``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The ``resources/`` folder of this installation."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts...>`` (it may not exist: callers check).

    Raises:
        ValueError: a part would leave the resources folder (``..`` or absolute).
    """
    root = resource_root()
    path = root.joinpath(*parts)
    if not path.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"{'/'.join(parts)} is outside the resources folder")
    return path


def read_text(*parts: str) -> str:
    """The UTF-8 text of ``resources/<parts...>``.

    Raises:
        FileNotFoundError: there is no such resource.
    """
    return resource_path(*parts).read_text(encoding="utf-8")
