"""What the sync engine tells the screen: online or not, what waits, what went wrong."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from app.sync.problems import SyncProblem


class SyncStatus(enum.StrEnum):
    """The station's link to the order store, as the status bar shows it."""

    NOT_CONFIGURED = "not_configured"  # no server URL or token yet
    CONNECTING = "connecting"  # started, no answer yet
    ONLINE = "online"  # the last round trip worked
    OFFLINE = "offline"  # unreachable, timing out, or answering 5xx / nonsense
    AUTH_FAILED = "auth_failed"  # the store refused the station token (401/403)


@dataclass(frozen=True, slots=True)
class SyncState:
    """A snapshot of the sync engine for the UI; immutable, safe to pass between threads.

    Attributes:
        status: the link's state.
        pending: events in the outbox not yet acknowledged by the store.
        rejected: events the store refused; they stay until a person has seen them.
        last_success: when a push and pull last completed (UTC), if ever.
        last_error: the last problem as an English sentence for logs, empty when the
            last round worked.
        problem: the last problem as a typed code with arguments (what a screen words
            in the reader's language), ``None`` when the last round worked.
        retry_in_s: seconds until the next attempt.
    """

    status: SyncStatus = SyncStatus.CONNECTING
    pending: int = 0
    rejected: int = 0
    last_success: datetime | None = None
    last_error: str = ""
    problem: SyncProblem | None = None
    retry_in_s: float = 0.0
