"""Request bodies as the contract reads them: strict JSON.

``json.loads`` (what Starlette's ``Request.json`` calls) guesses UTF-16 and UTF-32,
takes ``NaN``, keeps lone surrogate escapes (``"\\ud800"``, which neither database
can store and no JSON encoder can write back), and raises ``RecursionError`` or a
``ValueError`` that FastAPI answers 400 for JSON nested 100,000 deep or a number of
5,000 digits. ``strict_json`` turns all of these into ``json.JSONDecodeError``, which
FastAPI answers 422 ``json_invalid``; ``StrictJSONRoute`` makes every route read its
body with it (FastAPI's documented way to change how a request is read).
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.routing import APIRoute

MAX_DEPTH = 16  # JSON nesting; the contract's deepest body has 5 levels


def strict_json(body: bytes) -> Any:
    """A request body as JSON under RFC 8259 and the contract's limits.

    Stricter than ``json.loads``: UTF-8 only (no UTF-16/32 guessing, no encoded
    surrogates), no ``NaN``/``Infinity``, no lone surrogate escapes (``"\\ud800"``,
    which no database can store), nesting at most ``MAX_DEPTH`` deep.

    Raises:
        json.JSONDecodeError: what FastAPI answers with 422 ``json_invalid``; it is
            never a 400 or a 500 (a ``RecursionError``, an ``int`` over Python's digit
            limit).
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise json.JSONDecodeError("the body is not UTF-8", "", error.start) from None
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", "", 0) from None
    except ValueError as error:  # a number too long to read, NaN, Infinity
        raise json.JSONDecodeError(str(error)[:100], "", 0) from None
    _check_nesting(value, check_text=_SURROGATE_ESCAPE.search(text) is not None)
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _check_nesting(value: Any, *, check_text: bool) -> None:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
            if check_text:
                for key in item:
                    _utf8(key)
        elif isinstance(item, list):
            children = item
        else:
            if check_text and isinstance(item, str):
                _utf8(item)
            continue
        if depth > MAX_DEPTH:
            raise json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", "", 0)
        stack.extend(
            (child, depth + 1)
            for child in children
            if isinstance(child, dict | list) or (check_text and isinstance(child, str))
        )


def _utf8(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise json.JSONDecodeError("a lone surrogate escape is no character", "", 0) from None


class _StrictJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = strict_json(await self.body())
        return self._json


class StrictJSONRoute(APIRoute):
    """A route whose JSON body is read by ``strict_json`` (FastAPI's documented way
    to change how a request is read: a custom ``APIRoute``)."""

    def get_route_handler(self) -> Any:
        handler = super().get_route_handler()

        async def strict(request: Request) -> Response:
            return await handler(_StrictJSONRequest(request.scope, request.receive))

        return strict
