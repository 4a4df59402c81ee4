"""The benchmark runner itself: registry, targets, table, JSON and exit status.

The real benchmarks run in tests/integration/test_benchmarks.py; here the runner gets
small fake benchmarks instead.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks import _cli, registry
from benchmarks.registry import Metric, Options, Target

ROOT = Path(__file__).resolve().parents[2]


def _fast(options: Options) -> Iterator[Metric]:
    yield Metric("speed", 1.5, "s", Target.ratio_at_most(2.0), reference=1.0)
    yield Metric("rate", 4_000.0, "events/s", Target.value_at_least(5_000.0))


def _lossy(options: Options) -> Iterator[Metric]:
    yield Metric(
        "exactly_once",
        9,
        "events",
        Target.equals(10),
        reference=10,
        check=True,
        details={"failure": "1 event missing at the store"},
    )


def _broken(options: Options) -> Iterator[Metric]:
    raise RuntimeError("the server did not start")
    yield  # pragma: no cover - makes this a generator


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only fake benchmarks are registered (the real modules are imported already)."""
    registry.registered()
    monkeypatch.setattr(registry, "_REGISTRY", {})
    registry.benchmark("fast", summary="a fast fake")(_fast)
    registry.benchmark("lossy", summary="loses an event")(_lossy)
    registry.benchmark("broken", summary="cannot run")(_broken)


def test_target_compares_value_or_ratio() -> None:
    assert Target.ratio_at_most(2.0).met_by(value=30.0, ratio=2.0)
    assert not Target.ratio_at_most(2.0).met_by(value=1.0, ratio=2.01)
    assert not Target.ratio_at_most(2.0).met_by(value=1.0, ratio=None)
    assert Target.value_at_least(5000).met_by(value=5000.0, ratio=None)
    assert not Target.equals(10).met_by(value=9, ratio=0.9)
    assert str(Target.ratio_at_most(2.0)) == "ratio <= 2"
    assert str(Target.value_at_least(5000)) == "value >= 5000"


def test_metric_ratio_is_value_over_reference() -> None:
    metric = Metric("pull", 3.0, "s", Target.ratio_at_most(2.0), reference=1.2)
    assert metric.ratio == pytest.approx(2.5)
    assert not metric.met
    assert Metric("rate", 1.0, "events/s", Target.value_at_least(1.0)).ratio is None
    assert Metric("x", 1.0, "s", Target.value_at_most(1.0), reference=0.0).ratio is None


def test_options_scale_sizes_but_never_to_zero() -> None:
    assert Options(scale=0.05).scaled(10_000) == 500
    assert Options(scale=0.00001).scaled(10_000) == 1


def test_a_duplicate_name_is_refused(fakes: None) -> None:
    with pytest.raises(ValueError, match="two benchmarks are named 'fast'"):
        registry.benchmark("fast", summary="again")(_lossy)


def test_registered_finds_the_sync_benchmark() -> None:
    assert "sync" in registry.registered()


def test_json_lines_carry_every_key(fakes: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli.main(["fast", "--json"]) == 0  # a missed target is not an error
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["metric"] for line in lines] == ["speed", "rate"]
    speed, rate = lines
    assert set(speed) >= {
        "benchmark",
        "metric",
        "value",
        "unit",
        "reference",
        "ratio",
        "target",
        "met",
    }
    assert speed == speed | {"benchmark": "fast", "ratio": 1.5, "target": "ratio <= 2", "met": True}
    assert rate == rate | {"reference": None, "ratio": None, "met": False}


def test_table_shows_misses(fakes: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli.main(["fast"]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0].split()
    assert header == ["benchmark", "metric", "value", "unit", "reference", "ratio", "target", "met"]
    assert "MISSED  fast.rate: value 4,000, target value >= 5000" in out
    assert "targets met: 1 of 2" in out


def test_a_failed_check_fails_the_run_loudly(
    fakes: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli.main(["lossy"]) == 1
    captured = capsys.readouterr()
    assert "FAILED  lossy.exactly_once: value 9, must be value == 10" in captured.out
    assert "1 event missing at the store" in captured.out
    assert "RUN FAILED" in captured.out
    assert "FAILED: exactly_once" in captured.err


def test_a_benchmark_that_cannot_run_exits_1_and_the_others_still_run(
    fakes: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli.main(["broken", "fast", "--json"]) == 1
    captured = capsys.readouterr()
    assert "the server did not start" in captured.err
    assert len(captured.out.splitlines()) == 2


def test_unknown_name_exits_2_in_process(fakes: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _cli.main(["fast", "nope"])
    assert exit_info.value.code == 2
    assert "unknown benchmark 'nope' (known: broken, fast, lossy)" in capsys.readouterr().err


def test_scale_from_the_environment_must_be_a_positive_number(
    fakes: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(_cli.SCALE_ENV, "zero")
    with pytest.raises(SystemExit) as exit_info:
        _cli.main(["fast"])
    assert exit_info.value.code == 2
    assert "SCANPACK_BENCH_SCALE" in capsys.readouterr().err


def test_unknown_name_exits_2_from_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "no-such-benchmark"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "unknown benchmark 'no-such-benchmark'" in done.stderr
    assert "known: " in done.stderr
    assert "sync" in done.stderr
    assert done.stdout == ""


def test_list_names_every_benchmark() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "sync" in done.stdout.split()
    assert "scan" in done.stdout.split()
    assert "pack" in done.stdout.split()
