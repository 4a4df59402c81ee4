"""``python -m benchmarks pack --json --quick``: the shape of what it reports.

Only the shape and the correctness check are asserted: speeds vary by machine, and a
missed target is a measurement, not a failure.
"""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from tests.integration.benchrun import check_lines, json_metrics, run_quick

LATENCIES = {"carton_suggestion_p50", "carton_suggestion_p95"}
METRICS = LATENCIES | {"carton_suggestion_valid"}


@pytest.fixture(scope="module")
def pack_run() -> subprocess.CompletedProcess[str]:
    # --quick: 10 orders of 150 units per run; --repeat 2 (benchrun.run_quick).
    return run_quick("pack")


@pytest.fixture(scope="module")
def metrics(pack_run: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    return json_metrics(pack_run)


def test_every_metric_is_reported(metrics: dict[str, dict[str, Any]]) -> None:
    assert set(metrics) == METRICS


def test_every_line_has_the_documented_keys_and_types(
    metrics: dict[str, dict[str, Any]],
) -> None:
    check_lines(metrics, "pack")
    for name, line in metrics.items():
        assert line["value"] > 0, name


def test_latencies_carry_their_reference_and_the_20_ms_target(
    metrics: dict[str, dict[str, Any]],
) -> None:
    for name in LATENCIES:
        line = metrics[name]
        assert line["unit"] == "ms", name
        assert line["check"] is False, name
        assert line["target"] == "value <= 20", name
        assert line["met"] is (line["value"] <= 20.0), name
        assert line["reference"] > 0, name
        assert line["ratio"] == pytest.approx(line["value"] / line["reference"]), name
    assert metrics["carton_suggestion_p50"]["value"] <= metrics["carton_suggestion_p95"]["value"]


def test_the_orders_are_150_units_against_12_cartons_in_several_packages(
    metrics: dict[str, dict[str, Any]],
) -> None:
    details = metrics["carton_suggestion_p95"]["details"]
    assert details["orders_per_run"] == 10
    assert details["units_per_order"] == 150
    assert details["carton_types"] == 12
    assert details["packages_per_order"]["min"] >= 2  # the multi-package path is timed
    assert 0 < details["cpu_p50_ms"] <= details["cpu_p95_ms"]
    assert details["demo_catalogue"]["packages_median"] > 1


def test_every_suggestion_was_checked_and_sound(metrics: dict[str, dict[str, Any]]) -> None:
    valid = metrics["carton_suggestion_valid"]
    assert valid["check"] is True
    assert valid["met"] is True, valid["details"]
    assert valid["value"] == valid["reference"] == 10
    assert valid["details"]["wrong"] == []


def test_the_summary_goes_to_stderr(pack_run: subprocess.CompletedProcess[str]) -> None:
    assert "targets met:" in pack_run.stderr
    assert "targets met:" not in pack_run.stdout
