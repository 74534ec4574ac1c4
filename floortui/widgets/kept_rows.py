"""A bordered widget's rows as Textual draws them, kept by what each row shows.

Textual's styles cache keeps a widget's drawn rows (border and padding around its words) by
their place: a row that moves up or down a line is drawn again through the border, though
it shows what it showed. The break panel's rows move on every new board (someone goes out,
the lists below shift), and in the floor's one frame a second that redrew most of the
panel each time (bench/bench_floor.py). Kept by what they show, moved rows are put on the
screen as they were drawn; only a row never seen before goes through the styles cache.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.geometry import Region
from textual.strip import Strip

from floortui.widgets.kept import Kept

#: Rows kept: a few boards' worth.
KEPT_ROWS = 512


class KeptRows:
    """For a Widget subclass (this before it in the bases): `row_keys(crop)` says, for each
    line of `crop` (0 is the top border), what it shows; a row is drawn once per key."""

    _kept_rows: Kept[Strip] | None = None

    def row_keys(self, crop: Region) -> list[Hashable]:
        raise NotImplementedError

    def render_lines(self, crop: Region) -> list[Strip]:
        kept = self._kept_rows
        if kept is None:
            kept = self._kept_rows = Kept(KEPT_ROWS)
        width = self.outer_size.width  # type: ignore[attr-defined]
        whole = crop.column_span == (0, width)
        keys = self.row_keys(crop)
        strips: list[Strip | None] = [kept.get(key) for key in keys]
        y0 = crop.y
        missing = [i for i, strip in enumerate(strips) if strip is None]
        for at, end in row_runs(missing):  # each run of rows not kept: drawn by Textual at once
            drawn = super().render_lines(Region(0, y0 + at, width, end - at))  # type: ignore[misc]
            for i, strip in enumerate(drawn, at):
                strips[i] = kept[keys[i]] = strip
        if not whole:
            x1, x2 = crop.column_span
            return [strip.crop(x1, x2) for strip in strips]  # type: ignore[union-attr]
        return strips  # type: ignore[return-value]

    def forget_rows(self) -> None:
        """Draw every row again (a new width or new styles)."""
        if self._kept_rows is not None:
            self._kept_rows.clear()


def row_runs(rows: list[int]) -> list[tuple[int, int]]:
    """[start, end) of each run of consecutive rows in sorted `rows`."""
    runs: list[tuple[int, int]] = []
    for y in rows:
        if runs and runs[-1][1] == y:
            runs[-1] = (runs[-1][0], y + 1)
        else:
            runs.append((y, y + 1))
    return runs
