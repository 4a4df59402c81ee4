"""A whole pack driven by scans alone: a keyboard-wedge scanner's key events through the
application's event filter, and a bench scale on a real pseudo-terminal pair. No tap
from the packer's log-in to the next order.

The station has a label printer and an A4 office printer (two ``file`` printers of the
``[printing]`` table): the shipping label goes to the first, the packing slip to the
second, both before the order is shown done. Its ``[packing]`` table gives it two
carton types of its own and a tolerance of 30 g.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import bootstrap
from app.config import Settings
from app.domain.model import OrderStatus
from app.domain.pack_outcome import PackMessage, PackState
from app.packing.settings import load_packing
from app.picking import PickAction
from app.sync.state import SyncStatus
from tests.ui.serial_pty import Pty
from tests.ui.test_pack_screen import pack_screen, prompt, wait_open
from tests.ui.test_pick_screen import FIRST_ORDER, WAIT_MS, Floor, pick_to_done
from ui.kiosk import Kiosk
from ui.scanner.pipeline import Tone
from ui.screens.pack_text import sentence

PRINTING = """
[packing]
tolerance_g = 30
tolerance_percent = 0

[[packing.cartons]]
code = "S1"
name = "Small mailer"
inner_length_mm = 250
inner_width_mm = 180
inner_height_mm = 80
tare_g = 90
max_gross_g = 3000
barcode = "CT-S1"

[[packing.cartons]]
code = "L1"
name = "Large box"
inner_length_mm = 600
inner_width_mm = 400
inner_height_mm = 400
tare_g = 900
max_gross_g = 30000
barcode = "CT-L1"

[printing]
routes = {{ "*" = "labels", "packing-slip" = "office" }}

[[printing.printers]]
name = "labels"
kind = "file"
address = "{labels}"
format = "pdf"
dpi = 300

[[printing.printers]]
name = "office"
kind = "file"
address = "{office}"
format = "pdf"
paper = "a4"
"""


@pytest.fixture
def bench(tmp_path: Path, qtbot: QtBot, pty: Pty) -> Iterator[Floor]:
    """A pack bench: the demo store, a scale on ``pty``, a label and an office printer."""
    demo = bootstrap.start_demo_store(tmp_path / "demo-store")
    settings = bootstrap.demo_settings(demo, Settings())
    settings.sync_interval_s = 0.5
    settings.scale_port = pty.path
    settings.scale_stable_ms = 300
    toml = tmp_path / "station.toml"
    toml.write_text(PRINTING.format(labels=tmp_path / "labels", office=tmp_path / "office"))
    kiosk = Kiosk(settings, tmp_path / "profile", toml, demo.stop)
    floor = Floor(qtbot, kiosk, demo, tmp_path / "demo-store")
    try:
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
        kiosk.window.activateWindow()
        qtbot.waitUntil(lambda: kiosk.bridge.latest.status is SyncStatus.ONLINE, timeout=30_000)

        def pulled() -> bool:
            with kiosk.station.store.unit_of_work(readonly=True) as uow:
                return uow.orders.get(FIRST_ORDER) is not None and bool(uow.users.get("ana"))

        qtbot.waitUntil(pulled, timeout=WAIT_MS)
        yield floor
    finally:
        floor.close()
        kiosk.close()


def on_the_scale(pty: Pty, grams: int) -> None:
    """The parcel goes on the scale: a few unstable lines, then stable ones."""
    kg = grams / 1000
    pty.send(f"US,GS,+{kg + 0.05:8.3f}kg\r\nUS,GS,+{kg - 0.02:8.3f}kg\r\n".encode())
    pty.send(f"ST,GS,+{kg:8.3f}kg\r\n".encode() * 3)


def picked_by_ana(floor: Floor) -> None:
    """Ana picks the queue's head and logs out."""
    floor.start_single("B-1001")
    pick_to_done(floor)
    floor.tap(floor.pick.task_view.buttons[PickAction.HOME])
    floor.scan("#CMD:LOGOUT")


def stable_grams(floor: Floor) -> int | None:
    scale = floor.kiosk.scale
    assert scale is not None
    weight = scale.weight
    return weight.grams if weight is not None and weight.stable else None


def parcel_weight(floor: Floor, carton: str) -> int:
    """What the order's items and an empty ``carton`` weigh (the station's products)."""
    packing = load_packing(floor.kiosk.settings_path)
    [box] = [c for c in packing.cartons if c.code == carton]
    grams = box.tare_g
    with floor.kiosk.station.store.unit_of_work(readonly=True) as uow:
        for line in floor.local_order(FIRST_ORDER).lines:
            product = uow.products.by_sku(line.sku)
            assert product is not None
            grams += line.picked_qty * product.weight_g
    return grams


def pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.pdf") if p.is_file())


def test_a_whole_pack_by_scanner_and_scale_alone(
    bench: Floor, pty: Pty, tmp_path: Path, qtbot: QtBot
) -> None:
    floor = bench
    picked_by_ana(floor)
    assert floor.window.user is None

    # From here on, only the scanner and the scale.
    floor.scan("B-2001")
    assert floor.window.user is not None
    assert floor.window.user.username == "dan"
    floor.scan("#CMD:START-PACK")
    screen = pack_screen(floor)
    assert floor.window.current_screen() is screen
    verdict = floor.scan(FIRST_ORDER)
    assert verdict.tone is Tone.GOOD, verdict.text
    wait_open(floor)
    for line in prompt(floor).lines:
        for _ in range(line.left):
            assert floor.scan(floor.barcode(line.sku)).tone in (Tone.GOOD, Tone.DONE)
    assert prompt(floor).state is PackState.CARTON
    carton = prompt(floor).suggested
    assert carton in ("S1", "L1")  # the station's own cartons
    assert list(screen.work_view.carton_panel.carton_buttons) == ["S1", "L1"]

    # The packer puts the parcel on the scale while the screen still asks for the carton:
    # the scale settles on its weight (items and the suggested carton's tare, 7 g over),
    # and nothing is weighed yet.
    weight = parcel_weight(floor, carton) + 7
    on_the_scale(pty, weight)
    qtbot.waitUntil(lambda: stable_grams(floor) == weight, timeout=WAIT_MS)
    assert prompt(floor).state is PackState.CARTON
    floor.scan("#CMD:CONFIRM")  # the suggested carton
    assert prompt(floor).state is PackState.WEIGH
    assert prompt(floor).carton == carton
    assert prompt(floor).expected_g == weight - 7
    # The scale said nothing new since: the weight confirm barcode takes its reading.
    verdict = floor.scan("#CMD:CONFIRM")
    assert verdict.tone is Tone.GOOD, verdict.text
    qtbot.waitUntil(lambda: prompt(floor).state is PackState.DONE, timeout=WAIT_MS)
    assert floor.said.tone is Tone.DONE
    assert floor.said.text == sentence(PackMessage.PACKED, {"order": FIRST_ORDER, "packages": 1})

    order = floor.local_order(FIRST_ORDER)
    assert order.status is OrderStatus.PACKED
    [package] = order.packages
    assert (package.box, package.weight_g) == (carton, weight)
    # Both documents printed before the order was shown done.
    jobs = floor.kiosk.print_queue.jobs(reference=FIRST_ORDER)
    assert sorted((job.label, job.printer, job.state.value) for job in jobs) == [
        ("packing-slip", "office", "done"),
        ("shipping", "labels", "done"),
    ]
    assert len(pdfs(tmp_path / "labels")) == 1
    assert len(pdfs(tmp_path / "office")) == 1

    floor.scan("#CMD:NEXT")  # the next order: the start page
    assert screen.session is None
    assert screen.pages.currentWidget() is screen.start_view
    floor.wait_synced()
    stored = floor.store_order(FIRST_ORDER)
    assert stored["status"] == "packed"
    assert [p["sscc"] for p in stored["packages"]] == [package.sscc]


def test_a_weight_out_of_the_stations_tolerance_waits_for_a_supervisors_badge(
    bench: Floor, pty: Pty, qtbot: QtBot
) -> None:
    floor = bench
    picked_by_ana(floor)
    floor.scan("B-2001")
    floor.scan("#CMD:START-PACK")
    floor.scan(FIRST_ORDER)
    wait_open(floor)
    for line in prompt(floor).lines:
        for _ in range(line.left):
            floor.scan(floor.barcode(line.sku))
    verdict = floor.scan("CT-L1")  # another carton than the one suggested, by its barcode
    assert verdict.tone is Tone.GOOD, verdict
    assert prompt(floor).carton == "L1"
    expected = prompt(floor).expected_g
    on_the_scale(pty, expected + 31)  # 31 g over: outside the station's 30 g
    qtbot.waitUntil(lambda: prompt(floor).state is PackState.OVERRIDE, timeout=WAIT_MS)
    assert floor.said.tone is Tone.WRONG
    assert floor.local_order(FIRST_ORDER).packages == []
    floor.scan("B-3001")  # Sam, a supervisor, accepts it
    qtbot.waitUntil(lambda: prompt(floor).state is PackState.DONE, timeout=WAIT_MS)
    [package] = floor.local_order(FIRST_ORDER).packages
    assert (package.box, package.weight_g) == ("L1", expected + 31)
    floor.wait_synced()
    [closed] = floor.store_events(FIRST_ORDER, "package.closed")
    assert closed["override_by"] == "sam"
    assert closed["expected_g"] == expected
