"""The HTTP client of the central order store (contract v1, docs/http-contract.md).

Every failure becomes one of four ``SyncError`` kinds carrying a typed
``SyncProblem`` (which ``ui/`` words for the operator) and an English sentence for
the log; nothing from ``requests`` leaks out. TLS certificates are always verified,
against the system's CAs or a configured PEM bundle.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
import requests

import app
from app.store.bulk import paused_gc
from app.sync.problems import SyncProblem, SyncProblemCode


class SyncError(Exception):
    """The order store could not be used this time.

    Attributes:
        problem: what went wrong, as a code with arguments (for the operator, worded
            in ``ui/``); ``str(error)`` is the English sentence for the log.
    """

    def __init__(self, message: str, problem: SyncProblem | None = None) -> None:
        super().__init__(message)
        self.problem = problem or SyncProblem(SyncProblemCode.BROKEN_ANSWER)


class Unreachable(SyncError):
    """No answer: connection refused, DNS, TLS failure, timeout."""


class ServerError(SyncError):
    """The store answered 5xx, or something that is not the contract's JSON."""


class AuthFailed(SyncError):
    """The store refused the station's token (401) or its role (403)."""


class Refused(SyncError):
    """The store refused the request as malformed (413/422); ``detail`` says why."""

    def __init__(self, message: str, detail: Any, problem: SyncProblem | None = None) -> None:
        super().__init__(message, problem)
        self.detail = detail


class OrderStoreClient:
    """Calls the order store for one station.

    Not thread-safe (one ``requests.Session``): the sync worker owns it.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout_s: float = 10.0,
        ca_bundle: str | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._timeout = (min(timeout_s, 5.0), timeout_s)  # (connect, read)
        self._http = requests.Session()
        self._http.verify = ca_bundle or True
        self._http.trust_env = False  # a warehouse proxy setting must not reroute the store
        self._http.headers.update(
            {
                "Authorization": f"Bearer {token}",
                "User-Agent": f"scanpack/{app.__version__}",
                "Accept": "application/json",
            }
        )

    def close(self) -> None:
        self._http.close()

    def health(self) -> dict[str, Any]:
        return self._call("GET", "/api/v1/health")  # type: ignore[no-any-return]

    def changes(self, since: int, limit: int) -> dict[str, Any]:
        """One page of ``/changes``; its shape is checked by the caller's parser."""
        body = self._call("GET", "/api/v1/changes", params={"since": since, "limit": limit})
        if not isinstance(body, dict):
            raise ServerError("the order store sent a change page that is not a JSON object")
        return body

    def push(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send a batch of events; returns the store's answer for each, in order."""
        return self.push_json([e["id"] for e in events], [json.dumps(e) for e in events])

    def push_json(self, ids: list[str], events: list[str]) -> list[dict[str, Any]]:
        """Send a batch of events given as JSON texts (as the outbox keeps them)."""
        body = ('{"events":[' + ",".join(events) + "]}").encode()
        answer = self._call(
            "POST", "/api/v1/events", data=body, headers={"Content-Type": "application/json"}
        )
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list) or len(results) != len(ids):
            raise ServerError("the order store's answer to a push does not list every event")
        for sent_id, result in zip(ids, results, strict=True):
            if not isinstance(result, dict) or result.get("id") != sent_id:
                raise ServerError("the order store answered for events the station did not send")
            if result.get("result") not in ("applied", "duplicate", "rejected"):
                raise ServerError(
                    f"the order store gave an unknown result {result.get('result')!r}"
                )
        return results

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        url = self.base_url + path
        try:
            response = self._http.request(method, url, timeout=self._timeout, **kwargs)
        except requests.exceptions.SSLError as error:
            detail = _short(error)
            raise Unreachable(
                f"the order store's TLS certificate was not accepted ({detail}); "
                "check the CA bundle in Settings",
                SyncProblem(SyncProblemCode.TLS_REJECTED, {"detail": detail}),
            ) from None
        except requests.Timeout:
            seconds = self._timeout[1]
            raise Unreachable(
                f"the order store did not answer within {seconds:g} s",
                SyncProblem(SyncProblemCode.TIMEOUT, {"seconds": seconds}),
            ) from None
        except requests.RequestException as error:
            detail = _short(error)
            raise Unreachable(
                f"cannot reach the order store at {self.base_url} ({detail})",
                SyncProblem(SyncProblemCode.UNREACHABLE, {"url": self.base_url, "detail": detail}),
            ) from None
        status = response.status_code
        if status in (401, 403):
            detail = _detail(response) or str(status)
            raise AuthFailed(
                f"the order store refused this station's token: {detail}; "
                "enter a valid token in Settings",
                SyncProblem(SyncProblemCode.TOKEN_REFUSED, {"detail": detail}),
            )
        if status >= 500:
            raise ServerError(
                f"the order store has a problem (HTTP {status}); retrying",
                SyncProblem(SyncProblemCode.SERVER_FAILING, {"status": status}),
            )
        if status in (413, 422):
            detail = _detail(response)
            raise Refused(
                f"the order store refused the request: {detail}",
                _json_or_none(response),
                SyncProblem(SyncProblemCode.REQUEST_REFUSED, {"detail": detail}),
            )
        if status != 200:
            raise ServerError(
                f"the order store answered HTTP {status} unexpectedly",
                SyncProblem(SyncProblemCode.UNEXPECTED_STATUS, {"status": status}),
            )
        body = _json_or_none(response)
        if body is None:
            raise ServerError(
                "the order store answered with something that is not JSON",
                SyncProblem(SyncProblemCode.NOT_JSON),
            )
        return body


def _json_or_none(response: requests.Response) -> Any:
    # orjson: a 1,000-order /changes page decodes 3-4x faster than with the json module.
    # Strict RFC 8259 (UTF-8, no NaN): the contract's JSON is both. The collector pauses
    # while the page's ~10,000 containers are made (see ``paused_gc``).
    try:
        with paused_gc():
            return orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None


def _detail(response: requests.Response) -> str:
    body = _json_or_none(response)
    detail = body.get("detail") if isinstance(body, dict) else None
    return str(detail)[:300] if detail else ""


def _short(error: BaseException) -> str:
    text = str(error)
    # requests nests the reason deep inside; its last clause is the readable part.
    for marker in ("Errno", "Connection refused", "Name or service", "CERTIFICATE_VERIFY_FAILED"):
        if marker in text:
            start = text.find(marker)
            return text[start : start + 120].rstrip(")'\"]> ")
    return text[:120]
