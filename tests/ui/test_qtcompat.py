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
