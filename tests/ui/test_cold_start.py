"""Cold start (issue 17): what the kiosk loads before its first frame, and what waits.

Speed itself is measured by ``python -m benchmarks start``; these tests hold what it
depends on and cannot drift back silently: the modules only some screens or tools need
(decoders, image and PDF libraries, the order store's server, Alembic's migration
machinery) stay out of a kiosk that starts on a current database and shows its login
screen, and the sync and print workers start after that first frame.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.store import open_store
from ui.feedback import Sounds, Tone
from ui.kiosk import after_first_frame

ROOT = Path(__file__).resolve().parents[2]

# Loaded on first use by the screens, commands and tools that need them, never at start.
DEFERRED = (
    "numpy",
    "PIL",
    "alembic",
    "mako",
    "fastapi",
    "starlette",
    "uvicorn",
    "pyzbar",
    "zxingcpp",
    "pypdfium2",
    "app.orderstore",
    "app.barcodes.decode",
    "app.printing.raster",
    "ui.scanner.frames",
    "PySide6.QtMultimedia",
    "biip",
)

# The kiosk as ``scanpack`` builds it (``ui.cli.run_kiosk``), on a station database at
# the head revision, until its window has painted; then the modules loaded so far.
FIRST_FRAME = """
import json, sys
from pathlib import Path
from ui import cli
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from app.config import Settings
from ui import qtcompat
from ui.kiosk import Kiosk
from ui.theme import apply_theme

qtcompat.install()
app = QApplication(sys.argv[:1])
apply_theme(app)
profile = Path(sys.argv[1])
kiosk = Kiosk(Settings(), profile, profile / "station.toml", start_background=False)
painted = []

class Paints(QObject):
    def eventFilter(self, watched, event):
        if watched is kiosk.window and event.type() == QEvent.Type.Paint:
            painted.append(True)
        return False

paints = Paints()
kiosk.window.installEventFilter(paints)
kiosk.window.resize(1280, 800)
kiosk.window.show()
while not painted:
    app.processEvents()
loaded = sorted(sys.modules)
kiosk.close()
print(json.dumps(loaded))
"""


def _loaded(code: str, *args: str) -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _deferred_among(modules: set[str]) -> list[str]:
    return sorted(
        name for name in modules if any(name == d or name.startswith(d + ".") for d in DEFERRED)
    )


def test_the_kiosk_modules_import_without_the_deferred_ones() -> None:
    loaded = _loaded(
        "import json, sys; import ui.cli, ui.kiosk, ui.main_window, app.bootstrap; "
        "print(json.dumps(sorted(sys.modules)))"
    )
    assert "ui.main_window" in loaded
    assert _deferred_among(loaded) == []


def test_the_kiosk_paints_its_first_frame_without_the_deferred_ones(tmp_path: Path) -> None:
    open_store(tmp_path / "station.sqlite3").close()  # created and migrated: at the head
    loaded = _loaded(FIRST_FRAME, str(tmp_path))
    assert "ui.screens.login" in loaded
    assert _deferred_among(loaded) == []


def test_after_first_frame_runs_once_after_the_window_painted(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    calls: list[bool] = []
    after_first_frame(window, lambda: calls.append(window.isVisible()))
    qtbot.wait(50)
    assert calls == []  # not shown: nothing painted yet
    window.show()
    qtbot.waitUntil(lambda: bool(calls), timeout=5000)
    window.update()
    window.repaint()
    qtbot.wait(50)
    assert calls == [True]


def test_sounds_loaded_later_say_nothing_until_then_and_then_whether_they_play(
    qtbot: QtBot,
) -> None:
    sounds = Sounds(load=False)
    assert sounds.available  # nothing known yet: no "Sound off" on the first frame
    assert sounds.off is None
    sounds.play(Tone.GOOD)  # silent, remembered
    assert sounds.last is Tone.GOOD
    with qtbot.waitSignal(sounds.availableChanged, timeout=5000) as said:
        sounds.load()
    loaded = Sounds()  # loaded at once, as before
    assert said.args == [loaded.available]
    assert (sounds.available, sounds.off) == (loaded.available, loaded.off)
    with qtbot.assertNotEmitted(sounds.availableChanged):
        sounds.load()  # once only
