"""``python -m benchmarks [NAME ...] [--json]``: run benchmarks, print what they measured.

Exit status: 0 when every benchmark ran and every correctness check held, even if a
speed target was missed (a benchmark measures; it is not a test). 1 when a check
FAILED (an event lost or doubled, rows missing...) or a benchmark could not run.
2 for a wrong command line, such as an unknown benchmark name.
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import sys
import threading
import time
import traceback
from collections.abc import Iterator, Sequence

from benchmarks import _report
from benchmarks.registry import Benchmark, Metric, Options, registered

SCALE_ENV = "SCANPACK_BENCH_SCALE"
QUICK_SCALE = 0.05


def _parser(known: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Run scanpack's performance benchmarks (all, or the ones named) and "
        "print each metric against its target from DESIGN.md.",
        epilog=f"benchmarks: {', '.join(known)}. Progress goes to stderr. "
        "Exit 0 even when a target is missed; 1 when a correctness check FAILED or a "
        "benchmark could not run; 2 for a bad command line.",
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per metric per line (JSON Lines) instead of the table",
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--scale",
        type=_positive_float,
        default=None,
        help=f"multiply every size by this (default: ${SCALE_ENV} or 1.0)",
    )
    size.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke run at scale {QUICK_SCALE} (10,000 orders become 500)",
    )
    parser.add_argument(
        "--repeat",
        type=_positive_int,
        default=3,
        help="runs per measured thing; the median is reported (default: 3)",
    )
    parser.add_argument(
        "--timeout",
        type=_positive_float,
        default=None,
        help="abort a benchmark that runs longer than this many seconds "
        "(default: the benchmark's own budget)",
    )
    return parser


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be above 0: {text!r}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    benchmarks = registered()
    parser = _parser(list(benchmarks))
    args = parser.parse_args(argv)
    if args.list:
        for bench in benchmarks.values():
            print(f"{bench.name:12}  {bench.summary}")
        return 0
    unknown = [name for name in args.names if name not in benchmarks]
    if unknown:
        parser.error(
            f"unknown benchmark {', '.join(map(repr, unknown))} "
            f"(known: {', '.join(benchmarks) or 'none'})"
        )
    scale = 1.0
    if args.quick:
        scale = QUICK_SCALE
    elif args.scale is not None:
        scale = args.scale
    elif os.environ.get(SCALE_ENV):
        try:
            scale = _positive_float(os.environ[SCALE_ENV])
        except argparse.ArgumentTypeError as error:
            parser.error(f"${SCALE_ENV}: {error}")
    chosen = [benchmarks[name] for name in dict.fromkeys(args.names or benchmarks)]

    results: list[_report.Result] = []
    errors = 0
    for bench in chosen:
        options = Options(scale=scale, repeat=args.repeat, log=_Progress(bench.name))
        try:
            for metric in _run(bench, options, args.timeout or bench.budget_s):
                results.append((bench.name, metric))
                if args.json:
                    print(_report.json_line(bench.name, metric), flush=True)
        except Exception:
            errors += 1
            print(f"ERROR   {bench.name} could not run:", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
    if args.json:
        for text in _report.summary(results):
            print(text, file=sys.stderr)
    else:
        print(_report.table(results))
    if errors:
        print(f"ERROR   {errors} benchmark(s) could not run (see above)", file=sys.stderr)
    failed = any(metric.check and not metric.met for _, metric in results)
    return 1 if failed or errors else 0


def _run(bench: Benchmark, options: Options, timeout_s: float) -> Iterator[Metric]:
    """Run one benchmark, logging each metric; dump every stack and exit 1 if it hangs."""
    # A timer thread rather than faulthandler.dump_traceback_later: that one is
    # process-wide, and pytest's faulthandler_timeout uses it too.
    watchdog = threading.Timer(timeout_s, _give_up, args=(bench.name, timeout_s))
    watchdog.daemon = True
    watchdog.start()
    try:
        for metric in bench.run(options):
            if metric.check and not metric.met:
                options.log(
                    f"FAILED: {metric.name} = {_report.number(metric.value)}, "
                    f"must be {metric.target}"
                )
            else:
                options.log(
                    f"{metric.name} = {_report.number(metric.value)} {metric.unit} "
                    f"(ratio {_report.number(metric.ratio)}, target {metric.target}: "
                    f"{_report.met_word(metric)})"
                )
            yield metric
    finally:
        watchdog.cancel()


def _give_up(name: str, timeout_s: float) -> None:
    print(
        f"ERROR   {name} ran longer than {timeout_s:g} s; every thread's stack:",
        file=sys.stderr,
        flush=True,
    )
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    os._exit(1)  # threads may be stuck in a socket or SQLite: no clean exit is possible


class _Progress:
    """Progress lines on stderr, stamped with the seconds since the benchmark began."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._start = time.perf_counter()

    def __call__(self, message: str) -> None:
        elapsed = time.perf_counter() - self._start
        print(f"[{self._name} {elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)
