"""The Spanish catalogue is complete, matches the sources and is compiled.

A string added to ``ui/`` (or to a template ``app/`` marks with
``QT_TRANSLATE_NOOP``) and not translated fails here: ``make translations`` brings it
into ``resources/translations/scanpack_es.ts`` as ``unfinished`` until someone
translates it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "translations" / "scanpack_es.ts"
COMPILED = CATALOGUE.with_suffix(".qm")
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
SPANISH_PLURALS = 2  # singular, plural


def messages(path: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(ctx.findtext("name") or "", m) for ctx in root for m in ctx.iter("message")]


def problems_of(path: Path) -> list[str]:
    """Every entry of ``path`` that is not fully translated, in words."""
    found = []
    for context, message in messages(path):
        source = message.findtext("source") or ""
        where = f"{context}: {source!r}"
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "obsolete"):
            found.append(f"{where} is unfinished")
            continue
        if message.get("numerus") == "yes":
            forms = [f.text or "" for f in translation.iter("numerusform")]
            if len(forms) != SPANISH_PLURALS or not all(f.strip() for f in forms):
                found.append(f"{where} lacks a plural form")
            texts = forms
        else:
            texts = [translation.text or ""]
            if not texts[0].strip():
                found.append(f"{where} is empty")
        wanted = sorted(PLACEHOLDER.findall(source)) if context else None
        for text in texts:
            if wanted is not None and sorted(PLACEHOLDER.findall(text)) != wanted:
                found.append(f"{where}: placeholders differ in {text!r}")
            if source.count("%n") and "%n" not in text:
                found.append(f"{where}: %n is missing in {text!r}")
    return found


def tool(name: str) -> Path:
    found = BIN / name
    if not found.exists():
        pytest.fail(f"{name} is not installed next to the interpreter")
    return found


def test_every_spanish_entry_is_translated_with_its_placeholders() -> None:
    assert messages(CATALOGUE)
    problems = problems_of(CATALOGUE)
    assert not problems, "\n".join(problems)


def test_an_unfinished_entry_is_caught(tmp_path: Path) -> None:
    broken = tmp_path / "scanpack_es.ts"
    text = CATALOGUE.read_text(encoding="utf-8")
    text = text.replace("<translation>", '<translation type="unfinished">', 1)
    broken.write_text(text, encoding="utf-8")
    assert any("unfinished" in p for p in problems_of(broken))


def test_the_catalogue_holds_every_string_of_the_sources(tmp_path: Path) -> None:
    # What `make translations` would collect today, into a copy of the catalogue.
    copy = tmp_path / "scanpack_es.ts"
    shutil.copy(CATALOGUE, copy)
    app_sources = [
        p
        for p in sorted((ROOT / "app").rglob("*.py"))
        if "QT_TRANSLATE_NOOP(" in p.read_text(encoding="utf-8") and p.name != "catalogue.py"
    ]
    subprocess.run(
        [
            str(tool("pyside6-lupdate")),
            "-no-obsolete",
            "-target-language",
            "es",
            *map(str, sorted((ROOT / "ui").rglob("*.py"))),
            *map(str, app_sources),
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    problems = problems_of(copy)
    assert not problems, "run `make translations` and translate:\n" + "\n".join(problems)


def test_the_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    compiled = tmp_path / "scanpack_es.qm"
    subprocess.run(
        [str(tool("pyside6-lrelease")), str(CATALOGUE), "-qm", str(compiled)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert compiled.read_bytes() == COMPILED.read_bytes(), "run `make translations`"


def test_no_mixin_translates_through_self_tr() -> None:
    """A mixin's ``self.tr`` is asked in the final class's context at run time, but
    ``pyside6-lupdate`` files its strings under the mixin's name: they would never be
    translated. Mixins (classes of a ``_Base`` that is the screen when type checking)
    write ``QCoreApplication.translate("TheScreen", ...)`` instead."""
    import ast

    wrong = []
    for path in sorted(Path("ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            if not any(isinstance(b, ast.Name) and b.id == "_Base" for b in node.bases):
                continue
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "tr"
                    and isinstance(call.func.value, ast.Name)
                    and call.func.value.id == "self"
                ):
                    wrong.append(f"{path}:{call.lineno} ({node.name})")
    assert not wrong, wrong
