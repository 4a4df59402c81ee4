"""Reading label templates: TOML files checked item by item, found by name in folders.

``parse_template`` turns a file's text into a ``Template`` (the format is described in
``app.printing.template``) or refuses it with the file, the item and the reason;
``TemplateLibrary`` finds templates by name in a site's folder first, then in
``resources/labels``.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from app.printing.data import ROW_FIELDS, SUBJECT_FIELDS
from app.printing.errors import PrintError, PrintErrorCode
from app.printing.template import (
    ALIGNS,
    FONTS,
    SUBJECTS,
    SYMBOLOGIES,
    BarcodeItem,
    Box,
    Column,
    FrameItem,
    Item,
    Pattern,
    RuleItem,
    TableItem,
    Template,
    TextItem,
)

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


class _Reader:
    """Reads one table of the TOML file, refusing unknown keys and wrong types."""

    def __init__(self, raw: Mapping[str, Any], where: str) -> None:
        self.raw = raw
        self.where = where
        self.used: set[str] = set()

    def fail(self, detail: str) -> ValueError:
        return ValueError(f"{self.where}: {detail}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        self.used.add(key)
        if key not in self.raw:
            if default is ...:
                raise self.fail(f"{key!r} is missing")
            return default
        value = self.raw[key]
        if isinstance(value, bool) and kind in (int, float, (int, float)):
            raise self.fail(f"{key!r} must be a number, not {value!r}")
        if not isinstance(value, kind):
            raise self.fail(f"{key!r} has the wrong type ({type(value).__name__})")
        return value

    def number(self, key: str, default: float | None = None, *, minimum: float = 0.0) -> float:
        value = float(self.get(key, (int, float), ... if default is None else default))
        if value < minimum:
            raise self.fail(f"{key!r} must be at least {minimum:g}, got {value:g}")
        return value

    def choice(self, key: str, allowed: Iterable[str], default: str | None = None) -> str:
        value = str(self.get(key, str, ... if default is None else default))
        options = sorted(allowed)
        if value not in options:
            raise self.fail(f"{key!r} is {value!r}; one of {', '.join(options)}")
        return value

    def box(self) -> Box:
        raw = self.get("box", list)
        if len(raw) != 4 or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in raw
        ):
            raise self.fail("'box' is [x, y, width, height] in mm")
        box = Box(*(float(v) for v in raw))
        if min(box.x, box.y, box.w, box.h) < 0:
            raise self.fail(f"'box' {raw} has a negative number")
        return box

    def done(self) -> None:
        extra = sorted(set(self.raw) - self.used)
        if extra:
            raise self.fail(f"unknown key(s) {', '.join(extra)}")


def _pattern(reader: _Reader, key: str, allowed: frozenset[str]) -> Pattern:
    try:
        pattern = Pattern.parse(reader.get(key, str))
    except ValueError as exc:
        raise reader.fail(str(exc)) from None
    unknown = [name for name in pattern.fields if name not in allowed]
    if unknown:
        raise reader.fail(
            f"unknown field(s) {', '.join('{' + n + '}' for n in unknown)} in {key!r}"
        )
    return pattern


def _when(reader: _Reader, allowed: frozenset[str]) -> str | None:
    when = reader.get("when", str, None)
    if when is not None and when not in allowed:
        raise reader.fail(f"'when' names the unknown field {when!r}")
    return when  # type: ignore[no-any-return]


def _item(raw: Mapping[str, Any], where: str, fields: frozenset[str]) -> Item:
    reader = _Reader(raw, where)
    kind = reader.choice("type", ("text", "barcode", "rule", "frame", "table"))
    item: Item
    if kind == "text":
        item = TextItem(
            box=reader.box(),
            text=_pattern(reader, "text", fields),
            font=reader.choice("font", FONTS, "regular"),
            size=reader.number("size", 3.0, minimum=0.5),
            align=reader.choice("align", ALIGNS, "left"),  # type: ignore[arg-type]
            lines=int(reader.number("lines", 1, minimum=1)),
            when=_when(reader, fields),
        )
    elif kind == "barcode":
        item = BarcodeItem(
            box=reader.box(),
            symbology=reader.choice("symbology", SYMBOLOGIES),
            data=_pattern(reader, "data", fields),
            module=reader.number("module", minimum=0.1),
            align=reader.choice("align", ALIGNS, "center"),  # type: ignore[arg-type]
            when=_when(reader, fields),
        )
    elif kind == "rule":
        item = RuleItem(box=reader.box(), when=_when(reader, fields))
    elif kind == "frame":
        item = FrameItem(
            box=reader.box(),
            thickness=reader.number("thickness", 0.5, minimum=0.1),
            when=_when(reader, fields),
        )
    else:
        item = _table(reader, fields)
    reader.done()
    return item


def _table(reader: _Reader, fields: frozenset[str]) -> TableItem:
    rows = reader.choice("rows", ROW_FIELDS)
    row_fields = fields | ROW_FIELDS[rows]
    columns = []
    for index, raw in enumerate(reader.get("columns", list)):
        if not isinstance(raw, dict):
            raise reader.fail("'columns' is a list of tables ([[item.columns]])")
        col = _Reader(raw, f"{reader.where}, column {index + 1}")
        columns.append(
            Column(
                title=str(col.get("title", str, "")),
                text=_pattern(col, "text", row_fields),
                width=col.number("width", minimum=1.0),
                align=col.choice("align", ALIGNS, "left"),  # type: ignore[arg-type]
            )
        )
        col.done()
    if not columns:
        raise reader.fail("a table needs at least one column")
    table = TableItem(
        box=reader.box(),
        rows=rows,
        columns=tuple(columns),
        bottom_margin=reader.number("bottom_margin", 15.0),
        size=reader.number("size", 3.2, minimum=0.5),
        header_size=reader.number("header_size", 3.2, minimum=0.5),
        row_height=reader.number("row_height", 7.0, minimum=1.0),
        font=reader.choice("font", FONTS, "regular"),
        header_font=reader.choice("header_font", FONTS, "bold"),
        when=_when(reader, fields),
    )
    if sum(c.width for c in table.columns) > table.box.w + 1e-6:
        raise reader.fail("the columns are wider than the table's box")
    return table


def _size(reader: _Reader, key: str, value: Any) -> tuple[float, float]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in value)
    ):
        raise reader.fail(f"{key!r} is [width, height] in mm, both positive")
    return (float(value[0]), float(value[1]))


def parse_template(text: str, source: str = "<string>") -> Template:
    """Parse and check a template from TOML ``text``.

    Raises:
        PrintError: ``BAD_TEMPLATE`` with the file, the item and the reason.
    """
    try:
        raw = tomllib.loads(text)
        reader = _Reader(raw, source)
        name = str(reader.get("name", str))
        subject = reader.choice("subject", SUBJECTS)
        fields = SUBJECT_FIELDS[subject]
        template = Template(
            name=name,
            title=str(reader.get("title", str, name)),
            subject=subject,
            size=_size(reader, "size", reader.get("size", list)),
            variants={
                str(k): _size(reader, f"variants.{k}", v)
                for k, v in reader.get("variants", dict, {}).items()
            },
            items=tuple(
                _item(item, f"{source}, item {index + 1}", fields)
                for index, item in enumerate(reader.get("item", list))
            ),
            source=source,
        )
        reader.done()
    except tomllib.TOMLDecodeError as exc:
        raise PrintError(PrintErrorCode.BAD_TEMPLATE, name=source, detail=str(exc)) from exc
    except ValueError as exc:
        raise PrintError(PrintErrorCode.BAD_TEMPLATE, name=source, detail=str(exc)) from exc
    _check_boxes(template)
    return template


def _check_boxes(template: Template) -> None:
    """Every item lies on every paper size (a table may stop anywhere above the bottom)."""
    for paper in template.papers:
        width, height = template.page_size(paper)
        for index, item in enumerate(template.items):
            box = item.box
            bottom = box.y if isinstance(item, TableItem) else box.bottom
            if box.right > width + 1e-6 or bottom > height + 1e-6:
                raise PrintError(
                    PrintErrorCode.BAD_TEMPLATE,
                    name=template.source,
                    detail=f"item {index + 1} ({type(item).__name__}) at {box} runs off the "
                    f"{paper} paper ({width:g} x {height:g} mm)",
                )


# --------------------------------------------------------------------------- library


def builtin_dir() -> Path:
    """``resources/labels`` of this installation, from source or frozen.

    Mirrors ``ui.resources.resource_root`` (which ``app`` may not import).
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources" / "labels"
    return Path(__file__).resolve().parents[2] / "resources" / "labels"


class TemplateLibrary:
    """Templates by name from folders searched in order (a site's own folder first).

    Parsed templates are kept; ``reload()`` forgets them (after a site edits a file).
    """

    def __init__(self, *folders: Path) -> None:
        self.folders: tuple[Path, ...] = folders or (builtin_dir(),)
        self._cache: dict[str, Template] = {}

    def names(self) -> list[str]:
        """Every template name found, sorted."""
        found: set[str] = set()
        for folder in self.folders:
            if folder.is_dir():
                found.update(path.stem for path in folder.glob("*.toml"))
        return sorted(found)

    def get(self, name: str) -> Template:
        """The template called ``name``.

        Raises:
            PrintError: ``UNKNOWN_TEMPLATE``, or ``BAD_TEMPLATE`` for a broken file (or a
                file whose ``name`` is not its file name).
        """
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        if not _NAME.fullmatch(name):  # a name, never a path
            raise PrintError(PrintErrorCode.UNKNOWN_TEMPLATE, name=name)
        for folder in self.folders:
            path = folder / f"{name}.toml"
            if path.is_file():
                template = parse_template(path.read_text(encoding="utf-8"), str(path))
                if template.name != name:
                    raise PrintError(
                        PrintErrorCode.BAD_TEMPLATE,
                        name=str(path),
                        detail=f"it calls itself {template.name!r}; the file name says {name!r}",
                    )
                self._cache[name] = template
                return template
        raise PrintError(PrintErrorCode.UNKNOWN_TEMPLATE, name=name)

    def reload(self) -> None:
        self._cache.clear()
