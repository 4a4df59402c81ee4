"""The pack station's cartons and weight tolerance: the ``[packing]`` table of the
station's settings file (``station.toml``, next to ``[printing]``).

::

    [packing]
    tolerance_g = 50          # a parcel may be this many grams off what it should weigh,
    tolerance_percent = 5.0   # or this share of it, whichever is larger

    [[packing.cartons]]
    code = "S1"
    name = "Small mailer"
    inner_length_mm = 250
    inner_width_mm = 180
    inner_height_mm = 80
    tare_g = 90
    max_gross_g = 3000
    barcode = "CT-S1"         # optional: printed on the carton or its shelf

A station without the table (or without cartons in it) packs into the demo carton
types (``app.domain.carton.DEMO_CARTONS``) with the default tolerance. A broken table
is refused as a whole, with the field named, so that the station does not pack into
half a list of cartons.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.carton import DEMO_CARTONS, CartonType
from app.domain.pack import Tolerance

MAX_CARTONS = 200
_CARTON_FIELDS = {f.name for f in dataclasses.fields(CartonType)}
_INTEGERS = _CARTON_FIELDS - {"code", "name", "barcode", "active"}


@dataclass(frozen=True, slots=True)
class PackingSettings:
    """The carton types this station packs into and how far a weight may be off."""

    cartons: tuple[CartonType, ...] = DEMO_CARTONS
    tolerance: Tolerance = dataclasses.field(default_factory=Tolerance)

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> PackingSettings:
        """Build from the ``[packing]`` table.

        Raises:
            ValueError: an unknown key, a value of the wrong type or out of range, a
                duplicate carton code or barcode (the message names it).
        """
        unknown = sorted(set(raw) - {"cartons", "tolerance_g", "tolerance_percent"})
        if unknown:
            raise ValueError(f"[packing]: unknown key(s) {', '.join(unknown)}")
        default = Tolerance()
        grams = raw.get("tolerance_g", default.grams)
        percent = raw.get("tolerance_percent", default.percent)
        if isinstance(grams, bool) or not isinstance(grams, int) or not 0 <= grams <= 5_000:
            raise ValueError("[packing]: tolerance_g must be a whole number from 0 to 5000")
        if isinstance(percent, bool) or not isinstance(percent, int | float):
            raise ValueError("[packing]: tolerance_percent must be a number from 0 to 50")
        if not 0 <= percent <= 50:
            raise ValueError("[packing]: tolerance_percent must be a number from 0 to 50")
        rows = raw.get("cartons", [])
        if not isinstance(rows, list) or len(rows) > MAX_CARTONS:
            raise ValueError(f"[packing]: cartons must be a list of at most {MAX_CARTONS}")
        cartons = tuple(_carton(number, row) for number, row in enumerate(rows, start=1))
        for field in ("code", "barcode"):
            values = [getattr(c, field) for c in cartons if getattr(c, field)]
            twice = sorted({v for v in values if values.count(v) > 1})
            if twice:
                raise ValueError(f"[packing]: carton {field} {twice[0]} is used twice")
        return cls(cartons or DEMO_CARTONS, Tolerance(grams, float(percent)))


def _carton(number: int, row: object) -> CartonType:
    where = f"[packing] carton {number}"
    if not isinstance(row, Mapping):
        raise ValueError(f"{where}: must be a table")
    unknown = sorted(set(row) - _CARTON_FIELDS)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    missing = sorted(_CARTON_FIELDS - {"barcode", "active"} - set(row))
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    for name in _INTEGERS:
        value = row[name]
        if isinstance(value, bool) or not isinstance(value, int) or value > 10_000_000:
            raise ValueError(f"{where}: {name} must be a whole number")
    for name in ("code", "name", "barcode"):
        if name in row and not isinstance(row[name], str):
            raise ValueError(f"{where}: {name} must be text")
    try:
        return CartonType(**row)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def load_packing(path: Path) -> PackingSettings:
    """The ``[packing]`` table of ``path`` (the defaults when the file or table is
    missing).

    Raises:
        ValueError: the file is not valid TOML, or the table is broken.
    """
    if not path.exists():
        return PackingSettings()
    try:
        with path.open("rb") as handle:
            table = tomllib.load(handle).get("packing", {})
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path.name}: {exc}") from None
    if not isinstance(table, dict):
        raise ValueError("[packing] must be a table")
    return PackingSettings.from_mapping(table)
