"""The Qt half of ``scan``'s ``burst_to_feedback``: run in a child process of its own.

``benchmarks.scan._burst`` starts ``python -c "from benchmarks._qt_burst import main;
main()"`` with ``QT_QPA_PLATFORM=offscreen``, JSON parameters on stdin (the station
database, the scans, the number of runs) and reads JSON results on stdout. A child,
because a ``QApplication`` is once per process and changes it for good: the binding's
work-arounds (``ui.qtcompat`` pins ``None``), the platform plugin chosen at import, Qt's
threads. The rest of the benchmark process (and the other benchmarks run with it) stays
free of Qt.

Here the kiosk is built as ``ui.kiosk.Kiosk`` builds it, minus sync: the station store
(``open_store``), ``ScannerHub`` (its ``WedgeFilter`` installed on the application, its
``ScanPipeline`` over the store), ``Sounds``, and ``MainWindow`` with the theme, shown at
1280x800; a demo packer logs in by a badge burst. Then, per run, every scan is typed
as a wedge scanner types it (one key press per character, timestamps 5 ms apart, Enter
last, 1 s after the previous scan) with ``QApplication.sendEvent`` to the focused
widget, and timed from just before the Enter's ``sendEvent`` to ``Feedback.shown``: the
flash widget has its tone, word and sentence and is shown and raised, and the sound
was started (not yet painted: that happens on the next event-loop turn). Between scans
the event loop runs (``processEvents``), so every scan meets a painted, idle window.
The reference, in the same run: the same reads as ``RawScan`` pushed straight into
``ScanPipeline.submit``, timed to the same ``Feedback.shown``.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

KEY_GAP_MS = 5
SCAN_PAUSE_MS = 1000
WARM_SCANS = 40


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    params = json.load(sys.stdin)
    json.dump(measure(params), sys.stdout)


def measure(params: dict[str, Any]) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from app.barcodes.parse import split_aim
    from app.config import Settings
    from app.domain.scan import RawScan
    from app.domain.symbology import GS
    from app.store import open_store
    from benchmarks.scan import _meaning
    from ui import qtcompat
    from ui.feedback import Feedback
    from ui.scanner.pipeline import Tone, Verdict
    from ui.theme import apply_theme

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    qtcompat.install()  # before the first signal: see ui/qtcompat.py
    apply_theme(app)
    platform = app.platformName()

    def key_event(char: str, stamp_ms: int) -> QKeyEvent:
        """The key press a wedge scanner sends for ``char`` (GS as Ctrl+])."""
        modifiers = Qt.KeyboardModifier.NoModifier
        text = char
        if char == "\r":
            key = Qt.Key.Key_Return
        elif char == GS:
            key, modifiers = Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier
        else:
            key = Qt.Key(ord(char.upper()))
            if char.isupper() or char in '~!@#$%^&*()_+{}|:"<>?':
                modifiers = Qt.KeyboardModifier.ShiftModifier
        event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text)
        event.setTimestamp(stamp_ms)
        return event

    scans: list[dict[str, Any]] = params["scans"]
    repeat: int = params["repeat"]
    settings = Settings(station="bench-01")
    now_ms = 1_000_000
    shown: list[tuple[float, Verdict]] = []

    def on_shown(verdict: Verdict) -> None:
        shown.append((time.perf_counter(), verdict))

    with open_store(Path(params["station"])) as store:
        window, hub, tasks, sounds = kiosk_window(store, settings)
        feedback: Feedback = window.feedback
        feedback.shown.connect(on_shown)
        hub.start()
        window.resize(1280, 800)
        window.show()
        window.activateWindow()
        for _ in range(5):
            app.processEvents()
        pipeline = hub.pipeline

        def target() -> Any:
            return QApplication.focusWidget() or window

        def burst(text: str) -> float:
            """Type ``text`` + Enter as a scanner; seconds from the Enter to the feedback."""
            nonlocal now_ms
            now_ms += SCAN_PAUSE_MS
            events = []
            for char in text + "\r":
                now_ms += KEY_GAP_MS
                events.append(key_event(char, now_ms))
            *keys, enter = events
            for event in keys:
                QApplication.sendEvent(target(), event)
            before = len(shown)
            widget = target()
            start = time.perf_counter()
            QApplication.sendEvent(widget, enter)
            returned = time.perf_counter()
            if len(shown) != before + 1:
                raise RuntimeError(f"{len(shown) - before} feedbacks for the burst {text!r}")
            returned_s.append(returned - start)
            return shown[-1][0] - start

        def direct(raw: RawScan) -> float:
            before = len(shown)
            start = time.perf_counter()
            pipeline.submit(raw)
            if len(shown) != before + 1:
                raise RuntimeError(f"{len(shown) - before} feedbacks for {raw.text!r}")
            return shown[-1][0] - start

        def settle() -> None:
            app.processEvents()

        returned_s: list[float] = []
        # Log in as a packer would: a badge burst at the login screen.
        burst(params["badge"])
        settle()
        if window.user is None or window.current_screen() is not window.home_screen:
            raise RuntimeError(f"the badge {params['badge']!r} did not log in: {shown[-1][1]}")
        focus = type(target()).__name__

        raws = []
        for scan in scans:
            aim, symbology, rest = split_aim(scan["text"])
            raws.append(RawScan(rest, symbology, aim))
        # Warm up both paths (imports, statement caches, style sheet caches); check on
        # the way that the wedge hands the pipeline exactly these reads.
        emitted: list[RawScan] = []
        hub.wedge.scanned.connect(emitted.append)
        for scan in scans[:WARM_SCANS]:
            burst(scan["text"])
            settle()
        hub.wedge.scanned.disconnect(emitted.append)
        wedge_reads_equal = emitted == raws[:WARM_SCANS]
        for raw in raws[:WARM_SCANS]:
            direct(raw)
            settle()

        burst_ms: list[list[float]] = []
        direct_ms: list[list[float]] = []
        wrong: list[dict[str, str]] = []
        correct = 0
        returned_s.clear()
        gc.collect()
        for run in range(repeat):
            ours = []
            for scan in scans:
                ours.append(1000 * burst(scan["text"]))
                verdict = shown[-1][1]
                settle()
                if run == 0:
                    want_tone = Tone.WRONG if scan["kind"] == "unknown" else Tone.GOOD
                    meaning = list(_meaning(verdict.scan)) if verdict.scan else None
                    if verdict.tone is want_tone and meaning == scan["expect"]:
                        correct += 1
                    else:
                        wrong.append(
                            {
                                "text": scan["text"],
                                "kind": scan["kind"],
                                "tone": verdict.tone.value,
                                "meaning": f"{meaning}",
                                "expected": f"{scan['expect']}",
                                "said": verdict.text,
                            }
                        )
            burst_ms.append(ours)
            refs = []
            for raw in raws:
                refs.append(1000 * direct(raw))
                settle()
            direct_ms.append(refs)

        result = {
            "platform": platform,
            "focus": focus,
            "sounds": sounds.problem or "available",
            "burst_ms": burst_ms,
            "direct_ms": direct_ms,
            "enter_returned_ms": [1000 * s for s in returned_s],
            "correct": correct,
            "wrong": wrong,
            "wedge_reads_equal": wedge_reads_equal,
        }
        hub.close()
        feedback.stop()
        window.close()
        tasks.shutdown()
        window.deleteLater()
        app.processEvents()
    return result


def kiosk_window(store: Any, settings: Any, **extra: Any) -> tuple[Any, Any, Any, Any]:
    """The kiosk's window over ``store`` as ``ui.kiosk`` builds it, minus sync and
    printing: ``(window, scanner hub, task runner, sounds)``. ``extra`` goes to
    ``MainWindow`` (e.g. ``pick_service``). Call in the Qt child process."""
    from ui.feedback import Sounds
    from ui.main_window import MainWindow
    from ui.scanner.hub import ScannerHub
    from ui.sync_bridge import SyncBridge
    from ui.tasks import TaskRunner

    def find_user(badge: str) -> Any:
        with store.unit_of_work(readonly=True) as uow:
            return uow.users.by_badge(badge)

    tasks = TaskRunner()
    hub = ScannerHub(settings, store, tasks)
    sounds = Sounds()
    window = MainWindow(
        settings=settings,
        find_user=find_user,
        save_settings=lambda _s: None,
        rejected_events=list,
        bridge=SyncBridge(),
        tasks=tasks,
        pipeline=hub.pipeline,
        camera=hub.camera,
        sounds=sounds,
        **extra,
    )
    return window, hub, tasks, sounds
