"""Print settings as a TOML table: round trip, routes, and refusals with a reason."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from app.printing.errors import PrintError, PrintErrorCode
from app.printing.render import LabelFormat
from app.printing.settings import (
    PrinterKind,
    PrinterSpec,
    PrintSettings,
    load_printing,
)

TABLE: dict[str, Any] = {
    "company_prefix": "4012345",
    "routes": {"shipping": "zebra", "packing-slip": "office", "*": "zebra"},
    "printers": [
        {"name": "zebra", "kind": "tcp", "address": "10.0.4.21:9100", "dpi": 300},
        {
            "name": "office",
            "kind": "cups",
            "address": "Office",
            "format": "pdf",
            "paper": "letter",
            "options": ["sides=one-sided"],
        },
    ],
}


def test_a_printing_table_round_trips_through_toml() -> None:
    settings = PrintSettings.from_mapping(TABLE)
    zebra, office = settings.printers
    assert (zebra.kind, zebra.format, zebra.dpi) == (PrinterKind.TCP, LabelFormat.ZPL, 300)
    assert (office.format, office.paper_variant, office.options) == (
        LabelFormat.PDF,
        "letter",
        ("sides=one-sided",),
    )
    again = PrintSettings.from_mapping(tomllib.loads(tomli_w.dumps(settings.to_mapping())))
    assert again == settings


def test_routes_pick_the_printer() -> None:
    settings = PrintSettings.from_mapping(TABLE)
    assert settings.printer_for("packing-slip").name == "office"
    assert settings.printer_for("tote").name == "zebra"  # "*"
    with pytest.raises(PrintError) as caught:
        PrintSettings().printer_for("shipping")
    assert caught.value.code is PrintErrorCode.NO_PRINTER
    assert "Settings > Printers" in str(caught.value)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"routes": {"shipping": "nowhere"}}, "unknown printer"),
        ({"company_prefix": "123"}, "7-10 digits"),
        ({"printers": [{"name": "a", "kind": "tcp", "address": "h:0"}]}, "host:port"),
        ({"printers": [{"name": "a", "kind": "tcp", "address": "h", "dpi": 20}]}, "dpi"),
        ({"printers": [{"name": "a", "kind": "fax", "address": "h"}]}, "fax"),
        ({"printers": [{"name": "a", "kind": "tcp"}]}, "address"),
        ({"printers": [{"name": "a", "kind": "tcp", "address": "h", "speed": 3}]}, "speed"),
        ({"printers": [{"name": "a", "kind": "tcp", "address": "h"}] * 2}, "same name"),
    ],
)
def test_broken_settings_are_refused(change: dict[str, Any], reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        PrintSettings.from_mapping(TABLE | change)


def test_a_printer_spec_validates() -> None:
    assert PrinterSpec("z", PrinterKind.TCP, "host:9100").validate() == []
    assert PrinterSpec("", PrinterKind.FILE, "").validate() == [
        "a printer needs a name",
        "an address is needed",
    ]


def test_the_station_file_printing_table_is_loaded_and_kept_on_save(tmp_path: Path) -> None:
    from app import config

    path = tmp_path / "station.toml"
    # No file, or no printers: one folder printer for every label, in the profile.
    empty = load_printing(path, tmp_path / "profile")
    [folder] = empty.printers
    assert folder.kind is PrinterKind.FILE
    assert folder.address == str(tmp_path / "profile" / "labels")
    assert empty.printer_for("shipping") == folder

    path.write_text(
        'station = "pack-03"\n\n[printing]\nroutes = { "*" = "zebra" }\n\n'
        '[[printing.printers]]\nname = "zebra"\nkind = "tcp"\naddress = "10.0.4.21:9100"\n'
    )
    loaded = load_printing(path, tmp_path / "profile")
    assert [p.name for p in loaded.printers] == ["zebra"]
    settings = config.load(path)
    settings.idle_logout_s = 300
    config.save(settings, path)  # the settings screen's save keeps [printing]
    assert load_printing(path, tmp_path) == loaded
    assert config.load(path).idle_logout_s == 300

    path.write_text('[printing]\nroutes = { "*" = "nowhere" }\n')
    with pytest.raises(ValueError, match="nowhere"):
        load_printing(path, tmp_path)
