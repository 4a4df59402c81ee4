"""``python -m benchmarks labels --json --quick``: every metric reported, checks held.

Speeds vary by machine and a missed target is a measurement, not a failure; the
correctness checks (labels read back, CUPS delivered every byte once) must hold. The
CUPS part needs root and the Debian packages (tests/cups.py): without them the run
fails, and so does this test, with the reason on stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks._cli import SCALE_ENV

ROOT = Path(__file__).resolve().parents[2]
COMMAND = ["-W", "error", "-m", "benchmarks", "labels", "--json", "--quick", "--repeat", "2"]


@pytest.fixture(scope="module")
def metrics() -> dict[str, dict[str, Any]]:
    env = {key: value for key, value in os.environ.items() if key != SCALE_ENV}
    done = subprocess.run(
        [sys.executable, *COMMAND],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return {line["metric"]: line for line in map(json.loads, done.stdout.splitlines())}


def test_every_metric_is_reported_against_the_python_barcode_reference(
    metrics: dict[str, dict[str, Any]],
) -> None:
    assert set(metrics) == {
        "zpl_render",
        "raster_203",
        "labels_read_back",
        "cups_submit",
        "cups_bytes_exact",
    }
    references = {metrics[m]["reference"] for m in ("zpl_render", "raster_203", "cups_submit")}
    assert len(references) == 1
    assert references.pop() > 0
    assert metrics["zpl_render"]["target"] == "value <= 1"
    assert metrics["raster_203"]["target"] == "value <= 15"
    assert metrics["cups_submit"]["details"]["raw_tcp_ms"] > 0


def test_the_correctness_checks_hold(metrics: dict[str, dict[str, Any]]) -> None:
    for name in ("labels_read_back", "cups_bytes_exact"):
        assert metrics[name]["check"], metrics[name]
        assert metrics[name]["met"], metrics[name]
