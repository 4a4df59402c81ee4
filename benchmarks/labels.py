"""Benchmark ``labels``: render a 4 x 6 in shipping label as ZPL and as a 203 dpi raster,
and submit ZPL to a CUPS raw queue until a TCP "printer" has every byte.

Targets (DESIGN.md "Performance"; the issue's reference):

- ``zpl_render``: ms per shipping label, template + data -> ZPL bytes
  (``app.printing.render.render``: layout, Code 128 subsets, the QR's version),
  ``value <= 1`` ms.
- ``raster_203``: ms per shipping label drawn as a 1-bit 812 x 1218 image (layout, text,
  python-barcode/segno modules at whole dots), ``value <= 15`` ms. ``details`` has the
  PNG encoding on top, 300 dpi and the PDF.
- ``cups_submit``: ms from ``CupsPrinter.send`` (``lp -o raw`` to a private cupsd, whose
  ``socket://`` back-end delivers to a listener on 127.0.0.1) until the listener holds
  the last byte, ``value <= 250`` ms (the label is on its way before the packer has
  reached for it; a thermal printer then needs about a second to print 6 in).
  ``details.raw_tcp_ms`` is the same bytes sent straight to the listener
  (``RawTcpPrinter``), what CUPS adds being the difference.

Reference for all three, measured in the same run: python-barcode's own PNG writer
(``barcode.get("code128", ..., writer=ImageWriter()).write``) rendering one Code 128 of
an order number: the field library drawing a single barcode, which a whole label with
three barcodes and a dozen texts should not cost many times more than.

Checks: ``labels_read_back`` (every raster label decodes to its exact payloads) and
``cups_bytes_exact`` (every label sent, through CUPS and straight over TCP, arrived at
the listener byte for byte, once).

The labels are those of different demo orders (data built beforehand, not timed), so
no cache can answer a repeated label. The CUPS part needs root and the Debian packages
cups and printer-driver-cups-pdf (``tests/cups.py``); without them the render metrics
are still reported and the benchmark then fails with the reason.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date

from benchmarks.registry import BenchmarkError, Metric, Options, Target, benchmark, median, rounded

RENDERS = 1000
RASTERS = 200
SUBMITS = 20
ORDERS = 40
ZPL_TARGET_MS = 1.0
RASTER_TARGET_MS = 15.0
CUPS_TARGET_MS = 250.0
TODAY = date(2026, 11, 30)


@benchmark(
    "labels",
    summary="shipping label 4x6: ZPL and 203 dpi raster renders, submit to a CUPS raw queue",
    budget_s=300,
)
def run(options: Options) -> Iterator[Metric]:
    from app.printing.library import TemplateLibrary
    from app.printing.render import LabelFormat, render
    from app.printing.settings import PrintSettings
    from app.printing.sources import DemoSource, label_data

    options.log("building the demo data set and the labels' data")
    demo = DemoSource()
    template = TemplateLibrary().get("shipping")
    labels = [
        label_data(template, demo, key=number, settings=PrintSettings(), today=TODAY)
        for number in demo.order_numbers[:ORDERS]
    ]
    reference = _reference(options)
    options.log(f"reference: python-barcode PNG writer, one Code 128: {reference:.3f} ms")

    renders = options.scaled(RENDERS)
    zpl_runs = [
        _per_item(renders, lambda i: render(template, labels[i % len(labels)], LabelFormat.ZPL))
        for _ in range(options.repeat)
    ]
    options.log(f"ZPL: {rounded(zpl_runs)} ms per label ({renders} labels a run)")
    yield Metric(
        "zpl_render",
        median(zpl_runs),
        "ms",
        Target.value_at_most(ZPL_TARGET_MS),
        reference=reference,
        details={"runs_ms": rounded(zpl_runs), "labels_per_run": renders},
    )

    yield from _raster(options, template, labels, reference)
    yield from _cups(options, template, labels, reference)


def _raster(options: Options, template, labels, reference: float) -> Iterator[Metric]:  # type: ignore[no-untyped-def]
    from app.barcodes.decode import Decoder
    from app.printing.layout import lay_out
    from app.printing.raster import draw_page, png_bytes
    from app.printing.render import LabelFormat, render

    count = options.scaled(RASTERS)

    def raster(dpi: int) -> Callable[[int], object]:
        return lambda i: draw_page(lay_out(template, labels[i % len(labels)], dpi)[0])

    runs = [_per_item(count, raster(203)) for _ in range(options.repeat)]
    options.log(f"raster 203 dpi: {rounded(runs)} ms per label ({count} labels a run)")
    # For people, not targets: fewer labels.
    extra = max(1, count // 4)
    png_runs = [
        _per_item(extra, lambda i: png_bytes(raster(203)(i), 203))  # type: ignore[arg-type]
        for _ in range(options.repeat)
    ]
    raster_300 = [_per_item(extra, raster(300)) for _ in range(options.repeat)]
    pdf_runs = [
        _per_item(extra, lambda i: render(template, labels[i % len(labels)], LabelFormat.PDF))
        for _ in range(options.repeat)
    ]
    yield Metric(
        "raster_203",
        median(runs),
        "ms",
        Target.value_at_most(RASTER_TARGET_MS),
        reference=reference,
        details={
            "runs_ms": rounded(runs),
            "labels_per_run": count,
            "with_png_encoding_ms": round(median(png_runs), 4),
            "raster_300_ms": round(median(raster_300), 4),
            "pdf_300_ms": round(median(pdf_runs), 4),
        },
    )

    # Correctness: each label drawn decodes to exactly its three payloads.
    wrong = []
    for data in labels:
        image = draw_page(lay_out(template, data, 203)[0])
        read = {(str(d.symbology), d.text) for d in Decoder().decode(image)}
        if read != _payloads(data.fields):
            wrong.append(data.key)
    yield Metric(
        "labels_read_back",
        len(labels) - len(wrong),
        "labels",
        Target.equals(len(labels)),
        reference=len(labels),
        check=True,
        details={"wrong": wrong[:10]} | ({"failure": "a label did not read back"} if wrong else {}),
    )


def _cups(options: Options, template, labels, reference: float) -> Iterator[Metric]:  # type: ignore[no-untyped-def]
    from app.printing.backends import CupsPrinter, RawTcpPrinter
    from app.printing.render import LabelFormat, render
    from app.printing.settings import PrinterKind, PrinterSpec

    try:
        from tests.cups import CupsServer, RawListener
    except ImportError as exc:  # pragma: no cover - run from the repository root
        raise BenchmarkError(f"the CUPS harness (tests/cups.py) is not importable: {exc}") from exc

    payloads = [render(template, data, LabelFormat.ZPL).content for data in labels]
    count = max(3, options.scaled(SUBMITS))
    options.log("starting a private cupsd with a raw queue to a listener on 127.0.0.1")
    try:
        cups = CupsServer().start()
    except RuntimeError as exc:
        raise BenchmarkError(f"cannot measure cups_submit: {exc}") from exc
    try:
        with RawListener() as printer:
            cups.add_raw_queue("ZEBRA", f"socket://{printer.address}")
            lp = CupsPrinter(
                PrinterSpec("zebra", PrinterKind.CUPS, "ZEBRA", server=cups.server, timeout_s=30)
            )
            tcp = RawTcpPrinter(PrinterSpec("zebra", PrinterKind.TCP, printer.address))
            lp.send(payloads[0], LabelFormat.ZPL, "warm-up")  # cupsd's first job forks more
            printer.wait_for(1)
            sent = [payloads[0]]
            submit_ms: list[float] = []
            tcp_ms: list[float] = []
            for index in range(count):
                payload = payloads[index % len(payloads)]
                for target, times in ((lp, submit_ms), (tcp, tcp_ms)):
                    start = time.perf_counter()
                    target.send(payload, LabelFormat.ZPL, f"bench {index}")
                    printer.wait_for(len(sent) + 1, timeout=30)
                    times.append((printer.finished_at[len(sent)] - start) * 1000)
                    sent.append(payload)
            options.log(
                f"CUPS raw queue: median {statistics.median(submit_ms):.1f} ms to the last "
                f"byte; raw TCP {statistics.median(tcp_ms):.2f} ms ({count} labels)"
            )
            time.sleep(0.2)  # anything doubled would arrive now
            exact = sum(a == b for a, b in zip(printer.jobs, sent, strict=False))
            arrived = len(printer.jobs)
    finally:
        cups.stop()
    yield Metric(
        "cups_submit",
        median(submit_ms),
        "ms",
        Target.value_at_most(CUPS_TARGET_MS),
        reference=reference,
        details={
            "runs_ms": rounded(submit_ms, 2),
            "p90_ms": round(sorted(submit_ms)[int(0.9 * (len(submit_ms) - 1))], 2),
            "raw_tcp_ms": round(median(tcp_ms), 3),
            "vs_raw_tcp": round(median(submit_ms) / median(tcp_ms), 1),
            "labels": count,
            "bytes_per_label": len(payloads[0]),
        },
    )
    expected = len(sent)
    yield Metric(
        "cups_bytes_exact",
        exact if arrived == expected else min(exact, expected - abs(arrived - expected)),
        "labels",
        Target.equals(expected),
        reference=expected,
        check=True,
        details={"arrived": arrived, "sent": expected}
        | (
            {}
            if exact == expected == arrived
            else {"failure": "a label arrived changed, missing or twice"}
        ),
    )


def _payloads(fields) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    qr = "|".join(
        fields[k]
        for k in (
            "order.number",
            "package.sscc",
            "order.carrier",
            "order.service",
            "ship_to.postcode",
            "ship_to.country",
        )
    )
    return {
        ("code128", fields["order.number"]),
        ("gs1-128", "00" + fields["package.sscc"]),
        ("qr", qr),
    }


def _reference(options: Options) -> float:
    """ms for python-barcode's ImageWriter to render one Code 128 as PNG (median of runs)."""
    import barcode  # type: ignore[import-untyped]
    from barcode.writer import ImageWriter  # type: ignore[import-untyped]

    count = options.scaled(RASTERS)

    def one(i: int) -> object:
        out = io.BytesIO()
        barcode.get("code128", f"SO-{100001 + i % ORDERS}", writer=ImageWriter()).write(out)
        return out

    one(0)
    return median(_per_item(count, one) for _ in range(options.repeat))


def _per_item(count: int, work: Callable[[int], object]) -> float:
    """Mean ms per call of ``work(i)`` for i in range(count), after one warm-up call."""
    work(0)
    start = time.perf_counter()
    for index in range(count):
        work(index)
    return (time.perf_counter() - start) * 1000 / count


__all__: Sequence[str] = ("run",)
