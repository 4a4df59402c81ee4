"""``python -m benchmarks supervisor --json --quick``: the shape of what it reports.

Only the shape and the correctness check are asserted: speeds vary by machine, and a
missed target is a measurement, not a failure.
"""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from tests.integration.benchrun import check_lines, json_metrics, run_quick

QUERIES = {"filter_p95", "sort_p95", "sort_computed_p95", "last_page_p95"}
SCREEN_TARGETS = {
    "screen_open_ms": "value <= 300",
    "screen_filter_p95_ms": "value <= 50",
    "screen_sort_p95_ms": "value <= 50",
    "screen_scroll_end_ms": "value <= 50",
    "screen_live_update_ms": "value <= 300",
    "screen_peak_rss_mb": "value <= 250",
}
METRICS = QUERIES | {"open", "queries_correct"} | set(SCREEN_TARGETS)


@pytest.fixture(scope="module")
def supervisor_run() -> subprocess.CompletedProcess[str]:
    # --quick: a station of 5,000 orders; --repeat 2 (benchrun.run_quick).
    return run_quick("supervisor")


@pytest.fixture(scope="module")
def metrics(supervisor_run: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    return json_metrics(supervisor_run)


def test_every_metric_is_reported(metrics: dict[str, dict[str, Any]]) -> None:
    assert set(metrics) == METRICS


def test_every_line_has_the_documented_keys_and_types(
    metrics: dict[str, dict[str, Any]],
) -> None:
    check_lines(metrics, "supervisor")
    for name, line in metrics.items():
        assert line["value"] > 0, name


def test_timings_carry_the_same_run_reference_and_their_targets(
    metrics: dict[str, dict[str, Any]],
) -> None:
    assert metrics["open"]["target"] == "value <= 300"
    for name in QUERIES:
        assert metrics[name]["target"] == "value <= 50", name
    for name in QUERIES | {"open"}:
        line = metrics[name]
        assert line["unit"] == "ms", name
        assert line["check"] is False, name
        assert line["reference"] > 0, name
        assert line["ratio"] == pytest.approx(line["value"] / line["reference"]), name
        assert line["met"] is (line["value"] <= float(line["target"].split()[-1])), name
    details = metrics["open"]["details"]
    assert details["orders"] == 5000
    assert details["page_rows"] == 100
    assert details["derived_first_fill_ms"] > 0
    by_filter = metrics["filter_p95"]["details"]["median_ms_by_filter"]
    assert {"zone", "search_sku", "search_tote", "search_number", "person"} <= set(by_filter)
    by_sort = metrics["sort_p95"]["details"]["median_ms_by_sort"]
    assert {"cutoff", "cutoff desc", "lines", "progress desc"} <= set(by_sort)


def test_the_screen_is_measured_beside_an_empty_window_of_the_same_run(
    metrics: dict[str, dict[str, Any]],
) -> None:
    for name, target in SCREEN_TARGETS.items():
        line = metrics[name]
        assert line["target"] == target, name
        assert line["check"] is False, name
        assert line["unit"] == ("MB" if name == "screen_peak_rss_mb" else "ms"), name
        assert line["reference"] > 0, name
        assert line["ratio"] == pytest.approx(line["value"] / line["reference"]), name
    # The time metrics share one reference (the empty window's start), the RSS its own.
    starts = {metrics[name]["reference"] for name in SCREEN_TARGETS} - {
        metrics["screen_peak_rss_mb"]["reference"]
    }
    assert len(starts) == 1
    opened = metrics["screen_open_ms"]["details"]
    assert opened["orders"] == 5000
    assert len(opened["runs_ms"]) == 2
    assert opened["tiles"]
    assert all(int(t) >= 0 for t in opened["tiles"])
    assert len(opened["empty_window_start_runs_ms"]) == 2
    assert len(opened["empty_window_rss_runs_mb"]) == 2
    by_sort = metrics["screen_sort_p95_ms"]["details"]["median_ms_by_sort"]
    assert {"number", "number desc", "cutoff", "cutoff desc", "lines", "progress desc"} <= set(
        by_sort
    )
    by_filter = metrics["screen_filter_p95_ms"]["details"]["median_ms_by_filter"]
    assert {"status", "zone", "carrier", "person", "search_sku"} <= set(by_filter)
    assert metrics["screen_live_update_ms"]["details"]["orders_changed"] > 0
    # Bounded memory: the model holds the blocks looked at, never the day.
    assert metrics["screen_peak_rss_mb"]["details"]["loaded_rows_at_end"] <= 4000


def test_the_queries_were_checked_and_right(metrics: dict[str, dict[str, Any]]) -> None:
    correct = metrics["queries_correct"]
    assert correct["check"] is True
    assert correct["met"] is True, correct["details"]
    assert correct["details"]["problems"] == []


def test_the_summary_goes_to_stderr(supervisor_run: subprocess.CompletedProcess[str]) -> None:
    assert "targets met:" in supervisor_run.stderr
    assert "targets met:" not in supervisor_run.stdout
