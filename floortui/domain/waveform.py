"""A recording's waveform: the loudest sample of each column's stretch of the call.

The reviewer sees where the talking is, where the silences and the hold
music are, and where the playhead stands. One peak per column of the widget,
each the largest absolute sample of its stretch (`audioop.max`, in C: ten
minutes of 8 kHz audio in a few milliseconds), scaled to 0..1 against the
recording's own loudest moment so a quiet line still shows its shape.
"""

from __future__ import annotations

import sys
import warnings

if sys.version_info >= (3, 13):  # audioop left the standard library; audioop-lts is the same C
    import audioop  # type: ignore[import-not-found]
else:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop

SAMPLE_BYTES = 2
#: Eight levels per character cell, bottom to top.
BARS = " ▁▂▃▄▅▆▇█"


def peaks(pcm: bytes, columns: int) -> list[float]:
    """`columns` peaks (0..1) of signed 16-bit mono `pcm`, each over an equal stretch."""
    if columns < 1:
        return []
    samples = len(pcm) // SAMPLE_BYTES
    if samples == 0:
        return [0.0] * columns
    raw = []
    for column in range(columns):
        start = column * samples // columns
        end = max(start + 1, (column + 1) * samples // columns)
        raw.append(audioop.max(pcm[start * SAMPLE_BYTES : end * SAMPLE_BYTES], SAMPLE_BYTES)
                   if start < samples else 0)  # fmt: skip
    loudest = max(raw)
    if loudest == 0:
        return [0.0] * columns
    return [value / loudest for value in raw]


def bar_line(levels: list[float]) -> str:
    """One line of block characters for the peaks (the widget colours and marks it)."""
    top = len(BARS) - 1
    return "".join(BARS[min(top, round(level * top))] for level in levels)


def column_of(position_s: float, duration_s: float, columns: int) -> int:
    """The column the playhead at `position_s` falls in."""
    if duration_s <= 0 or columns < 1:
        return 0
    return min(columns - 1, max(0, int(position_s / duration_s * columns)))
