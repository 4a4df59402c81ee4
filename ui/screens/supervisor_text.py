"""The supervisor screen's words (part of the supervisor screen): column titles,
priorities, countdowns, exception kinds, hold reasons and the PIN's refusals.

Literal ``QCoreApplication.translate`` calls, context ``Supervisor``: what
``pyside6-lupdate`` collects. Numbers and times go through ``QLocale()`` (the reader's
locale, set with the language).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from app.domain.events import EventType, PackHoldReason
from app.domain.model import Priority
from app.supervisor.floor import ExceptionKind
from app.supervisor.queue import SortKey
from app.supervisor.service import HoldReason, UnlockCode
from ui.screens.pack_text import hold_reason_name

FAR = timedelta(hours=24)
"""Beyond this the ship-by column gives the date, not a countdown."""


def column_title(key: SortKey) -> str:
    return {
        SortKey.NUMBER: QCoreApplication.translate("Supervisor", "Order"),
        SortKey.STATUS: QCoreApplication.translate("Supervisor", "Status"),
        SortKey.PRIORITY: QCoreApplication.translate("Supervisor", "Priority"),
        SortKey.LINES: QCoreApplication.translate("Supervisor", "Lines"),
        SortKey.PROGRESS: QCoreApplication.translate("Supervisor", "Progress"),
        SortKey.PERSON: QCoreApplication.translate("Supervisor", "Person"),
        SortKey.STATION: QCoreApplication.translate("Supervisor", "Station"),
        SortKey.CUTOFF: QCoreApplication.translate("Supervisor", "Ship by"),
        SortKey.CARRIER: QCoreApplication.translate("Supervisor", "Carrier"),
    }[key]


def priority_word(priority: Priority) -> str:
    return {
        Priority.LOW: QCoreApplication.translate("Supervisor", "low"),
        Priority.NORMAL: QCoreApplication.translate("Supervisor", "normal"),
        Priority.HIGH: QCoreApplication.translate("Supervisor", "high"),
        Priority.URGENT: QCoreApplication.translate("Supervisor", "urgent"),
    }[priority]


def progress_text(share: float) -> str:
    return QCoreApplication.translate("Supervisor", "{percent} %").format(
        percent=QLocale().toString(round(share * 100))
    )


def clock_time(at: datetime) -> str:
    """``at`` as the reader's local time of day (short format)."""
    local = at.astimezone()
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def duration(left: timedelta) -> str:
    """H:MM:SS, the hours as many as there are."""
    seconds = int(abs(left).total_seconds())
    hours, rest = divmod(seconds, 3600)
    return f"{QLocale().toString(hours)}:{rest // 60:02d}:{rest % 60:02d}"


def countdown(cutoff: datetime, now: datetime, *, late: bool) -> str:
    """The ship-by cell: the time, and how long is left (or how late it is)."""
    left = cutoff - now
    if abs(left) >= FAR:
        local = cutoff.astimezone()
        day = QDate(local.year, local.month, local.day)
        return QLocale().toString(day, QLocale.FormatType.ShortFormat)
    when = clock_time(cutoff)
    if late:
        return QCoreApplication.translate("Supervisor", "{time} · {late} late").format(
            time=when, late=duration(left)
        )
    if left.total_seconds() > 0:
        return QCoreApplication.translate("Supervisor", "{time} · in {left}").format(
            time=when, left=duration(left)
        )
    return when


def exception_kind_word(kind: ExceptionKind) -> str:
    return {
        ExceptionKind.HELD: QCoreApplication.translate("Supervisor", "On hold"),
        ExceptionKind.SHORT: QCoreApplication.translate("Supervisor", "Short"),
        ExceptionKind.REFUSED: QCoreApplication.translate("Supervisor", "Refused by the store"),
        ExceptionKind.CLAIM: QCoreApplication.translate("Supervisor", "Station silent"),
        ExceptionKind.PRINT_FAILED: QCoreApplication.translate("Supervisor", "Print failed"),
        ExceptionKind.REPRINT_FAILED: QCoreApplication.translate(
            "Supervisor", "Reprint not possible"
        ),
    }[kind]


def hold_reason_word(reason: str) -> str:
    """A hold reason as stored: a supervisor's or a packer's code, worded; any other
    text as it is (an order held before reasons were codes)."""
    if reason in HoldReason.__members__.values():
        return supervisor_reason_word(HoldReason(reason))
    if reason in PackHoldReason.__members__.values():
        return hold_reason_name(PackHoldReason(reason))
    return reason


def supervisor_reason_word(reason: HoldReason) -> str:
    return {
        HoldReason.CUSTOMER: QCoreApplication.translate("Supervisor", "customer asked to wait"),
        HoldReason.ADDRESS: QCoreApplication.translate("Supervisor", "address to check"),
        HoldReason.STOCK: QCoreApplication.translate("Supervisor", "stock to check"),
        HoldReason.PAYMENT: QCoreApplication.translate("Supervisor", "payment to check"),
        HoldReason.OTHER: QCoreApplication.translate("Supervisor", "other"),
    }[reason]


def unlock_problem(code: UnlockCode) -> str:
    return {
        UnlockCode.NOT_SUPERVISOR: QCoreApplication.translate(
            "Supervisor", "Only a supervisor can do this. Ask a supervisor to log in."
        ),
        UnlockCode.NO_PIN: QCoreApplication.translate(
            "Supervisor", "You have no PIN yet. Ask the store's administrator to set one."
        ),
        UnlockCode.BAD_PIN: QCoreApplication.translate(
            "Supervisor", "A PIN is 4 to 12 digits. Type it again."
        ),
        UnlockCode.OFFLINE: QCoreApplication.translate(
            "Supervisor",
            "The order store cannot be reached to check your PIN. Try again when it is online.",
        ),
    }[code]


def event_words(kind: str) -> str:
    words = {
        EventType.ORDER_CLAIMED: QCoreApplication.translate("Supervisor", "started picking"),
        EventType.ORDER_RELEASED: QCoreApplication.translate("Supervisor", "handed back"),
        EventType.LINE_PICKED: QCoreApplication.translate("Supervisor", "picked"),
        EventType.LINE_UNPICKED: QCoreApplication.translate("Supervisor", "pick undone"),
        EventType.LINE_SHORT: QCoreApplication.translate("Supervisor", "reported short"),
        EventType.LINE_SHORT_UNDONE: QCoreApplication.translate("Supervisor", "short undone"),
        EventType.ORDER_PICKED: QCoreApplication.translate("Supervisor", "picking finished"),
        EventType.PACK_STARTED: QCoreApplication.translate("Supervisor", "started packing"),
        EventType.LINE_PACKED: QCoreApplication.translate("Supervisor", "packed an item"),
        EventType.LINE_UNPACKED: QCoreApplication.translate("Supervisor", "took an item out"),
        EventType.PACKAGE_CLOSED: QCoreApplication.translate("Supervisor", "closed a package"),
        EventType.PACK_HELD: QCoreApplication.translate("Supervisor", "held at packing"),
        EventType.ORDER_PACKED: QCoreApplication.translate("Supervisor", "packing finished"),
        EventType.ORDER_SHIPPED: QCoreApplication.translate("Supervisor", "shipped"),
        EventType.ORDER_HELD: QCoreApplication.translate("Supervisor", "held"),
        EventType.ORDER_UNHELD: QCoreApplication.translate("Supervisor", "hold released"),
        EventType.PRIORITY_SET: QCoreApplication.translate("Supervisor", "priority changed"),
        EventType.PICKER_ASSIGNED: QCoreApplication.translate("Supervisor", "picker assigned"),
        EventType.PICKER_UNASSIGNED: QCoreApplication.translate("Supervisor", "picker unassigned"),
        EventType.CLAIM_CANCELLED: QCoreApplication.translate("Supervisor", "claim cancelled"),
        EventType.LABELS_REPRINT: QCoreApplication.translate("Supervisor", "reprint asked"),
        EventType.SCAN_WRONG: QCoreApplication.translate("Supervisor", "wrong scan"),
    }
    known = kind in EventType.__members__.values()
    return words.get(EventType(kind), kind) if known else kind
