"""The header, with the data's clock instead of the wall clock.

The supervisor reads "now" as the floor's time: in the demo the replayed
day's, on yesterday's log the time of its last line. The app owns one
`DataClock` (`app.data_clock`); this clock redraws from it every second.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import events
from textual.app import ComposeResult, RenderResult
from textual.widgets import Header
from textual.widgets._header import HeaderClock, HeaderIcon, HeaderTitle

from floortui.widgets.text_line import KeptLine


class DataClockDisplay(HeaderClock):
    """The data's date and time, in the centre's timezone."""

    DEFAULT_CSS = """
    DataClockDisplay { width: 21; }
    """

    def render(self) -> RenderResult:
        return Text(self.clock_text())

    def clock_text(self) -> str:
        """`Fri 13 Nov 09:10:30` in the centre's timezone, or that there is no data yet."""
        clock = getattr(self.app, "data_clock", None)
        now = clock.now() if clock is not None else None
        if now is None:
            return "no data yet"
        tz = getattr(getattr(getattr(self.app, "config", None), "day", None), "tz", None)
        return dt.datetime.fromtimestamp(now, tz).strftime("%a %d %b %H:%M:%S")


class DataHeader(Header):
    """Header whose clock is the data's clock."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield HeaderTitle()
        yield DataClockDisplay()


class FloorClock(KeptLine, DataClockDisplay):
    """The header's data clock, moved on by the floor's own tick (not a timer of its own), so
    the clock and the seats' times change in the same frame: one redraw a second, not two.
    Its centred line is put together once a second (widgets/text_line.KeptLine)."""

    line_align = "center"

    def _on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # no 1 Hz timer of its own (HeaderClock starts one)

    def line_words(self) -> str:
        return self.clock_text()


class FloorHeader(DataHeader):
    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield HeaderTitle()
        yield FloorClock()
