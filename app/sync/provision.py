"""Setting a new station up from its set-up code (``app.domain.provisioning``).

A kiosk with no order store in its settings opens on the first-run screen; the code it
reads there is checked here, off the GUI thread:

1. the station name agrees with the one the kiosk was started with, if any
   (``scanpack --station NAME``): a code printed for another station is refused;
2. the store answers ``GET /api/v1/health`` as an order store (contract v1), over TLS
   verified as every sync is (the system's CAs, or the settings' CA bundle);
3. the token is accepted: ``GET /api/v1/changes?limit=1`` with it;
4. the settings, with the code's URL, station and token, are saved (owner-only file).

Each failure is a :class:`SetupError` with a :class:`SetupFault` and the values a
sentence needs (``ui/`` words it). Nothing here logs, and neither the token nor the
code's text is ever part of an error: only the URL and the station name are.
"""

from __future__ import annotations

import dataclasses
import enum
import errno
from collections.abc import Callable, Mapping

from app.config import Settings
from app.domain.provisioning import SetupCode
from app.sync.client import AuthFailed, OrderStoreClient, SyncError, Unreachable
from app.sync.problems import SyncProblemCode


class SetupFault(enum.StrEnum):
    """Why a station could not be set up from its code."""

    STATION_MISMATCH = "station_mismatch"
    """The code is for another station (args: ``station`` of the kiosk, ``code_station``)."""
    UNREACHABLE = "unreachable"
    """No answer from the store (args: ``url``, ``detail``)."""
    TIMEOUT = "timeout"
    """The store did not answer in time (args: ``url``, ``seconds``)."""
    TLS = "tls"
    """The store's certificate was not accepted (args: ``url``, ``detail``)."""
    NOT_A_STORE = "not_a_store"
    """Something answered, but not as a scanpack order store (args: ``url``)."""
    TOKEN_REFUSED = "token_refused"
    """The store refused the code's token: revoked, or of another store (args: ``station``)."""
    DISK_FULL = "disk_full"
    """The settings could not be written: no space left (args: ``detail``)."""
    CANNOT_SAVE = "cannot_save"
    """The settings could not be written for another reason (args: ``detail``)."""


class SetupError(Exception):
    """The station could not be set up; ``fault`` and ``args`` say why."""

    def __init__(self, fault: SetupFault, args: Mapping[str, str | int | float]) -> None:
        super().__init__(f"{fault.value}: {dict(args)}")
        self.fault = fault
        self.details = dict(args)


_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def settings_from_code(settings: Settings, code: SetupCode, expected_station: str = "") -> Settings:
    """``settings`` with the store, name and token of ``code``.

    Raises:
        SetupError: ``STATION_MISMATCH`` when ``expected_station`` is set and differs.
    """
    if expected_station and expected_station != code.station:
        raise SetupError(
            SetupFault.STATION_MISMATCH,
            {"station": expected_station, "code_station": code.station},
        )
    return dataclasses.replace(
        settings, server_url=code.url, station=code.station, token=code.token
    )


def check_store(settings: Settings) -> None:
    """The store of ``settings`` answers as an order store and accepts its token.

    Raises:
        SetupError: ``UNREACHABLE``, ``TIMEOUT``, ``TLS``, ``NOT_A_STORE`` or
            ``TOKEN_REFUSED``.
    """
    url = settings.server_url
    client = OrderStoreClient(
        url,
        settings.token,
        timeout_s=settings.request_timeout_s,
        ca_bundle=settings.ca_bundle or None,
    )
    try:
        health = client.health()
        if not isinstance(health, dict) or health.get("api") != 1:
            raise SetupError(SetupFault.NOT_A_STORE, {"url": url})
        client.changes(0, 1)
    except AuthFailed:
        raise SetupError(SetupFault.TOKEN_REFUSED, {"station": settings.station}) from None
    except Unreachable as error:
        problem = error.problem
        if problem.code is SyncProblemCode.TLS_REJECTED:
            fault = SetupFault.TLS
        elif problem.code is SyncProblemCode.TIMEOUT:
            fault = SetupFault.TIMEOUT
        else:
            fault = SetupFault.UNREACHABLE
        raise SetupError(fault, {"url": url, **problem.args}) from None
    except SyncError:
        raise SetupError(SetupFault.NOT_A_STORE, {"url": url}) from None
    finally:
        client.close()


def save_setup(settings: Settings, save: Callable[[Settings], object]) -> None:
    """``save(settings)`` (``app.config.save``: mode 0600), its failure as a fault.

    Raises:
        SetupError: ``DISK_FULL`` or ``CANNOT_SAVE``.
    """
    try:
        save(settings)
    except OSError as error:
        fault = SetupFault.DISK_FULL if error.errno in _FULL else SetupFault.CANNOT_SAVE
        detail = error.strerror or type(error).__name__
        raise SetupError(fault, {"detail": detail}) from None
    except ValueError as error:  # InvalidSettingsError: the settings file holds problems
        raise SetupError(SetupFault.CANNOT_SAVE, {"detail": str(error)}) from None


def set_up_station(
    settings: Settings,
    code: SetupCode,
    save: Callable[[Settings], object],
    expected_station: str = "",
) -> Settings:
    """Check ``code`` against its store and save the settings it makes; returns them.

    Raises:
        SetupError: why the station could not be set up (nothing is saved).
    """
    new = settings_from_code(settings, code, expected_station)
    check_store(new)
    save_setup(new, save)
    return new
