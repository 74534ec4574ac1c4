"""The seat grid's lines as strips: drawn once, through the app's line filters, and kept.

On the 1 Hz tick every visible seat line says something new (its clock moved), so
each is drawn again every second. What makes that cheap: a line but for its clock
(its "frame") is kept per member and look, so a tick only puts the new time in; cells
of one style side by side are one segment; and the line filters (ANSI to truecolor,
dim) are applied to those pieces once, not to every new line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter
from textual.strip import Strip

from floortui.domain.seat_rows import GroupRow, SeatCells
from floortui.widgets.cell_text import fit_cell, fit_line
from floortui.widgets.kept import Kept
from floortui.widgets.once_strip import OnceStrip
from floortui.widgets.seat_columns import ROSTER_COLUMN, TIME_CELL, grid_columns

#: The time column's place among the columns.
TIME_COLUMN = 4


class SeatLines:
    """Strips for the grid's line keys (`("seat", cells, cursor, focused, width)`, …).

    `style(*names)` gives the grid's style with those component classes over it, in that
    order (`style()`: the grid's own), each blended over what is under it as Textual
    blends it; `roster()` whether the roster column is shown.
    """

    def __init__(self, style: Callable[..., Style], roster: Callable[[], bool]) -> None:
        self.style = style
        self.roster = roster
        #: Lines as drawn: a seat line says something new each second (its clock), so these
        #: are the last few seconds of a tall screen's lines, not the shift's.
        self._strips: Kept[Strip] = Kept(256)
        #: A seat line but for its clock, per member and look (`_frame`).
        self._frames: Kept[tuple] = Kept(1024)
        #: The line filters and the background the kept strips were drawn through.
        self._through: tuple[Sequence[LineFilter], Color | None] = ((), None)

    def through(self, filters: Sequence[LineFilter], background: Color | None) -> None:
        """Draw from now on through these filters on this background; lines drawn through
        others (a theme changed, a filter turned on) are drawn again."""
        wanted = (tuple(filters), background)
        if wanted != self._through:
            self._through = wanted
            self.forget()

    def forget(self) -> None:
        """Draw every line again (the columns or the styles changed)."""
        self._strips.clear()
        self._frames.clear()

    def line(self, key: tuple) -> Strip:
        """The line `key` says, as wide as the grid's content (the key's last item). Not
        under the scrollbar: a line no wider than that is put on the screen whole, where
        one drawn under the scrollbar too is cut in two there on every frame."""
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw(key)
        return strip

    def _filtered(self, segments: list[Segment]) -> list[Segment]:
        """`segments` through the filters. Textual's line filters each change segment
        styles one by one, so a line put together from filtered pieces is the line
        filtered."""
        filters, background = self._through
        for line_filter in filters:
            segments = line_filter.apply(segments, background)
        return segments

    def _draw(self, key: tuple) -> Strip:
        kind, width = key[0], key[-1]
        if kind == "seat":
            return self._seat(key[1], key[2], key[3], width)
        if kind == "blank":
            return Strip(self._filtered([Segment(" " * width, self.style())]), width)
        if kind == "header":
            text = "".join(fit_cell(title, w) for title, w in grid_columns(width, self.roster()))
            segment = Segment(fit_line(text, width), self.style("header"))
            return Strip(self._filtered([segment]), width)
        row: GroupRow = key[1]
        style = self.style("group", "cursor") if key[2] else self.style("group")
        text = fit_line(f" {row.label} ({row.count})", width)
        return Strip(self._filtered([Segment(text, style)]), width)

    def _seat(self, cells: SeatCells, cursor: bool, focused: bool, width: int) -> Strip:
        # The line but for its clock (a plain tuple of the other cells: made each second).
        frame_key = (cells[:TIME_CELL], cells[TIME_CELL + 1 :], cursor, focused, width)
        frame = self._frames.get(frame_key)
        if frame is None:
            frame = self._frames[frame_key] = self._frame(cells, cursor, width)
        before, state_text, time_width, timed, after = frame
        if before is None:  # columns that do not add up to the line: drawn whole
            return self._odd_seat(cells, cursor, width)
        clock = Segment(state_text + fit_cell(cells.time, time_width), timed)
        return OnceStrip([*before, clock, *after], width)  # drawn again next second

    def _styles(self, cells: SeatCells, cursor: bool) -> tuple[Style, Style, Style, Style]:
        """The line's style, its state's and time's (coloured by state and level), its
        new-member mark's and its roster word's."""
        line = ("cursor",) if cursor else ()
        timed = (*line, cells.state) if cells.level == "ok" else (*line, cells.state, cells.level)
        return (self.style(*line), self.style(*timed), self.style(*line, "new"),
                self.style(*line, "roster"))  # fmt: skip

    def _texts(self, cells: SeatCells) -> list[str]:
        """Each column's words in the columns' order (the roster's only with a roster)."""
        texts = ["●" if cells.new else "", cells.name, cells.team, cells.state_text,
                 cells.time, cells.answered.rjust(3), cells.since_break, cells.roster,
                 cells.queues]  # fmt: skip
        if not self.roster():
            del texts[ROSTER_COLUMN]
        return texts

    def _frame(self, cells: SeatCells, cursor: bool, width: int) -> tuple:
        """(segments before the state, the state's words fitted, the time column's width,
        the style of both, segments after), each through the filters."""
        style, timed, new, roster_style = self._styles(cells, cursor)
        widths = [w for _, w in grid_columns(width, self.roster())]
        if sum(widths) != width:
            return (None, "", 0, timed, [])
        texts = [fit_cell(text, w) for text, w in zip(self._texts(cells), widths, strict=True)]
        before = [Segment(texts[0], new), Segment(texts[1] + texts[2], style)]
        rest = texts[TIME_COLUMN + 1 :]
        if self.roster():
            roster = Segment(rest[2], roster_style)
            after = [Segment(rest[0] + rest[1], style), roster, Segment(rest[3], style)]
        else:
            after = [Segment("".join(rest), style)]
        [clock] = self._filtered([Segment(" ", timed)])
        return (self._filtered(before), texts[3], widths[TIME_COLUMN], clock.style,
                self._filtered(after))  # fmt: skip

    def _odd_seat(self, cells: SeatCells, cursor: bool, width: int) -> Strip:
        """A seat line whose columns do not add up to its width, cut or filled to it."""
        style, timed, new, roster_style = self._styles(cells, cursor)
        styles = [new, style, style, timed, timed, style, style]
        if self.roster():
            styles.append(roster_style)
        styles.append(style)
        columns = grid_columns(width, self.roster())
        segments = [Segment(fit_cell(text, w), s) for text, (_, w), s in
                    zip(self._texts(cells), columns, styles, strict=True)]  # fmt: skip
        strip = Strip(segments).adjust_cell_length(width, style)
        return Strip(self._filtered(list(strip)), strip.cell_length)
