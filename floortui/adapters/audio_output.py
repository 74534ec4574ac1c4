"""The audio output a player plays to: miniaudio's device, or one line saying why there is none.

PulseAudio is tried first (a desktop, or CI's null sink); ALSA only on a machine
with a sound card, since on one without libasound prints a page of errors
straight onto the terminal, under the app. No other backend is tried: miniaudio's
null backend would "play" into nothing and the reviewer would hear silence
without being told.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

#: The device's buffer. A pause or seek is heard within it (a tenth of a second is "at once"
#: to a listener), and it is what the callback has in hand when the machine is busy: at 20 ms a
#: loaded two-core machine let the sound run dry mid-call, a stutter in what the reviewer hears.
BUFFER_MS = 100


class PlaybackUnavailable(Exception):
    """No audio output: the message is one line, starting "playback unavailable: "."""


class Device(Protocol):
    """The audio output: miniaudio's PlaybackDevice, or a test's stand-in."""

    def start(self, callback_generator: Any) -> None: ...
    def close(self) -> None: ...


def has_sound_card() -> bool:
    """ALSA is only tried on a machine with a card: without one libasound prints a page of
    errors straight to the terminal, under the app."""
    cards = Path("/proc/asound/cards")
    try:
        return cards.exists() and "no soundcards" not in cards.read_text()
    except OSError:
        return False


def open_output(sample_rate: int) -> Device:
    """miniaudio's playback device at the recording's rate, mono 16-bit; PlaybackUnavailable
    with the reason when there is no output to play to."""
    try:
        import miniaudio
    except ImportError as exc:  # pragma: no cover - a broken install
        raise PlaybackUnavailable(f"playback unavailable: miniaudio is missing ({exc})") from None
    backends = [miniaudio.Backend.PULSEAUDIO]
    if has_sound_card():
        backends.append(miniaudio.Backend.ALSA)
    try:
        return miniaudio.PlaybackDevice(
            output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=sample_rate,
            buffersize_msec=BUFFER_MS, backends=backends, app_name="floortui",
        )  # fmt: skip
    except miniaudio.MiniaudioError as exc:
        if len(backends) == 1:
            reason = "no PulseAudio server is running and there is no sound card"
        else:
            reason = f"no audio output could be opened ({exc.args[0]})"
        raise PlaybackUnavailable(f"playback unavailable: {reason}") from None
