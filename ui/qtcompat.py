"""Work-arounds for bugs of the Qt binding, each detected at run time, never assumed.

Call :func:`install` once at start, before the first signal is emitted (the
composition root does; so do the UI tests and ``ui.screenshots``).

# WORKAROUND for PySide6 6.12.0 on Python < 3.12 (no upstream report found yet):
``SignalInstance.emit()`` and ``SignalInstance.disconnect()`` return ``True``/``False``
without a new reference. Every call then drops one reference to the bool; on 3.11,
where ``True`` is not immortal, a few thousand emits take its count to zero and the
interpreter aborts with "Fatal Python error: bool_dealloc". A kiosk emits signals all
shift long. The fix adds the missing reference after each call, only when a probe at
install time shows the leak (so a fixed PySide6, or Python 3.12+, is left alone).

# WORKAROUND for PySide6 6.12.0 on Python < 3.12 (no upstream report found yet):
every method returning ``void`` (``QWidget.update()``, ``QTimer.start()``,
``QInputEvent.setTimestamp()``, ``QCoreApplication.processEvents()``...) returns
``None`` without a new reference, so each call drops one reference to ``None``; after
a few thousand calls from Python (a few hundred scans) the interpreter aborts with
"Fatal Python error: none_dealloc". Wrapping every method is not possible, so when the
probe shows the leak, ``None`` is made immortal as Python 3.12 makes it: its reference
count is raised by 2**40, which no shift can use up. ``None`` is a static singleton that
is never freed in a healthy interpreter, so a large count changes nothing else.
"""

from __future__ import annotations

import ctypes
import sys
import warnings
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 64
_PIN = 1 << 40
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None
_installed: dict[str, bool] = {}


def _leaks_bool(call: Callable[[], object]) -> bool:
    """True when each ``call()`` leaves the bool it returns one reference short."""
    result = call()
    if not isinstance(result, bool):
        return False
    before = sys.getrefcount(result)
    for _ in range(_PROBES):
        call()
    lost = before - sys.getrefcount(result)
    if lost >= _PROBES:
        for _ in range(lost + 1):  # give back what the probe itself took
            _incref(result)
        return True
    return False


def _leaks_none(call: Callable[[], object]) -> bool:
    """True when each ``call()`` of a void method leaves ``None`` one reference short."""
    call()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        call()
    return before - sys.getrefcount(None) >= _PROBES


def _pin(obj: object) -> bool:
    """Raise ``obj``'s reference count by ``_PIN``; False when this build's object layout
    is not the expected one (the count is then left as it was)."""
    # CPython release builds: ob_refcnt is the object's first field.
    cell = ctypes.c_ssize_t.from_address(id(obj))
    before = sys.getrefcount(obj)
    cell.value += _PIN
    if sys.getrefcount(obj) - before != _PIN:
        cell.value -= _PIN
        return False
    return True


class _Probe(QObject):
    ping = Signal()


def _noop() -> None:
    pass


def _fixed(method: Callable[..., Any]) -> Callable[..., Any]:
    def call(self: SignalInstance, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        if result is True or result is False:
            _incref(result)
        return result

    call.__name__ = method.__name__
    call.__doc__ = method.__doc__
    return call


def install() -> dict[str, bool]:
    """Patch what the probes show broken; safe to call again.

    Returns:
        Each probed method and whether it was patched.
    """
    if _installed:
        return dict(_installed)
    probe = _Probe()
    emit_leaks = _leaks_bool(probe.ping.emit)

    def reconnect() -> object:
        probe.ping.connect(_noop)
        return probe.ping.disconnect(_noop)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        disconnect_leaks = _leaks_bool(reconnect)
    void_leaks = _leaks_none(lambda: probe.setObjectName("probe"))
    if void_leaks and not _pin(None):
        warnings.warn(
            "PySide6 leaks a reference to None on every void call, and None could not be "
            "pinned on this Python build: the process will abort after a few thousand calls",
            RuntimeWarning,
            stacklevel=2,
        )
    if emit_leaks:
        SignalInstance.emit = _fixed(SignalInstance.emit)  # type: ignore[method-assign]
    if disconnect_leaks:
        SignalInstance.disconnect = _fixed(SignalInstance.disconnect)  # type: ignore[method-assign]
    _installed.update(emit=emit_leaks, disconnect=disconnect_leaks, void=void_leaks)
    probe.deleteLater()
    return dict(_installed)
