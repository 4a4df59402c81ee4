"""What a person sees and hears after every scan: a flash, a sentence and a sound.

``Feedback.show(verdict)`` does all of it synchronously, in the slot of
``ScanPipeline.answered``, so the answer is on screen on the next paint after the scan
(one display frame) and the sound starts at once:

- the window flashes green (``OK``, ``DONE``) or red (``WRONG``): a colour always with
  its word, for colour-blind people and washed-out screens;
- the sentence (``app.barcodes.messages``) is shown large on the flash;
- a sound: a two-tone chime (good), a low buzz (wrong), a rising triad (done).

The sounds are WAV files in ``resources/sounds/`` made by :func:`synthesize` (16-bit
mono, 44.1 kHz, under 0.4 s); ``python -m ui.feedback`` writes them again. They play
through ``QSoundEffect``, loaded once at start. A station without an audio output (or
without QtMultimedia) stays silent, says why in the log and on screen (the status bar
shows "Sound off: no audio output" while ``Sounds.available`` is False); the flash
still works.
"""

from __future__ import annotations

import enum
import io
import logging
import math
import sys
import wave
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal, Slot

from ui.resources import resource_path
from ui.scanner.pipeline import Tone, Verdict
from ui.widgets.scan_flash import ScanFlash

log = logging.getLogger(__name__)

RATE = 44_100
SOUNDS_FOLDER = "sounds"

# How long the flash stays: long enough to read "WRONG" and its reason, short enough
# that a good scan never waits for it (the next scan replaces it at once anyway).
FLASH_MS = {Tone.GOOD: 300, Tone.DONE: 700, Tone.WRONG: 1500}

# (frequency Hz, seconds) per note; 0 Hz is a rest.
_NOTES: dict[Tone, tuple[tuple[float, float], ...]] = {
    Tone.GOOD: ((1318.5, 0.07), (1760.0, 0.13)),  # E6 then A6: a bright fourth up
    Tone.WRONG: ((140.0, 0.15), (0.0, 0.05), (140.0, 0.17)),  # two low buzzes
    Tone.DONE: ((1046.5, 0.08), (1318.5, 0.08), (1568.0, 0.18)),  # C6 E6 G6
}
_FADE_S = 0.006  # no clicks at note edges


def tone_word(tone: Tone) -> str:
    """The word that goes with the colour of ``tone``: OK, WRONG or DONE (translated)."""
    words = {
        Tone.GOOD: QCoreApplication.translate("Feedback", "OK"),
        Tone.WRONG: QCoreApplication.translate("Feedback", "WRONG"),
        Tone.DONE: QCoreApplication.translate("Feedback", "DONE"),
    }
    return words[tone]


def _sample(tone: Tone, frequency: float, t: float) -> float:
    phase = 2 * math.pi * frequency * t
    if tone is Tone.WRONG:
        # A soft square wave: odd harmonics up to 9, so it buzzes without aliasing.
        return sum(math.sin(k * phase) / k for k in (1, 3, 5, 7, 9)) * 0.9
    return math.sin(phase) + 0.2 * math.sin(2 * phase)


def synthesize(tone: Tone, volume: float = 0.7) -> bytes:
    """The WAV file (bytes) of ``tone``: 16-bit mono at 44.1 kHz, deterministic."""
    frames = bytearray()
    for frequency, seconds in _NOTES[tone]:
        count = round(seconds * RATE)
        fade = round(_FADE_S * RATE)
        for i in range(count):
            if frequency == 0:
                value = 0.0
            else:
                t = i / RATE
                envelope = min(1.0, i / fade, (count - 1 - i) / fade)
                if tone is not Tone.WRONG:
                    envelope *= math.exp(-3.0 * t / seconds)  # a bell-like decay
                value = volume * envelope * _sample(tone, frequency, t) / 1.2
            sample = max(-32767, min(32767, round(value * 32767)))
            frames += sample.to_bytes(2, "little", signed=True)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


def sound_path(tone: Tone) -> Path:
    """``resources/sounds/<tone>.wav``."""
    return resource_path(SOUNDS_FOLDER, f"{tone.value}.wav")


class SoundOff(enum.StrEnum):
    """Why the station is silent."""

    NO_OUTPUT = "no_output"
    """No audio output device (no speaker, no sound server)."""
    NO_MULTIMEDIA = "no_multimedia"
    """QtMultimedia (or a library it needs) could not load."""


class Sounds(QObject):
    """The three sounds, loaded once, played through ``QSoundEffect``.

    Silent (and :attr:`available` False, :attr:`off` and :attr:`problem` saying why)
    when QtMultimedia cannot load or the station has no audio output: creating a sound
    effect without one only produces warnings. A speaker plugged in later is used.

    Signals:
        availableChanged(bool): sound came on (a speaker appeared) or went off.
    """

    availableChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, load: bool = True) -> None:
        super().__init__(parent)
        self._effects: dict[Tone, QObject] = {}
        self.problem = ""
        self.off: SoundOff | None = None
        self.last: Tone | None = None
        """The last tone asked for (played or not): what a test checks."""
        self._pending = not load
        if load:
            self._start()

    def load(self) -> None:
        """Load the sounds of a ``Sounds(load=False)`` (the kiosk does it after its first
        frame: QtMultimedia takes ~0.1 s to start); ``availableChanged`` then says whether
        they play. Does nothing once loaded."""
        if not self._pending:
            return
        self._pending = False
        self._start()
        self.availableChanged.emit(self.available)

    def _start(self) -> None:
        try:
            from PySide6.QtMultimedia import QMediaDevices
        except ImportError as error:  # the Addons wheel or libpulse is missing
            self.off = SoundOff.NO_MULTIMEDIA
            self.problem = f"QtMultimedia could not load: {error}"
            log.warning("scan sounds are off: %s", self.problem)
            return
        # A speaker plugged in later (USB, HDMI) is picked up when it appears.
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._on_devices_audio_outputs_changed)
        self._load()

    def _load(self) -> None:
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

        if not QMediaDevices.audioOutputs():
            self.off = SoundOff.NO_OUTPUT
            self.problem = "no audio output on this station"
            log.warning("scan sounds are off: %s", self.problem)
            return
        self.off = None
        self.problem = ""
        for tone in Tone:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(sound_path(tone))))
            effect.setVolume(0.9)
            self._effects[tone] = effect

    @Slot()
    def _on_devices_audio_outputs_changed(self) -> None:
        if not self._effects:
            self._load()
            if self._effects:
                log.info("scan sounds are on: an audio output appeared")
                self.availableChanged.emit(True)

    @property
    def available(self) -> bool:
        """Whether the sounds play; also while not loaded yet (nothing to say "off" about)."""
        return bool(self._effects) or self._pending

    def play(self, tone: Tone) -> None:
        """Start ``tone`` (stopping it first if it is still playing)."""
        self.last = tone
        effect = self._effects.get(tone)
        if effect is not None:
            effect.play()  # type: ignore[attr-defined]


class Feedback(QObject):
    """Flash, sentence and sound for each verdict, on the turn it arrives.

    Args:
        flash: the window's flash overlay.
        sounds: the sounds; ``None`` for none (tests, screenshots).

    Signals:
        shown(object): the ``Verdict`` just shown (after the flash and sound started).
    """

    shown = Signal(object)

    def __init__(
        self, flash: ScanFlash, sounds: Sounds | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.flash = flash
        self.sounds = sounds
        self.last: Verdict | None = None

    @Slot(object)
    def show(self, verdict: Verdict) -> None:
        """Flash the window, show the sentence and play the sound of ``verdict``."""
        self.last = verdict
        self.flash.flash(
            verdict.tone.value, tone_word(verdict.tone), verdict.text, FLASH_MS[verdict.tone]
        )
        if self.sounds is not None:
            self.sounds.play(verdict.tone)
        self.shown.emit(verdict)

    def stop(self) -> None:
        """Hide the flash (the window is closing)."""
        self.flash.dismiss()


def write_sounds(folder: Path | None = None) -> list[Path]:
    """Write every tone's WAV into ``folder`` (default ``resources/sounds``)."""
    folder = folder or resource_path(SOUNDS_FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for tone in Tone:
        path = folder / f"{tone.value}.wav"
        path.write_bytes(synthesize(tone))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ui.feedback [FOLDER]``: write the scan sounds."""
    args = list(sys.argv[1:] if argv is None else argv)
    for path in write_sounds(Path(args[0]) if args else None):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
