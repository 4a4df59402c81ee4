"""The HTTP contract v1 (docs/http-contract.md) over the order store's use cases."""

# No "from __future__ import annotations" here: FastAPI reads the annotations of the
# nested endpoint functions at run time, and they name closure variables.

import functools
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
)
from sqlalchemy import Engine
from starlette.exceptions import HTTPException

import app
from app.domain import wire
from app.domain.events import EventError, parse_event
from app.domain.model import SKU_PATTERN, OrderStatus, Priority, ShipTo
from app.orderstore import ledger, masterdata, neworders, pins, service
from app.orderstore.auth import Caller, TokenRole, caller_for
from app.orderstore.gate import CALLER_KEY, UNAUTHORIZED, BodyRefused, Gate, Limits
from app.orderstore.jsonbody import StrictJSONRoute
from app.orderstore.masterrows import Kind

MAX_EVENTS = 500
MAX_ORDERS = 1000
MAX_LINES = neworders.MAX_LINES
MAX_LIST = 500  # GET /orders: most orders in a page
MAX_SEQ = 2**63 - 1  # the largest change number a database column holds
ORDER_NUMBER = neworders.ORDER_NUMBER  # no "/": the number is a path segment
# What the store took before the rule above: orders imported then may have a '/'.
# They stay readable and cancellable (the path parameter takes the rest of the path).
STORED_ORDER_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
EARLIEST_CUTOFF = neworders.EARLIEST_CUTOFF
LATEST_CUTOFF = neworders.LATEST_CUTOFF
OPENAPI_PATH = "/api/v1/openapi.json"
HEALTH_PATH = "/api/v1/health"


def _checked_text(value: str, *, name: str, max_length: int, required: bool) -> str:
    return wire.check_text(value, name, max_length=max_length, required=required)


def Text(name: str, max_length: int, *, required: bool = False) -> Any:
    """A text field under the store's one rule for text (``wire.check_text``)."""
    check = functools.partial(_checked_text, name=name, max_length=max_length, required=required)
    return Annotated[str, Field(json_schema_extra={"maxLength": max_length}), AfterValidator(check)]


def _cutoff(moment: datetime) -> datetime:
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("cutoff: outside the years 1-9999 in UTC") from None
    if not EARLIEST_CUTOFF <= utc < LATEST_CUTOFF:
        raise ValueError("cutoff: must be from the year 2000 to 2999 (UTC)")
    return utc


def _after(value: str | None) -> str | None:
    return None if value is None else wire.check_text(value, "after", max_length=40)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventBatch(Strict):
    # Each event is checked by app.domain.events.parse_event, the one gate for events;
    # pydantic only checks the batch's shape and size.
    events: list[Any] = Field(min_length=1, max_length=MAX_EVENTS)


class ShipToIn(Strict):
    name: Text("name", 100) = ""  # type: ignore[valid-type]
    street: Text("street", 200) = ""  # type: ignore[valid-type]
    city: Text("city", 100) = ""  # type: ignore[valid-type]
    postcode: Text("postcode", 20) = ""  # type: ignore[valid-type]
    country: Annotated[str, StringConstraints(pattern=r"^([A-Z]{2})?$")] = ""


class LineIn(Strict):
    sku: Annotated[str, StringConstraints(pattern=SKU_PATTERN.pattern)]
    qty: Annotated[StrictInt, Field(ge=1, le=100_000)]


class OrderIn(Strict):
    order_number: Annotated[str, StringConstraints(pattern=ORDER_NUMBER.pattern)]
    priority: Priority = Priority.NORMAL
    cutoff: Annotated[AwareDatetime, AfterValidator(_cutoff)]
    carrier: Text("carrier", 40) = ""  # type: ignore[valid-type]
    ship_to: ShipToIn = Field(default_factory=ShipToIn)
    lines: list[LineIn] = Field(min_length=1, max_length=MAX_LINES)


class OrderBatch(Strict):
    orders: list[OrderIn] = Field(min_length=1, max_length=MAX_ORDERS)


class MasterBatch(Strict):
    # Each row is read and checked by app.orderstore.masterrows (codes per row and
    # field); pydantic only checks the batch's shape and size.
    products: list[Any] | None = Field(None, min_length=1, max_length=masterdata.MAX_ROWS)
    locations: list[Any] | None = Field(None, min_length=1, max_length=masterdata.MAX_ROWS)
    totes: list[Any] | None = Field(None, min_length=1, max_length=masterdata.MAX_ROWS)
    users: list[Any] | None = Field(None, min_length=1, max_length=masterdata.MAX_ROWS)


class CancelIn(Strict):
    reason: Text("reason", 200) = ""  # type: ignore[valid-type]


def _json(body: Any, status_code: int = 200) -> Response:
    # Big pages skip FastAPI's encoder: plain json.dumps is several times faster.
    return Response(
        content=json.dumps(body, separators=(",", ":")).encode(),
        status_code=status_code,
        media_type="application/json",
    )


def _error(
    status: int, code: str, detail: Any, headers: Mapping[str, str] | None = None
) -> Response:
    return JSONResponse({"detail": detail, "code": code}, status_code=status, headers=headers)


def _problems(error: RequestValidationError) -> list[dict[str, Any]]:
    # Never the "input" pydantic keeps: it can be the whole body (echoed, a request
    # of 8 MB would answer 8 MB) and customer data that has no place in logs.
    problems = []
    for item in error.errors():
        msg = str(item.get("msg", ""))
        reason = (item.get("ctx") or {}).get("error")
        if isinstance(reason, str) and reason not in msg:
            msg = f"{msg}: {reason}"
        problems.append(
            {
                "type": str(item.get("type", "")),
                "loc": [part if isinstance(part, int) else str(part) for part in item["loc"]],
                "msg": msg,
            }
        )
    return problems


def _stored_order_number(order_number: str) -> str:
    """``order_number`` from a path, or 404: a number the store never took is unknown."""
    if not STORED_ORDER_NUMBER.fullmatch(order_number):
        raise service.StoreError(404, f"unknown order {order_number!r}", code="unknown_order")
    return order_number


def _window_end(moment: datetime) -> datetime:
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("outside the years 1-9999 in UTC") from None


Moment = Annotated[AwareDatetime, AfterValidator(_window_end)]


def create_app(
    engine: Engine,
    *,
    docs: bool = False,
    limits: Limits | None = None,
    sightings: ledger.Sightings | None = None,
) -> Gate:
    """The order store's ASGI app on ``engine`` (schema already at head).

    Args:
        engine: the store's database.
        docs: serve the OpenAPI document at ``/api/v1/openapi.json`` (no token needed).
            No docs page: FastAPI's pages load their scripts from a CDN.
        limits: body size and read timeout (``Limits()`` by default).
        sightings: records when stations call (``ledger.Sightings`` on the wall
            clock by default).
    """
    limits = limits or Limits()
    seen = sightings or ledger.Sightings(engine, clock=lambda: datetime.now(UTC))
    api = FastAPI(
        title="scanpack order store",
        version=app.__version__,
        openapi_url=OPENAPI_PATH if docs else None,
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    api.router.route_class = StrictJSONRoute
    bearer = HTTPBearer(auto_error=False, description="a station token (scanpack-store token)")

    # async: no blocking work left here (the Gate read the token), so no thread hop.
    async def caller(
        request: Request,
        _token: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Caller:
        found = request.scope.get(CALLER_KEY)
        if not isinstance(found, Caller):  # the Gate lets no request without one through
            raise service.StoreError(401, UNAUTHORIZED)
        return found

    def require(*roles: TokenRole) -> Any:
        async def check(who: Annotated[Caller, Depends(caller)]) -> Caller:
            if not who.may(*roles):
                allowed = " or ".join(role.value for role in roles)
                raise service.StoreError(403, f"this call needs a token with role {allowed}")
            return who

        return Depends(check)

    @api.exception_handler(service.StoreError)
    def _store_error(_request: Request, error: service.StoreError) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        return _error(error.status, error.code, error.detail, headers)

    @api.exception_handler(RequestValidationError)
    def _invalid(_request: Request, error: RequestValidationError) -> Response:
        return _error(422, "invalid", _problems(error))

    @api.exception_handler(HTTPException)
    def _http_error(_request: Request, error: HTTPException) -> Response:
        if isinstance(error, BodyRefused):
            code = error.code
        else:
            code = service.STATUS_CODES.get(error.status_code, "refused")
        return _error(error.status_code, code, error.detail, error.headers)

    @api.get(HEALTH_PATH)
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": app.__version__, "api": 1}

    @api.get("/api/v1/changes")
    def changes(
        who: Annotated[Caller, require(TokenRole.STATION)],
        since: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
        limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 1000,
    ) -> Response:
        seen.saw(who.station)
        body = service.changes_page_json(engine, since, limit, who.station)
        return Response(content=body, media_type="application/json")

    @api.get("/api/v1/supervisors/{username}/pin-salt", dependencies=[require(TokenRole.STATION)])
    def pin_salt(username: Annotated[str, Path(max_length=64)]) -> Response:
        salt = pins.salt_of(engine, username)
        if salt is None:
            raise service.StoreError(404, f"no PIN is set for {username!r}", code="no_pin")
        return _json(salt.to_json())

    @api.post("/api/v1/events")
    def events(batch: EventBatch, who: Annotated[Caller, require(TokenRole.STATION)]) -> Response:
        seen.saw(who.station)
        parsed, errors = [], []
        for index, raw in enumerate(batch.events):
            try:
                parsed.append(parse_event(raw))
            except EventError as error:
                event_id = raw.get("id") if isinstance(raw, dict) else None
                errors.append(
                    {
                        "index": index,
                        "id": event_id if isinstance(event_id, str) else None,
                        "msg": str(error),
                    }
                )
        if errors:
            raise service.StoreError(422, errors, code="invalid_event")
        if TokenRole.ADMIN not in who.roles:
            foreign = sorted({e.station for e in parsed if e.station != who.station})
            if foreign:
                raise service.StoreError(
                    403,
                    f"the token of station {who.station} cannot send events of "
                    f"station(s) {', '.join(foreign)}",
                    code="foreign_station",
                )
        answers = service.apply_events(engine, parsed)
        return _json({"results": [answer.to_json() for answer in answers]})

    # The ledger has a prefix of its own: /orders/{n:path} would take /orders/{n}/events.
    @api.get("/api/v1/ledger/orders/{order_number:path}", dependencies=[require(TokenRole.STATION)])
    def order_timeline(
        order_number: Annotated[str, Path(max_length=40)],
        limit: Annotated[int, Query(ge=1, le=ledger.MAX_TIMELINE)] = ledger.MAX_TIMELINE,
    ) -> Response:
        return _json(ledger.timeline(engine, _stored_order_number(order_number), limit))

    @api.get("/api/v1/ledger/rates", dependencies=[require(TokenRole.STATION)])
    def rates(since: Annotated[Moment, Query()], until: Annotated[Moment, Query()]) -> Response:
        problem = ledger.check_window(since, until)
        if problem:
            raise service.StoreError(422, problem, code="bad_window")
        return _json(ledger.rates(engine, since, until))

    @api.get("/api/v1/ledger/stations", dependencies=[require(TokenRole.STATION)])
    def stations() -> Response:
        return _json(ledger.stations(engine))

    @api.get("/api/v1/orders", dependencies=[require(*TokenRole)])
    def orders(
        status: Annotated[list[OrderStatus] | None, Query()] = None,
        after: Annotated[str | None, Query(max_length=40), AfterValidator(_after)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 100,
    ) -> Response:
        return _json(service.list_orders(engine, status or [], after, limit))

    @api.get("/api/v1/orders/{order_number:path}", dependencies=[require(*TokenRole)])
    def order(order_number: str) -> Response:
        number = _stored_order_number(order_number)
        return _json(wire.order_to_json(service.get_order(engine, number)))

    @api.post("/api/v1/orders", dependencies=[require(TokenRole.ERP)])
    def import_orders(batch: OrderBatch) -> Response:
        new = [
            service.NewOrder(
                order_number=o.order_number,
                priority=o.priority,
                cutoff=o.cutoff,
                carrier=o.carrier,
                ship_to=ShipTo(**o.ship_to.model_dump()),
                lines=tuple(service.NewLine(line.sku, line.qty) for line in o.lines),
            )
            for o in batch.orders
        ]
        return _json({"results": service.import_orders(engine, new)})

    def master(kind: Kind) -> Any:
        def upsert(batch: MasterBatch) -> Response:
            return _upsert(kind, batch)

        return upsert

    def _upsert(kind: Kind, batch: MasterBatch) -> Response:
        rows = getattr(batch, kind.value)
        others = [k.value for k in Kind if k is not kind and getattr(batch, k.value) is not None]
        if rows is None or others:
            problem = {"type": "missing", "loc": ["body", kind.value], "msg": "the rows to write"}
            raise service.StoreError(422, [problem], code="invalid")
        try:
            outcome = masterdata.upsert(engine, kind, rows)
        except masterdata.MasterDataError as error:
            detail = [e.to_json() for e in error.errors[: masterdata.MAX_ROWS]]
            raise service.StoreError(422, detail, code="invalid_rows") from None
        return _json(outcome.to_json())

    for kind in Kind:
        api.post(f"/api/v1/{kind.value}", dependencies=[require(TokenRole.ERP)])(master(kind))

    @api.post("/api/v1/orders/{order_number:path}/cancel", dependencies=[require(TokenRole.ERP)])
    def cancel(order_number: str, body: CancelIn | None = None) -> Response:
        number = _stored_order_number(order_number)
        reason = body.reason if body else ""
        return _json(wire.order_to_json(service.cancel_order(engine, number, reason)))

    open_paths = frozenset({HEALTH_PATH, OPENAPI_PATH} if docs else {HEALTH_PATH})
    return Gate(api, functools.partial(caller_for, engine), limits, open_paths)
