"""The waveform's peaks, worked out by hand, and on a real recording."""

from __future__ import annotations

import struct
from pathlib import Path

from floortui.adapters.audio_decode import decode
from floortui.domain.waveform import bar_line, column_of, peaks

RECORDINGS = Path(__file__).resolve().parent.parent / "fixtures" / "recordings"


def _pcm(samples: list[int]) -> bytes:
    return struct.pack(f"<{len(samples)}h", *samples)


def test_each_column_is_the_loudest_sample_of_its_stretch_scaled_to_the_loudest() -> None:
    pcm = _pcm([0, 100, -400, 50, 0, 0, 800, -200])  # two columns of four samples
    assert peaks(pcm, 2) == [0.5, 1.0]
    assert peaks(pcm, 4) == [0.125, 0.5, 0.0, 1.0]


def test_silence_and_nothing_are_flat() -> None:
    assert peaks(_pcm([0] * 80), 4) == [0.0] * 4
    assert peaks(b"", 3) == [0.0] * 3
    assert peaks(_pcm([5]), 0) == []


def test_more_columns_than_samples_still_fill_every_column() -> None:
    levels = peaks(_pcm([1000, -2000]), 5)
    assert len(levels) == 5 and max(levels) == 1.0


def test_bars_and_the_playhead_column() -> None:
    assert bar_line([0.0, 0.5, 1.0]) == " ▄█"
    assert column_of(30.0, 60.0, 80) == 40
    assert column_of(60.0, 60.0, 80) == 79
    assert column_of(-1.0, 60.0, 80) == 0


def test_a_real_call_shows_speech_and_pauses() -> None:
    audio = decode(RECORDINGS / "1794564826.1073.wav")
    levels = peaks(audio.pcm, 60)
    assert max(levels) == 1.0
    assert sum(1 for level in levels if level < 0.05) >= 3, "pauses between phrases"
    assert sum(1 for level in levels if level > 0.3) >= 20, "speech"
