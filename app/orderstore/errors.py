"""Whole-request refusals of the order store: an HTTP status, a code and a reason."""

from __future__ import annotations

from typing import Any

# The codes of whole-request refusals, by HTTP status, where no finer code is given.
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "body_timeout",
    409: "conflict",
    413: "body_too_large",
    422: "invalid",
}


class StoreError(Exception):
    """A request the store refuses as a whole; ``status`` is the HTTP status to answer,
    ``code`` a stable word for programs, ``detail`` the reason for people and logs."""

    def __init__(self, status: int, detail: Any, *, code: str | None = None) -> None:
        super().__init__(str(detail))
        self.status = status
        self.detail = detail
        self.code = code or STATUS_CODES.get(status, "refused")
