"""The break panel: who is out (time left or overdue), who goes next, who is held back and why.

Fed plain data: `show(board)` with a BreakBoard (floortui.queries.breaks.
live_break_board, read in a worker) and `tick(now)` each second, which only
moves the clocks (no SQL, and a row is redrawn only when its words change).
Colours are the theme's (`$error` overdue, `$warning` held back or nearly
due back, `$success` next up).

Drawn with Textual's Line API, as the seat grid is: each line of the board
(widgets/break_lines) is wrapped at the panel's width and its rows kept as
strips, so a new board or a tick redraws only the rows whose words changed,
and the panel's length (its scroll height) stays put while the board changes
shape: the screen is never laid out again for it. A new row is put between
the border and padding worked out once (widgets/framed_rows).

Keys on the panel: `↑`/`↓` (and Home, End, Page up, Page down) move along the
members, skipping headings; `s` sends the highlighted member on break (the
proposal's reason and minutes; a held-back member can still be sent: the
supervisor decides), `r` marks them returned, `x` skips them (the screen asks
why). Each posts `ActionRequested`; the screen stores it (a widget never
reaches the queries: floortui.screens.break_actions.BreakActions does it in a
worker). New alerts are notified once each (one toast per board read, the
first few spelt out) and posted as `AlertsRaised` (BreakActions logs each in
the shift log).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable

from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from floortui.domain.breaks import BreakAlert, BreakBoard
from floortui.widgets.at_once import RefreshAtOnce
from floortui.widgets.break_lines import (
    DEFAULT_ROWS,
    Line,
    ListRows,
    alerts_notice,
    board_lines,
    line_content,
    lines_steady_until,
    wrapped_rows,
)
from floortui.widgets.break_panel_actions import BreakPanelActions
from floortui.widgets.framed_rows import FramedRows
from floortui.widgets.kept import Kept
from floortui.widgets.kept_rows import KeptRows
from floortui.widgets.until_dirty import KeptScrollbars, UntilDirty

#: Lines kept wrapped, and rows kept drawn: a few boards' worth.
_KEPT = 512


class BreakPanel(
    BreakPanelActions,
    RefreshAtOnce,
    UntilDirty,
    KeptScrollbars,
    KeptRows,
    FramedRows,
    ScrollView,
    can_focus=True,
):
    """The rotation's lists in one keyboard-driven list; headings are not chosen."""

    #: The scrollbar's columns are kept even while the list fits, so lines are wrapped at
    #: one width: a list that starts to scroll does not wrap every line again.
    DEFAULT_CSS = """
    BreakPanel { height: auto; max-height: 24; border: round $primary; padding: 0 1;
                 scrollbar-gutter: stable; overflow-x: hidden; background: $surface;
                 color: $foreground; }
    BreakPanel:focus { border: tall $border; background-tint: $foreground 5%; }
    BreakPanel > .break-panel--heading { color: $text-disabled; }
    BreakPanel > .break-panel--highlighted { color: $foreground;
                                             background: $block-cursor-blurred-background; }
    BreakPanel:focus > .break-panel--highlighted { color: $block-cursor-foreground;
        background: $block-cursor-background; text-style: $block-cursor-text-style; }
    """
    COMPONENT_CLASSES = {"break-panel--line", "break-panel--heading", "break-panel--highlighted"}
    BORDER_TITLE = "Breaks"
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("s", "send", "Send on break", tooltip="Send the highlighted member on break"),
        Binding("r", "returned", "Back", tooltip="Mark the highlighted member back from break"),
        Binding("x", "skip", "Skip break", tooltip="Skip the highlighted member's break, why"),
    ]

    class ActionRequested(Message):
        """The supervisor asked for a break action on a member (`sent|returned|skipped`).

        The screen stores it (floortui.screens.break_actions.BreakActions does).
        """

        def __init__(self, action: str, member: str, reason: str | None = None,
                     minutes: int | None = None) -> None:  # fmt: skip
            super().__init__()
            self.action, self.member, self.reason, self.minutes = action, member, reason, minutes

    class AlertsRaised(Message):
        """Alerts that were not on the board before (each raised once)."""

        def __init__(self, alerts: tuple[BreakAlert, ...]) -> None:
            super().__init__()
            self.alerts = alerts

    def __init__(self, *, rows: ListRows = DEFAULT_ROWS, tz: dt.tzinfo = dt.UTC,
                 id: str | None = None, classes: str | None = None) -> None:  # fmt: skip
        super().__init__(id=id, classes=classes)
        self.rows, self.tz = rows, tz
        self.board: BreakBoard | None = None
        self.now: int | None = None
        #: The highlighted line (an index into `keys`), or None.
        self.highlighted: int | None = None
        self._seen_alerts: set[tuple[str, str, str]] = set()
        self._lines: list[Line] = []  # as drawn
        self._width = 0  # the width they were wrapped at
        #: Each line's member (`out:NAME`, …), None for a heading.
        self.keys: list[str | None] = []
        self._heights: list[int] = []
        self._tops: list[int] = []  # each line's first row
        self._row_of: list[tuple[int, int]] = []  # row → (line, row within the line)
        self._longest = 0  # the scroll height kept while the list is longer than the panel
        self._wrapped: Kept[list[Content]] = Kept(_KEPT)
        self._strips: Kept[Strip] = Kept(_KEPT)
        #: (the board, from, until): the lines say the same from then until then.
        self._steady: tuple[BreakBoard | None, int, int] | None = None

    # -- data in ---------------------------------------------------------------------------

    def show(self, board: BreakBoard) -> None:
        """A freshly computed board."""
        self.board = board
        self.now = board.at if self.now is None or self.now < board.at else self.now
        self._redraw()
        fresh = tuple(a for a in board.alerts if (a.member, a.kind, a.text) not in
                      self._seen_alerts)  # fmt: skip
        if fresh:
            self._seen_alerts.update((a.member, a.kind, a.text) for a in fresh)
            text, severity = alerts_notice(fresh)
            self.notify(text, severity=severity, timeout=8)
            self.post_message(self.AlertsRaised(fresh))

    def tick(self, now: int) -> None:
        """The clock moved: time left and overdue follow (only changed rows are redrawn). On
        most seconds no word moves (break_lines.lines_steady_until) and nothing is done."""
        steady = self._steady
        self.now = now
        if steady is not None and steady[0] is self.board and steady[1] <= now < steady[2]:
            return
        self._redraw()
        until = lines_steady_until(self.board, now, self.rows)
        self._steady = (self.board, now, until if until is not None else now + 1)

    def lines(self) -> list[Line]:
        """(member key or None for a heading, markup, its $variables) of every line."""
        return board_lines(self.board, self.now, self.rows, self.tz)

    def line_texts(self) -> list[str]:
        """Each line's words as the supervisor reads them (before wrapping)."""
        return [line_content(line).plain for line in self._lines]

    def line_heights(self) -> list[int]:
        """How many rows each line takes at the panel's width."""
        return list(self._heights)

    def highlight_member(self, key: str) -> bool:
        """Move the highlight to `key` (`out:NAME`, `next:NAME`, `held:NAME`); False when it
        is not on the panel."""
        if key not in self.keys:
            return False
        self._highlight(self.keys.index(key))
        return True

    # -- laying the lines out --------------------------------------------------------------

    def _redraw(self) -> None:
        """Lay the new lines out and redraw the rows that say something else now; the
        highlight stays on its member (who moves from next up to on break with it)."""
        lines, width = self.lines(), self.scrollable_content_region.width
        if lines == self._lines and width == self._width:
            return
        old_rows = self._row_looks()
        chosen = self._chosen_key()
        self._lines, self._width = lines, width
        self.keys = [key for key, _, _ in lines]
        self._heights = [len(self._wrap(line, width)) for line in lines]
        self._tops, self._row_of = [], []
        for i, height in enumerate(self._heights):
            self._tops.append(len(self._row_of))
            self._row_of.extend((i, r) for r in range(height))
        self.highlighted = self._line_of(chosen) if chosen is not None else None
        total = self._total_rows(len(self._row_of))
        if self.virtual_size != Size(width, total):
            self.virtual_size = Size(width, total)
            # Textual shows or hides the scrollbar when it lays the panel out, from the scroll
            # height it worked out; one back to the panel's own height looks unchanged to it,
            # and the scrollbar would stay up over a list that fits.
            self._refresh_scrollbars()
            self.refresh()
            return
        self._refresh_rows(old_rows, self._row_looks())

    def _wrap(self, line: Line, width: int) -> list[Content]:
        """The line's rows at `width`, worked out once: on a tick most are the same."""
        found = self._wrapped.get((line, width))
        if found is None:
            found = wrapped_rows(line_content(line), width)
            self._wrapped[(line, width)] = found
        return found

    def _total_rows(self, used: int) -> int:
        """The scroll height: the panel's own height while the list fits in it (rows under
        the list are blank), so someone going out or coming back changes no scroll height,
        which Textual would lay the whole screen out again for; a list longer than the panel
        keeps its longest length until it fits again. As tall as the list when the panel's
        height is auto."""
        height = self.styles.height
        if height is None or height.is_auto:
            return used
        shown = self.scrollable_content_region.height
        self._longest = max(used, shown, self._longest if used > shown else 0)
        return self._longest

    def _row_looks(self) -> list[tuple]:
        """What each row shows: (line, row within it, its look)."""
        return [(self._lines[i], r, self._look(i)) for i, r in self._row_of]

    def _look(self, index: int) -> str:
        if self.keys[index] is None:
            return "heading"
        return "highlighted" if index == self.highlighted else "line"

    def _refresh_rows(self, before: list[tuple], after: list[tuple]) -> None:
        # Only the rows on the panel: one off it is drawn when scrolled to, and marked dirty
        # it would widen the frame's box to the footer under the panel.
        top = int(self.scroll_offset.y)
        end = min(top + self.scrollable_content_region.height, max(len(before), len(after)))
        changed = [y - top for y in range(top, end)
                   if y >= len(before) or y >= len(after) or before[y] != after[y]]  # fmt: skip
        if changed:
            width = self.size.width
            self.refresh(*(Region(0, y, width, 1) for y in changed))

    def on_resize(self) -> None:
        """Another size: the lines are wrapped and the blank rows counted again."""
        self._width, self._longest = -1, 0
        self._strips.clear()
        self.forget_rows()
        self._redraw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self.forget_rows()
        self.forget_frame()
        self.refresh()

    # -- drawing ---------------------------------------------------------------------------

    def _row_key(self, row: int, width: int, focused: bool) -> tuple:
        """What row `row` of the list shows: (its line, width, part, look, focus)."""
        if row >= len(self._row_of) or width != self._width:
            return (None, width, 0, "line", focused)
        index, part = self._row_of[row]
        return (self._lines[index], width, part, self._look(index), focused)

    def row_keys(self, crop: Region) -> list[Hashable]:
        """What each line of `crop` shows (KeptRows): a border, or a row of the list."""
        gutter, height = self.styles.gutter, self.outer_size.height
        offset, width = int(self.scroll_offset.y), self.scrollable_content_region.width
        focused = self.has_focus
        return [("edge", y, height, width, focused) if y < gutter.top or y >= height - gutter.bottom
                else self._row_key(y - gutter.top + offset, width, focused)
                for y in crop.line_range]  # fmt: skip

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        key = self._row_key(y + int(self.scroll_offset.y), width, self.has_focus)
        line, _, part, look, _ = key
        if line is None:
            style = self.get_visual_style("break-panel--line")
            return Strip.blank(width, style.rich_style)
        strip = self._strips.get(key)
        if strip is None:
            style = self.get_visual_style(f"break-panel--{look}")
            content = self._wrap(line, width)[part]
            segments = [Segment(text, (style + text_style).rich_style)
                        for text, text_style in content.render(style, end="")]  # fmt: skip
            # As wide as the panel: filled out, or (rarely) cut, in one strip, not three.
            length = sum(cell_len(segment.text) for segment in segments)
            if length < width:
                segments.append(Segment(" " * (width - length), style.rich_style))
            strip = Strip(segments, max(length, width))
            if length > width:
                strip = strip.crop(0, width)
            self._strips[key] = strip
        return strip

    def on_focus(self) -> None:
        self._refresh_line(self.highlighted)

    def on_blur(self) -> None:
        self._refresh_line(self.highlighted)

    def _refresh_line(self, index: int | None) -> None:
        if index is not None and index < len(self._tops):
            top = int(self.scroll_offset.y)
            self.refresh(Region(0, self._tops[index] - top, self.size.width,
                                self._heights[index]))  # fmt: skip

    # -- the highlight -----------------------------------------------------------------------

    def _chosen_key(self) -> str | None:
        index = self.highlighted
        return self.keys[index] if index is not None and index < len(self.keys) else None

    def _line_of(self, key: str) -> int | None:
        """Where `key` (`next:NAME`) is now: its own line, else the same member's line in
        another list (sent on break, they move from next up to on break)."""
        if key in self.keys:
            return self.keys.index(key)
        member = key.split(":", 1)[1]
        return next((i for i, k in enumerate(self.keys)
                     if k is not None and k.split(":", 1)[1] == member), None)  # fmt: skip

    def _highlight(self, index: int | None) -> None:
        """Highlight line `index` (a member's) and bring it into view."""
        if index == self.highlighted:
            return
        before = self.highlighted
        self.highlighted = index
        self._refresh_line(before)
        self._refresh_line(index)
        if index is not None:
            self.scroll_to_region(Region(0, self._tops[index], self._width, self._heights[index]),
                                  animate=False, force=True)  # fmt: skip

    def _members(self) -> list[int]:
        return [i for i, key in enumerate(self.keys) if key is not None]

    def action_move(self, step: int) -> None:
        members = self._members()
        if not members:
            return
        at = self.highlighted
        if at is None:
            self._highlight(members[0] if step > 0 else members[-1])
            return
        further = [i for i in members if (i > at if step > 0 else i < at)]
        if further:
            self._highlight(further[0] if step > 0 else further[-1])

    def action_edge(self, end: int) -> None:
        members = self._members()
        if members:
            self._highlight(members[-1] if end else members[0])

    def action_page(self, step: int) -> None:
        """About a panel's height of rows on, to the member's line there."""
        members = self._members()
        if not members:
            return
        at = self.highlighted if self.highlighted is not None else members[0]
        target = self._tops[at] + step * max(1, self.scrollable_content_region.height - 1)
        if step > 0:
            self._highlight(next((i for i in members if self._tops[i] >= target), members[-1]))
        else:
            self._highlight(next((i for i in reversed(members) if self._tops[i] <= target),
                                 members[0]))  # fmt: skip

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + int(self.scroll_offset.y)
        if row < len(self._row_of):
            index = self._row_of[row][0]
            if self.keys[index] is not None:
                self._highlight(index)
