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
VERIFY = {"verify_scan_p50", "verify_scan_p99"}
METRICS = LATENCIES | VERIFY | {"carton_suggestion_valid", "verify_feedback_correct"}


@pytest.fixture(scope="module")
def pack_run() -> subprocess.CompletedProcess[str]:
    # --quick: 10 orders of 150 units per run; 60 verify scans per run on a station of
    # 5,000 orders; --repeat 2 (benchrun.run_quick).
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


def test_verify_scans_carry_the_home_screen_reference_and_their_targets(
    metrics: dict[str, dict[str, Any]],
) -> None:
    p50, p99 = metrics["verify_scan_p50"], metrics["verify_scan_p99"]
    assert p50["target"] == "value <= 16.6667"
    assert p99["target"] == "value <= 8"
    for line in (p50, p99):
        assert line["unit"] == "ms"
        assert line["reference"] > 0
        assert line["met"] is (line["value"] <= float(line["target"].split()[-1]))
    details = p99["details"]
    assert all(n >= 60 for n in details["counted_scans_per_run"])
    assert all(n >= 1 for n in details["wrong_scans_per_run"])
    assert details["pack_service_act_ms_first_run"]["p50"] > 0
    assert details["bare_commit_ms_first_run"]["p50"] > 0
    assert details["platform"] == "offscreen"


def test_every_verify_scan_was_answered_and_counted_right(
    metrics: dict[str, dict[str, Any]],
) -> None:
    correct = metrics["verify_feedback_correct"]
    assert correct["check"] is True
    assert correct["met"] is True, correct["details"]
    details = correct["details"]
    assert details["problems"] == []
    assert details["counted_scans_all"] == details["line_packed_events"] > 0
    assert details["orders_packed"] > 0
