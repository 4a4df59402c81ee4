"""The events a station sends to the order store, and how they are checked.

An event is a person's action that counted: a claim, a picked or shorted quantity, a
pack, a supervisor's hold. Every event carries a client-made UUID so that the store
applies it exactly once however often the station sends it.

``parse_event`` is the one gate for events from outside (the store's HTTP body, the
station's outbox): it checks every field strictly and raises ``EventError`` with a
message a person can act on. Quantities are Python ``int`` and positive; ``True``,
``2.0`` and ``"2"`` are refused, not coerced.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar

from app.domain import wire
from app.domain.model import Priority, Role

MAX_TEXT = 200
MAX_SCANNED = 64
"""The most of a wrong scan's code an event keeps: enough to tell a neighbouring bin
or a look-alike item from a stray read, never a whole GS1 DataMatrix dumped into the
ledger (``app.store.wrong_scans.record_wrong_scan`` cuts it before the event)."""
_PROOF = re.compile(r"^[0-9a-f]{64}$")

_E = TypeVar("_E", bound=enum.StrEnum)


class EventError(ValueError):
    """An event that is malformed: a missing, extra or ill-typed field."""


class ShortReason(enum.StrEnum):
    """Why a picker found less than the order asked for."""

    BIN_EMPTY = "bin_empty"
    DAMAGED = "damaged"
    NOT_FOUND = "not_found"


class PackHoldReason(enum.StrEnum):
    """Why a packer put an order on hold (it goes to the exceptions shelf)."""

    MISSING_ITEM = "missing_item"
    """An item the order needs is not in the tote."""
    DAMAGED_ITEM = "damaged_item"
    WRONG_ITEM = "wrong_item"
    """The tote holds an item the order does not want, and one it does is missing."""
    OTHER = "other"


class ScanExpected(enum.StrEnum):
    """What a flow was waiting for when a person scanned something else."""

    BIN = "bin"
    ITEM = "item"
    TOTE = "tote"
    ORDER = "order"
    CARTON = "carton"
    PACKAGE = "package"


class EventType(enum.StrEnum):
    """Every event a station may send."""

    ORDER_CLAIMED = "order.claimed"
    ORDER_RELEASED = "order.released"
    LINE_PICKED = "line.picked"
    LINE_UNPICKED = "line.unpicked"
    LINE_SHORT = "line.short"
    LINE_SHORT_UNDONE = "line.short_undone"
    ORDER_PICKED = "order.picked"
    PACK_STARTED = "order.pack_started"
    LINE_PACKED = "line.packed"
    LINE_UNPACKED = "line.unpacked"
    PACKAGE_CLOSED = "package.closed"
    PACK_HELD = "order.pack_held"
    ORDER_PACKED = "order.packed"
    ORDER_SHIPPED = "order.shipped"
    ORDER_HELD = "order.held"
    ORDER_UNHELD = "order.unheld"
    PRIORITY_SET = "order.priority_set"
    PICKER_ASSIGNED = "order.picker_assigned"
    PICKER_UNASSIGNED = "order.picker_unassigned"
    CLAIM_CANCELLED = "order.claim_cancelled"
    LABELS_REPRINT = "order.labels_reprint"
    SCAN_WRONG = "scan.wrong"


@dataclass(frozen=True, slots=True)
class Payload:
    """Base of every event's payload: every event is about one order."""

    order_number: str

    roles: ClassVar[frozenset[Role]] = frozenset({Role.PICKER})


@dataclass(frozen=True, slots=True)
class OrderClaimed(Payload):
    """A picker takes an open order; ``tote`` is where it will be picked into."""

    tote: str | None = None


@dataclass(frozen=True, slots=True)
class OrderReleased(Payload):
    """The order goes back to the queue (its picker or packer gives it up, or a
    supervisor frees it)."""

    roles: ClassVar[frozenset[Role]] = frozenset({Role.PICKER, Role.PACKER, Role.SUPERVISOR})


@dataclass(frozen=True, slots=True)
class LinePicked(Payload):
    """``qty`` of a line was taken from ``location`` (into ``tote``)."""

    line_no: int
    qty: int
    location: str | None = None
    tote: str | None = None


@dataclass(frozen=True, slots=True)
class LineUnpicked(Payload):
    """An undo: ``qty`` of a line goes back to the bin."""

    line_no: int
    qty: int


@dataclass(frozen=True, slots=True)
class LineShort(Payload):
    """``qty`` of a line could not be picked, for ``reason``."""

    line_no: int
    qty: int
    reason: ShortReason


@dataclass(frozen=True, slots=True)
class LineShortUndone(Payload):
    """An undo of a short report: ``qty`` of a line is to be picked again after all."""

    line_no: int
    qty: int


@dataclass(frozen=True, slots=True)
class OrderPicked(Payload):
    """Every line is picked or reported short; the order goes to packing."""


@dataclass(frozen=True, slots=True)
class PackStarted(Payload):
    """A packer opens a picked order at a station."""

    roles: ClassVar[frozenset[Role]] = frozenset({Role.PACKER})


@dataclass(frozen=True, slots=True)
class LinePacked(Payload):
    """``qty`` of a line was verified by scan into the box.

    The optional fields came with multi-package packing (v1 stations leave them out):
    ``package_no`` the package being filled (``None``: 1); ``lot``, ``expiry`` (ISO
    date) and ``serial`` what a GS1 label of the item said.
    """

    line_no: int
    qty: int
    package_no: int | None = None
    lot: str | None = None
    expiry: str | None = None
    serial: str | None = None

    roles: ClassVar[frozenset[Role]] = frozenset({Role.PACKER})


@dataclass(frozen=True, slots=True)
class LineUnpacked(Payload):
    """An undo at the pack station: ``qty`` verified units of a line are taken back out
    of the package being filled (never out of a closed one)."""

    line_no: int
    qty: int

    roles: ClassVar[frozenset[Role]] = frozenset({Role.PACKER})


@dataclass(frozen=True, slots=True)
class PackageClosed(Payload):
    """The package being filled is closed: every unit verified since the last close is
    in it, in ``carton``, weighing ``weight_g`` (``expected_g`` by the items and the
    carton's tare), labelled ``sscc``. ``override_by`` is the supervisor who accepted
    a weight outside the station's tolerance."""

    package_no: int
    sscc: str
    carton: str
    weight_g: int
    expected_g: int
    override_by: str | None = None

    roles: ClassVar[frozenset[Role]] = frozenset({Role.PACKER})


@dataclass(frozen=True, slots=True)
class PackHeld(Payload):
    """The packer cannot finish the order: it goes on hold for ``reason`` (the units
    verified into a package not yet closed go back to its tote)."""

    reason: PackHoldReason
    line_no: int | None = None

    roles: ClassVar[frozenset[Role]] = frozenset({Role.PACKER})


@dataclass(frozen=True, slots=True)
class OrderPacked(Payload):
    """The box is closed, weighed and labelled."""

    box: str
    weight_g: int
    tracking: str | None = None

    roles: ClassVar[frozenset[Role]] = frozenset({Role.PACKER})


@dataclass(frozen=True, slots=True)
class OrderShipped(Payload):
    """The parcel left with the carrier."""

    roles: ClassVar[frozenset[Role]] = frozenset({Role.PACKER})


@dataclass(frozen=True, slots=True)
class OrderHeld(Payload):
    """A supervisor stops work on the order."""

    reason: str

    roles: ClassVar[frozenset[Role]] = frozenset({Role.SUPERVISOR})


@dataclass(frozen=True, slots=True)
class OrderUnheld(Payload):
    """A supervisor lets work on a held order go on; ``reason`` (optional, kept with
    the event) says why."""

    reason: str | None = None

    roles: ClassVar[frozenset[Role]] = frozenset({Role.SUPERVISOR})


@dataclass(frozen=True, slots=True)
class PrioritySet(Payload):
    """A supervisor moves an order up or down the queue."""

    priority: Priority

    roles: ClassVar[frozenset[Role]] = frozenset({Role.SUPERVISOR})


@dataclass(frozen=True, slots=True)
class PickerAssigned(Payload):
    """A supervisor keeps an open order for one picker: only ``picker`` may claim it."""

    picker: str

    roles: ClassVar[frozenset[Role]] = frozenset({Role.SUPERVISOR})


@dataclass(frozen=True, slots=True)
class PickerUnassigned(Payload):
    """A supervisor frees an open order kept for a picker: anyone may claim it again."""

    roles: ClassVar[frozenset[Role]] = frozenset({Role.SUPERVISOR})


@dataclass(frozen=True, slots=True)
class ClaimCancelled(Payload):
    """A supervisor takes an order away from ``station`` (gone quiet: dead, lost,
    switched off); the order goes back to the queue with what was done so far.
    ``station`` is the one the supervisor saw holding it: should another station
    hold it by the time the event arrives, the event is refused."""

    station: str

    roles: ClassVar[frozenset[Role]] = frozenset({Role.SUPERVISOR})


@dataclass(frozen=True, slots=True)
class LabelsReprint(Payload):
    """A supervisor asks ``station`` to print the order's labels again (one package,
    ``package_no``, or all of them). The order does not change; the store hands the
    request to that station on its next pull."""

    station: str
    package_no: int | None = None

    roles: ClassVar[frozenset[Role]] = frozenset({Role.SUPERVISOR})


@dataclass(frozen=True, slots=True)
class WrongScan(Payload):
    """A person working on the order scanned ``scanned`` where the flow expected
    ``expected``. A fact about the person, not the order: the order does not change,
    and the event is taken whatever the order's status (the store's ledger counts
    it in the people figures)."""

    expected: ScanExpected
    scanned: str

    roles: ClassVar[frozenset[Role]] = frozenset(Role)


EVENT_TYPES: Mapping[EventType, type[Payload]] = {
    EventType.ORDER_CLAIMED: OrderClaimed,
    EventType.ORDER_RELEASED: OrderReleased,
    EventType.LINE_PICKED: LinePicked,
    EventType.LINE_UNPICKED: LineUnpicked,
    EventType.LINE_SHORT: LineShort,
    EventType.LINE_SHORT_UNDONE: LineShortUndone,
    EventType.ORDER_PICKED: OrderPicked,
    EventType.PACK_STARTED: PackStarted,
    EventType.LINE_PACKED: LinePacked,
    EventType.LINE_UNPACKED: LineUnpacked,
    EventType.PACKAGE_CLOSED: PackageClosed,
    EventType.PACK_HELD: PackHeld,
    EventType.ORDER_PACKED: OrderPacked,
    EventType.ORDER_SHIPPED: OrderShipped,
    EventType.ORDER_HELD: OrderHeld,
    EventType.ORDER_UNHELD: OrderUnheld,
    EventType.PRIORITY_SET: PrioritySet,
    EventType.PICKER_ASSIGNED: PickerAssigned,
    EventType.PICKER_UNASSIGNED: PickerUnassigned,
    EventType.CLAIM_CANCELLED: ClaimCancelled,
    EventType.LABELS_REPRINT: LabelsReprint,
    EventType.SCAN_WRONG: WrongScan,
}
_TYPE_OF_PAYLOAD = {cls: event_type for event_type, cls in EVENT_TYPES.items()}


@dataclass(frozen=True, slots=True)
class Event:
    """One action at one station by one person, with its client-made id.

    ``proof`` is set on supervisor actions only: the HMAC of ``app.domain.proof``
    that shows the supervisor typed their PIN at the station.
    """

    id: uuid.UUID
    type: EventType
    station: str
    user: str
    at: datetime
    payload: Payload
    proof: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The event as the HTTP contract and the outbox carry it."""
        out = {
            "id": str(self.id),
            "type": self.type.value,
            "station": self.station,
            "user": self.user,
            "at": self.at.isoformat(),
            "payload": payload_to_json(self.payload),
        }
        if self.proof is not None:
            out["proof"] = self.proof
        return out

    @property
    def order_number(self) -> str:
        return self.payload.order_number


def payload_to_json(payload: Payload) -> dict[str, Any]:
    """The payload's fields as JSON values; ``None`` fields are left out."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(payload):
        value = getattr(payload, f.name)
        if value is not None:
            out[f.name] = value.value if isinstance(value, enum.Enum) else value
    return out


def new_event(payload: Payload, *, station: str, user: str, at: datetime | None = None) -> Event:
    """A new event with a fresh id, stamped now (UTC) unless ``at`` is given.

    Raises:
        ValueError: ``at`` has no time zone (the store would refuse the event).
    """
    if at is not None and at.tzinfo is None:
        raise ValueError("an event's time must carry a time zone")
    return Event(
        id=uuid.uuid4(),
        type=_TYPE_OF_PAYLOAD[type(payload)],
        station=station,
        user=user,
        at=at or datetime.now(UTC),
        payload=payload,
    )


def parse_event(raw: object) -> Event:
    """Check and build an event from its JSON form (see ``Event.to_json``).

    Raises:
        EventError: with a message naming the first field that is wrong.
    """
    if not isinstance(raw, Mapping):
        raise EventError("an event is a JSON object")
    expected = {"id", "type", "station", "user", "at", "payload"}
    _no_extra(raw, expected | {"proof"}, "event")
    for key in sorted(expected):
        if key not in raw:
            raise EventError(f"event: '{key}' is missing")
    try:
        event_id = uuid.UUID(_text(raw["id"], "id"))
    except ValueError:
        raise EventError(f"id: {raw['id']!r} is not a UUID") from None
    type_text = _text(raw["type"], "type")
    try:
        event_type = EventType(type_text)
    except ValueError:
        known = ", ".join(t.value for t in EventType)
        raise EventError(f"type: unknown event type {type_text!r} (known: {known})") from None
    station = _text(raw["station"], "station")
    user = _text(raw["user"], "user")
    at = _timestamp(raw["at"])
    payload = _payload(EVENT_TYPES[event_type], raw["payload"])
    return Event(event_id, event_type, station, user, at, payload, _proof(raw.get("proof")))


def _proof(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _PROOF.fullmatch(value):
        raise EventError("proof: must be 64 lowercase hex digits (an HMAC-SHA256)")
    return value


def _payload(cls: type[Payload], raw: object) -> Payload:
    if not isinstance(raw, Mapping):
        raise EventError("payload: must be a JSON object")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    _no_extra(raw, set(fields), "payload")
    values: dict[str, Any] = {}
    for name, f in fields.items():
        optional = f.default is None
        if name not in raw or raw[name] is None:
            if optional:
                continue
            raise EventError(f"payload: '{name}' is missing")
        values[name] = _field(name, str(f.type), raw[name])
    return cls(**values)


def _field(name: str, type_name: str, value: object) -> object:
    base = type_name.replace(" | None", "")
    if name == "order_number":
        return _text(value, name, max_length=40)
    if name == "scanned":
        return _text(value, name, max_length=MAX_SCANNED)
    if base == "int":
        return _positive_int(value, name)
    if base == "str":
        return _text(value, name)
    if base == "ShortReason":
        return _choice(ShortReason, value, name)
    if base == "PackHoldReason":
        return _choice(PackHoldReason, value, name)
    if base == "Priority":
        return _choice(Priority, value, name)
    if base == "ScanExpected":
        return _choice(ScanExpected, value, name)
    raise AssertionError(f"no parser for payload field {name}: {type_name}")  # pragma: no cover


def _positive_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise EventError(f"{name}: must be a whole number, got {value!r}")
    if value < 1:
        raise EventError(f"{name}: must be at least 1, got {value}")
    if value > 1_000_000:
        raise EventError(f"{name}: {value} is more than any station handles at once")
    return value


def _text(value: object, name: str, max_length: int = MAX_TEXT) -> str:
    try:
        return wire.check_text(value, name, max_length=max_length)
    except ValueError as error:
        raise EventError(str(error)) from None


def _choice(cls: type[_E], value: object, name: str) -> _E:
    text = _text(value, name)
    try:
        return cls(text)
    except ValueError:
        allowed = ", ".join(member.value for member in cls)
        raise EventError(f"{name}: {text!r} is not one of {allowed}") from None


def _timestamp(value: object) -> datetime:
    text = _text(value, "at")
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise EventError(f"at: {text!r} is not an ISO 8601 time") from None
    if at.tzinfo is None:
        raise EventError("at: the time must carry a time zone (e.g. +00:00)")
    try:
        return at.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:59:59-14:00 is in the year 10000 in UTC
        raise EventError(f"at: {text!r} is outside the years 1-9999 in UTC") from None


def _no_extra(raw: Mapping[Any, Any], allowed: set[str], where: str) -> None:
    extra = sorted(str(key) for key in raw if key not in allowed)
    if extra:
        raise EventError(f"{where}: unexpected field(s) {', '.join(extra)}")
