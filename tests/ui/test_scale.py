"""A bench scale through a real pseudo-terminal pair: the test writes to the master end
the weight lines a scale in continuous output sends, ``SerialScale`` reads the slave end
through QtSerialPort and says what the weight is, when it settled, and when it is lost."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.packing.scale import ScaleStatus, StabilityRule, WeightSeen
from tests.ui.serial_pty import Pty
from ui.scale import SerialScale

RULE = StabilityRule(tolerance_g=2, window_ms=500, min_readings=3)


class FakeClock:
    """Milliseconds that move only when told to."""

    def __init__(self) -> None:
        self.now = 0

    def __call__(self) -> int:
        return self.now


@dataclass
class Heard:
    """Everything a scale said, in order."""

    events: list[tuple[str, object]] = field(default_factory=list)

    def of(self, kind: str) -> list[object]:
        return [value for k, value in self.events if k == kind]


def listen(scale: SerialScale) -> Heard:
    heard = Heard()
    scale.weightChanged.connect(lambda g, s: heard.events.append(("weight", (g, s))))
    scale.stableWeight.connect(lambda g: heard.events.append(("stable", g)))
    scale.weightLost.connect(lambda why: heard.events.append(("lost", why)))
    scale.statusChanged.connect(lambda text: heard.events.append(("status", text)))
    return heard


@pytest.fixture
def open_scale() -> Iterator[Callable[..., SerialScale]]:
    scales: list[SerialScale] = []

    def make(port: str, **kwargs: object) -> SerialScale:
        kwargs.setdefault("rule", RULE)
        scale = SerialScale(port, 9600, **kwargs)  # type: ignore[arg-type]
        scales.append(scale)
        scale.start()
        return scale

    yield make
    for scale in scales:
        scale.stop()


def test_unstable_readings_then_a_stable_one(
    pty: Pty, open_scale: Callable[..., SerialScale], qtbot: QtBot
) -> None:
    scale = open_scale(pty.path)
    assert scale.connected
    assert scale.status == f"Scale on {pty.path}: ready."
    heard = listen(scale)
    with qtbot.waitSignal(scale.stableWeight, timeout=3000) as blocker:
        pty.send(b"US,GS,+  1.180kg\r\nUS,GS,+  1.231kg\r\nUS,GS,+  1.231kg\r\n")
        pty.send(b"ST,GS,+  1.234kg\r\nST,GS,+  1.234kg\r\n")
    assert blocker.args == [1234]
    assert heard.events == [
        ("weight", (1180, False)),
        ("weight", (1231, False)),  # the repeated line says nothing new
        ("weight", (1234, True)),
        ("stable", 1234),
    ]
    assert scale.weight == WeightSeen(1234, True)
    assert scale.lost is None


def test_lines_split_across_writes_and_every_line_end(
    pty: Pty, open_scale: Callable[..., SerialScale], qtbot: QtBot
) -> None:
    scale = open_scale(pty.path)
    heard = listen(scale)
    pty.send(b"S S      0.5")
    qtbot.wait(50)  # let the first half be read on its own
    assert heard.events == []
    pty.send(b"00 kg\r")
    qtbot.waitUntil(lambda: len(heard.of("stable")) == 1, timeout=3000)
    pty.send(b"\nS S      0.501 kg\nS S      0.502 kg\r\nS S      0.50")
    qtbot.waitUntil(lambda: len(heard.of("stable")) == 3, timeout=3000)
    pty.send(b"3 kg\r\n")
    qtbot.waitUntil(lambda: len(heard.of("stable")) == 4, timeout=3000)
    assert heard.of("stable") == [500, 501, 502, 503]


def test_garbage_and_overload_lose_the_weight_until_it_is_back(
    pty: Pty, open_scale: Callable[..., SerialScale], qtbot: QtBot
) -> None:
    scale = open_scale(pty.path)
    heard = listen(scale)
    pty.send(b"ST,GS,+  2.000kg\r\n")
    qtbot.waitUntil(lambda: len(heard.of("stable")) == 1, timeout=3000)
    pty.send(b"\xff\xfe\x00\x07\x1b[2J\r\n")  # line noise (a wrong baud rate looks so)
    qtbot.waitUntil(lambda: len(heard.of("lost")) == 1, timeout=3000)
    assert scale.weight is None
    pty.send(b"OL,GS,+ ------kg\r\n" * 5)  # said once, however often the scale says it
    pty.send(b"US,GS,-  0.010kg\r\n")
    pty.send(b"9" * 500 + b"\r\n")  # far longer than any weight line
    pty.send(b"QT,+00000012PC\r\n")  # counting mode
    pty.send(b"US,GS,+  2.500kg\r\nST,GS,+  2.500kg\r\n")
    qtbot.waitUntil(lambda: len(heard.of("stable")) == 2, timeout=3000)
    assert heard.events[2:] == [
        ("lost", ScaleStatus.UNREADABLE),
        ("lost", ScaleStatus.OVERLOAD),
        ("lost", ScaleStatus.NEGATIVE),
        ("lost", ScaleStatus.UNREADABLE),
        ("lost", ScaleStatus.NOT_WEIGHT),
        ("weight", (2500, False)),
        ("weight", (2500, True)),
        ("stable", 2500),
    ]


def test_a_scale_that_does_not_flag_stability_settles_after_the_window(
    pty: Pty, open_scale: Callable[..., SerialScale], qtbot: QtBot
) -> None:
    clock = FakeClock()
    scale = open_scale(pty.path, clock=clock)
    heard = listen(scale)
    for at, line in [(0, b"   1.234 kg"), (250, b"   1.235 kg"), (500, b"   1.234 kg")]:
        clock.now = at
        with qtbot.waitSignal(scale.weightChanged, timeout=3000):
            pty.send(line + b"\r\n")
    assert heard.events == [
        ("weight", (1234, False)),
        ("weight", (1235, False)),
        ("weight", (1234, True)),  # three readings within 2 g over 500 ms
        ("stable", 1234),
    ]
    clock.now = 600
    with qtbot.waitSignal(scale.weightChanged, timeout=3000):
        pty.send(b"   1.300 kg ?\r\n")  # Ohaus: moving
    assert heard.events[-1] == ("weight", (1300, False))


def test_a_scale_that_falls_silent_loses_its_weight(
    pty: Pty, open_scale: Callable[..., SerialScale], qtbot: QtBot
) -> None:
    scale = open_scale(pty.path, silence_ms=300)
    heard = listen(scale)
    pty.send(b"ST,GS,+  0.750kg\r\n")
    qtbot.waitUntil(lambda: len(heard.of("stable")) == 1, timeout=3000)
    with qtbot.waitSignal(scale.weightLost, timeout=3000) as blocker:
        pass  # the scale says nothing more
    assert blocker.args == [ScaleStatus.SILENT]
    assert scale.status == (
        f"Scale on {pty.path} has sent no weight for 1 s: check that it is on and set to "
        "continuous output."
    )
    pty.send(b"ST,GS,+  0.750kg\r\n")
    qtbot.waitUntil(lambda: len(heard.of("stable")) == 2, timeout=3000)
    assert scale.status == f"Scale on {pty.path}: ready."


def test_a_port_that_appears_later_is_opened(
    tmp_path: Path, pty: Pty, open_scale: Callable[..., SerialScale], qtbot: QtBot
) -> None:
    link = tmp_path / "ttyUSB-scale"
    scale = open_scale(str(link), retry_ms=100)
    assert not scale.connected
    assert scale.status.startswith(f"Scale on {link} cannot be opened: ")
    assert scale.status.endswith("Trying again every 1 s.")
    assert scale.lost is ScaleStatus.OFFLINE
    link.symlink_to(pty.path)  # the scale is plugged in
    qtbot.waitUntil(lambda: scale.connected, timeout=3000)
    with qtbot.waitSignal(scale.stableWeight, timeout=3000) as blocker:
        pty.send(b"ST,GS,+  0.100kg\r\n")
    assert blocker.args == [100]


def test_a_port_that_vanishes_loses_the_weight_and_is_retried(
    open_scale: Callable[..., SerialScale], qtbot: QtBot
) -> None:
    device = Pty.open()
    scale = open_scale(device.path, retry_ms=100)
    heard = listen(scale)
    device.send(b"ST,GS,+  0.100kg\r\n")
    qtbot.waitUntil(lambda: len(heard.of("stable")) == 1, timeout=3000)
    device.close()  # unplugged: reads now fail
    qtbot.waitUntil(lambda: not scale.connected, timeout=3000)
    assert heard.of("lost") == [ScaleStatus.OFFLINE]
    assert f"Scale on {device.path} was disconnected: " in scale.status
    assert "Trying again every 1 s." in scale.status
    scale.stop()
    assert not scale.retry_timer.isActive()
    assert not scale.silence_timer.isActive()


def test_the_scale_is_built_from_the_settings(qtbot: QtBot) -> None:
    assert SerialScale.from_settings(Settings()) is None  # no port: no scale
    settings = Settings(scale_port=" /dev/ttyUSB1 ", scale_tolerance_g=5, scale_stable_ms=800)
    scale = SerialScale.from_settings(settings)
    assert scale is not None
    assert scale.port == "/dev/ttyUSB1"
    assert scale._detector.rule == StabilityRule(tolerance_g=5, window_ms=800)
    assert not scale.connected  # not started
    scale.deleteLater()


def test_the_pty_is_a_real_terminal(pty: Pty) -> None:
    # What these tests rely on: QtSerialPort opens a real tty, not a file or a mock.
    assert os.isatty(pty.slave)
    assert pty.path.startswith("/dev/pts/")
