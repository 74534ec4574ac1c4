"""The seat grid: every member's state, ticking each second, drawn with Textual's Line API.

A `DataTable` that rewrites 1,000 rows every second costs about a CPU core;
like toolong, this grid is a `ScrollView` whose `render_line(y)` draws only
the lines on screen, from strips kept by what the line says (widgets/seat_lines).
On each tick (and each new floor snapshot) it works out what every visible
line says now and refreshes only the lines whose words or colours changed;
lines off screen cost nothing until they are scrolled to. The order, filter
and grouping (domain/seat_rows.arrange) are rebuilt only when the floor or the
supervisor's choice changes, never on the tick.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from floortui.config.floor import FloorSettings
from floortui.domain.floor_changes import changed_members
from floortui.domain.floor_snapshot import FloorSnapshot, MemberState
from floortui.domain.roster import Shift
from floortui.domain.seat_rows import (
    GroupRow,
    Row,
    SeatCells,
    SeatOrder,
    SeatView,
    after_wrapup,
    arrange,
    seat_cells,
    seat_time,
    steady_until,
)
from floortui.widgets.at_once import RefreshAtOnce
from floortui.widgets.kept_styles import KeptStyles
from floortui.widgets.once_strip import once_crop
from floortui.widgets.seat_columns import TIME_CELL, changed_span
from floortui.widgets.seat_lines import SeatLines
from floortui.widgets.until_dirty import KeptScrollbars


class SeatGrid(RefreshAtOnce, KeptScrollbars, KeptStyles, ScrollView, can_focus=True):
    """Every member on one line; `↑`/`↓` move, Enter opens the member's day."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "choose", "Member's day", show=True,
                tooltip="Open the highlighted member's day: states, calls and pauses, totals"),
    ]  # fmt: skip
    COMPONENT_CLASSES = {
        "seat-grid--header", "seat-grid--group", "seat-grid--cursor", "seat-grid--new",
        "seat-grid--ready", "seat-grid--ringing", "seat-grid--on_call", "seat-grid--wrapup",
        "seat-grid--paused", "seat-grid--logged_off", "seat-grid--warning", "seat-grid--alert",
        "seat-grid--roster",
    }  # fmt: skip
    DEFAULT_CSS = """
    SeatGrid { background: $surface; overflow-x: hidden; }
    SeatGrid > .seat-grid--header { color: $text-muted; text-style: bold; }
    SeatGrid > .seat-grid--group { color: $text-primary; text-style: bold; background: $panel; }
    SeatGrid > .seat-grid--cursor { background: $block-cursor-blurred-background; }
    SeatGrid:focus > .seat-grid--cursor { background: $block-cursor-background; }
    SeatGrid > .seat-grid--new { color: $text-accent; text-style: bold; }
    SeatGrid > .seat-grid--ready { color: $text-success; }
    SeatGrid > .seat-grid--ringing { color: $text-accent; text-style: bold; }
    SeatGrid > .seat-grid--on_call { color: $text-primary; }
    SeatGrid > .seat-grid--wrapup { color: $text-secondary; }
    SeatGrid > .seat-grid--paused { color: $text-warning; }
    SeatGrid > .seat-grid--logged_off { color: $text-muted; }
    SeatGrid > .seat-grid--warning { background: $warning-muted; color: $text; }
    SeatGrid > .seat-grid--alert { background: $error; color: $text; text-style: bold; }
    SeatGrid > .seat-grid--roster { color: $text-warning; }
    """

    class SeatChosen(Message):
        """Enter on a member: the screen opens their day."""

        def __init__(self, member: str) -> None:
            super().__init__()
            self.member = member

    def __init__(self, settings: FloorSettings, teams: Mapping[str, str | None] | None = None,
                 *, break_reasons: Collection[str] = ("Break", "Lunch"),
                 graces: tuple[int, int] = (3, 3), id: str | None = None) -> None:  # fmt: skip
        super().__init__(id=id)
        self.settings = settings
        #: Pause reasons that are breaks (config `breaks.break_reasons`): "on break".
        self.break_reasons = frozenset(break_reasons)
        self.teams = dict(teams or {})
        #: Minutes late / early still on time, and today's shifts (member → shift) once a
        #: roster is read; with no roster the grid has no roster column.
        self.graces = graces
        self.shifts: Mapping[str, Shift] | None = None
        self.view = SeatView()
        self._order = SeatOrder(self.view)
        self.members: Mapping[str, MemberState] = {}
        self._wrapping: set[str] = set()  # seats in wrap-up, which ends on the clock
        self.rows: list[Row] = []
        self.now = 0
        self.cursor = 0
        self._answered: Mapping[str, int] = {}
        self._breaks: Mapping[str, int | None] = {}
        #: Member → ((its state, last break, answered, team), the moment, steady until, its
        #: row): the row as last worked out, and until when only its time moves.
        self._cells: dict[str, tuple[tuple, int, int, SeatCells]] = {}
        #: Screen line → what it showed last, so a tick redraws only lines that changed.
        self._shown: dict[int, tuple] = {}
        self._lines = SeatLines(self._style, lambda: self.shifts is not None)

    # -- what the grid shows ---------------------------------------------------------

    def show_floor(self, snapshot: FloorSnapshot, now: int | None = None) -> None:
        """A new snapshot (at `now`): put the changed seats in place, redraw what changed."""
        if now is not None:
            self.now = now
        changed = changed_members(self.members, snapshot.members)
        self.members = members = snapshot.members
        if changed is None:
            changed, self._wrapping = members.keys(), set()
        for name in changed:  # only the members that changed can have begun or ended one
            if members[name].state == "wrapup" and members[name].wrapup_until is not None:
                self._wrapping.add(name)
            else:
                self._wrapping.discard(name)
        if not self._wrap_ups_end():
            self._rearrange()

    def show_shifts(self, shifts: Mapping[str, Shift] | None) -> None:
        """Today's rostered shifts (None: no roster): the roster column follows them."""
        if shifts == self.shifts:
            return
        had_column = self.shifts is not None
        self.shifts = shifts
        self._cells.clear()
        if had_column != (shifts is not None):  # the columns move: every line is drawn anew
            self._shown.clear()
            self._lines.forget()
            self.refresh()
        else:
            self._refresh_visible()

    def show_summaries(self, answered: Mapping[str, int],
                       last_break_end: Mapping[str, int | None]) -> None:  # fmt: skip
        """Today's calls answered and last break per member (read every few seconds)."""
        self._answered, self._breaks = answered, last_break_end
        self._refresh_visible()

    def set_view(self, view: SeatView) -> None:
        """The supervisor changed the sort, grouping, filter or search."""
        self.view = view
        self._order.resort(view)
        self._rearrange()

    def tick(self, now: int) -> None:
        """The data clock moved on: redraw the visible lines whose time (or level) changed.
        At the moment already shown (a snapshot was just put in place) nothing moved."""
        if now == self.now:
            return
        self.now = now
        if not self._wrap_ups_end():
            self._refresh_visible()

    def _wrap_ups_end(self) -> bool:
        """Seats whose wrap-up is over by now become ready (or paused); True if any did."""
        due = [n for n in self._wrapping if self.members[n].wrapup_until <= self.now]
        if not due:
            return False
        members = dict(self.members)
        for name in due:
            members[name] = after_wrapup(members[name])
        self.members = members
        self._wrapping.difference_update(due)
        self._rearrange()
        return True

    @property
    def cursor_member(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            row = self.rows[self.cursor]
            return row if isinstance(row, str) else None
        return None

    def _rearrange(self) -> None:
        chosen = self.cursor_member
        self.rows = arrange(self.members, self.teams, self.view, self._order)
        if chosen is not None and chosen in self.members:
            try:
                self.cursor = self.rows.index(chosen)
            except ValueError:
                self.cursor = min(self.cursor, max(0, len(self.rows) - 1))
        else:
            self.cursor = min(self.cursor, max(0, len(self.rows) - 1))
        height = len(self.rows) + 1  # the column titles take the first line
        if self.virtual_size.height != height:
            self.virtual_size = Size(self.size.width, height)
        self._refresh_visible()

    # -- drawing ---------------------------------------------------------------------

    def _cells_of(self, name: str) -> SeatCells | None:
        """The seat's row now: worked out in full only when it may say something new
        (seat_rows.steady_until); until then each second only its time is put in."""
        member = self.members.get(name)
        if member is None:
            return None
        answered, last_break = self._answered.get(name, 0), self._breaks.get(name)
        team, now = self.teams.get(name), self.now
        said = (member, last_break, answered, team)
        cached = self._cells.get(name)
        if cached is not None and cached[0] == said:
            at, until, cells = cached[1:]
            if at == now:
                return cells
            if at < now < until:
                time = seat_time(member, now)
                if time != cells[TIME_CELL]:
                    cells = _with_time(cells, time)
                self._cells[name] = (said, now, until, cells)
                return cells
        shift = self.shifts.get(name) if self.shifts else None
        args = (self.settings, self.break_reasons, shift, self.graces)
        cells = seat_cells(member, team, answered, last_break, now, *args)
        self._cells[name] = (said, now, steady_until(member, last_break, now, *args), cells)
        return cells

    def _line_key(self, y: int, width: int, top: int, focused: bool) -> tuple:
        """What screen line `y` says now (the first line holds the column titles)."""
        if y == 0:
            return ("header", width)
        index = top + y - 1
        if index >= len(self.rows):
            return ("blank", width)
        row = self.rows[index]
        if isinstance(row, GroupRow):
            return ("group", row, index == self.cursor, focused, width)
        return ("seat", self._cells_of(row), index == self.cursor, focused, width)

    def _refresh_visible(self) -> None:
        """Refresh each visible line whose words or colours are not what it shows."""
        width, height = self.scrollable_content_region.width, self.size.height
        top, focused = int(self.scroll_offset.y), self.has_focus
        shown, roster = self._shown, self.shifts is not None
        # One region around every changed span: the compositor draws it in one pass, and
        # on a tick it is the time column's strip (the lines between are unchanged anyway).
        x1, y1, x2, y2 = width, height, -1, -1  # nothing changed yet
        for y in range(height):
            key = self._line_key(y, width, top, focused)
            old = shown.get(y)
            if old == key:
                continue
            shown[y] = key
            start, end = _changed_columns(old, key, width, roster)
            if start < x1:  # compared, not min() and max(): each visible line, each second
                x1 = start
            if end > x2:
                x2 = end
            if y2 < 0:
                y1 = y
            y2 = y
        if y2 >= 0:
            self.refresh(Region(x1, y1, x2 - x1, y2 + 1 - y1))

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines in `crop`, each the cached strip of what it says, drawn through the
        app's line filters once, when drawn. The grid has no border, padding, tint or
        opacity (its CSS), so Textual's styles cache would only copy each strip again and
        filter the copy: on the 1 Hz tick that was half of the grid's cost
        (bench/bench_floor.py)."""
        styles = self.styles
        if styles.gutter or styles.tint.a or styles.text_opacity != 1.0 or self.opacity != 1.0:
            self._lines.through((), None)  # the styles cache filters what it is given
            return super().render_lines(crop)
        self._lines.through(self.app.get_line_filters(), self.background_colors[1])
        width = self.scrollable_content_region.width
        top, focused = int(self.scroll_offset.y), self.has_focus
        strips = [self._line_at(y, width, top, focused) for y in crop.line_range]
        x1, x2 = crop.column_span  # the compositor asks for the scrollbar's columns too
        if x1 > 0 or x2 < width:
            strips = [once_crop(strip, x1, x2) for strip in strips]
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # the scrollbar's columns are its own
        return self._line_at(y, width, int(self.scroll_offset.y), self.has_focus)

    def _line_at(self, y: int, width: int, top: int, focused: bool) -> Strip:
        """Line `y` as `_refresh_visible` last worked it out: every change to what the grid
        shows goes through it (or forgets the lines, as a scroll or a resize does)."""
        key = self._shown.get(y)
        if key is None:
            key = self._shown[y] = self._line_key(y, width, top, focused)
        return self._lines.line(key)

    def _style(self, *names: str) -> Style:
        """The grid's style with these component classes over it, in order (none: the
        grid's own): the blurred cursor is the theme's see-through one over the surface."""
        return self.kept_style(*(f"seat-grid--{n}" for n in names))

    # -- keys ------------------------------------------------------------------------

    def _move_to(self, index: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(index, len(self.rows) - 1))
        visible = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)
        self._refresh_visible()

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self._move_to(self.cursor + step * max(1, self.size.height - 2))

    def action_edge(self, end: int) -> None:
        self._move_to(len(self.rows) - 1 if end else 0)

    def action_choose(self) -> None:
        member = self.cursor_member
        if member is not None:
            self.post_message(self.SeatChosen(member))

    def move_to_member(self, member: str) -> bool:
        """Put the cursor on `member` (e.g. a name searched for); False if not shown."""
        try:
            self._move_to(self.rows.index(member))
        except ValueError:
            return False
        return True

    # -- Textual's notifications ------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._shown.clear()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self._shown.clear()
        self._lines.forget()

    def on_focus(self) -> None:
        self._refresh_visible()

    def on_blur(self) -> None:
        self._refresh_visible()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.forget()
        self._shown.clear()
        self.refresh()


def _changed_columns(old: tuple | None, new: tuple, width: int, roster: bool) -> tuple[int, int]:
    """[start, end) of line's cells to redraw: on a tick, usually the time column alone."""
    if old is None or old[0] != "seat" or new[0] != "seat" or old[2:] != new[2:]:
        return 0, width
    return changed_span(old[1], new[1], width, roster)


def _with_time(cells: SeatCells, time: str) -> SeatCells:
    """`cells._replace(time=time)`, without its keyword work: once a second for each
    seat on the screen."""
    return tuple.__new__(SeatCells, (*cells[:TIME_CELL], time, *cells[TIME_CELL + 1 :]))
