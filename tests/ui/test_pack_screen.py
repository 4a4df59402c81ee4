"""The pack screen on the whole kiosk: real sync loop, real order store, real SQLite.

An order is first picked on the pick screen (Ana, ``B-1001``), then packed on the pack
screen by Dan (``B-2001``, a packer) with keyboard-wedge scanner bursts through the
application's event filter and mouse taps; Sam (``B-3001``) is the supervisor whose
badge accepts a weight out of tolerance. What is checked is what is durable: the
station database, the label files its printer wrote, and the order store.
"""

# ruff: noqa: F811  (the ``floor`` fixture is imported from the pick screen's tests)
from __future__ import annotations

from pathlib import Path

from app.domain.model import OrderStatus
from app.domain.pack import PackSession
from app.domain.pack_outcome import PackMessage, PackPrompt, PackState
from tests.ui.test_pick_screen import (  # noqa: F401  (the fixture)
    FIRST_ORDER,
    WAIT_MS,
    Floor,
    floor,
    pick_to_done,
)
from ui.scanner.pipeline import Tone
from ui.screens.pack import PackScreen
from ui.screens.pack_text import sentence
from ui.screens.pick_views import PickAction


def pack_screen(floor: Floor) -> PackScreen:
    screen = floor.window.pack_screen
    assert screen is not None
    return screen


def session(floor: Floor) -> PackSession:
    found = pack_screen(floor).session
    assert found is not None, "no pack session on screen"
    return found


def prompt(floor: Floor) -> PackPrompt:
    return session(floor).prompt()


def picked_then_packer(floor: Floor) -> str:
    """Ana picks the queue's head; Dan logs in and opens packing by scan."""
    floor.start_single("B-1001")
    pick_to_done(floor)
    floor.tap(floor.pick.task_view.buttons[PickAction.HOME])
    assert floor.local_order(FIRST_ORDER).status is OrderStatus.PICKED
    floor.scan("#CMD:LOGOUT")
    floor.log_in("B-2001")
    floor.scan("#CMD:START-PACK")
    assert floor.window.current_screen() is pack_screen(floor)
    verdict = floor.scan(FIRST_ORDER)
    assert verdict.tone is Tone.GOOD, verdict.text
    assert prompt(floor).state is PackState.VERIFY
    return FIRST_ORDER


def verify(floor: Floor, units: int | None = None) -> None:
    """Scan the order's items, line by line (``units`` of them, default all)."""
    done = 0
    for line in prompt(floor).lines:
        for _ in range(line.left):
            if units is not None and done == units:
                return
            verdict = floor.scan(floor.barcode(line.sku))
            assert verdict.tone in (Tone.GOOD, Tone.DONE), verdict.text
            done += 1


def type_weight(floor: Floor, grams: int) -> None:
    panel = pack_screen(floor).work_view.weigh_panel
    for digit in str(grams):
        floor.tap(panel.keypad.keys[digit])
    floor.tap(panel.ok_button)


def wait_done(floor: Floor) -> None:
    floor.qtbot.waitUntil(lambda: prompt(floor).state is PackState.DONE, timeout=WAIT_MS)


def labels(floor: Floor) -> list[Path]:
    folder = Path(floor.kiosk.print_queue.settings.printers[0].address)
    return sorted(p for p in folder.rglob("*.pdf") if p.is_file())


def test_a_whole_pack_by_scans(floor: Floor) -> None:
    number = picked_then_packer(floor)
    verify(floor)
    assert prompt(floor).state is PackState.CARTON
    assert floor.said.text == sentence(
        PackMessage.ALL_VERIFIED, {"order": number, "carton": prompt(floor).suggested or ""}
    )
    floor.scan("#CMD:CONFIRM")
    assert prompt(floor).state is PackState.WEIGH
    type_weight(floor, prompt(floor).expected_g)
    wait_done(floor)
    assert floor.said.tone is Tone.DONE
    order = floor.local_order(number)
    assert order.status is OrderStatus.PACKED
    assert len(order.packages) == 1
    assert order.packages[0].sscc
    jobs = floor.kiosk.print_queue.jobs(reference=number)
    # The demo station has a label printer only: the shipping label, no A4 slip.
    assert [(job.label, job.state.value) for job in jobs] == [("shipping", "done")]
    assert len(labels(floor)) == 1
    floor.wait_synced()
    assert floor.store_order(number)["status"] == "packed"
