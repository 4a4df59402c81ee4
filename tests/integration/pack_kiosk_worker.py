"""The real kiosk, packing one picked order scan by scan, for the pack kill test.

Run as ``python -m tests.integration.pack_kiosk_worker PROFILE URL TOKEN ORDER`` (Qt's
offscreen platform unless QT_QPA_PLATFORM says otherwise). It builds ``ui.kiosk.Kiosk``
as ``scanpack`` does, waits until the first pull brings ``ORDER`` picked, logs packer
``dan`` in by badge, taps Pack and scans the order number. Then it does what the
prompt asks, through the kiosk's scan pipeline and the scale's slot, in two packages:

- VERIFY: the next unit's EAN-13; once half the order's units are in the first package
  (and none is closed yet), ``#CMD:CLOSE``;
- CARTON: ``#CMD:CONFIRM`` (the suggested carton);
- WEIGH: the expected weight, as a stable scale reading (``PackScreen.on_stable_weight``,
  what the scale's signal calls): the package closes with its SSCC;
- PRINT: it waits, WITHOUT letting Qt's event loop run, until every label job of the
  package is printed in the station database (the print worker is a thread of its
  own), says so, and only then lets the event loop hear of it (``order.packed`` or the
  next package). A kill there lands between the label print and what follows it.

One line per step (each flushed)::

    START {"order", "ids"}               the session is on screen (ids: pack.started)
    STEP {prompt}                        before each step, and once more at DONE
    COMMITTED {"kind", "ids", ...prompt} a step whose events are stored; the prompt after
    SCANNED {"kind", ...prompt}          a step that stored nothing (CLOSE, CONFIRM)
    PRINTED {"kind", "jobs", ...prompt}  the package's labels printed, not yet heard of
    DONE                                 the outbox is empty: the store has everything

``kind`` says which step: ``verified`` (an item), ``closing`` (CLOSE), ``carton``
(CONFIRM), ``closed`` (the weight), ``printed``, ``heard`` (what followed the print).

A prompt is ``{"state", "verified", "packages", "package_no"}``: the session's verified
count per line (``{"1": 2, ...}``) and the order's closed packages as ``[[no, sscc]]``.
After each COMMITTED, SCANNED or PRINTED line it reads one line of stdin before going
on (so the test can SIGKILL it at exactly that point); at end of stdin it no longer
waits. Any surprise exits with status 3 and the reason on stderr.
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
from app.domain.model import BarcodeKind, OrderStatus, User
from app.domain.pack import PackSession
from app.domain.pack_outcome import PackState
from app.domain.scan import RawScan
from app.store.print_jobs import JobState
from app.sync.state import SyncStatus

STATION = "station-1"
PACKER = "dan"
BADGE = "B-2001"
WAIT_S = 45.0


class Failed(Exception):
    """The kiosk did not do what the worker expected."""


def prompt_json(session: PackSession) -> dict[str, Any]:
    """The step on screen, the verified counts and the closed packages."""
    prompt = session.prompt()
    order = session.order
    return {
        "state": prompt.state.value,
        "verified": {str(line.line_no): line.verified for line in prompt.lines},
        "packages": [[p.package_no, p.sscc] for p in order.packages],
        "package_no": prompt.package_no,
    }


def say(word: str, data: object = None) -> None:
    print(word if data is None else f"{word} {json.dumps(data, sort_keys=True)}", flush=True)


def main(profile: str, url: str, token: str, number: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.kiosk import Kiosk

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(profile)
    settings = Settings(
        server_url=url,
        station=STATION,
        token=token,
        sync_interval_s=0.2,
        gs1_company_prefix="4012345",
        sscc_station=1,
    )
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

    # Which events each step stored: a pass-through around the service the screen uses.
    stored: list[str] = []
    act = kiosk.pack_service.act

    def recording(session: PackSession, intent: Any) -> Any:
        outcome = act(session, intent)
        stored.extend(str(event.id) for event in outcome.events)
        return outcome

    kiosk.pack_service.act = recording  # type: ignore[method-assign]

    try:
        window = kiosk.window
        window.resize(1280, 800)
        window.show()
        store = kiosk.station.store

        def ready() -> bool:
            with store.unit_of_work(readonly=True) as uow:
                order = uow.orders.get(number)
                return (
                    uow.users.by_badge(BADGE) is not None
                    and order is not None
                    and (order.status is not OrderStatus.OPEN)
                )

        wait(lambda: kiosk.bridge.latest.status is SyncStatus.ONLINE and ready(), "the pull")
        window.login_screen.submit(BADGE)
        wait(lambda: window.user is not None, "the badge log-in")
        user = window.user
        if not isinstance(user, User) or user.username != PACKER:
            raise Failed(f"badge {BADGE} logged in {user}, not {PACKER}")
        screen = window.pack_screen
        assert screen is not None
        window.home_screen.tiles["pack"].click()
        wait(lambda: window.current_screen() is screen, "the pack screen")
        pipeline = kiosk.scanners.pipeline
        verdicts: list[Any] = []
        pipeline.answered.connect(verdicts.append)

        def scan(text: str) -> None:
            stored.clear()
            verdicts.clear()
            if pipeline.submit(RawScan(text)) is None:
                raise Failed(f"the pipeline could not resolve {text}")
            if not verdicts or not verdicts[-1].ok:
                raise Failed(f"scan {text} answered {verdicts}")

        scan(number)  # opened on the database lane, its start then recorded
        wait(lambda: screen.session is not None and not screen.busy, "the order on screen")
        session = screen.session
        assert session is not None
        say("START", {"order": number, "ids": list(stored)})  # pack.started, once
        barcodes = ean13s(kiosk, [line.sku for line in session.prompt().lines])
        half = sum(line.picked for line in session.prompt().lines) // 2

        while True:
            session = screen.session
            assert session is not None
            say("STEP", prompt_json(session))
            prompt = session.prompt()
            state = prompt.state
            stored.clear()
            if state is PackState.DONE:
                break
            if state is PackState.VERIFY:
                boxed = sum(qty for p in session.order.packages for _, qty in p.contents)
                loose = sum(line.verified for line in prompt.lines) - boxed
                if not session.order.packages and loose >= half:
                    kind = "closing"
                    scan("#CMD:CLOSE")
                else:
                    kind = "verified"
                    scan(barcodes[next(line.sku for line in prompt.lines if line.left)])
            elif state is PackState.CARTON:
                kind = "carton"
                scan("#CMD:CONFIRM")
            elif state is PackState.WEIGH:
                kind = "closed"
                screen.on_stable_weight(prompt.expected_g)
                if not stored:
                    raise Failed(f"the weight {prompt.expected_g} g closed nothing")
            elif state is PackState.PRINT:
                jobs = wait_printed(kiosk, number, prompt.package_no)
                say("PRINTED", {"kind": "printed", "jobs": jobs, **prompt_json(session)})
                gate()
                kind = "heard"
                wait(
                    lambda: screen.session is None or screen.session.state is not PackState.PRINT,
                    "the labels heard of",
                )
            else:
                raise Failed(f"unexpected step {prompt}")
            after = screen.session
            assert after is not None
            if stored:
                say("COMMITTED", {"kind": kind, "ids": list(stored), **prompt_json(after)})
            else:
                say("SCANNED", {"kind": kind, **prompt_json(after)})
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


def wait_printed(kiosk: Any, number: str, package_no: int) -> list[int]:
    """The ids of package ``package_no``'s label jobs once each kind of label (shipping,
    slip) has printed, polled in the station database while the GUI thread does nothing
    else (the print worker and the task runner are threads of their own)."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        jobs = [
            job
            for job in kiosk.print_queue.jobs(500, reference=number)
            if int(job.request.get("package", 1)) == package_no
        ]
        kinds = {job.label for job in jobs}
        done = [job for job in jobs if job.state is JobState.DONE]
        if jobs and kinds == {job.label for job in done}:
            return sorted(job.id for job in done)
        time.sleep(0.01)
    raise Failed(f"the labels of package {package_no} were not printed in {WAIT_S:g} s")


def ean13s(kiosk: Any, skus: list[str]) -> dict[str, str]:
    """Each item's EAN-13, from the station database (one item per scan)."""
    found = {}
    with kiosk.station.store.unit_of_work(readonly=True) as uow:
        for sku in skus:
            product = uow.products.by_sku(sku)
            if product is None:
                raise Failed(f"product {sku} is not in the station database")
            found[sku] = next(b.code for b in product.barcodes if b.kind is BarcodeKind.EAN13)
    return found


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
