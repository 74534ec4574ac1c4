"""A strip for a line drawn anew each second: made without Strip's seven caches.

Textual's Strip makes seven small caches as it is made (its crops, divisions, styles,
filters, …), each a dict of its own: the right thing for a line drawn again and again,
and most of the cost of making a strip. The seat grid makes a new line for every visible
seat each second (its clock moved) and the compositor divides each once, into itself,
before the next second replaces it (bench/bench_floor.py); a line a widget draws whole
(widgets/own_lines) is made again whenever it changes. A Strip divided into itself also
keeps itself in its own cache: a cycle only the garbage collector frees, with its seven
caches. A OnceStrip is a Strip in every other way; what would be cached is worked out
again when asked for.
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip


class _NoCache:
    """Stands in for each of a Strip's caches: keeps nothing."""

    __slots__ = ()

    def get(self, key: Hashable, default: object = None) -> object:
        return default

    def set(self, key: Hashable, value: object) -> None:
        pass

    def __setitem__(self, key: Hashable, value: object) -> None:
        pass

    def __contains__(self, key: object) -> bool:
        return False

    def __len__(self) -> int:
        return 0

    def clear(self) -> None:
        pass


_NO_CACHE = _NoCache()


class OnceStrip(Strip):
    """A Strip that keeps none of what it works out (see the module's docstring)."""

    __slots__ = ()

    def __init__(self, segments: list[Segment], cell_length: int | None = None) -> None:
        self._segments = segments
        self._cell_length = cell_length
        self._divide_cache = self._crop_cache = self._style_cache = _NO_CACHE  # type: ignore[assignment]
        self._filter_cache = self._line_length_cache = _NO_CACHE  # type: ignore[assignment]
        self._crop_extend_cache = self._offsets_cache = _NO_CACHE  # type: ignore[assignment]
        self._render_cache = None
        self._link_ids = None
        self._cell_count = None


def once_crop(strip: Strip, start: int, end: int) -> Strip:
    """Cells `start` up to `end` of `strip`, as `Strip.crop` gives them, as a OnceStrip:
    for a part of a line put on the screen in this frame only (screens/_changed_only)."""
    length = strip.cell_length
    if start < 0:  # compared, not max() and min(): a crop or more for each changed line
        start = 0
    if end > length:
        end = length
    if start == 0 and end == length:
        return strip
    if end <= start:
        return OnceStrip([], 0)
    segments: list[Segment] = []
    pos = 0
    for segment in strip:
        after = pos + cell_len(segment.text)
        if after <= start:
            pos = after
            continue
        if pos >= end:
            break
        if pos < start:
            segment = segment.split_cells(start - pos)[1]
            pos = start
        if after > end:
            segment = segment.split_cells(end - pos)[0]
        segments.append(segment)
        pos = after
    return OnceStrip(segments, end - start)
