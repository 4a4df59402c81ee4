"""``app/`` never imports Qt (DESIGN.md: dependencies point down, ui -> app -> app.domain)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
APP = ROOT / "app"

# Runs in a fresh interpreter so that nothing this pytest process imported (pytest-qt
# loads PySide6) can hide an import. pkgutil walks the package; Alembic's env.py and
# revision scripts only run inside Alembic, so `*.migrations.*` is not imported.
PROBE = r"""
import importlib, json, pkgutil, sys, traceback
import app

found, failed = [], {}
def onerror(name):
    failed[name] = traceback.format_exc()
for info in pkgutil.walk_packages(app.__path__, "app.", onerror=onerror):
    if ".migrations" in info.name:
        continue
    found.append(info.name)
    try:
        importlib.import_module(info.name)
    except Exception:
        failed[info.name] = traceback.format_exc()
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
print(json.dumps({"found": found, "failed": failed, "qt": qt}))
"""


def _modules_on_disk() -> set[str]:
    names = set()
    for path in APP.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "migrations" in parts or "__pycache__" in parts:
            continue
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _probe() -> dict[str, Any]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    # app.orderstore.asgi is the uvicorn entry point and reads its database from the
    # environment at import time; an in-memory SQLite database lets it import.
    env["SCANPACK_STORE_DB"] = "sqlite://"
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def test_app_imports_no_qt() -> None:
    report = _probe()
    assert not report["failed"], "\n".join(report["failed"].values())
    assert {
        "app.domain.model",
        "app.domain.events",
        "app.domain.rules",
        "app.domain.wire",
        "app.domain.gtin",
    } <= set(report["found"])
    assert report["qt"] == [], f"app/ pulled in Qt: {report['qt']}"


def test_pkgutil_sees_every_module() -> None:
    # pkgutil (and setuptools' find_packages, which builds the wheel) skip a directory
    # without __init__.py: its modules would escape the check above and the install.
    missed = _modules_on_disk() - {"app", *_probe()["found"]}
    assert not missed, f"not regular packages (add __init__.py): {sorted(missed)}"


def test_domain_imports_only_the_domain() -> None:
    # The bottom layer: what it imports is read from the source, so a lazy import inside
    # a function counts too.
    import ast

    outside: list[str] = []
    for path in sorted((APP / "domain").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            outside += [
                f"{path.name}: {name}"
                for name in names
                if name.split(".")[0] == "app" and not name.startswith("app.domain")
            ]
    assert not outside, f"app.domain imports from higher layers: {outside}"
