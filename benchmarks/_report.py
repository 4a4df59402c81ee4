"""Printing results: a table for people, JSON Lines for machines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from benchmarks.registry import Metric

Result = tuple[str, Metric]  # (benchmark name, metric)

COLUMNS = ("benchmark", "metric", "value", "unit", "reference", "ratio", "target", "met")


def met_word(metric: Metric) -> str:
    """``yes``, ``no`` (a missed target) or ``FAILED`` (a failed correctness check)."""
    if metric.met:
        return "yes"
    return "FAILED" if metric.check else "no"


def number(value: float | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):  # counts
        return f"{value:,}"
    size = abs(value)
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if size >= 0.01 or size == 0:
        return f"{value:.3f}"
    return f"{value:.2e}"


def table(results: Sequence[Result]) -> str:
    """The results as an aligned text table, followed by what was missed or failed."""
    rows = [
        (
            bench,
            m.name,
            number(m.value),
            m.unit,
            number(m.reference),
            number(m.ratio),
            str(m.target),
            met_word(m),
        )
        for bench, m in results
    ]
    widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    numeric = {2, 4, 5}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [line(COLUMNS), line(["-" * width for width in widths])]
    out += [line(row) for row in rows]
    out.append("")
    out += summary(results)
    return "\n".join(out)


def summary(results: Sequence[Result]) -> list[str]:
    """One line per missed target and per failed check, then the counts."""
    measures = [(b, m) for b, m in results if not m.check]
    checks = [(b, m) for b, m in results if m.check]
    lines = [
        f"MISSED  {b}.{m.name}: {m.target.on} {number(_side(m))}, target {m.target}"
        for b, m in measures
        if not m.met
    ]
    lines += [
        f"FAILED  {b}.{m.name}: value {number(m.value)}, must be {m.target}"
        + (f" ({m.details['failure']})" if m.details.get("failure") else "")
        for b, m in checks
        if not m.met
    ]
    met = sum(m.met for _, m in measures)
    passed = sum(m.met for _, m in checks)
    lines.append(
        f"targets met: {met} of {len(measures)}; correctness checks passed: "
        f"{passed} of {len(checks)}"
        + ("" if passed == len(checks) else "  *** RUN FAILED: see FAILED above ***")
    )
    return lines


def _side(metric: Metric) -> float | None:
    return metric.value if metric.target.on == "value" else metric.ratio


def as_json(bench: str, metric: Metric) -> dict[str, Any]:
    """One metric as the JSON object ``--json`` prints (benchmarks/README.md)."""
    return {
        "benchmark": bench,
        "metric": metric.name,
        "value": metric.value,
        "unit": metric.unit,
        "reference": metric.reference,
        "ratio": metric.ratio,
        "target": str(metric.target),
        "met": metric.met,
        "check": metric.check,
        "details": dict(metric.details),
    }


def json_line(bench: str, metric: Metric) -> str:
    return json.dumps(as_json(bench, metric), allow_nan=False, separators=(",", ":"))
