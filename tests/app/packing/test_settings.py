"""The pack station's settings: the scale and SSCC numbering, in the one registry."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from app.config import Problem, ProblemCode, Settings, load, save
from app.domain.sscc import SsccError, SsccErrorCode, SsccRange

PACK_FIELDS = (
    "scale_port",
    "scale_baud",
    "scale_tolerance_g",
    "scale_stable_ms",
    "gs1_company_prefix",
    "sscc_extension",
    "sscc_station",
)

FULL_WIDTH = "\uff14\uff10\uff11\uff12\uff13\uff14\uff15"  # 4012345 in full-width digits


def test_defaults_are_valid_and_issue_no_sscc() -> None:
    settings = Settings()
    assert settings.validate() == []
    assert (settings.scale_port, settings.scale_baud) == ("", 9600)
    assert (settings.scale_tolerance_g, settings.scale_stable_ms) == (2, 600)
    assert (settings.gs1_company_prefix, settings.sscc_extension, settings.sscc_station) == (
        "",
        0,
        0,
    )
    # Until the admin sets the prefix and the station's number, nothing can be issued.
    with pytest.raises(SsccError) as raised:
        SsccRange(settings.gs1_company_prefix, settings.sscc_extension, settings.sscc_station)
    assert raised.value.code is SsccErrorCode.PREFIX


def test_every_pack_field_has_a_title_for_the_settings_screen() -> None:
    titles = Settings.titles()
    assert all(titles[name] for name in PACK_FIELDS)
    numbers = [f for f in dataclasses.fields(Settings) if f.name in PACK_FIELDS]
    for field in numbers:
        if field.type == "int":
            assert field.metadata["low"] <= field.default <= field.metadata["high"]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {"gs1_company_prefix": "123456"},
            Problem(ProblemCode.COMPANY_PREFIX, "gs1_company_prefix"),
        ),
        (
            {"gs1_company_prefix": "12345678901"},
            Problem(ProblemCode.COMPANY_PREFIX, "gs1_company_prefix"),
        ),
        (
            {"gs1_company_prefix": "40123A5"},
            Problem(ProblemCode.COMPANY_PREFIX, "gs1_company_prefix"),
        ),
        (
            {"gs1_company_prefix": FULL_WIDTH},
            Problem(ProblemCode.COMPANY_PREFIX, "gs1_company_prefix"),
        ),
        (
            {"sscc_extension": 10},
            Problem(ProblemCode.OUT_OF_RANGE, "sscc_extension", {"low": 0, "high": 9}),
        ),
        (
            {"sscc_station": 1000},
            Problem(ProblemCode.OUT_OF_RANGE, "sscc_station", {"low": 0, "high": 999}),
        ),
        (
            {"scale_baud": 300},
            Problem(ProblemCode.OUT_OF_RANGE, "scale_baud", {"low": 1200, "high": 921_600}),
        ),
        (
            {"scale_tolerance_g": -1},
            Problem(ProblemCode.OUT_OF_RANGE, "scale_tolerance_g", {"low": 0, "high": 1000}),
        ),
        (
            {"scale_stable_ms": 50},
            Problem(ProblemCode.OUT_OF_RANGE, "scale_stable_ms", {"low": 100, "high": 10_000}),
        ),
    ],
)
def test_pack_settings_are_validated(changes: dict[str, object], problem: Problem) -> None:
    assert dataclasses.replace(Settings(), **changes).validate() == [problem]


def test_valid_pack_settings_make_a_range_and_survive_a_save(tmp_path: Path) -> None:
    settings = Settings(
        scale_port="/dev/ttyUSB1",
        scale_baud=19_200,
        gs1_company_prefix="4012345678",
        sscc_extension=3,
        sscc_station=12,
    )
    assert settings.validate() == []
    numbering = SsccRange(
        settings.gs1_company_prefix, settings.sscc_extension, settings.sscc_station
    )
    assert numbering.sscc(1)[:15] == "3" + "4012345678" + "012" + "0"
    path = save(settings, tmp_path / "station.toml")
    assert load(path) == settings
