"""The event gate (app/domain/events.py): round trips, and strict refusal of bad input."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from app.domain.events import (
    EVENT_TYPES,
    MAX_SCANNED,
    MAX_TEXT,
    ClaimCancelled,
    Event,
    EventError,
    EventType,
    LabelsReprint,
    LinePacked,
    LinePicked,
    LineShort,
    LineShortUndone,
    LineUnpacked,
    LineUnpicked,
    OrderClaimed,
    OrderHeld,
    OrderPacked,
    OrderPicked,
    OrderReleased,
    OrderShipped,
    OrderUnheld,
    PackageClosed,
    PackHeld,
    PackHoldReason,
    PackStarted,
    Payload,
    PickerAssigned,
    PickerUnassigned,
    PrioritySet,
    ScanExpected,
    ShortReason,
    WrongScan,
    new_event,
    parse_event,
)
from app.domain.model import Priority

AT = datetime(2024, 5, 1, 10, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))

SAMPLES: dict[EventType, Payload] = {
    EventType.ORDER_CLAIMED: OrderClaimed("SO-1", tote="T-07"),
    EventType.ORDER_RELEASED: OrderReleased("SO-1"),
    EventType.LINE_PICKED: LinePicked("SO-1", line_no=1, qty=2, location="A-01-1", tote="T-07"),
    EventType.LINE_UNPICKED: LineUnpicked("SO-1", line_no=1, qty=1),
    EventType.LINE_SHORT: LineShort("SO-1", line_no=2, qty=1, reason=ShortReason.DAMAGED),
    EventType.LINE_SHORT_UNDONE: LineShortUndone("SO-1", line_no=2, qty=1),
    EventType.ORDER_PICKED: OrderPicked("SO-1"),
    EventType.PACK_STARTED: PackStarted("SO-1"),
    EventType.LINE_PACKED: LinePacked("SO-1", line_no=1, qty=2, lot="L7", expiry="2027-05-31"),
    EventType.LINE_UNPACKED: LineUnpacked("SO-1", line_no=1, qty=1),
    EventType.PACKAGE_CLOSED: PackageClosed(
        "SO-1",
        package_no=1,
        sscc="340123450000000017",
        carton="BOX-M",
        weight_g=1250,
        expected_g=1200,
    ),
    EventType.PACK_HELD: PackHeld("SO-1", reason=PackHoldReason.DAMAGED_ITEM, line_no=2),
    EventType.ORDER_PACKED: OrderPacked("SO-1", box="BOX-M", weight_g=1250, tracking="1Z999"),
    EventType.ORDER_SHIPPED: OrderShipped("SO-1"),
    EventType.ORDER_HELD: OrderHeld("SO-1", reason="address check"),
    EventType.ORDER_UNHELD: OrderUnheld("SO-1"),
    EventType.PRIORITY_SET: PrioritySet("SO-1", priority=Priority.URGENT),
    EventType.PICKER_ASSIGNED: PickerAssigned("SO-1", picker="ana"),
    EventType.PICKER_UNASSIGNED: PickerUnassigned("SO-1"),
    EventType.CLAIM_CANCELLED: ClaimCancelled("SO-1", station="ST-9"),
    EventType.LABELS_REPRINT: LabelsReprint("SO-1", station="PACK-2", package_no=1),
    EventType.SCAN_WRONG: WrongScan("SO-1", expected=ScanExpected.BIN, scanned="A-01-2"),
}


def sample_event(event_type: EventType) -> Event:
    return new_event(SAMPLES[event_type], station="ST-1", user="pia", at=AT)


def raw_event(
    event_type: EventType = EventType.LINE_PICKED, /, **changes: object
) -> dict[str, Any]:
    raw = sample_event(event_type).to_json()
    for key, value in changes.items():
        raw[key] = value
    return raw


def raw_with_payload(event_type: EventType, **changes: Any) -> dict[str, Any]:
    raw = raw_event(event_type)
    raw["payload"] = raw["payload"] | changes
    return raw


def test_samples_cover_every_event_type() -> None:
    assert set(SAMPLES) == set(EventType) == set(EVENT_TYPES)
    for event_type, payload in SAMPLES.items():
        assert isinstance(payload, EVENT_TYPES[event_type])


# -- round trips --------------------------------------------------------------------------


@pytest.mark.parametrize("event_type", list(EventType))
def test_round_trip(event_type: EventType) -> None:
    event = sample_event(event_type)
    assert event.type is event_type
    wire = json.loads(json.dumps(event.to_json()))
    parsed = parse_event(wire)
    assert parsed == event
    assert parsed.at.tzinfo is UTC  # normalised to UTC; equal because the instant is the same
    assert parsed.to_json()["payload"] == wire["payload"]


@pytest.mark.parametrize(
    "event_type", [EventType.ORDER_CLAIMED, EventType.LINE_PICKED, EventType.ORDER_PACKED]
)
def test_round_trip_without_optional_fields(event_type: EventType) -> None:
    sample = SAMPLES[event_type]
    required = {f.name for f in dataclasses.fields(sample) if f.default is not None}
    payload = type(sample)(**{name: getattr(sample, name) for name in required})
    event = new_event(payload, station="ST-1", user="pia", at=AT)
    wire = event.to_json()
    assert not set(wire["payload"]) - set(required)  # None fields are left out
    assert parse_event(wire) == event


def test_optional_field_may_be_null() -> None:
    parsed = parse_event(raw_with_payload(EventType.LINE_PICKED, tote=None, location=None))
    assert isinstance(parsed.payload, LinePicked)
    assert parsed.payload.tote is None


def test_new_event_defaults() -> None:
    before = datetime.now(UTC)
    event = new_event(OrderPicked("SO-9"), station="ST-1", user="pia")
    assert event.type is EventType.ORDER_PICKED
    assert event.order_number == "SO-9"
    assert before <= event.at <= datetime.now(UTC)
    assert event.id.version == 4
    assert new_event(OrderPicked("SO-9"), station="ST-1", user="pia").id != event.id


def test_event_error_is_a_value_error() -> None:
    assert issubclass(EventError, ValueError)


# -- strict refusal -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(True, "whole number", id="bool"),
        pytest.param(False, "whole number", id="false"),
        pytest.param(2.0, "whole number", id="float"),
        pytest.param("2", "whole number", id="str"),
        pytest.param([2], "whole number", id="list"),
        pytest.param(0, "at least 1", id="zero"),
        pytest.param(-1, "at least 1", id="negative"),
        pytest.param(1_000_001, "more than any station", id="huge"),
    ],
)
@pytest.mark.parametrize("field", ["qty", "line_no"])
def test_quantities_are_strict(field: str, value: object, message: str) -> None:
    with pytest.raises(EventError, match=rf"^{field}: .*{message}"):
        parse_event(raw_with_payload(EventType.LINE_PICKED, **{field: value}))


@pytest.mark.parametrize("value", [True, 1.5, "1250", 0, -5])
def test_weight_is_strict(value: object) -> None:
    with pytest.raises(EventError, match=r"^weight_g: "):
        parse_event(raw_with_payload(EventType.ORDER_PACKED, weight_g=value))


@pytest.mark.parametrize("key", ["id", "type", "station", "user", "at", "payload"])
def test_missing_top_level_field(key: str) -> None:
    raw = raw_event()
    del raw[key]
    with pytest.raises(EventError, match=f"'{key}' is missing"):
        parse_event(raw)


@pytest.mark.parametrize(
    ("event_type", "key"),
    [
        (EventType.LINE_PICKED, "order_number"),
        (EventType.LINE_PICKED, "line_no"),
        (EventType.LINE_PICKED, "qty"),
        (EventType.LINE_SHORT, "reason"),
        (EventType.ORDER_PACKED, "box"),
        (EventType.ORDER_PACKED, "weight_g"),
        (EventType.ORDER_HELD, "reason"),
        (EventType.PRIORITY_SET, "priority"),
    ],
)
def test_missing_payload_field(event_type: EventType, key: str) -> None:
    raw = raw_event(event_type)
    del raw["payload"][key]
    with pytest.raises(EventError, match=f"payload: '{key}' is missing"):
        parse_event(raw)
    raw["payload"][key] = None  # an explicit null is as missing as an absent key
    with pytest.raises(EventError, match=f"payload: '{key}' is missing"):
        parse_event(raw)


def test_extra_fields_are_refused() -> None:
    with pytest.raises(EventError, match=r"event: unexpected field\(s\) extra"):
        parse_event(raw_event(extra=1))
    with pytest.raises(EventError, match=r"payload: unexpected field\(s\) sku, zone"):
        parse_event(raw_with_payload(EventType.LINE_PICKED, zone="A", sku="SKU-1"))
    # a field of another event type is extra here too
    with pytest.raises(EventError, match=r"payload: unexpected field\(s\) qty"):
        parse_event(raw_with_payload(EventType.ORDER_PICKED, qty=1))


@pytest.mark.parametrize("value", ["not-a-uuid", "", "1234", 42, None])
def test_bad_uuid(value: object) -> None:
    with pytest.raises(EventError, match=r"^id: "):
        parse_event(raw_event(id=value))


def test_any_uuid_text_form_is_accepted() -> None:
    event_id = uuid.uuid4()
    assert parse_event(raw_event(id=str(event_id).upper())).id == event_id


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-05-01T10:00:00", "time zone"),
        ("2024-05-01", "time zone"),
        ("yesterday", "not an ISO 8601 time"),
        ("2024-13-01T10:00:00+00:00", "not an ISO 8601 time"),
        (1714557600, "must be text"),
    ],
)
def test_bad_timestamps(value: object, message: str) -> None:
    with pytest.raises(EventError, match=rf"^at: .*{message}"):
        parse_event(raw_event(at=value))


def test_timestamps_are_normalised_to_utc() -> None:
    parsed = parse_event(raw_event(at="2024-05-01T12:00:00+02:00"))
    assert parsed.at == datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
    assert parsed.at.utcoffset() == timedelta(0)


@pytest.mark.parametrize("value", ["line.teleported", "LINE.PICKED", "", 7])
def test_unknown_type(value: object) -> None:
    with pytest.raises(EventError, match=r"^type: "):
        parse_event(raw_event(type=value))


def test_unknown_type_lists_the_known_ones() -> None:
    with pytest.raises(EventError, match=r"known: order\.claimed"):
        parse_event(raw_event(type="line.teleported"))


@pytest.mark.parametrize(
    ("event_type", "field", "value"),
    [
        (EventType.LINE_SHORT, "reason", "stolen"),
        (EventType.LINE_SHORT, "reason", "BIN_EMPTY"),
        (EventType.LINE_SHORT, "reason", 1),
        (EventType.PRIORITY_SET, "priority", "asap"),
        (EventType.PRIORITY_SET, "priority", 3),
    ],
)
def test_unknown_enum_values(event_type: EventType, field: str, value: object) -> None:
    with pytest.raises(EventError, match=rf"^{field}: "):
        parse_event(raw_with_payload(event_type, **{field: value}))


@pytest.mark.parametrize("reason", list(ShortReason))
def test_every_short_reason_parses(reason: ShortReason) -> None:
    parsed = parse_event(raw_with_payload(EventType.LINE_SHORT, reason=reason.value))
    assert isinstance(parsed.payload, LineShort)
    assert parsed.payload.reason is reason


@pytest.mark.parametrize("field", ["station", "user"])
def test_text_fields_top_level(field: str) -> None:
    assert parse_event(raw_event(**{field: "x" * MAX_TEXT})) is not None
    for bad, message in [
        ("x" * (MAX_TEXT + 1), "at most 200"),
        ("  ", "must not be empty"),
        ("a\nb", "printable"),
        ("a\x00b", "printable"),
        (5, "must be text"),
    ]:
        with pytest.raises(EventError, match=rf"^{field}: .*{message}"):
            parse_event(raw_event(**{field: bad}))


@pytest.mark.parametrize(
    ("event_type", "field"),
    [
        (EventType.LINE_PICKED, "tote"),
        (EventType.LINE_PICKED, "location"),
        (EventType.ORDER_PACKED, "box"),
        (EventType.ORDER_PACKED, "tracking"),
        (EventType.ORDER_HELD, "reason"),
    ],
)
def test_overlong_payload_text(event_type: EventType, field: str) -> None:
    assert parse_event(raw_with_payload(event_type, **{field: "y" * MAX_TEXT})) is not None
    with pytest.raises(EventError, match=rf"^{field}: must be at most {MAX_TEXT}"):
        parse_event(raw_with_payload(event_type, **{field: "y" * (MAX_TEXT + 1)}))
    with pytest.raises(EventError, match=rf"^{field}: must be text"):
        parse_event(raw_with_payload(event_type, **{field: 12}))


def test_order_numbers_are_at_most_40_characters_as_orders_are() -> None:
    assert parse_event(raw_with_payload(EventType.LINE_PICKED, order_number="y" * 40))
    with pytest.raises(EventError, match=r"^order_number: must be at most 40"):
        parse_event(raw_with_payload(EventType.LINE_PICKED, order_number="y" * 41))


@pytest.mark.parametrize("raw", [None, [], "event", 3])
def test_event_must_be_an_object(raw: object) -> None:
    with pytest.raises(EventError, match="an event is a JSON object"):
        parse_event(raw)


@pytest.mark.parametrize("payload", [None, [], "SO-1"])
def test_payload_must_be_an_object(payload: object) -> None:
    with pytest.raises(EventError, match="payload: must be a JSON object"):
        parse_event(raw_event(payload=payload))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"expected": "shelf"}, "expected"),
        ({"expected": 1}, "expected"),
        ({"scanned": "x" * (MAX_SCANNED + 1)}, "scanned"),
        ({"scanned": "01\x1d10"}, "scanned"),
        ({"scanned": ""}, "scanned"),
        ({"scanned": None}, "scanned"),
    ],
)
def test_a_wrong_scan_names_what_was_expected_and_a_bounded_printable_code(
    changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(EventError, match=field):
        parse_event(raw_with_payload(EventType.SCAN_WRONG, **changes))


def test_a_wrong_scan_round_trips() -> None:
    raw = raw_with_payload(EventType.SCAN_WRONG, scanned="x" * MAX_SCANNED, expected="tote")
    event = parse_event(raw)
    assert event.payload == WrongScan("SO-1", expected=ScanExpected.TOTE, scanned="x" * 64)
    assert event.to_json()["payload"] == raw["payload"]
