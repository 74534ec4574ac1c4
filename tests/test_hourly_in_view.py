"""The hour by hour keeps the hour under way in view when it is shown, another queue is
chosen or a new hour begins, and leaves a supervisor who scrolled back to an earlier
hour where they are while the figures are read again every few seconds."""

from __future__ import annotations

import datetime as dt

from textual.app import App, ComposeResult

from floortui.domain.queue_hourly import HourRow, QueuesToday
from floortui.widgets.queue_board import QueueBoard

DAY_START = 1_795_305_600


def _today(hours: int) -> QueuesToday:
    rows = tuple(HourRow(DAY_START + h * 3600, h, 10 + h, 9, 1, 90.0, 180.0, 4.0, 3, False)
                 for h in range(hours))  # fmt: skip
    return QueuesToday(dt.date(2026, 11, 23), DAY_START, DAY_START + hours * 3600, (),
                       {"sales": rows}, rows, {})  # fmt: skip


class BoardApp(App):
    def compose(self) -> ComposeResult:
        yield QueueBoard()


async def test_the_hour_under_way_stays_in_view_but_a_scroll_back_is_left_alone() -> None:
    app = BoardApp()
    async with app.run_test(size=(120, 40)) as pilot:
        board = app.query_one(QueueBoard)
        hourly = board.hourly
        board.show_day(_today(20))
        board.toggle_hourly()
        await pilot.pause()
        await pilot.pause()
        assert hourly.max_scroll_y > 0, "more hours than the table's height"
        assert hourly.scroll_y == hourly.max_scroll_y, "shown: the hour under way in view"
        hourly.scroll_home(animate=False)
        await pilot.pause()
        board.show_day(_today(20))  # the next read, the same hours
        await pilot.pause()
        await pilot.pause()
        assert hourly.scroll_y == 0, "the supervisor's scroll back is left alone"
        board.show_day(_today(21))  # a new hour begins
        await pilot.pause()
        await pilot.pause()
        assert hourly.scroll_y == hourly.max_scroll_y, "the new hour in view"
