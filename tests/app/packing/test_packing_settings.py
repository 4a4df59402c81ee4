"""The ``[packing]`` table: cartons and tolerance from the station's settings file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.carton import DEMO_CARTONS
from app.domain.pack import Tolerance
from app.packing.settings import PackingSettings, load_packing

TABLE = """
[packing]
tolerance_g = 20
tolerance_percent = 2.5

[[packing.cartons]]
code = "S1"
name = "Small mailer"
inner_length_mm = 250
inner_width_mm = 180
inner_height_mm = 80
tare_g = 90
max_gross_g = 3000
barcode = "CT-S1"

[[packing.cartons]]
code = "L1"
name = "Large box"
inner_length_mm = 600
inner_width_mm = 400
inner_height_mm = 400
tare_g = 900
max_gross_g = 30000
"""


def carton(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "code": "S1",
        "name": "Small",
        "inner_length_mm": 250,
        "inner_width_mm": 180,
        "inner_height_mm": 80,
        "tare_g": 90,
        "max_gross_g": 3000,
    }
    return row | changes


def test_the_table_gives_the_cartons_and_the_tolerance(tmp_path: Path) -> None:
    path = tmp_path / "station.toml"
    path.write_text(TABLE)
    packing = load_packing(path)
    assert [(c.code, c.name, c.barcode) for c in packing.cartons] == [
        ("S1", "Small mailer", "CT-S1"),
        ("L1", "Large box", ""),
    ]
    assert packing.cartons[1].max_gross_g == 30000
    assert packing.tolerance == Tolerance(20, 2.5)
    assert packing.tolerance.allowed(2000) == 50


def test_no_file_no_table_or_no_cartons_means_the_demo_cartons(tmp_path: Path) -> None:
    assert load_packing(tmp_path / "missing.toml") == PackingSettings()
    path = tmp_path / "station.toml"
    path.write_text("[printing]\nroutes = {}\n")
    assert load_packing(path).cartons == DEMO_CARTONS
    path.write_text("[packing]\ntolerance_g = 10\n")
    packing = load_packing(path)
    assert packing.cartons == DEMO_CARTONS
    assert packing.tolerance == Tolerance(10, 5.0)


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ({"tolerence_g": 5}, "unknown key(s) tolerence_g"),
        ({"tolerance_g": -1}, "tolerance_g"),
        ({"tolerance_g": True}, "tolerance_g"),
        ({"tolerance_g": "50"}, "tolerance_g"),
        ({"tolerance_percent": 80}, "tolerance_percent"),
        ({"cartons": "B01"}, "cartons must be a list"),
        ({"cartons": [carton(colour="red")]}, "carton 1: unknown key(s) colour"),
        ({"cartons": [carton(), {"code": "X"}]}, "carton 2: missing"),
        ({"cartons": [carton(tare_g="90")]}, "carton 1: tare_g must be a whole number"),
        ({"cartons": [carton(inner_width_mm=0)]}, "carton 1: carton S1: inner dimensions"),
        ({"cartons": [carton(max_gross_g=50)]}, "carton 1: carton S1: max gross weight"),
        ({"cartons": [carton(), carton(name="Again")]}, "carton code S1 is used twice"),
        (
            {"cartons": [carton(barcode="X1"), carton(code="S2", barcode="X1")]},
            "carton barcode X1 is used twice",
        ),
    ],
)
def test_a_broken_table_is_refused_whole_with_the_field_named(
    table: dict[str, object], named: str
) -> None:
    with pytest.raises(ValueError, match="packing") as error:
        PackingSettings.from_mapping(table)
    assert named in str(error.value)


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "station.toml"
    path.write_text("[packing\n")
    with pytest.raises(ValueError, match=r"station\.toml"):
        load_packing(path)
