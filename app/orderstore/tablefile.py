"""Rows of a CSV or JSON file, streamed, with their line numbers and columns renamed.

CSV as spreadsheets and shops export it: any delimiter (``csv.Sniffer`` among
``, ; TAB |``), a UTF-8 BOM or none (a file that is not UTF-8 is read as Windows-1252,
what Excel writes as "CSV"), quoted fields with line breaks, blank lines skipped.
JSON: a list of objects, or an object holding one (``{"products": [...]}``); JSON
Lines (``.jsonl``/``.ndjson``, one object a line) is streamed, a ``.json`` file is
read whole.

Columns are known by name: case, spaces and punctuation do not matter
(``Product ID`` = ``product_id``), a kind's usual aliases are understood, and a
mapping (``--map "Product ID=sku"``) names the rest.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

SAMPLE = 64 * 1024
DELIMITERS = ",;\t|"


class FileProblem(Exception):
    """The file cannot be read as a table (``code``: unreadable, not_a_table, bad_json,
    bad_map), with ``args`` for the message."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


def normalize(name: str) -> str:
    """A column name as it is matched: lower case, runs of other characters as ``_``."""
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def parse_map(text: str) -> dict[str, str]:
    """``"Product ID=sku,Product Name=name"`` as ``{normalized column: field}``.

    Raises:
        FileProblem: ``bad_map`` for an item without ``=``.
    """
    mapping: dict[str, str] = {}
    for item in (part for part in text.split(",") if part.strip()):
        column, sep, target = item.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise FileProblem("bad_map", item=item.strip())
        mapping[normalize(column)] = normalize(target)
    return mapping


@dataclass(frozen=True, slots=True)
class FileRow:
    """One record: the line it starts on, its values by field, its cells as read."""

    line: int
    values: dict[str, Any]
    cells: list[str] | dict[str, Any]


Progress = Callable[[int, int], None]  # (bytes read, file size)


class TableFile:
    """A table file opened for one pass over its rows.

    Args:
        path: the file.
        aliases: ``{normalized column name: field}`` the kind understands.
        mapping: ``--map``, before the aliases.
        progress: called now and then with the bytes read so far and the size.
    """

    def __init__(
        self,
        path: Path,
        aliases: Mapping[str, str],
        mapping: Mapping[str, str],
        progress: Progress | None = None,
    ) -> None:
        self.path = path
        try:
            self.size = path.stat().st_size
        except OSError as error:
            raise FileProblem("unreadable", reason=error.strerror or str(error)) from None
        self._names = {**aliases, **mapping}
        self._progress = progress
        suffix = path.suffix.lower()
        self.kind = (
            "jsonl" if suffix in (".jsonl", ".ndjson") else "json" if suffix == ".json" else "csv"
        )
        self.header: list[str] = []
        self.fields: list[str | None] = []
        self.dialect: Any = csv.excel
        self.encoding = "utf-8"

    def field(self, column: str) -> str | None:
        name = normalize(column)
        return self._names.get(name, name) or None

    def rows(self) -> Generator[FileRow]:
        try:
            with self.path.open("rb") as raw:
                if self.kind == "csv":
                    yield from self._csv(raw)
                else:
                    yield from self._json(raw)
        except OSError as error:
            raise FileProblem("unreadable", reason=str(error)) from None

    def _tick(self, raw: IO[bytes], count: int) -> None:
        if self._progress is not None and count % 500 == 0:
            self._progress(raw.tell(), self.size)

    def _csv(self, raw: IO[bytes]) -> Iterator[FileRow]:
        sample = raw.read(SAMPLE)
        raw.seek(0)
        self.encoding = _encoding(sample)
        self.dialect = _dialect(sample.decode(self.encoding, errors="ignore"))
        text = io.TextIOWrapper(raw, encoding=self.encoding, newline="")
        try:
            yield from self._csv_rows(raw, text)
        finally:
            text.detach()  # the file itself is closed by rows()

    def _csv_rows(self, raw: IO[bytes], text: IO[str]) -> Iterator[FileRow]:
        reader = csv.reader(text, self.dialect)
        start = 1
        count = 0
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # a blank line
            if not self.header:
                self.header = [cell.strip() for cell in cells]
                self.fields = [self.field(cell) for cell in self.header]
                continue
            values = {
                name: cell
                for name, cell in zip(self.fields, cells, strict=False)
                if name is not None
            }
            count += 1
            self._tick(raw, count)
            yield FileRow(line, values, cells)
        if not self.header:
            raise FileProblem("not_a_table")

    def _json(self, raw: IO[bytes]) -> Iterator[FileRow]:
        if self.kind == "jsonl":
            items: Iterator[tuple[int, Any]] = _json_lines(raw)
        else:
            try:
                data = json.loads(raw.read().decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError) as error:
                raise FileProblem("bad_json", reason=str(error)[:200]) from None
            if isinstance(data, dict) and len(data) == 1:
                data = next(iter(data.values()))
            if not isinstance(data, list):
                raise FileProblem("not_a_table")
            items = enumerate(data, start=1)
        count = 0
        for line, item in items:
            if not isinstance(item, dict):
                yield FileRow(line, {"": item}, {"": item})
                continue
            if not self.header:
                self.header = list(item)
                self.fields = [self.field(name) for name in self.header]
            values = {}
            for key, value in item.items():
                name = self.field(str(key))
                if name is not None:
                    values[name] = value
            count += 1
            self._tick(raw, count)
            yield FileRow(line, values, item)


def _dialect(sample: str) -> Any:
    """The CSV dialect of a file that begins with ``sample``: ``csv.Sniffer`` on its
    non-blank lines (the last, maybe cut short, left out); failing that, the
    delimiter the header line holds most of; failing that, commas."""
    lines = [line for line in sample.splitlines() if line.strip()]
    body = "\n".join(lines[:-1] if len(lines) > 2 else lines)
    try:
        return csv.Sniffer().sniff(body, delimiters=DELIMITERS)
    except csv.Error:
        pass
    counts = {d: lines[0].count(d) for d in DELIMITERS} if lines else {}
    best = max(counts, key=lambda d: counts[d], default=",")

    class Found(csv.excel):
        delimiter = best if counts.get(best) else ","

    return Found


def _json_lines(raw: IO[bytes]) -> Iterator[tuple[int, Any]]:
    for line, data in enumerate(raw, start=1):
        text = data.decode("utf-8-sig" if line == 1 else "utf-8").strip()
        if not text:
            continue
        try:
            yield line, json.loads(text)
        except ValueError as error:
            raise FileProblem("bad_json", reason=f"line {line}: {str(error)[:200]}") from None


def _encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


class BadRows:
    """Refused rows written to ``target``: the file's own columns and an ``error``
    column (CSV in the file's dialect), or JSON Lines with an ``error`` key."""

    def __init__(self, table: TableFile, target: Path) -> None:
        self.table = table
        self.target = target
        self.count = 0
        self._out = target.open("w", encoding="utf-8", newline="")

    def write(self, row: FileRow, error: str) -> None:
        if isinstance(row.cells, dict):
            self._out.write(json.dumps({**row.cells, "error": error}, ensure_ascii=False) + "\n")
        else:
            writer = csv.writer(self._out, self.table.dialect)
            if not self.count:
                writer.writerow([*self.table.header, "error"])
            writer.writerow([*row.cells, error])
        self.count += 1

    def close(self) -> None:
        self._out.close()
