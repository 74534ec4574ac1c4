"""The header, with the data's clock instead of the wall clock.

The supervisor reads "now" as the floor's time: in the demo the replayed
day's, on yesterday's log the time of its last line. The app owns one
`DataClock` (`app.data_clock`); the clock shows it, redrawn every second.

Most screens use Textual's Header with that clock (`DataHeader`). The floor draws a
frame every second, and in it Textual draws every widget on the screen again, changed
or not (bench/bench_floor.py): its header (`FloorHeader`) is one line drawn whole, the
icon, the title and the clock in the look of Textual's four widgets.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult, RenderResult
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Header
from textual.widgets._header import HeaderClock, HeaderIcon, HeaderTitle

from floortui.widgets.at_once import RefreshAtOnce
from floortui.widgets.kept_styles import KeptStyles
from floortui.widgets.own_lines import OwnLines

#: Cells of Textual's header icon (its width) and of the data clock.
ICON_WIDTH, CLOCK_WIDTH = 8, 21


def clock_text(app: App) -> str:
    """`Fri 13 Nov 09:10:30` in the centre's timezone, or that there is no data yet."""
    clock = getattr(app, "data_clock", None)
    now = clock.now() if clock is not None else None
    if now is None:
        return "no data yet"
    tz = getattr(getattr(getattr(app, "config", None), "day", None), "tz", None)
    return moment_text(int(now), tz)


def moment_text(at: int, tz: dt.tzinfo | None) -> str:
    """`Fri 13 Nov 09:10:30`: the words up to the minute are worked out once a minute. In
    the floor's one frame a second the clock is the only code of its kind that runs, and
    a timezone's reading and strftime, run once a second, cost twenty times what they do
    run again at once (bench/bench_floor.py)."""
    words = _minute_words(at - at % 60, tz)
    if words is None:
        return dt.datetime.fromtimestamp(at, tz).strftime("%a %d %b %H:%M:%S")
    return f"{words}{at % 60:02d}"


@lru_cache(maxsize=8)
def _minute_words(minute: int, tz: dt.tzinfo | None) -> str | None:
    """`Fri 13 Nov 09:10:` for the minute starting at `minute`; None when its seconds are
    not the epoch's (an offset with seconds in it, as some zones had before 1940, or one
    that changes within the minute)."""
    start = dt.datetime.fromtimestamp(minute, tz)
    if start.second or dt.datetime.fromtimestamp(minute + 59, tz).second != 59:
        return None
    return start.strftime("%a %d %b %H:%M:")


class DataClockDisplay(HeaderClock):
    """The data's date and time, in the centre's timezone."""

    DEFAULT_CSS = f"""
    DataClockDisplay {{ width: {CLOCK_WIDTH}; }}
    """

    def render(self) -> RenderResult:
        return Text(self.clock_text())

    def clock_text(self) -> str:
        return clock_text(self.app)


class DataHeader(Header):
    """Header whose clock is the data's clock."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield HeaderTitle()
        yield DataClockDisplay()


class FloorHeader(RefreshAtOnce, OwnLines, KeptStyles, Widget):
    """The floor's header: the icon (a click opens the command palette), the app's and
    screen's title, and the data's clock, moved on by the floor's own tick (`refresh()`)
    so the clock and the seats' times change in the same frame."""

    DEFAULT_CSS = """
    FloorHeader { dock: top; width: 100%; height: 1; background: $panel; color: $foreground; }
    FloorHeader > .floor-header--icon-hover { background: $foreground 10%; }
    FloorHeader > .floor-header--clock { background: $foreground-darken-1 5%;
                                         color: $foreground; text-opacity: 85%; }
    """
    COMPONENT_CLASSES = {"floor-header--icon-hover", "floor-header--clock"}
    ICON = "⭘"

    _over_icon = False
    _drawn: tuple[tuple, Strip] | None = None
    _frame: tuple[tuple, tuple[list[Segment], int, Style]] | None = None  # but for the clock
    _title: Content | None = None  # worked out again only when a title changes

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._title_changed, init=False)
            self.watch(node, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self._title = None
        self.refresh()

    def title(self) -> Content:
        """The title as Textual's Header shows it (the screen's, else the app's)."""
        if self._title is None:
            screen, app = self.screen, self.app
            title = screen.title if screen.title is not None else app.title
            sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
            self._title = app.format_title(title, sub_title)
        return self._title

    def clock_text(self) -> str:
        return clock_text(self.app)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y > 0:
            return Strip.blank(width, self.kept_style())
        title = self.title()
        key = (width, title, self._over_icon, self.has_focus)
        if self._frame is None or self._frame[0] != key:
            self._frame = (key, self._draw_frame(width, title))
        clock = self.clock_text()
        if self._drawn is None or self._drawn[0] != (key, clock):
            segments, clock_width, timed = self._frame[1]
            if clock_width > 0:
                segments = [*segments, *_padded([Segment(clock, timed)], clock_width, timed,
                                                "center")]  # fmt: skip
            strip = Strip([segment for segment in segments if segment.text], width)
            self._drawn = ((key, clock), strip)
        return self._drawn[1]

    def _draw_frame(self, width: int, title: Content) -> tuple[list[Segment], int, Style]:
        """The line but for the clock, as Textual's Header draws it, cell for cell (each part
        padded one cell on each side in its background alone, and filled out in its words'
        style): worked out once per title, the clock's cells and style put after it each
        second."""
        own = self.kept_style()
        icon = self.kept_style("floor-header--icon-hover") if self._over_icon else own
        timed = self.kept_style("floor-header--clock")
        icon_width = min(ICON_WIDTH, width)
        clock_width = min(CLOCK_WIDTH, width - icon_width)
        room = width - icon_width - clock_width
        segments = _padded([Segment(self.ICON, icon)], icon_width, icon, "left")
        if room > 0:
            base = self.get_visual_style()
            shown = title.truncate(room, ellipsis=True)
            words = [Segment(text, (base + style).rich_style)
                     for text, style in shown.render(base, end="") if text]  # fmt: skip
            segments += _fill(words, shown.cell_length, room, own, "center")
        return segments, clock_width, timed

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = self._frame = None

    # -- the icon ------------------------------------------------------------------------

    def on_mouse_move(self, event: events.MouseMove) -> None:
        over = event.x < ICON_WIDTH
        if over != self._over_icon:
            self._over_icon = over
            self.tooltip = "Open the command palette" if over else None
            self.refresh()

    def on_leave(self) -> None:
        if self._over_icon:
            self._over_icon = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")


_FILL = Style(reverse=False)  # as Textual fills an aligned line


def _fill(words: list[Segment], used: int, width: int, style: Style,
          align: str) -> list[Segment]:  # fmt: skip
    """`words` (`used` cells) placed in `width` cells, the rest filled in `style`."""
    if used > width:
        return Strip(words).crop(0, width)._segments
    left = (width - used) // 2 if align == "center" else 0
    fill = style + _FILL
    return [Segment(" " * left, fill), *words, Segment(" " * (width - used - left), fill)]


def _padded(words: list[Segment], width: int, style: Style, align: str) -> list[Segment]:
    """`words` in a part `width` cells wide with one cell of padding each side."""
    pad = Style(bgcolor=style.bgcolor)
    if width < 3:
        return [Segment(" " * width, pad)]
    used = sum(segment.cell_length for segment in words)
    return [Segment(" ", pad), *_fill(words, used, width - 2, style, align), Segment(" ", pad)]
