"""scanpack's performance suite: ``python -m benchmarks [NAME ...] [--json]``.

Each benchmark is one module of this package, registered with
``benchmarks.registry.benchmark``; see ``benchmarks/README.md`` for what each measures
and how its reference is taken.
"""

from benchmarks.registry import (
    Benchmark,
    BenchmarkError,
    Metric,
    Options,
    Target,
    benchmark,
    registered,
)

__all__ = [
    "Benchmark",
    "BenchmarkError",
    "Metric",
    "Options",
    "Target",
    "benchmark",
    "registered",
]
