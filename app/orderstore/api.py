"""The HTTP contract v1 (docs/http-contract.md) over the order store's use cases."""

# No "from __future__ import annotations" here: FastAPI reads the annotations of the
# nested endpoint functions at run time, and they name closure variables.

import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt, StringConstraints
from sqlalchemy import Engine

import app
from app.domain import wire
from app.domain.events import EventError, parse_event
from app.domain.model import SKU_PATTERN, OrderStatus, Priority, ShipTo
from app.orderstore import service
from app.orderstore.auth import Caller, TokenRole, caller_for

MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_EVENTS = 500
MAX_ORDERS = 1000

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventBatch(Strict):
    # Each event is checked by app.domain.events.parse_event, the one gate for events;
    # pydantic only checks the batch's shape and size.
    events: list[Any] = Field(min_length=1, max_length=MAX_EVENTS)


class ShipToIn(Strict):
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    street: Text = ""
    city: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    postcode: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] = ""
    country: Annotated[str, StringConstraints(pattern=r"^([A-Z]{2})?$")] = ""


class LineIn(Strict):
    sku: Annotated[str, StringConstraints(pattern=SKU_PATTERN.pattern)]
    qty: Annotated[StrictInt, Field(ge=1, le=100_000)]


class OrderIn(Strict):
    order_number: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")]
    priority: Priority = Priority.NORMAL
    cutoff: AwareDatetime
    carrier: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] = ""
    ship_to: ShipToIn = Field(default_factory=ShipToIn)
    lines: list[LineIn] = Field(min_length=1, max_length=200)


class OrderBatch(Strict):
    orders: list[OrderIn] = Field(min_length=1, max_length=MAX_ORDERS)


class CancelIn(Strict):
    reason: Text = ""


def _json(body: Any, status_code: int = 200) -> Response:
    # Big pages skip FastAPI's encoder: plain json.dumps is several times faster.
    return Response(
        content=json.dumps(body, separators=(",", ":")).encode(),
        status_code=status_code,
        media_type="application/json",
    )


def create_app(engine: Engine) -> FastAPI:
    """The order store's ASGI app on ``engine`` (schema already at head)."""
    api = FastAPI(title="scanpack order store", version=app.__version__)

    def caller(authorization: Annotated[str | None, Header()] = None) -> Caller:
        scheme, _, token = (authorization or "").partition(" ")
        found = caller_for(engine, token.strip()) if scheme.lower() == "bearer" else None
        if found is None:
            raise service.StoreError(401, "missing or unknown station token")
        return found

    def require(*roles: TokenRole) -> Any:
        def check(who: Annotated[Caller, Depends(caller)]) -> Caller:
            if not who.may(*roles):
                allowed = " or ".join(role.value for role in roles)
                raise service.StoreError(403, f"this call needs a token with role {allowed}")
            return who

        return Depends(check)

    @api.exception_handler(service.StoreError)
    def _store_error(_request: Request, error: service.StoreError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        return JSONResponse({"detail": error.detail}, status_code=error.status, headers=headers)

    @api.get("/api/v1/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": app.__version__, "api": 1}

    @api.get("/api/v1/changes", dependencies=[require(TokenRole.STATION)])
    def changes(
        since: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 1000,
    ) -> Response:
        return Response(
            content=service.changes_page_json(engine, since, limit), media_type="application/json"
        )

    @api.post("/api/v1/events")
    def events(batch: EventBatch, who: Annotated[Caller, require(TokenRole.STATION)]) -> Response:
        parsed, errors = [], []
        for index, raw in enumerate(batch.events):
            try:
                parsed.append(parse_event(raw))
            except EventError as error:
                event_id = raw.get("id") if isinstance(raw, dict) else None
                errors.append({"index": index, "id": event_id, "msg": str(error)})
        if errors:
            raise service.StoreError(422, errors)
        if TokenRole.ADMIN not in who.roles:
            foreign = sorted({e.station for e in parsed if e.station != who.station})
            if foreign:
                raise service.StoreError(
                    403,
                    f"the token of station {who.station} cannot send events of "
                    f"station(s) {', '.join(foreign)}",
                )
        answers = service.apply_events(engine, parsed)
        return _json({"results": [answer.to_json() for answer in answers]})

    @api.get("/api/v1/orders", dependencies=[require(*TokenRole)])
    def orders(
        status: Annotated[list[OrderStatus] | None, Query()] = None,
        after: Annotated[str | None, Query(max_length=40)] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> Response:
        return _json(service.list_orders(engine, status or [], after, limit))

    @api.get("/api/v1/orders/{order_number}", dependencies=[require(*TokenRole)])
    def order(order_number: str) -> Response:
        return _json(wire.order_to_json(service.get_order(engine, order_number)))

    @api.post("/api/v1/orders", dependencies=[require(TokenRole.ERP)])
    def import_orders(batch: OrderBatch) -> Response:
        new = [
            service.NewOrder(
                order_number=o.order_number,
                priority=o.priority,
                cutoff=_utc(o.cutoff),
                carrier=o.carrier,
                ship_to=ShipTo(**o.ship_to.model_dump()),
                lines=tuple(service.NewLine(line.sku, line.qty) for line in o.lines),
            )
            for o in batch.orders
        ]
        return _json({"results": service.import_orders(engine, new)})

    @api.post("/api/v1/orders/{order_number}/cancel", dependencies=[require(TokenRole.ERP)])
    def cancel(order_number: str, body: CancelIn | None = None) -> Response:
        reason = body.reason if body else ""
        return _json(wire.order_to_json(service.cancel_order(engine, order_number, reason)))

    return BodyLimit(api, MAX_BODY_BYTES)  # type: ignore[return-value]


class BodyLimit:
    """ASGI middleware: a request that declares a body over ``limit`` bytes gets 413.

    Plain ASGI, not Starlette's ``BaseHTTPMiddleware``, which streams every response
    through an extra task and costs the push a third of its speed.
    """

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)  # the wrapped FastAPI app's routes, state...

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            for key, value in scope["headers"]:
                if key == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                    response = JSONResponse(
                        {"detail": f"request body larger than {self.limit} bytes"},
                        status_code=413,
                    )
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def _utc(moment: datetime) -> datetime:
    return wire.parse_time(moment.isoformat())
