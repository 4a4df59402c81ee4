"""``python -m benchmarks scan --json --quick``: the shape of what it reports.

Only the shape and the correctness checks are asserted: speeds vary by machine, and a
missed target is a measurement, not a failure.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.integration.benchrun import check_lines, json_metrics, run_quick

ROOT = Path(__file__).resolve().parents[2]
# -W error: as strict as the suite's own filterwarnings (the camera's child process
# inherits it). --quick: 5,000 orders, one frame per symbology.
COMMAND = ["-W", "error", "-m", "benchmarks", "scan", "--json", "--quick", "--repeat", "2"]
METRICS = {
    "camera_frame",
    "camera_fps",
    "camera_empty_frame",
    "camera_misreads",
    "resolve_p50",
    "resolve_p99",
    "resolve_correct",
    "burst_to_feedback_p50",
    "burst_to_feedback_p99",
    "burst_feedback_correct",
}
WITH_REFERENCE = {
    "camera_frame",
    "camera_empty_frame",
    "resolve_p50",
    "resolve_p99",
    "burst_to_feedback_p50",
    "burst_to_feedback_p99",
}


@pytest.fixture(scope="module")
def scan_run() -> subprocess.CompletedProcess[str]:
    return run_quick("scan")


@pytest.fixture(scope="module")
def metrics(scan_run: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    return json_metrics(scan_run)


def test_every_metric_is_reported(metrics: dict[str, dict[str, Any]]) -> None:
    assert set(metrics) == METRICS


def test_every_line_has_the_documented_keys_and_types(
    metrics: dict[str, dict[str, Any]],
) -> None:
    check_lines(metrics, "scan")
    for name, line in metrics.items():
        assert line["target"].split()[0] in ("value", "ratio"), name


def test_relative_metrics_carry_their_reference_and_ratio(
    metrics: dict[str, dict[str, Any]],
) -> None:
    for name in WITH_REFERENCE:
        line = metrics[name]
        assert line["reference"] > 0, name
        assert line["ratio"] == pytest.approx(line["value"] / line["reference"]), name
    assert metrics["camera_fps"]["value"] == pytest.approx(1000 / metrics["camera_frame"]["value"])


def test_the_targets_are_those_of_the_design(metrics: dict[str, dict[str, Any]]) -> None:
    assert metrics["camera_fps"]["target"] == "value >= 30"
    assert metrics["resolve_p99"]["target"] == "value <= 8"
    assert metrics["resolve_p99"]["unit"] == "ms"
    assert metrics["burst_to_feedback_p99"]["target"] == "value <= 8"
    assert metrics["burst_to_feedback_p99"]["unit"] == "ms"
    assert metrics["burst_to_feedback_p50"]["target"].startswith("value <= 16.6")


def test_every_scan_resolved_to_what_it_is(metrics: dict[str, dict[str, Any]]) -> None:
    correct = metrics["resolve_correct"]
    assert correct["check"] is True
    assert correct["met"] is True, correct["details"]
    assert correct["value"] == correct["reference"] >= 200


def test_every_key_burst_got_the_feedback_of_what_it_is(
    metrics: dict[str, dict[str, Any]],
) -> None:
    correct = metrics["burst_feedback_correct"]
    assert correct["check"] is True
    assert correct["met"] is True, correct["details"]
    assert correct["details"]["wedge_reads_equal"] is True
    assert correct["value"] == correct["reference"] >= 90


def test_the_bursts_go_through_the_real_window_on_the_offscreen_platform(
    metrics: dict[str, dict[str, Any]],
) -> None:
    details = metrics["burst_to_feedback_p99"]["details"]
    assert details["platform"] == "offscreen"
    assert details["key_gap_ms"] == 5
    assert set(details["mix"]) == {"bin", "tote", "ean13", "upca", "gs1-128", "order", "unknown"}
    assert all(count > 0 for count in details["mix"].values())
    assert sum(details["mix"].values()) == details["scans_per_run"]
    assert "Feedback.shown" in details["timed"]


def test_the_camera_is_timed_on_one_core(metrics: dict[str, dict[str, Any]]) -> None:
    details = metrics["camera_frame"]["details"]
    assert "pinned to CPU" in details["timing"] or "CPU time" in details["timing"]
    assert details["frame_size"] == [1280, 720]
    assert set(details["symbologies"]) >= {"ean13", "code128", "gs1-128", "qr", "datamatrix"}


def test_the_summary_goes_to_stderr(scan_run: subprocess.CompletedProcess[str]) -> None:
    assert "targets met:" in scan_run.stderr
    assert "targets met:" not in scan_run.stdout
