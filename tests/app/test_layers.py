"""The layers of ``app/``, read from the source: every package's imports point down.

DESIGN.md: ``ui -> app.* -> app.domain``. Inside ``app/`` the order is

    domain, dbtypes, catalogue      the bottom: plain model and workflow rules, and
                                    the marker of sentences for the translators
    config, demo, store             settings, the demo data set, the station database
    barcodes, sync                  what a scan means; the order store's client
    printing, picking, packing,     the features
    supervisor
    bootstrap, */cli.py             the composition root and the command lines

``orderstore`` (the reference central store, a separate service) stands beside them:
it uses the domain and the demo data set (``app.demo``, which its seed writes), and
nothing of the station but the composition root imports it (``app.bootstrap`` starts
the demo's embedded store, and ``demo_floor_station`` fills a station from a seeded
one). Every import counts, a lazy one inside a function too; a new package must be
placed in ``ALLOWED`` before it can be imported at all.
(``tests/app/domain/test_import_boundary.py`` runs the imports: no Qt below ``ui/``.)
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"

FEATURES = {"barcodes", "sync", "printing", "picking", "packing", "supervisor", "orderstore"}

ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "dbtypes": set(),
    "catalogue": set(),
    "config": {"domain"},
    "demo": {"domain"},
    "store": {"domain", "dbtypes"},
    "barcodes": {"domain", "catalogue", "store", "config", "demo"},
    "sync": {"domain", "store", "config"},
    "printing": {"domain", "catalogue", "store", "barcodes", "config", "demo"},
    "picking": {"domain", "store", "sync"},
    "packing": {"domain", "store", "barcodes", "printing", "config"},
    "supervisor": {"domain", "store"},
    "orderstore": {"domain", "dbtypes", "demo"},
    "bootstrap": {"domain", "config", "store", "sync", "orderstore"},
}
"""What each package (or top-level module) of ``app/`` may import besides itself."""

ENTRY_POINTS = ("cli",)
"""Modules that are programs (``app/<package>/cli.py``): they may import any layer."""

ORDERSTORE_USERS = {"orderstore", "demo", "bootstrap"}
"""The store itself, the demo data set its seed writes, and the composition root (which
starts the demo store and fills the supervisor's demo floor from a seeded one)."""

KNOWN: set[tuple[str, str]] = set()
"""Imports that break the order today, each with a test that fails once it is gone
(none now: ``app/config.py`` no longer reads the print settings, which load themselves
in ``app.printing.settings``)."""


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "app":
                yield from (f"app.{alias.name}" for alias in node.names)
            else:
                yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(APP.rglob("*.py")):
        parts = path.relative_to(APP).parts
        if "migrations" in parts or (path.name == "__init__.py" and len(parts) == 1):
            continue
        yield ".".join(path.relative_to(ROOT).with_suffix("").parts), path


def _layer(module: str) -> str:
    """``app.picking.flow`` -> ``picking``; ``app.config`` -> ``config``."""
    return module.split(".")[1]


def _app_imports(path: Path) -> set[str]:
    return {
        _layer(name)
        for name in _imports(path)
        if name.startswith("app.") and len(name.split(".")) > 1
    }


def test_every_package_of_app_has_its_place() -> None:
    placed = set(ALLOWED)
    found = {_layer(module) for module, _ in _modules()}
    assert found <= placed, f"not placed in ALLOWED: {sorted(found - placed)}"
    assert placed <= found, f"ALLOWED names what app/ no longer has: {sorted(placed - found)}"


def test_the_layers_have_no_cycle() -> None:
    done: set[str] = set()

    def visit(layer: str, path: tuple[str, ...]) -> None:
        assert layer not in path, f"a cycle: {' -> '.join((*path, layer))}"
        if layer in done:
            return
        for lower in ALLOWED[layer]:
            visit(lower, (*path, layer))
        done.add(layer)

    for layer in ALLOWED:
        visit(layer, ())


def test_every_import_in_app_points_down() -> None:
    wrong = []
    for module, path in _modules():
        if module.rsplit(".", 1)[-1] in ENTRY_POINTS:
            continue
        layer = _layer(module)
        for used in sorted(_app_imports(path) - {layer}):
            if used not in ALLOWED[layer] and (layer, used) not in KNOWN:
                wrong.append(f"{module} imports app.{used}")
    assert not wrong, "\n".join(wrong)


def test_app_imports_nothing_from_ui() -> None:
    up = [
        f"{module} imports {name}"
        for module, path in _modules()
        for name in _imports(path)
        if name == "ui" or name.startswith("ui.")
    ]
    assert not up, "\n".join(up)


def test_only_the_order_store_and_the_demo_tooling_import_the_order_store() -> None:
    users = {
        module
        for module, path in _modules()
        if "orderstore" in _app_imports(path) and _layer(module) not in ORDERSTORE_USERS
    }
    assert not users, f"station code imports app.orderstore: {sorted(users)}"


def test_demo_data_comes_from_one_place() -> None:
    # The label sources and the barcode sheet read the data set through app.demo, and
    # the order store's seed writes app.demo's: nobody else seeds a store for demo data.
    seeders = {
        module
        for module, path in _modules()
        if any(name == "app.orderstore.seed" for name in _imports(path))
        and _layer(module) not in {"orderstore", "demo", "bootstrap"}
    }
    assert not seeders, f"demo data read around app.demo: {sorted(seeders)}"
    seed = (APP / "orderstore" / "seed.py").read_text(encoding="utf-8")
    assert "from app.demo import" in seed


def test_config_imports_no_feature() -> None:
    used = _app_imports(APP / "config.py")
    assert not used & FEATURES, f"app/config.py imports {sorted(used & FEATURES)}"
