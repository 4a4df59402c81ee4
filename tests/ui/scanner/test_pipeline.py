"""ScanPipeline: one entry for every input, resolution and feedback on the same turn."""

from __future__ import annotations

from contextlib import AbstractContextManager
from types import TracebackType

import pytest
from sqlalchemy.exc import OperationalError

from app.barcodes import messages
from app.barcodes.resolve import CodePatterns
from app.barcodes.wedge import Rejected, RejectReason
from app.config import Settings
from app.domain.scan import (
    BinScan,
    InvalidScan,
    ProductScan,
    RawScan,
    Scan,
    ScanCode,
    ScanSource,
    UnknownScan,
)
from app.store import LocalStore
from tests.ui.scanner.conftest import WriteGuard
from ui.scanner.pipeline import ScanPipeline, Tone, Verdict, scan_message

PATTERNS = CodePatterns.from_settings(Settings())


def test_submit_resolves_tells_the_screens_then_answers(floor: LocalStore, qapp: object) -> None:
    pipeline = ScanPipeline(floor, PATTERNS)
    events: list[tuple[str, object]] = []
    pipeline.scanned.connect(lambda scan: events.append(("scanned", scan)))
    pipeline.answered.connect(lambda verdict: events.append(("answered", verdict)))
    scan = pipeline.submit(RawScan("A-01-02-3", source=ScanSource.TYPED))
    assert isinstance(scan, BinScan)
    assert events == [
        ("scanned", scan),
        ("answered", Verdict(Tone.GOOD, "Bin A-01-02-3.", scan)),
    ]


def test_a_screen_can_answer_instead(floor: LocalStore, qapp: object) -> None:
    pipeline = ScanPipeline(floor, PATTERNS)
    answers: list[Verdict] = []
    pipeline.answered.connect(answers.append)

    def screen(scan: Scan) -> None:
        pipeline.respond(Verdict(Tone.DONE, "Order packed.", scan))

    pipeline.scanned.connect(screen)
    pipeline.submit(RawScan("SKU-10004"))
    assert [(a.tone, a.text) for a in answers] == [(Tone.DONE, "Order packed.")]
    with pytest.raises(RuntimeError):
        pipeline.respond(Verdict(Tone.GOOD, "too late"))


def test_rejected_bursts_and_unknown_codes_answer_red(floor: LocalStore, qapp: object) -> None:
    pipeline = ScanPipeline(floor, PATTERNS)
    answers: list[Verdict] = []
    pipeline.answered.connect(answers.append)
    pipeline.reject(Rejected(RejectReason.INCOMPLETE, 8, "SKU-1032"))
    pipeline.submit(RawScan("SO-999999"))
    assert [a.tone for a in answers] == [Tone.WRONG, Tone.WRONG]
    assert isinstance(answers[0].scan, InvalidScan)
    assert answers[0].text == "The scan was cut off before its end. Scan again."
    assert isinstance(answers[1].scan, UnknownScan)
    assert answers[1].scan.code is ScanCode.UNKNOWN_ORDER


def test_resolution_only_reads(floor: LocalStore, write_guard: WriteGuard, qapp: object) -> None:
    pipeline = ScanPipeline(floor, PATTERNS)
    for text in ("B-1001", "T-0001", "SO-100001", "SKU-10001", "#CMD:UNDO", "nope", "\x00"):
        pipeline.submit(RawScan(text))
    write_guard.assert_nothing_written()


class _BrokenUnit(AbstractContextManager["_BrokenUnit"]):
    def __enter__(self) -> _BrokenUnit:
        raise OperationalError("SELECT 1", {}, Exception("disk I/O error"))

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None


class _BrokenStore:
    def unit_of_work(self, *, readonly: bool = False) -> _BrokenUnit:
        return _BrokenUnit()


def test_a_broken_store_is_answered_in_words_not_a_crash(
    qapp: object, caplog: pytest.LogCaptureFixture
) -> None:
    pipeline = ScanPipeline(_BrokenStore(), PATTERNS)  # type: ignore[arg-type]
    answers: list[Verdict] = []
    scans: list[Scan] = []
    pipeline.answered.connect(answers.append)
    pipeline.scanned.connect(scans.append)
    assert pipeline.submit(RawScan("SKU-10001")) is None
    assert scans == []
    (answer,) = answers
    assert answer.tone is Tone.WRONG
    assert answer.text.startswith("Could not look up SKU-10001: OperationalError.")
    assert "could not resolve a scan" in caplog.text


def test_messages_are_the_catalogues_sentences(floor: LocalStore, qapp: object) -> None:
    pipeline = ScanPipeline(floor, PATTERNS)
    scan = pipeline.submit(RawScan("SKU-10001"))
    assert isinstance(scan, ProductScan)
    assert scan_message(scan) == messages.describe(scan) == "Widget 0 (SKU-10001)."
