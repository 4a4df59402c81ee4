"""The ``import`` command of ``scanpack-store``: its arguments, its progress bar and
its words for what is wrong with a row (codes come from ``app.orderstore.masterrows``).

scanpack-store [--db URL] import KIND FILE [--map "Column=field,..."] [--dry-run]
               [--skip-bad] [--create-products] [--date-format FMT] [--progress]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine

from app.orderstore.importing import ImportKind, Options, Report, run_import
from app.orderstore.masterrows import Problem
from app.orderstore.orderfile import LineError
from app.orderstore.tablefile import FileProblem, parse_map

MAX_SHOWN = 50  # errors printed; the rest are counted

# What to fix, by code; ``{field}`` and the code's arguments fill them in.
WORDS = {
    Problem.MISSING: "{field} is empty; give a value",
    Problem.TOO_LONG: "{field} is longer than {max} characters; shorten it",
    Problem.NOT_PRINTABLE: "{field} holds a control or invisible character; remove it",
    Problem.BAD_FORMAT: "{field} {value!r} is not of the right form",
    Problem.NOT_A_NUMBER: "{field} {value!r} is not a whole number",
    Problem.OUT_OF_RANGE: "{field} {value} is outside {min}-{max}",
    Problem.NOT_A_FLAG: "{field} {value!r} is not yes/no (1/0, true/false)",
    Problem.UNKNOWN_FIELD: "{field} is not a field of this kind",
    Problem.NOT_AN_OBJECT: "the row is not an object",
    Problem.BAD_KIND: "{field} {value!r} is not a barcode kind (ean13, upca, ean8, gtin14, other)",
    Problem.BAD_CHECK_DIGIT: (
        "barcode {code} has a wrong check digit (the last digit should be {expected}); "
        "check the number, or mark it kind other"
    ),
    Problem.WRONG_LENGTH: "barcode {code} does not have the length of a {kind}",
    Problem.TOO_MANY: "more than {max} barcodes",
    Problem.UNKNOWN_ROLE: "role {value!r} is not picker, packer, supervisor or admin",
    Problem.REPEATED_KEY: "{key} appears again with other values (first in row {first}); keep one",
    Problem.UNKNOWN_LOCATION: "home bin {location} is not a known location; import locations first",
    Problem.BARCODE_TAKEN: "barcode {code} belongs to product {sku}; remove it there first",
    Problem.DUPLICATE_BADGE: "badge {badge} belongs to user {username}; give each person their own",
    Problem.MISSING_COLUMN: (
        'no column for {field} (the file has: {columns}); name one with --map "Column={field}"'
    ),
    Problem.UNKNOWN_SKU: (
        "SKU {sku} is not a known product; import products first or add --create-products"
    ),
    Problem.BAD_DATE: (
        "{field} {value!r} is no date (2026-12-07, 2026-12-07 14:30 or 07.12.2026; "
        "others with --date-format)"
    ),
    Problem.ORDER_APART: "the lines of order {order} are not together (it began on line {first})",
    Problem.TOO_MANY_LINES: "the order has more than {max} lines",
}
FILE_WORDS = {
    "unreadable": "cannot read the file: {reason}",
    "not_a_table": "the file holds no table (no header row, or no list of objects)",
    "bad_json": "the file is not valid JSON: {reason}",
    "bad_map": 'a --map item needs the form "Column=field", got {item!r}',
}


def word(error: LineError) -> str:
    """``line N: what is wrong, what to do``."""
    try:
        text = WORDS[error.code].format(field=error.field, **error.args)
    except (KeyError, IndexError):
        text = f"{error.field}: {error.code.value} {error.args}"
    return f"line {error.line}: {text}"


def add_parser(commands: Any) -> None:
    """Register ``import`` on the ``scanpack-store`` subcommands."""
    command = commands.add_parser(
        "import", help="load products, locations, totes, users or orders from CSV or JSON"
    )
    command.add_argument("kind", choices=[k.value for k in ImportKind])
    command.add_argument("file", type=Path)
    command.add_argument(
        "--map",
        default="",
        metavar='"Column=field,..."',
        help="name the file's columns for the fields they hold",
    )
    command.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    command.add_argument(
        "--skip-bad",
        action="store_true",
        help="write the good rows, and the bad ones to FILE.bad.csv (or .jsonl)",
    )
    command.add_argument(
        "--create-products",
        action="store_true",
        help="orders: create the products the store does not know (name from the file)",
    )
    command.add_argument(
        "--date-format", default=None, help='orders: strptime format of dates, e.g. "%%m/%%d/%%Y"'
    )
    command.add_argument(
        "--progress", action="store_true", help="show progress even when stderr is no terminal"
    )


def run(engine: Engine, args: argparse.Namespace) -> int:
    """Run ``import``: 0 when every row was good, 1 when rows were refused, 2 when the
    file or the arguments could not be used."""
    out, err = sys.stdout, sys.stderr
    show = args.progress or err.isatty()
    bar = _Bar(err) if show else None
    try:
        options = Options(
            mapping=parse_map(args.map),
            dry_run=args.dry_run,
            skip_bad=args.skip_bad,
            create_products=args.create_products,
            date_format=args.date_format,
            progress=bar.show if bar else None,
        )
        report = run_import(engine, ImportKind(args.kind), args.file, options)
    except FileProblem as problem:
        print(f"error: {FILE_WORDS[problem.code].format(**problem.args_)}", file=err)
        return 2
    finally:
        if bar is not None:
            bar.done()
    return _report(args, report, out, err)


def _report(args: argparse.Namespace, report: Report, out: TextIO, err: TextIO) -> int:
    for error in report.errors[:MAX_SHOWN]:
        print(word(error), file=err)
    if len(report.errors) > MAX_SHOWN:
        print(f"... and {len(report.errors) - MAX_SHOWN} more", file=err)
    if any(e.code is Problem.MISSING_COLUMN for e in report.errors):
        return 2
    o = report.outcome
    if args.kind == ImportKind.ORDERS:
        done = f"{report.orders_created} orders created, {report.orders_existing} already known"
        if report.products_created:
            done += f", {report.products_created} products created"
    else:
        done = f"{o.created} created, {o.updated} updated, {o.unchanged} unchanged"
    state = "written" if report.written else "nothing written"
    if args.dry_run:
        state = "dry run, nothing written"
    bad = f", {report.bad_rows} bad rows" if report.bad_rows else ""
    print(f"{args.kind}: {report.rows} rows read{bad}; {done}; {state}", file=out)
    if report.bad_file is not None:
        print(f"bad rows written to {report.bad_file}", file=out)
    return 1 if report.errors else 0


class _Bar:
    """A one-line progress bar on stderr, redrawn in place."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = -1

    def show(self, done: int, total: int) -> None:
        percent = min(100, done * 100 // total) if total else 100
        if percent == self.shown:
            return
        self.shown = percent
        filled = self.WIDTH * percent // 100
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {percent:3d}%")
        self.stream.flush()

    def done(self) -> None:
        if self.shown >= 0:
            self.stream.write("\n")
            self.stream.flush()
