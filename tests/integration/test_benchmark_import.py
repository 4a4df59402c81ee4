"""``python -m benchmarks import --json --quick``: the shape of what it reports.

Only the shape and the correctness checks are asserted: speeds vary by machine, and a
missed target is a measurement, not a failure.
"""

from __future__ import annotations

from tests.integration.benchrun import check_lines, json_metrics, run_quick


def test_import_reports_rates_against_raw_executemany_and_counts_every_row() -> None:
    metrics = json_metrics(run_quick("import"))
    check_lines(metrics, "import")
    base = {"products", "orders", "products_rows", "order_lines_rows"}
    # PostgreSQL: the tests' own server (tests/pgserver.py), which the suite needs anyway.
    assert set(metrics) == base | {f"{name}_pg" for name in base}
    for name in ("products", "orders", "products_pg", "orders_pg"):
        line = metrics[name]
        assert line["reference"] > 0
        assert line["target"] == "ratio <= 3"
        assert line["details"]["rows"] == 1000  # 20,000 at --quick (0.05)
        assert line["details"]["rows_per_s"] > 0
    for name in ("products_rows", "order_lines_rows", "products_rows_pg", "order_lines_rows_pg"):
        assert metrics[name]["check"] is True
        assert metrics[name]["met"] is True
