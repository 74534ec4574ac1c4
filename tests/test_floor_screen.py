"""The floor screen: the app's first screen, every seat from the hand-worked log, ticking."""

from __future__ import annotations

from floortui.screens.floor import FloorScreen
from floortui.screens.member_day import MemberDayScreen
from floortui.widgets.seat_grid import SeatGrid
from tests.floor_helpers import T0, floor_app, lines, row_of
from tests.screen_helpers import wait_for


async def _ready(app, pilot) -> SeatGrid:
    """The floor is drawn and today's figures are in."""
    screen = app.screen
    assert isinstance(screen, FloorScreen), "the app opens on the floor"
    grid = screen.grid
    assert await wait_for(lambda: len(grid.members) == 6 and screen._summaries is not None)
    await pilot.pause()
    return grid


async def test_every_member_with_state_reason_time_and_queues(tmp_path):
    app, _ = floor_app(tmp_path)  # T0+630: after the log's last line
    async with app.run_test(size=(160, 30)) as pilot:
        grid = await _ready(app, pilot)
        assert row_of(grid, "Bob Baker").split() == [
            "●",
            "Bob",
            "Baker",
            "Blue",
            "paused:",
            "Lunch",
            "6:55",
            "0",
            "on",
            "break",
            "sales(p)",
            "support(p)",
        ]  # fmt: skip  (signed in 10 min ago: marked)
        alice = row_of(grid, "Alice Archer")
        assert "ready" in alice and "3:20" in alice, "ready since her wrap-up ended at T0+430"
        assert "sales support(p)" in alice, "paused in support only"
        assert " 1 " in alice, "one call answered today"
        assert "logged off" in row_of(grid, "Erin Evans")
        assert "ready" in row_of(grid, "Frank Fox"), "the static member's wrap-up is over"


async def test_time_in_state_ticks_with_the_data_clock_and_colours_turn(tmp_path):
    app, clock = floor_app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        grid = await _ready(app, pilot)
        carol = grid._cells_of("Carol Chen")
        assert (carol.time, carol.level) == ("5:20", "warning"), "Break past 5 min"
        clock.now += 100
        assert await wait_for(lambda: "7:00" in row_of(grid, "Carol Chen"))
        assert grid._cells_of("Carol Chen").level == "alert", "Break past 7 min"
        assert "8:35" in row_of(grid, "Bob Baker")


async def test_the_first_thirty_minutes_after_signing_in_are_marked(tmp_path):
    app, clock = floor_app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        grid = await _ready(app, pilot)
        assert row_of(grid, "Alice Archer").startswith("●")
        clock.now = T0 + 10 + 1800
        assert await wait_for(lambda: not row_of(grid, "Alice Archer").startswith("●"))


async def test_search_filter_sort_and_group(tmp_path):
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        grid = await _ready(app, pilot)
        await pilot.press("slash", *"team:Red")
        assert grid.rows == ["Carol Chen", "Alice Archer", "Frank Fox"]
        await pilot.press(*" car")
        assert grid.rows == ["Carol Chen"]
        await pilot.press("escape")
        assert len(grid.rows) == 6 and grid.has_focus
        await pilot.press("slash", *"state:paused", "enter")
        assert grid.rows == ["Bob Baker", "Carol Chen"], "longest paused first"
        await pilot.press("escape", "s")
        assert grid.view.sort == "name"
        assert grid.rows[:2] == ["Alice Archer", "Bob Baker"]
        await pilot.press("g")
        assert [str(r.label) for r in grid.rows if not isinstance(r, str)] == ["Blue", "Red"]
        assert "Blue (3)" in lines(grid)[1]
        await pilot.press("g")  # by queue: a member in two queues is under both
        assert grid.rows.count("Alice Archer") == 2


async def test_enter_opens_the_members_day_and_escape_comes_back(tmp_path):
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        grid = await _ready(app, pilot)
        assert grid.move_to_member("Alice Archer")
        await pilot.press("enter")
        assert await wait_for(lambda: isinstance(app.screen, MemberDayScreen))
        totals = app.screen.query_one("#day-totals")
        assert await wait_for(lambda: "calls answered" in str(totals.render()))
        assert str(totals.render()) == (
            "1 calls answered · talk 3:00 · 0 rings missed · signed in 10:20 · paused Coaching 8:50"
        )
        await pilot.press("escape")
        assert isinstance(app.screen, FloorScreen)


async def test_t_shows_the_floor_as_it_stood_and_steps_and_comes_back(tmp_path):
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        grid = await _ready(app, pilot)
        await pilot.press("t", *"09:06", "enter")
        assert await wait_for(lambda: grid.members["Dan Diaz"].state == "ringing")
        assert grid.members["Alice Archer"].state == "on_call"
        status = app.screen.query_one("#floor-status")
        assert await wait_for(lambda: str(status.render()).startswith("AT Fri 13 Nov 09:06"))
        assert "0:10" in row_of(grid, "Dan Diaz"), "ringing since T0+350, shown at T0+360"
        await pilot.press("right_square_bracket")
        assert await wait_for(lambda: grid.members["Dan Diaz"].state == "ready")
        assert app.screen.at == T0 + 660
        await pilot.press("left_square_bracket")
        assert await wait_for(lambda: grid.members["Dan Diaz"].state == "ringing")
        await pilot.press("escape")
        assert await wait_for(lambda: grid.members["Dan Diaz"].state == "ready")
        assert str(status.render()).startswith("live")


async def test_a_time_that_is_not_one_is_said_in_the_dialog(tmp_path):
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await _ready(app, pilot)
        await pilot.press("t", *"nine", "enter")
        problem = app.screen.query_one("#time-problem")
        assert "'nine' is not a time" in str(problem.render())
        await pilot.press("escape")
        assert isinstance(app.screen, FloorScreen) and app.screen.at is None


async def test_run_at_opens_on_the_past_floor(tmp_path):
    from floortui.app import make_app

    app, _ = floor_app(tmp_path)
    app = make_app(app.config, app.db, now=lambda: T0 + 630, at=T0 + 360)
    async with app.run_test(size=(160, 30)) as pilot:
        grid = app.screen.grid
        assert await wait_for(lambda: "Dan Diaz" in grid.members)
        assert grid.members["Dan Diaz"].state == "ringing"
        await pilot.press("escape")
        assert await wait_for(lambda: grid.members["Dan Diaz"].state == "ready")


async def test_f_comes_back_to_the_floor_from_the_calls(tmp_path):
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await _ready(app, pilot)
        await pilot.press("c")
        assert type(app.screen).__name__ == "CallsScreen"
        await pilot.press("f")
        assert isinstance(app.screen, FloorScreen) and app.screen.grid.has_focus


async def test_the_user_is_in_the_header(tmp_path):
    from floortui.app import make_app
    from floortui.domain.people import resolve_user

    app, _ = floor_app(tmp_path)
    app = make_app(app.config, app.db, user=resolve_user(app.config, "mei"))
    async with app.run_test(size=(160, 30)):
        assert app.title == "floortui · mei (supervisor)"
        assert app.people is not None, "the writer opens on first use"
    assert app._people is None, "and is closed on exit"


async def test_the_status_line_counts_a_wrap_up_that_the_clock_ended(tmp_path):
    """No new log line comes when a wrap-up runs out: the grid shows the member ready by the
    clock, and the counts under it must say the same."""
    app, clock = floor_app(tmp_path, now=T0 + 410, until=T0 + 410)  # wrap-up to T0+430
    async with app.run_test(size=(160, 30)) as pilot:
        grid = await _ready(app, pilot)
        status = app.screen.query_one("#floor-status")
        assert "wrap-up" in row_of(grid, "Alice Archer")
        assert await wait_for(lambda: "1 wrap-up" in str(status.render()))
        before = str(status.render())
        clock.now = T0 + 431
        assert await wait_for(lambda: "ready" in row_of(grid, "Alice Archer"))
        assert await wait_for(lambda: "wrap-up" not in str(status.render())), before
        ready = sum(m.state == "ready" for m in grid.members.values())
        assert f"{ready} ready" in str(status.render())
