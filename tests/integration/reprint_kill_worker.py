"""A station killed while it acts on a reprint request (for test_reprint_kill.py).

Run as ``python -m tests.integration.reprint_kill_worker DB ADDRESS WHEN``. It acts on
the new requests in the station database ``DB`` (printer ``zebra`` at ``ADDRESS``) and
sends itself SIGKILL: ``mid`` while the transaction is open (after the first reprint
job was added), ``after`` right after the commit, before the print queue is told.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from app.printing import PrintQueue, TemplateLibrary
from app.printing.reprints import act_on_requests
from app.store import open_store
from app.store.print_jobs import PrintJobRepository
from tests.integration.test_reprint_kill import settings


def _die(*_args: Any, **_kwargs: Any) -> Any:
    os.kill(os.getpid(), signal.SIGKILL)


def main(db: str, address: str, when: str) -> int:
    store = open_store(Path(db))
    queue = PrintQueue(store, settings(address), TemplateLibrary(), station="station-2")
    if when == "mid":
        add = PrintJobRepository.add
        calls: list[int] = []

        def add_then_die(self: PrintJobRepository, *args: Any, **kwargs: Any) -> int:
            calls.append(1)
            if len(calls) == 2:
                _die()
            return add(self, *args, **kwargs)

        PrintJobRepository.add = add_then_die  # type: ignore[method-assign]
    else:
        queue.announce = _die  # type: ignore[method-assign]
    act_on_requests(store, queue)
    return 1  # not reached: killed above


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
