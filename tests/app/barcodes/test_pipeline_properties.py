"""Whatever the scanner sends, the pipeline answers with a Scan and a sentence, and writes nothing.

Random key streams, control characters, 10,000-key bursts, half bursts, malformed GS1
and wrong check digits go through wedge -> parse -> resolve against a real station
store. Invariants:

- nothing raises;
- every read ends as exactly one ``Scan`` whose sentence comes from the catalogue, and a
  read that is not usable is never ``ok``;
- a person typing (every key slower than the scanner gap) gets every character back, in
  order, and never a scan;
- nothing is written: only SELECT/BEGIN/PRAGMA reach SQLite, and the database's content
  and outbox are the same after as before.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from app.barcodes import messages
from app.barcodes.parse import parse
from app.barcodes.resolve import CodePatterns, StoreLookup, rejected_scan, resolve, resolve_raw
from app.barcodes.wedge import (
    PassKey,
    PassThrough,
    Rejected,
    ScannerConfig,
    WedgeAction,
    WedgeRecogniser,
)
from app.config import Settings
from app.domain.gtin import gtin_check_digit
from app.domain.scan import OK_CODES, InvalidScan, RawScan, Scan, ScanCode
from app.domain.symbology import AIM_IDS, GS, Symbology
from app.store import LocalStore, open_store
from tests.app.barcodes.test_resolve import INTERNAL_13, build_floor, demo_ean13

PATTERNS = CodePatterns.from_settings(Settings())
PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Floor:
    """A real store with the demo-format floor, and a guard that it is only read."""

    def __init__(self, store: LocalStore, path: Path) -> None:
        self.store = store
        self.path = path
        self.statements: list[str] = []

    def resolve_all(self, reads: list[RawScan | Rejected]) -> list[Scan]:
        with self.store.unit_of_work(readonly=True) as uow:
            lookup = StoreLookup(uow)
            return [
                rejected_scan(r) if isinstance(r, Rejected) else resolve_raw(r, lookup, PATTERNS)
                for r in reads
            ]

    def resolve_text(self, raw: str, symbology: Symbology = Symbology.UNKNOWN) -> Scan:
        with self.store.unit_of_work(readonly=True) as uow:
            return resolve(parse(raw, symbology), StoreLookup(uow), PATTERNS)

    def content(self) -> tuple[str, int]:
        """A digest of every row, and the outbox length (read on a separate connection)."""
        conn = sqlite3.connect(self.path)
        try:
            digest = hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
            outbox = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        finally:
            conn.close()
        return digest, outbox


@pytest.fixture(scope="module")
def floor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Floor]:
    path = tmp_path_factory.mktemp("station") / "station.db"
    with open_store(path) as store:
        build_floor(store)
        yield Floor(store, path)


@pytest.fixture(autouse=True)
def only_reads(floor: Floor) -> Iterator[None]:
    before = floor.content()
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement.split(None, 1)[0].upper())

    event.listen(floor.store.engine, "before_cursor_execute", record)
    try:
        yield
    finally:
        event.remove(floor.store.engine, "before_cursor_execute", record)
    assert set(statements) <= {"SELECT", "BEGIN", "PRAGMA"}, set(statements)
    assert floor.content() == before


def check_sentence(scan: Scan) -> None:
    sentence = messages.describe(scan)
    assert sentence == messages.TEMPLATES[scan.code].format(**messages.message_args(scan))
    assert 5 < len(sentence) < 300
    assert sentence.isprintable()
    if not scan.ok:
        assert scan.code not in OK_CODES


# ---------------------------------------------------------------- strategies

SPECIAL_KEYS = st.sampled_from(["Enter", "Return", "Tab", "Backspace", "Escape", "Left"])
KEY_TEXT = st.text(st.characters(), min_size=1, max_size=3)
GAPS = st.one_of(
    st.just(0.0),
    st.floats(0.0, 0.03),  # scanner speed
    st.floats(0.05, 2.0),  # a person
)
KEY_EVENTS = st.lists(
    st.tuples(st.one_of(KEY_TEXT, SPECIAL_KEYS.map(lambda name: f"<{name}>")), GAPS),
    max_size=80,
)
CONFIGS = st.builds(
    ScannerConfig,
    max_gap_s=st.floats(0.005, 0.5),
    min_length=st.integers(1, 64),
    prefix=st.sampled_from(["", "$", "\x02", "]C1"]),
    suffix=st.sampled_from(["", "#", "\x03", "!!"]),
    gs_standin=st.sampled_from(["", "~", "<GS>", "|"]),
    max_length=st.sampled_from([16, 256, 4096]),
)

AIS = ["00", "01", "02", "10", "11", "15", "17", "21", "30", "37", "3103", "3922", "90", "99"]
GS1_PIECE = st.tuples(
    st.sampled_from(AIS),
    st.text("0123456789", max_size=20) | st.text(st.characters(codec="ascii"), max_size=8),
    st.sampled_from(["", GS]),
).map("".join)
MALFORMED_GS1 = st.tuples(
    st.sampled_from(["", "]C1", "]d2", "]Q3", GS]),
    st.lists(GS1_PIECE, min_size=1, max_size=6).map("".join),
).map("".join)


@st.composite
def bad_check_digit(draw: st.DrawFn) -> str:
    length = draw(st.sampled_from([12, 13, 14]))
    body = draw(st.text("0123456789", min_size=length - 1, max_size=length - 1))
    good = gtin_check_digit(body)
    wrong = draw(st.integers(0, 9).filter(lambda d: d != good))
    return body + str(wrong)


ANY_READ = st.one_of(
    st.text(),
    st.binary(max_size=64).map(lambda b: b.decode("latin-1")),
    st.text(st.characters(max_codepoint=0x7F), max_size=30),
    MALFORMED_GS1,
    bad_check_digit(),
    st.sampled_from(sorted(AIM_IDS)).flatmap(lambda aim: st.text(max_size=30).map(aim.__add__)),
    st.integers(0, 20_000).map(lambda n: "9" * n),
    st.sampled_from(["#CMD:", "#cmd:qty:", "#CMD:SHORT:"]).flatmap(
        lambda p: st.text(max_size=12).map(p.__add__)
    ),
)


def run_keys(
    wedge: WedgeRecogniser, events: list[tuple[str, float]], start: float = 1000.0
) -> tuple[list[WedgeAction], float]:
    actions: list[WedgeAction] = []
    t = start
    for text, gap in events:
        t += gap
        if text.startswith("<") and text.endswith(">") and len(text) > 2:
            actions += wedge.key_special(text[1:-1], t)
        else:
            actions += wedge.key(text, t)
        deadline = wedge.deadline()
        if deadline is not None and deadline < t + gap:
            actions += wedge.flush(deadline)
    actions += wedge.flush(t + 100)
    return actions, t


# ---------------------------------------------------------------- properties


@PROPERTY_SETTINGS
@given(config=CONFIGS, events=KEY_EVENTS)
def test_any_key_stream_ends_in_scans_with_sentences(
    floor: Floor, config: ScannerConfig, events: list[tuple[str, float]]
) -> None:
    wedge = WedgeRecogniser(config)
    actions, _ = run_keys(wedge, events)
    assert not wedge.pending
    reads = [a for a in actions if isinstance(a, RawScan | Rejected)]
    for action in actions:
        assert isinstance(action, RawScan | Rejected | PassThrough | PassKey)
    for scan in floor.resolve_all(reads):
        check_sentence(scan)


@PROPERTY_SETTINGS
@given(
    config=CONFIGS,
    text=st.text(st.characters(blacklist_characters="\r\n\t"), max_size=40),
    gaps=st.lists(st.floats(0.0, 3.0), min_size=40, max_size=40),
)
def test_a_person_typing_gets_every_character_back(
    config: ScannerConfig, text: str, gaps: list[float]
) -> None:
    wedge = WedgeRecogniser(config)
    actions = []
    t = 0.0
    for char, gap in zip(text, gaps, strict=False):
        t += config.max_gap_s + 0.001 + gap  # always slower than the scanner gap
        actions += wedge.key(char, t)
    actions += wedge.flush(t + 10)
    actions += wedge.key_special("Enter", t + 20)
    assert "".join(a.text for a in actions if isinstance(a, PassThrough)) == text
    assert actions[-1] == PassKey("Enter")
    assert not any(isinstance(a, RawScan | Rejected) for a in actions)


@PROPERTY_SETTINGS
@given(
    data=st.text(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=4, max_size=300
    ).filter(lambda s: not s.startswith("]")),
    gap=st.floats(0.0, 0.039),
)
def test_a_scanner_burst_with_enter_is_one_scan_of_exactly_its_data(data: str, gap: float) -> None:
    wedge = WedgeRecogniser(ScannerConfig())
    actions: list[WedgeAction] = []
    t = 10.0
    for char in data:
        actions += wedge.key(char, t)
        t += gap
    actions += wedge.key_special("Enter", t)
    assert actions == [RawScan(data)]


@PROPERTY_SETTINGS
@given(
    data=st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=4, max_size=60),
    cut=st.integers(1, 59),
    stall=st.floats(0.05, 0.45),
)
def test_a_half_burst_is_never_a_scan_of_half_the_code(
    floor: Floor, data: str, cut: int, stall: float
) -> None:
    assume(cut < len(data))
    wedge = WedgeRecogniser(ScannerConfig())
    actions: list[WedgeAction] = []
    t = 10.0
    for i, char in enumerate(data):
        t += stall if i == cut else 0.003
        actions += wedge.key(char, t)
    actions += wedge.key_special("Enter", t + 0.003)
    actions += wedge.flush(t + 10)
    assert not any(isinstance(a, RawScan) for a in actions)  # no half taken for a code
    if PassKey("Enter") in actions:
        # Both halves looked like typing: the field gets the whole code, in order.
        assert "".join(a.text for a in actions if isinstance(a, PassThrough)) == data
    for scan in floor.resolve_all([a for a in actions if isinstance(a, Rejected)]):
        check_sentence(scan)


@PROPERTY_SETTINGS
@given(raw=ANY_READ, symbology=st.sampled_from(list(Symbology)))
def test_any_read_resolves_to_one_scan_with_a_sentence(
    floor: Floor, raw: str, symbology: Symbology
) -> None:
    scan = floor.resolve_text(raw, symbology)
    check_sentence(scan)
    assert scan.raw == parse(raw, symbology).text


@PROPERTY_SETTINGS
@given(raw=bad_check_digit())
def test_a_wrong_check_digit_is_always_reported(floor: Floor, raw: str) -> None:
    assume(raw != INTERNAL_13)  # the floor has a product whose Code 128 label is that
    scan = floor.resolve_text(raw)
    assert isinstance(scan, InvalidScan)
    assert scan.code is ScanCode.BAD_CHECK_DIGIT
    gs1 = floor.resolve_text(f"]C101{raw.zfill(14)}10LOT")
    assert isinstance(gs1, InvalidScan)
    assert gs1.code is ScanCode.BAD_CHECK_DIGIT


def test_a_ten_thousand_key_burst_through_the_whole_pipeline(floor: Floor) -> None:
    wedge = WedgeRecogniser(ScannerConfig.from_settings(Settings()))
    actions, _ = run_keys(wedge, [("7", 0.001)] * 10_000 + [("<Enter>", 0.001)])
    assert len(actions) == 1
    (scan,) = floor.resolve_all([a for a in actions if isinstance(a, RawScan | Rejected)])
    assert scan.code is ScanCode.TOO_LONG
    assert "4096" in messages.describe(scan)


def test_the_floor_still_resolves_after_all_that(floor: Floor) -> None:
    scan = floor.resolve_text(demo_ean13(1))
    assert scan.ok
