"""What the kiosk window does with a scan no screen took for itself: a badge logs in at
the login screen, ``#CMD:LOGOUT`` logs out anywhere, ``#CMD:START-PICK`` and
``#CMD:START-PACK`` open the work, anything else at the login screen asks for a badge
first. The words are the window's (catalogue context ``MainWindow``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.domain.commands import CommandName
from app.domain.model import Role
from app.domain.scan import BadgeScan, CommandScan, Scan
from ui import work_screens
from ui.scanner.pipeline import ScanPipeline, Tone, Verdict

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def route_scan(window: MainWindow, pipeline: ScanPipeline, scan: Scan) -> None:
    """Answer ``scan`` for ``window`` (through ``pipeline``) where it is the window's."""
    user = window.user
    current = window.current_screen()
    match scan:
        case CommandScan(command=command) if command.name is CommandName.LOGOUT:
            if user is None:
                text = QCoreApplication.translate(
                    "MainWindow", "Nobody is logged in. Scan your badge."
                )
                pipeline.respond(Verdict(Tone.WRONG, text, scan))
            else:
                window.logout("user")
                text = QCoreApplication.translate("MainWindow", "Logged out. Goodbye, {name}.")
                pipeline.respond(Verdict(Tone.DONE, text.format(name=user.display_name), scan))
        case CommandScan(command=command) if (
            command.name is CommandName.START_PICK
            and user is not None
            and current is not window.pick_screen
        ):
            if window.pick_screen is None or not user.can(Role.PICKER):
                text = QCoreApplication.translate("MainWindow", "Picking is not open to you here.")
                pipeline.respond(Verdict(Tone.WRONG, text, scan))
            else:
                work_screens.open_work(window, "pick", user)
                window.pick_screen.start_next()
                text = QCoreApplication.translate("MainWindow", "Getting your work…")
                pipeline.respond(Verdict(Tone.GOOD, text, scan))
        case CommandScan(command=command) if (
            command.name is CommandName.START_PACK
            and user is not None
            and current is not window.pack_screen
        ):
            if window.pack_screen is None or not user.can(Role.PACKER):
                text = QCoreApplication.translate("MainWindow", "Packing is not open to you here.")
                pipeline.respond(Verdict(Tone.WRONG, text, scan))
            else:
                work_screens.open_work(window, "pack", user)
                text = QCoreApplication.translate(
                    "MainWindow", "Scan the order's packing slip or its tote."
                )
                pipeline.respond(Verdict(Tone.GOOD, text, scan))
        case BadgeScan(user=badge_user) if user is None:
            if scan.ok:
                window.login_screen.log_in(badge_user)
        case BadgeScan() if (
            window.pack_screen is not None
            and current is window.pack_screen
            and window.pack_screen.wants_badge
        ):
            pass  # a supervisor's badge accepts a weight there; the screen answers
        case BadgeScan(user=badge_user) if badge_user.username != user.username:
            text = QCoreApplication.translate(
                "MainWindow",
                "{name} is logged in here. Log out first (Log out, or scan the "
                "log-out barcode), then scan your badge.",
            )
            pipeline.respond(Verdict(Tone.WRONG, text.format(name=user.display_name), scan))
        case _ if user is None and scan.ok:
            text = QCoreApplication.translate("MainWindow", "Log in first: scan your badge.")
            pipeline.respond(Verdict(Tone.WRONG, text, scan))
