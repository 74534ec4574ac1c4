"""The seat grid's roster column: late sign-in, left early and absent, by our rules one by one.

Our rules: signed in more than 3 minutes after the shift starts is late; signed out
more than 3 minutes before it ends is leaving early. The shift is 09:00-17:00 UTC.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import pytest
from textual.app import App, ComposeResult

from floortui.config.floor import FloorSettings
from floortui.domain.floor_snapshot import FloorSnapshot
from floortui.domain.roster import make_shift, seat_mark
from floortui.widgets.seat_grid import SeatGrid
from tests.test_seat_grid import member

DAY = dt.date(2026, 11, 13)
SHIFT = make_shift("Ann", DAY, dt.time(9), dt.time(17), dt.UTC)
NINE = SHIFT.start
FIVE = SHIFT.end
M = 60


@pytest.mark.parametrize(
    ("signed_in", "logged_off", "now", "mark"),
    [
        (None, None, NINE - 5 * M, ""),  # the shift has not begun
        (NINE + 3 * M, None, NINE + 10 * M, ""),  # 3 min 0 s late is on time
        (NINE + 3 * M + 1, None, NINE + 10 * M, "late +3m"),  # 3 min 1 s: late by 3 min
        (NINE + 7 * M + 30, None, NINE + 10 * M, "late +7m"),
        (NINE - 10 * M, None, NINE + 10 * M, ""),  # early in is fine
        (None, None, NINE + 2 * M, ""),  # not in yet, within the grace
        (None, None, NINE + 4 * M, "absent"),
        (None, None, FIVE + M, ""),  # the shift is over: no longer "absent"
        (NINE - 20 * 3600, None, NINE + 4 * M, "absent"),  # yesterday's sign-in is not this one
        (None, FIVE - 12 * M, FIVE - 5 * M, "left -12m"),
        (None, FIVE - 3 * M, FIVE - M, ""),  # 3 min early is on time
        (None, FIVE + 5 * M, FIVE + 10 * M, ""),  # signed out after the end
        (None, NINE - 8 * 3600, NINE + 10 * M, "absent"),  # signed out last night, not back
    ],
)  # fmt: skip
def test_the_roster_mark(signed_in, logged_off, now, mark) -> None:
    assert seat_mark(SHIFT, signed_in, logged_off, now, 3, 3) == mark


def test_no_shift_no_mark() -> None:
    assert seat_mark(None, None, None, NINE + 3600, 3, 3) == ""


def test_the_graces_come_from_config() -> None:
    assert seat_mark(SHIFT, NINE + 7 * M + 30, None, NINE + 10 * M, 10, 3) == ""
    assert seat_mark(SHIFT, None, FIVE - 12 * M, FIVE, 3, 15) == ""


class RosterGridApp(App):
    def compose(self) -> ComposeResult:
        yield SeatGrid(FloorSettings())

    def on_mount(self) -> None:
        late = member("Ann", "ready", NINE + 8 * M, signed_in_at=NINE + 8 * M)
        gone = member("Bo", "logged_off", FIVE - 30 * M, queues={})
        members = {"Ann": late, "Bo": gone}
        self.query_one(SeatGrid).show_floor(
            FloorSnapshot(FIVE - 20 * M, MappingProxyType(members), FIVE - 20 * M), FIVE - 20 * M
        )


def lines(grid: SeatGrid) -> list[str]:
    return [grid.render_line(y).text for y in range(3)]


async def test_the_grid_shows_the_roster_column_only_with_a_roster() -> None:
    app = RosterGridApp()
    async with app.run_test(size=(120, 10)) as pilot:
        grid = app.query_one(SeatGrid)
        await pilot.pause()
        assert "roster" not in lines(grid)[0], "no roster, no column"
        grid.show_shifts({
            "Ann": SHIFT,
            "Bo": make_shift("Bo", DAY, dt.time(9), dt.time(17), dt.UTC),
        })  # fmt: skip
        await pilot.pause()
        header, *seats = lines(grid)
        assert "roster" in header
        by_name = {next(w for w in line.split() if w in ("Ann", "Bo")): line for line in seats}
        assert "late +8m" in by_name["Ann"]
        assert "left -30m" in by_name["Bo"]
        grid.show_shifts(None)
        await pilot.pause()
        assert "roster" not in lines(grid)[0]
