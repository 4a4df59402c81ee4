"""Whatever happens (printer off and on, time passing, retries, a crash mid-send),
no label is sent twice, and once the printer is back every label comes out once."""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.printing.errors import PrintError, PrintErrorCode
from app.printing.library import TemplateLibrary
from app.printing.queue import PrintQueue
from app.printing.render import LabelFormat
from app.printing.settings import PrinterKind, PrinterSpec, PrintSettings
from app.store import open_store
from app.store.print_jobs import JobState, PrintJobRepository
from tests.app.store.store_helpers import FakeClock

ZEBRA = PrinterSpec("zebra", PrinterKind.TCP, "127.0.0.1:9", LabelFormat.ZPL)
OPS = st.lists(
    st.sampled_from(["submit", "down", "up", "run", "tick", "retry", "crash", "reprint"]),
    max_size=40,
)


@dataclass
class Printer:
    spec: PrinterSpec = ZEBRA
    up: bool = True
    sent: Counter[bytes] = field(default_factory=Counter)

    def send(self, payload: bytes, fmt: LabelFormat, title: str) -> str:
        if not self.up:
            raise PrintError(PrintErrorCode.REFUSED, printer="zebra", address="127.0.0.1:9")
        self.sent[payload] += 1
        return ""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_every_label_prints_exactly_once(ops: list[str]) -> None:
    clock = FakeClock()
    printer = Printer()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "station.sqlite3"
        store = open_store(path, clock=clock)
        queue = PrintQueue(
            store,
            PrintSettings(printers=(ZEBRA,), routes={"*": "zebra"}, max_attempts=3),
            TemplateLibrary(),
            printers=lambda _spec: printer,
            clock=clock,
        )
        payloads: dict[int, bytes] = {}
        try:
            for op in ops:
                if op == "submit":
                    payload = b"^XA^FDlabel %d^FS^XZ" % len(payloads)
                    job = queue.submit_document(
                        payload, LabelFormat.ZPL, title="t", reference="r", printer="zebra"
                    )
                    payloads[job] = payload
                elif op == "reprint" and payloads:
                    original = max(payloads)
                    copy = queue.reprint(original)
                    payloads[copy] = payloads[original]
                elif op in ("down", "up"):
                    printer.up = op == "up"
                elif op == "run":
                    queue.run_due()
                elif op == "tick":
                    clock.advance(61)
                elif op == "retry":
                    for job in queue.jobs(100):
                        queue.retry(job.id)
                elif op == "crash":
                    # The station dies right after claiming the next due job; restart.
                    with store.unit_of_work() as uow:
                        repo = PrintJobRepository(uow.session, clock)
                        due = repo.due(clock.now, 1)
                        if due:
                            repo.claim(due[0].id)
                        uow.commit()
                    store.close()
                    store = open_store(path, clock=clock)
                    queue = PrintQueue(
                        store,
                        queue.settings,
                        queue.templates,
                        printers=lambda _spec: printer,
                        clock=clock,
                    )
                    queue.recover()
                # Nothing was ever sent more often than it was queued.
                queued = Counter(payloads.values())
                assert all(printer.sent[p] <= queued[p] for p in printer.sent)
            # The printer comes back; a person retries what waits for them.
            printer.up = True
            for _ in range(5):
                for job in queue.jobs(100):
                    queue.retry(job.id)
                clock.advance(61)
                queue.run_due()
            jobs = queue.jobs(100)
            assert all(job.state is JobState.DONE for job in jobs)
            assert printer.sent == Counter(payloads.values())
        finally:
            store.close()
