"""``python -m benchmarks pick --json --quick``: the shape of what it reports.

Only the shape and the correctness check are asserted: speeds vary by machine, and a
missed target is a measurement, not a failure.
"""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from tests.integration.benchrun import check_lines, json_metrics, run_quick

LATENCIES = {
    "pick_scan_p50",
    "pick_scan_p99",
    "counted_scan_p50",
    "counted_scan_p99",
    "bin_scan_p50",
    "bin_scan_p99",
}
METRICS = LATENCIES | {"pick_feedback_correct"}


@pytest.fixture(scope="module")
def pick_run() -> subprocess.CompletedProcess[str]:
    # --quick: 5,000 orders, 120 scans per run; --repeat 2 (benchrun.run_quick).
    return run_quick("pick")


@pytest.fixture(scope="module")
def metrics(pick_run: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    return json_metrics(pick_run)


def test_every_metric_is_reported(metrics: dict[str, dict[str, Any]]) -> None:
    assert set(metrics) == METRICS


def test_every_line_has_the_documented_keys_and_types(
    metrics: dict[str, dict[str, Any]],
) -> None:
    check_lines(metrics, "pick")
    for name, line in metrics.items():
        assert line["value"] > 0, name


def test_latencies_carry_their_reference_and_ratio(metrics: dict[str, dict[str, Any]]) -> None:
    for name in LATENCIES:
        line = metrics[name]
        assert line["unit"] == "ms", name
        assert line["check"] is False, name
        assert line["reference"] > 0, name
        assert line["ratio"] == pytest.approx(line["value"] / line["reference"]), name
        if name.endswith("_p99"):
            assert line["met"] is (line["value"] <= 8.0), name
    for group in ("pick_scan", "counted_scan", "bin_scan"):
        assert metrics[f"{group}_p50"]["value"] <= metrics[f"{group}_p99"]["value"]


def test_the_targets_are_one_frame_at_p50_and_8_ms_at_p99(
    metrics: dict[str, dict[str, Any]],
) -> None:
    for group in ("pick_scan", "counted_scan", "bin_scan"):
        assert metrics[f"{group}_p99"]["target"] == "value <= 8"
        assert metrics[f"{group}_p50"]["target"].startswith("value <= 16.6")


def test_every_scan_got_the_right_answer_and_every_count_is_on_disk(
    metrics: dict[str, dict[str, Any]],
) -> None:
    correct = metrics["pick_feedback_correct"]
    details = correct["details"]
    assert correct["check"] is True
    assert correct["met"] is True, details
    assert correct["value"] == correct["reference"] >= 2 * 120
    assert details["wrong"] == []
    assert details["db_mismatch"] == []
    assert details["counted_scans_all"] == details["line_picked_events"]
    assert details["counted_scans_all"] == details["db_picked_units"] > 0
    assert details["wrong_scans_injected"] > 0


def test_the_scans_go_through_the_pick_screen_on_the_offscreen_platform(
    metrics: dict[str, dict[str, Any]],
) -> None:
    details = metrics["pick_scan_p99"]["details"]
    assert details["platform"] == "offscreen"
    assert "Feedback.shown" in details["timed"]
    assert "durable commit" in details["timed"]
    # Batch and single orders both ran: every kind of scan, wrong ones included.
    assert {"bin", "item", "item_to_tote", "tote"} <= set(details["by_kind_ms"])
    assert any(kind.startswith("wrong_") for kind in details["by_kind_ms"])
    counted = metrics["counted_scan_p99"]["details"]
    assert set(counted["by_kind_ms"]) == {"item", "tote"}
    # Counted scans commit; bin scans do not.
    assert counted["breakdown_ms_first_run"]["commit"]["p50"] > 0
    assert metrics["bin_scan_p99"]["details"]["breakdown_ms_first_run"]["commit"]["p99"] == 0
    parts = counted["reference_parts_ms"]
    assert parts["bare_commit_p50"] > 0
    assert parts["home_screen_submit_p50"] > 0


def test_the_summary_goes_to_stderr(pick_run: subprocess.CompletedProcess[str]) -> None:
    assert "targets met:" in pick_run.stderr
    assert "targets met:" not in pick_run.stdout
