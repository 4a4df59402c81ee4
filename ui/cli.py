"""``scanpack``: the kiosk, and the station's command-line tools.

scanpack [--demo] [--server URL] [--station NAME] [--profile DIR] [--fullscreen]
scanpack decode [--json] FILE...
scanpack label TEMPLATE (--order N | --code CODE) --format zpl|png|pdf -o FILE [--demo]
    [--language LANG]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.printing.wording import LabelLanguage


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scanpack", description="Packing-station kiosk.")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start an embedded order store with the demo data and connect to it",
    )
    parser.add_argument("--server", metavar="URL", help="order store URL (overrides the config)")
    parser.add_argument("--station", metavar="NAME", help="station name (overrides the config)")
    parser.add_argument(
        "--profile",
        metavar="DIR",
        type=Path,
        help="folder of the station database (default: the user data folder; "
        "a temporary one with --demo)",
    )
    parser.add_argument("--fullscreen", action="store_true", help="kiosk mode: full screen")
    return parser


def decode_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scanpack decode",
        description="Decode every barcode in images or PDFs (one line per code), "
        "e.g. to check printed labels.",
    )
    parser.add_argument(
        "--json", action="store_true", help="one JSON object per line: file, symbology, text, gs1"
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="image or PDF files")
    return parser


def _label_language(language: str) -> LabelLanguage:
    # Qt's translator only when a label is asked for in another language.
    from ui.printing.label_language import label_language

    return label_language(language)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["label"]:
        # Renders through the same code path as printing, without a printer or Qt.
        from app.printing.cli import run as render_label

        return render_label(arguments[1:], languages=_label_language)
    if arguments[:1] == ["decode"]:
        # No Qt here: decoding runs on servers and in scripts too.
        from app.barcodes.decode_cli import run

        options = decode_parser().parse_args(arguments[1:])
        return run(options.files, options.json)
    args = build_parser().parse_args(arguments)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)  # it logs every migration step
    return run_kiosk(args)


def run_kiosk(args: argparse.Namespace) -> int:
    """Start the kiosk; returns the exit code when its window closes."""
    from app import config
    from ui.startup_check import display_problem

    try:
        settings = config.load()
    except ValueError as error:
        print(
            f"scanpack: the config file {config.config_path()} is not valid TOML: {error}",
            file=sys.stderr,
        )
        return 2
    # Before Qt is imported and before the demo store starts (and its 3 s of imports): a
    # QApplication that cannot open its platform aborts the process, naming the wrong cause.
    problem = display_problem()
    if problem is not None:
        print(f"scanpack: {problem}", file=sys.stderr)
        return 1

    # Qt is imported here so that tools which never open a window start fast.
    from PySide6.QtWidgets import QApplication

    from app import bootstrap
    from app.store import StoreError
    from ui import qtcompat
    from ui.crash import install_excepthook
    from ui.fullscreen import FullScreen
    from ui.kiosk import Kiosk, after_first_frame
    from ui.screens.settings_text import problem_text
    from ui.theme import apply_theme

    qtcompat.install()  # before anything emits a signal
    temporary = None
    on_close = None
    settings_path = config.config_path()
    if args.demo:
        profile = args.profile or bootstrap.temporary_profile()
        temporary = None if args.profile else profile
        demo = bootstrap.start_demo_store(profile / "demo-store")
        settings = bootstrap.demo_settings(demo, settings)
        settings_path = profile / "station.toml"
        on_close = demo.stop
    else:
        profile = args.profile or bootstrap.default_profile()
    if args.server:
        settings.server_url = args.server
    if args.station:
        settings.station = args.station
    problems = settings.validate()
    if problems:
        print("scanpack: " + " ".join(map(problem_text, problems)), file=sys.stderr)
        return 2
    # No order store yet: the kiosk opens on the first-run screen, set up by one scan.
    first_run = not settings.server_url

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("scanpack")
    app.setOrganizationName("scanpack")
    apply_theme(app)
    crash, last_run = install_excepthook(profile / "crash")
    try:
        kiosk = Kiosk(
            settings,
            profile,
            settings_path,
            on_close,
            start_background=False,
            first_run=first_run,
        )
    except (StoreError, OSError) as error:
        crash.uninstall(clean_exit=True)
        if on_close is not None:
            on_close()
        print(f"scanpack: cannot open the station database in {profile}: {error}", file=sys.stderr)
        return 1
    try:
        if last_run.crashed:
            kiosk.window.show_notice(last_run.operator_message())
        if args.fullscreen:
            FullScreen(kiosk.window).show()
        else:
            kiosk.window.resize(1280, 800)
            kiosk.window.show()
        # Syncing and printing start once the login screen is on screen (cold start).
        after_first_frame(kiosk.window, kiosk.start_background)
        code = app.exec()
    finally:
        kiosk.close()
        crash.uninstall(clean_exit=True)
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
