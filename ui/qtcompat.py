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
"""

from __future__ import annotations

import ctypes
import sys
import warnings
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 64
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
    if emit_leaks:
        SignalInstance.emit = _fixed(SignalInstance.emit)  # type: ignore[method-assign]
    if disconnect_leaks:
        SignalInstance.disconnect = _fixed(SignalInstance.disconnect)  # type: ignore[method-assign]
    _installed.update(emit=emit_leaks, disconnect=disconnect_leaks)
    probe.deleteLater()
    return dict(_installed)
