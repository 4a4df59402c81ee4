"""The work screens of the kiosk window (labels, pick, pack, supervisor), built when the
window asks for them.

``MainWindow`` opens on the login screen; a person needs the work screens only after a
badge. So the kiosk builds them after the window's first frame (``MainWindow.
build_work_screens``, called from ``Kiosk.start_background``), and at the latest when
someone logs in: their modules are imported here, not before the first frame. Tests
and tools that build a window get them at once (``MainWindow(defer_work_screens=False)``,
the default).

Each screen exists when the kiosk has the service it needs (tests of other screens build
the window without one: that screen's tile then says it is unavailable).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import Settings
from app.domain.model import Role, User
from app.packing.service import PackService
from app.picking import PickService
from app.printing import PrintQueue
from app.supervisor.ledger import Ledger
from app.supervisor.service import SupervisorService
from ui.i18n import follow_language
from ui.printing.bridge import PrintBridge
from ui.scale import SerialScale
from ui.scanner.pipeline import ScanPipeline
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkServices:
    """What the work screens are built from (``None``: that screen is not built)."""

    tasks: TaskRunner
    pipeline: ScanPipeline | None = None
    print_queue: PrintQueue | None = None
    print_bridge: PrintBridge | None = None
    labels_folder: Path | None = None
    pick_service: PickService | None = None
    pack_service: PackService | None = None
    scale: SerialScale | None = None
    supervisor_service: SupervisorService | None = None
    supervisor_ledger: Ledger | None = None

    def mark_tiles(self, window: MainWindow) -> None:
        """The home screen's tiles of the screens that will not exist: unavailable."""
        tiles = window.home_screen.tiles
        tiles["labels"].set_available(
            self.print_queue is not None and self.print_bridge is not None
        )
        tiles["pick"].set_available(self.pick_service is not None)
        tiles["pack"].set_available(self.pack_service is not None)
        tiles["supervisor"].set_available(self.supervisor_service is not None)


def build(window: MainWindow, services: WorkServices) -> None:
    """Build the work screens into ``window`` and wire them (once: the window checks)."""
    from ui.screens.labels import LabelsScreen
    from ui.screens.pack import PackScreen
    from ui.screens.pick import PickScreen
    from ui.screens.supervisor import SupervisorScreen

    s = services
    folder = s.labels_folder or Path.cwd()
    if s.print_queue is not None and s.print_bridge is not None:
        labels = LabelsScreen(s.print_queue, s.print_bridge, s.tasks, s.pipeline, folder)
        s.print_bridge.jobChanged.connect(labels.on_job_changed)
        labels.backRequested.connect(window.show_home)
        window.labels_screen = labels
    if s.pick_service is not None:
        pick = PickScreen(s.pick_service, s.tasks, s.pipeline)
        pick.backRequested.connect(window.show_home)
        pick.said.connect(window.feedback.show)
        follow_language(pick)  # it words itself in retranslate() only
        window.pick_screen = pick
    if s.pack_service is not None:
        pack = PackScreen(
            s.pack_service, s.tasks, s.pipeline, s.print_queue, s.pack_service.carton_codes()
        )
        pack.backRequested.connect(window.show_home)
        pack.said.connect(window.feedback.show)
        follow_language(pack)
        if s.print_bridge is not None:
            s.print_bridge.jobChanged.connect(pack.labels.on_job_changed)
        if s.scale is not None:
            scale = s.scale
            scale.stableWeight.connect(pack.on_stable_weight)
            pack.scale_weight = lambda: scale.weight
        window.pack_screen = pack
    if s.supervisor_service is not None:
        supervisor = SupervisorScreen(
            s.supervisor_service, s.tasks, s.pipeline, export_folder=folder
        )
        supervisor.backRequested.connect(window.show_home)
        if s.supervisor_ledger is not None:
            supervisor.reads.ledger = s.supervisor_ledger
        window.supervisor_screen = supervisor
    for screen in (
        window.labels_screen,
        window.pick_screen,
        window.pack_screen,
        window.supervisor_screen,
    ):
        if screen is not None:
            window.screens.addWidget(screen)
            if s.pipeline is not None:
                screen.typeCodeRequested.connect(window.keyboard.open)


def apply_settings(window: MainWindow, settings: Settings) -> None:
    """The settings the work screens follow (a cart's size, when a station is silent)."""
    if window.pick_screen is not None:
        window.pick_screen.set_cart_size(settings.cart_totes)
    if window.supervisor_screen is not None:
        window.supervisor_screen.reads.stale_after = timedelta(minutes=settings.claim_stale_min)


def open_work(window: MainWindow, key: str, user: User) -> None:
    """Show the work screen ``key`` (a home tile's key) to ``user``, where it exists and
    their roles open it."""
    window.build_work_screens()
    if key == "labels" and window.labels_screen is not None:
        window.screens.setCurrentWidget(window.labels_screen)
    elif key == "pick" and window.pick_screen is not None:
        window.screens.setCurrentWidget(window.pick_screen)
        window.pick_screen.open(user)
    elif key == "pack" and window.pack_screen is not None:
        window.screens.setCurrentWidget(window.pack_screen)
        window.pack_screen.open(user)
    elif key == "supervisor" and window.supervisor_screen is not None and user.can(Role.SUPERVISOR):
        window.screens.setCurrentWidget(window.supervisor_screen)
        window.supervisor_screen.open(user)


def has_open_pick(window: MainWindow, user: User) -> bool:
    """Whether ``user`` left a pick unfinished at this station (back into it at log-in)."""
    if window.pick_screen is None:
        return False
    try:
        return window.pick_screen.has_open_run(user)
    except Exception:  # the home screen's Pick tile still gets there
        log.exception("could not look for an open pick")
        return False
