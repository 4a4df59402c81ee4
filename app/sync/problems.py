"""Why a sync round failed, as a typed code with arguments (no sentences here).

The status bar words a ``SyncProblem`` in the reader's language (``ui/``); the
English sentence each ``SyncError`` also carries is for the log only.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class SyncProblemCode(enum.StrEnum):
    """What went wrong talking to the order store (or storing what it sent)."""

    NOT_CONFIGURED = "not_configured"  # no server URL or token yet
    TLS_REJECTED = "tls_rejected"  # args: detail
    TIMEOUT = "timeout"  # args: seconds
    UNREACHABLE = "unreachable"  # args: url, detail
    TOKEN_REFUSED = "token_refused"  # args: detail
    SERVER_FAILING = "server_failing"  # 5xx; args: status
    UNEXPECTED_STATUS = "unexpected_status"  # args: status
    NOT_JSON = "not_json"
    BROKEN_ANSWER = "broken_answer"  # JSON, but not what the contract says
    REQUEST_REFUSED = "request_refused"  # 413/422; args: detail
    UNREADABLE_DATA = "unreadable_data"  # a /changes page the station cannot store; args: detail
    LOCAL_PROBLEM = "local_problem"  # the station's own database; args: detail


@dataclass(frozen=True, slots=True)
class SyncProblem:
    """One failure: its code and the values a sentence about it is made from.

    Attributes:
        code: what went wrong.
        args: the details (``seconds``, ``url``, ``status``, ``detail``...), plain values.
    """

    code: SyncProblemCode
    args: Mapping[str, str | int | float] = field(default_factory=dict)
