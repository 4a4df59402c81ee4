"""Running ``python -m benchmarks NAME --json --quick`` as a person would, for the tests."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks._cli import SCALE_ENV

ROOT = Path(__file__).resolve().parents[2]


def run_quick(name: str) -> subprocess.CompletedProcess[str]:
    """The benchmark at ``--quick`` size, twice, with warnings as errors (as the suite)."""
    env = {key: value for key, value in os.environ.items() if key != SCALE_ENV}
    return subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-m",
            "benchmarks",
            name,
            "--json",
            "--quick",
            "--repeat",
            "2",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def json_metrics(done: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    """The run's JSON lines by metric name; the run must have succeeded."""
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == len({line["metric"] for line in lines})
    return {line["metric"]: line for line in lines}


KEYS = {
    *("benchmark", "metric", "value", "unit", "reference"),
    *("ratio", "target", "met", "check", "details"),
}


def check_lines(metrics: dict[str, dict[str, Any]], benchmark: str) -> None:
    """Every JSON line has the documented keys, of the documented types."""
    for name, line in metrics.items():
        assert set(line) == KEYS, name
        assert line["benchmark"] == benchmark
        assert isinstance(line["met"], bool), name
        assert isinstance(line["check"], bool), name
        assert isinstance(line["value"], int | float), name
        assert math.isfinite(line["value"]), name
        assert isinstance(line["details"], dict), name
