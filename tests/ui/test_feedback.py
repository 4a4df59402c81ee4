"""Feedback: the sounds are the committed WAVs, and a verdict flashes on the same turn."""

from __future__ import annotations

import wave

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.feedback import FLASH_MS, Feedback, SoundOff, Sounds, sound_path, synthesize, tone_word
from ui.scanner.pipeline import Tone, Verdict
from ui.widgets.scan_flash import ScanFlash


@pytest.mark.parametrize("tone", list(Tone))
def test_each_sound_is_short_16_bit_mono_and_as_synthesized(tone: Tone) -> None:
    path = sound_path(tone)
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44_100)
        assert 0.1 < wav.getnframes() / wav.getframerate() < 0.4
    # The files are generated, not hand-made: `python -m ui.feedback` writes these bytes.
    assert path.read_bytes() == synthesize(tone)


def test_sounds_without_an_audio_output_stay_silent_and_say_why(qapp: object) -> None:
    sounds = Sounds()
    if sounds.available:
        pytest.skip("this machine has an audio output")
    assert sounds.problem == "no audio output on this station"
    assert sounds.off is SoundOff.NO_OUTPUT  # the status bar words it
    sounds.play(Tone.WRONG)  # nothing to play, nothing raised
    assert sounds.last is Tone.WRONG


def test_a_verdict_flashes_with_its_word_then_goes(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    flash = ScanFlash(window)
    sounds = Sounds()
    feedback = Feedback(flash, sounds)
    feedback.show(Verdict(Tone.WRONG, "Unknown barcode X."))
    # Synchronously: visible, over the whole window, worded.
    assert flash.isVisible()
    assert flash.geometry() == window.rect()
    assert (flash.tone, flash.word.text(), flash.text.text()) == (
        "wrong",
        "WRONG",
        "Unknown barcode X.",
    )
    assert sounds.last is Tone.WRONG
    assert flash.timer.interval() == FLASH_MS[Tone.WRONG]
    window.resize(1000, 700)
    assert flash.geometry() == window.rect()  # follows the window
    feedback.show(Verdict(Tone.GOOD, "Bin A-01-01-1."))
    assert (flash.tone, flash.word.text()) == ("good", "OK")
    qtbot.waitUntil(lambda: not flash.isVisible(), timeout=2000)
    assert flash.tone == ""


def test_every_tone_has_a_word() -> None:
    assert [tone_word(t) for t in Tone] == ["OK", "WRONG", "DONE"]
