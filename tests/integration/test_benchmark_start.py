"""``python -m benchmarks start --json --quick``: the shape of what it reports.

Only the shape is asserted: start times vary by machine, and a missed target is a
measurement, not a failure. Needs Xvfb (``make system-deps``), as the benchmark does.
"""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from tests.integration.benchrun import check_lines, json_metrics, run_quick

METRICS = {"first_frame", "first_frame_100k", "first_frame_after_kill"}


@pytest.fixture(scope="module")
def start_run() -> subprocess.CompletedProcess[str]:
    # --quick: 5,000 orders in the big station; --repeat 2: two rounds after the warm-up.
    return run_quick("start")


@pytest.fixture(scope="module")
def metrics(start_run: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    return json_metrics(start_run)


def test_every_metric_is_reported_with_the_documented_keys(
    metrics: dict[str, dict[str, Any]],
) -> None:
    assert set(metrics) == METRICS
    check_lines(metrics, "start")


def test_each_start_is_a_ratio_to_the_empty_window_of_the_same_run(
    metrics: dict[str, dict[str, Any]],
) -> None:
    empty = {tuple(line["details"]["empty_window_runs_s"]) for line in metrics.values()}
    assert len(empty) == 1  # one reference, measured once per round, shared
    for name, line in metrics.items():
        assert line["unit"] == "s", name
        assert line["check"] is False, name
        assert line["target"] == "ratio <= 2", name
        assert line["reference"] > 0, name
        assert line["value"] > 0, name
        assert line["ratio"] == pytest.approx(line["value"] / line["reference"]), name
        assert line["met"] is (line["ratio"] <= 2.0), name
        runs = line["details"]["runs_s"]
        assert len(runs) == 2, name
        assert line["details"]["spread_s"] == [min(runs), max(runs)], name
    assert metrics["first_frame_100k"]["details"]["orders"] == 5_000
