"""The binding work-arounds keep ``True`` and ``False`` alive however often we emit."""

from __future__ import annotations

import sys
import warnings

from PySide6.QtCore import QObject, Signal

from ui import qtcompat


class _Emitter(QObject):
    fired = Signal(object)


def _noop(_value: object) -> None:
    pass


def test_emit_and_disconnect_keep_bool_reference_counts(qapp: object) -> None:
    qtcompat.install()
    emitter = _Emitter()
    true_before, false_before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        emitter.fired.connect(_noop)
        emitter.fired.emit(1)
        emitter.fired.disconnect(_noop)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "Failed to disconnect"
        for _ in range(50):
            emitter.fired.disconnect(_noop)
    assert sys.getrefcount(True) - true_before >= 0
    assert sys.getrefcount(False) - false_before >= 0


def test_install_is_idempotent(qapp: object) -> None:
    first = qtcompat.install()
    assert qtcompat.install() == first


def test_void_calls_do_not_use_up_none(qapp: object) -> None:
    # On PySide6 6.12 / Python 3.11 every void method drops a reference to None; a
    # kiosk makes millions of such calls a shift (each scan makes dozens).
    qtcompat.install()
    emitter = _Emitter()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        emitter.setObjectName("x")
    assert sys.getrefcount(None) > 1_000_000 or sys.getrefcount(None) >= before
