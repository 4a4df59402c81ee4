"""The benchmark registry: one module per benchmark, registered with ``@benchmark``.

A benchmark is a function that takes ``Options`` and yields ``Metric`` values. To add
one, add ``benchmarks/NAME.py``; every module of this package whose name does not
start with ``_`` is imported by ``registered()``, so nothing else needs listing::

    from benchmarks.registry import Metric, Options, Target, benchmark

    @benchmark("label", summary="ZPL and raster labels, 4x6 at 203 dpi", budget_s=120)
    def run(options: Options) -> Iterator[Metric]:
        seconds = ...
        yield Metric("zpl", seconds * 1000, "ms", Target.value_at_most(1.0))

A metric is either a measurement (a missed target is reported, not an error) or a
*check* (``check=True``): a correctness condition of the run itself, such as "no event
was lost". A failed check makes the whole run FAILED.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Side = Literal["value", "ratio"]
Op = Literal["<=", ">=", "=="]


class BenchmarkError(RuntimeError):
    """A benchmark could not measure (a server did not start, a sync went offline...)."""


@dataclass(frozen=True, slots=True)
class Target:
    """What a metric must reach: ``value`` or ``ratio`` compared with ``bound``."""

    on: Side
    op: Op
    bound: float

    @classmethod
    def value_at_most(cls, bound: float) -> Target:
        return cls("value", "<=", bound)

    @classmethod
    def value_at_least(cls, bound: float) -> Target:
        return cls("value", ">=", bound)

    @classmethod
    def ratio_at_most(cls, bound: float) -> Target:
        return cls("ratio", "<=", bound)

    @classmethod
    def equals(cls, bound: float) -> Target:
        return cls("value", "==", bound)

    def met_by(self, value: float, ratio: float | None) -> bool:
        measured = value if self.on == "value" else ratio
        if measured is None or math.isnan(measured):
            return False
        if self.op == "<=":
            return measured <= self.bound
        if self.op == ">=":
            return measured >= self.bound
        return measured == self.bound

    def __str__(self) -> str:
        return f"{self.on} {self.op} {self.bound:g}"


@dataclass(frozen=True, slots=True)
class Metric:
    """One measured number of a benchmark.

    Attributes:
        name: the metric's name within its benchmark (``pull``, ``push_rate``...).
        value: what was measured (the median of the runs where it was repeated).
        unit: the unit of ``value`` and ``reference``.
        target: what ``value`` or ``ratio`` must reach (DESIGN.md "Performance").
        reference: the same work done the simplest possible way in the same run, in
            the same unit; ``None`` for a metric with an absolute target only.
        check: a correctness condition, not a speed: its miss fails the run.
        details: extra numbers for people (each run, the parts of a reference...).
    """

    name: str
    value: float
    unit: str
    target: Target
    reference: float | None = None
    check: bool = False
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """``value / reference``; ``None`` without a (non-zero) reference."""
        if self.reference is None or self.reference == 0:
            return None
        return self.value / self.reference

    @property
    def met(self) -> bool:
        return self.target.met_by(self.value, self.ratio)


def _quiet(_message: str) -> None:
    """The default progress sink: say nothing."""


@dataclass(frozen=True, slots=True)
class Options:
    """How to run: at what size, how many times, where progress goes.

    Attributes:
        scale: multiplies every size (1.0 = the sizes of DESIGN.md; 0.05 for a smoke run).
        repeat: runs per measured thing; the median is reported.
        log: takes one line of progress (the CLI prints it on stderr).
    """

    scale: float = 1.0
    repeat: int = 3
    log: Callable[[str], None] = _quiet

    def scaled(self, size: int) -> int:
        """``size`` times the scale, at least 1."""
        return max(1, round(size * self.scale))


BenchmarkFunc = Callable[[Options], Iterable[Metric]]


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A registered benchmark.

    Attributes:
        name: what to type after ``python -m benchmarks``.
        summary: one line for ``--list``.
        run: the function; it yields metrics as it measures them.
        budget_s: at full size, how long it may take before the CLI aborts it
            (scaled runs get the same ceiling: it only catches hangs).
    """

    name: str
    summary: str
    run: BenchmarkFunc
    budget_s: float


_REGISTRY: dict[str, Benchmark] = {}


def benchmark(
    name: str, *, summary: str, budget_s: float = 600.0
) -> Callable[[BenchmarkFunc], BenchmarkFunc]:
    """Register the decorated function as the benchmark ``name``.

    Raises:
        ValueError: another benchmark has this name.
    """

    def register(func: BenchmarkFunc) -> BenchmarkFunc:
        if name in _REGISTRY and _REGISTRY[name].run is not func:
            raise ValueError(f"two benchmarks are named {name!r}")
        _REGISTRY[name] = Benchmark(name, summary, func, budget_s)
        return func

    return register


def registered() -> dict[str, Benchmark]:
    """Every benchmark of this package, by name (importing each benchmark module)."""
    package = importlib.import_module("benchmarks")
    for module in pkgutil.iter_modules(package.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"benchmarks.{module.name}")
    return dict(sorted(_REGISTRY.items()))


def median(samples: Iterable[float]) -> float:
    """The median of ``samples`` (at least one)."""
    values = list(samples)
    if not values:
        raise ValueError("no samples")
    return statistics.median(values)


def rounded(samples: Iterable[float], digits: int = 4) -> list[float]:
    """``samples`` rounded for ``details`` (which people read, not code)."""
    return [round(value, digits) for value in samples]
