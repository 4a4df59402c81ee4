"""``python -m benchmarks sync --json`` at smoke size against a real store on 127.0.0.1.

Only the shape and the correctness checks are asserted: speeds vary by machine, and a
missed target is a measurement, not a failure.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.integration.benchrun import json_metrics, run_quick

ROOT = Path(__file__).resolve().parents[2]
# -W error: as strict as the suite's own filterwarnings. --quick: 500 orders, 500 events.
COMMAND = ["-W", "error", "-m", "benchmarks", "sync", "--json", "--quick", "--repeat", "2"]
KEYS = {"benchmark", "metric", "value", "unit", "reference", "ratio", "target", "met"}


@pytest.fixture(scope="module")
def sync_run() -> subprocess.CompletedProcess[str]:
    return run_quick("sync")


@pytest.fixture(scope="module")
def metrics(sync_run: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    return json_metrics(sync_run)


def test_every_metric_is_reported(metrics: dict[str, dict[str, Any]]) -> None:
    assert set(metrics) == {
        "pull",
        "pull_rows",
        "push",
        "push_rate",
        "push_exactly_once",
        "push_picked_units",
    }


def test_every_line_has_the_documented_keys(metrics: dict[str, dict[str, Any]]) -> None:
    for line in metrics.values():
        assert set(line) >= KEYS
        assert line["benchmark"] == "sync"
        assert isinstance(line["met"], bool)
        assert isinstance(line["value"], int | float)
        assert line["value"] > 0
        assert isinstance(line["target"], str)
        assert isinstance(line["unit"], str)
        assert line["target"]
        assert line["unit"]


def test_ratio_is_value_over_reference(metrics: dict[str, dict[str, Any]]) -> None:
    for line in metrics.values():
        if line["reference"] is None:
            assert line["ratio"] is None
        else:
            assert line["ratio"] == pytest.approx(line["value"] / line["reference"], rel=1e-6)
    assert metrics["pull"]["reference"] > 0
    assert metrics["push"]["reference"] > 0


def test_targets_are_those_of_the_design(metrics: dict[str, dict[str, Any]]) -> None:
    assert metrics["pull"]["target"] == "ratio <= 2"
    assert metrics["push_rate"]["target"] == "value >= 5000"
    assert metrics["push_rate"]["unit"] == "events/s"
    pull = metrics["pull"]
    assert pull["met"] is (pull["ratio"] <= 2.0)


def test_no_event_lost_or_doubled(metrics: dict[str, dict[str, Any]]) -> None:
    once = metrics["push_exactly_once"]
    # 500 events per run, two runs.
    assert once["reference"] == 1000
    assert once["value"] == once["reference"]
    assert once["met"] is True
    assert metrics["push_picked_units"]["met"] is True
    assert metrics["pull_rows"]["met"] is True


def test_progress_and_summary_go_to_stderr(sync_run: subprocess.CompletedProcess[str]) -> None:
    assert "exactly-once check: 1,000 of 1,000 events applied once" in sync_run.stderr
    assert "correctness checks passed: 3 of 3" in sync_run.stderr
