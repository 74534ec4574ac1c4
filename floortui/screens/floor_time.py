"""The small dialog `t` opens on the floor: which moment to show the floor at."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from floortui.domain.timewindow import TimeError, parse_time_of_day


class TimeTravelScreen(ModalScreen[int | None]):
    """Type a time (10:05, an ISO time or an epoch); Enter shows the floor then, esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]
    DEFAULT_CSS = """
    TimeTravelScreen { align: center middle; }
    TimeTravelScreen > Vertical {
        width: 60; height: auto; padding: 1 2; border: round $primary; background: $surface;
    }
    TimeTravelScreen #time-problem { color: $text-error; height: auto; }
    """

    def __init__(self, tz: ZoneInfo, reference: Callable[[], int | None]) -> None:
        super().__init__()
        self.tz = tz
        self.reference = reference

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Show the floor as it stood at (10:05, 2026-11-13T10:05, an epoch):")
            yield Input(placeholder="10:05", id="time")
            yield Label("", id="time-problem")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#time")
    def chosen(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.dismiss(None)
            return
        try:
            at = parse_time_of_day(text, self.tz, self.reference())
        except TimeError as exc:
            self.query_one("#time-problem", Label).update(str(exc))
            return
        self.dismiss(at)

    def action_cancel(self) -> None:
        self.dismiss(None)
