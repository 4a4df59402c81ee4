"""The real kiosk, picking one order scan by scan, for the pick kill test.

Run as ``python -m tests.integration.pick_kiosk_worker PROFILE URL TOKEN`` (Qt's
offscreen platform is used unless QT_QPA_PLATFORM says otherwise). It builds
``ui.kiosk.Kiosk`` as ``scanpack`` does, waits for the first pull, logs picker ``ana``
in by badge and lands on the pick screen: straight there, resumed, when she left a
pick open; else it taps Pick and Next order. Then it scans, through the kiosk's scan
pipeline, what the prompt asks for (the bin label, then the item's EAN-13, one item
per scan) until the order is done, and prints one line per step (each flushed)::

    START {"resumed", "direct", "order", "claim"}   the session is on screen
    STEP {prompt}                  before each scan, and once more at DONE
    COMMITTED {"ids", ...prompt}   a scan whose events are stored; the prompt after it
    SCANNED {prompt}               a scan that stored nothing (a bin label)
    DONE                           the outbox is empty: the store has everything

A prompt is ``{"state", "order", "line_no", "bin", "qty_left", "lines_done",
"picked"}`` with ``picked`` the counts of the order's lines (``{"1": 2, ...}``) as the
session on screen holds them.

After each COMMITTED or SCANNED line it reads one line of stdin before going on, so
that the test can SIGKILL it at exactly that point (while the sync worker goes on
pushing); at end of stdin it no longer waits. Any surprise exits with status 3 and
the reason on stderr.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.config import Settings
from app.domain.model import BarcodeKind, User
from app.domain.pick import Outcome, PickSession, PickState, Prompt
from app.domain.scan import RawScan
from app.sync.state import SyncStatus

STATION = "station-1"
USER = "ana"
BADGE = "B-1001"
WAIT_S = 45.0


class Failed(Exception):
    """The kiosk did not do what the worker expected."""


def prompt_json(session: PickSession) -> dict[str, Any]:
    """The prompt on screen and the counts of the session's order."""
    prompt: Prompt = session.prompt()
    (order,) = session.orders
    return {
        "state": prompt.state.value,
        "order": prompt.order_number or order.order_number,
        "line_no": prompt.line_no,
        "bin": prompt.bin,
        "qty_left": prompt.qty_left,
        "lines_done": prompt.lines_done,
        "picked": {str(line.line_no): line.picked_qty for line in order.lines},
    }


def say(word: str, data: object = None) -> None:
    print(word if data is None else f"{word} {json.dumps(data, sort_keys=True)}", flush=True)


def main(profile: str, url: str, token: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.kiosk import Kiosk

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(profile)
    settings = Settings(server_url=url, station=STATION, token=token, sync_interval_s=0.2)
    kiosk = Kiosk(settings, folder, folder / "station.toml")
    gated = True

    def wait(condition: Callable[[], object], what: str, timeout_s: float = WAIT_S) -> None:
        deadline = time.monotonic() + timeout_s
        while not condition():
            if time.monotonic() > deadline:
                raise Failed(f"timed out after {timeout_s:g} s waiting for {what}")
            app.processEvents()
            time.sleep(0.005)

    def gate() -> None:
        nonlocal gated
        if gated and not sys.stdin.readline():
            gated = False

    # Which events each scan stored: a pass-through around the service the screen uses.
    stored: list[str] = []
    record = kiosk.pick_service.record

    def recording(outcome: Outcome) -> None:
        record(outcome)
        stored.extend(str(event.id) for event in outcome.events)

    kiosk.pick_service.record = recording  # type: ignore[method-assign]

    try:
        window = kiosk.window
        window.resize(1280, 800)
        window.show()
        store = kiosk.station.store

        def ana_known() -> bool:
            with store.unit_of_work(readonly=True) as uow:
                return uow.users.by_badge(BADGE) is not None

        wait(
            lambda: kiosk.bridge.latest.status is SyncStatus.ONLINE and ana_known(),
            "the first pull",
        )
        window.login_screen.submit(BADGE)
        wait(lambda: window.user is not None, "the badge log-in")
        user = window.user
        if not isinstance(user, User) or user.username != USER:
            raise Failed(f"badge {BADGE} logged in {user}, not {USER}")
        screen = window.pick_screen
        assert screen is not None
        direct = window.current_screen() is screen
        if not direct:
            window.home_screen.tiles["pick"].click()
            wait(lambda: window.current_screen() is screen, "the pick screen")
        # open() looks for an open run on the task pool first.
        wait(lambda: not screen.busy, "the look for an open pick")
        resumed = screen.session is not None
        if not resumed:
            screen.start_view.single_button.click()
            wait(lambda: screen.session is not None and not screen.busy, "a claimed order")
        run = screen.run
        if run is None or screen.session is None:
            raise Failed(f"no pick on screen: {screen.message.text()}")
        (claimed,) = run.orders
        say(
            "START",
            {
                "resumed": resumed,
                "direct": direct,
                "order": claimed.order_number,
                "claim": str(claimed.claim_event),
            },
        )

        verdicts: list[Any] = []
        kiosk.scanners.pipeline.answered.connect(verdicts.append)
        while True:
            session = screen.session
            assert session is not None
            say("STEP", prompt_json(session))
            prompt = session.prompt()
            if prompt.state is PickState.DONE:
                break
            if prompt.state is PickState.GO_TO_BIN:
                assert prompt.bin is not None
                text = prompt.bin
            elif prompt.state is PickState.PICK_ITEM:
                assert prompt.sku is not None
                text = ean13(kiosk, prompt.sku)
            else:
                raise Failed(f"unexpected step {prompt}")
            stored.clear()
            verdicts.clear()
            if kiosk.scanners.pipeline.submit(RawScan(text)) is None:
                raise Failed(f"the pipeline could not resolve {text}")
            if not verdicts or not verdicts[-1].ok:
                raise Failed(f"scan {text} at {prompt} answered {verdicts}")
            session = screen.session
            assert session is not None
            after = prompt_json(session)
            if stored:
                say("COMMITTED", {"ids": list(stored), **after})
            else:
                say("SCANNED", after)
            gate()

        def sent() -> bool:
            with store.unit_of_work(readonly=True) as uow:
                return uow.outbox.count_pending() == 0 and uow.outbox.count_rejected() == 0

        wait(sent, "the outbox to empty")
        say("DONE")
        return 0
    except Failed as problem:
        print(f"worker failed: {problem}", file=sys.stderr, flush=True)
        return 3
    finally:
        kiosk.close()


def ean13(kiosk: Any, sku: str) -> str:
    """The item's EAN-13, from the station database (one item per scan)."""
    with kiosk.station.store.unit_of_work(readonly=True) as uow:
        product = uow.products.by_sku(sku)
    if product is None:
        raise Failed(f"product {sku} is not in the station database")
    return next(b.code for b in product.barcodes if b.kind is BarcodeKind.EAN13)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
