"""The floor screen's queue panel and break panel, as the supervisor sees and uses them.

The hand-worked floor (tests/data/floor/WORKED.md) at T0+630: support has
offered 2, answered 1 (50 % against 80 %); Carol Chen has been on Break since
T0+310, 320 s of her 15 minutes, so 9 min left; Bob Baker on Lunch.
"""

from __future__ import annotations

from floortui.domain.people import resolve_user
from floortui.widgets.break_panel import BreakPanel
from floortui.widgets.hourly_table import HourlyTable
from floortui.widgets.queue_panel import QueuePanel
from tests.conftest import settle
from tests.floor_helpers import T0, floor_app
from tests.screen_helpers import wait_for


def _screen_text(app) -> str:
    return "\n".join(strip.text.rstrip() for strip in app.screen._compositor.render_strips())


async def _drawn(app, pilot) -> None:
    screen = app.screen
    await wait_for(lambda: len(screen.grid.members) == 6 and screen._summaries is not None)
    await settle(app, pilot)


async def test_the_queue_panel_sits_above_the_seats_with_todays_figures(tmp_path):
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        panel = app.screen.query_one(QueuePanel)
        assert panel.region.y < app.screen.grid.region.y
        text = _screen_text(app)
        support = next(line for line in text.splitlines() if line.startswith("! support"))
        assert support.split()[:10] == ["!", "support", "0", "–", "2", "1", "1", "0", "50.0",
                                        "50.0"]  # fmt: skip
        assert support.endswith("SL 50 % under 80 %")


async def test_h_shows_the_hour_by_hour_from_the_first_busy_hour(tmp_path):
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        hourly = app.screen.query_one(HourlyTable)
        assert not hourly.display or hourly.region.height == 0
        await pilot.press("h")
        await settle(app, pilot)
        text = _screen_text(app)
        assert "Hour by hour, all queues 2026-11-13" in text
        rows = [line for line in text.splitlines() if line[:2].isdigit() and line[2:5] == ":00"]
        assert [row.split()[:5] for row in rows] == [["09:00", "3", "2", "1", "66.7"]]
        await pilot.press("n")
        await settle(app, pilot)
        assert "Hour by hour, sales" in _screen_text(app)
        await pilot.press("h")
        await settle(app, pilot)
        assert "Hour by hour" not in _screen_text(app)


async def test_the_break_panel_shows_who_is_out_and_its_clock_runs(tmp_path):
    app, clock = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        assert panel.region.x > app.screen.grid.region.x, "beside the seats"
        assert "Carol Chen  Break  9 min left" in _screen_text(app)
        clock.now = T0 + 630 + 120
        assert await wait_for(lambda: "Carol Chen  Break  7 min left" in _screen_text(app))
        clock.now = T0 + 310 + 16 * 60
        assert await wait_for(lambda: "Carol Chen  Break  1 min overdue" in _screen_text(app))


async def test_on_a_narrow_terminal_b_shows_goes_to_and_hides_the_break_panel(tmp_path):
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _drawn(app, pilot)
        assert "On break (2)" not in _screen_text(app), "the seats keep the room"
        await pilot.press("b")
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        assert panel.has_focus
        assert "On break (2)" in _screen_text(app)
        await pilot.press("b")
        await settle(app, pilot)
        assert "On break (2)" not in _screen_text(app)
        assert app.screen.grid.has_focus


def _highlight(panel: BreakPanel, key: str) -> None:
    assert panel.highlight_member(key)


async def test_back_from_break_is_stored_with_who_and_the_floors_time(tmp_path):
    app, _ = floor_app(tmp_path)
    app.user = resolve_user(app.config, "mei")
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        await pilot.press("b")
        _highlight(panel, "out:Carol Chen")
        await pilot.press("r")
        await wait_for(lambda: app.people is not None and app.people.history("break.returned"))
        await settle(app, pilot)
        [write] = app.people.history("break.returned")
        assert (write.subject, write.written_by, write.payload["at"]) == (
            "Carol Chen", "mei", T0 + 630)  # fmt: skip
        # The PBX still says she is paused: what was imported is never changed by a person.
        assert (
            app.db.execute(
                "SELECT count(*) FROM queue_log_events WHERE agent = 'PJSIP/2003'"
            ).fetchone()[0]
            > 0
        )
        assert any("break.returned" in str(row) for row in
                   app.db.execute("SELECT kind FROM person_writes").fetchall())  # fmt: skip


async def test_watching_only_writes_nothing_and_says_so(tmp_path):
    app, _ = floor_app(tmp_path)
    assert app.user is None
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        assert app.sub_title == "watching only"
        panel = app.screen.query_one(BreakPanel)
        await pilot.press("b")
        _highlight(panel, "out:Carol Chen")
        await pilot.press("r")
        await settle(app, pilot)
        assert app.people is None
        assert app.db.execute("SELECT count(*) FROM person_writes").fetchone()[0] == 0
        assert any("cannot be saved" in str(n.message) for n in app._notifications)


async def test_l_and_shift_l_open_the_lost_calls_and_the_shift_log_f_comes_back(tmp_path):
    from floortui.screens.floor import FloorScreen
    from floortui.screens.lost_calls import LostCallsScreen
    from floortui.screens.shift_log import ShiftLogScreen

    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        await pilot.press("l")
        await settle(app, pilot)
        assert isinstance(app.screen, LostCallsScreen)
        assert "1 lost call · 1 to call back" in _screen_text(app)
        await pilot.press("L")
        await settle(app, pilot)
        assert isinstance(app.screen, ShiftLogScreen)
        await pilot.press("f")
        await settle(app, pilot)
        assert isinstance(app.screen, FloorScreen)


async def test_no_break_alert_while_the_floor_is_still_catching_up_with_the_log(tmp_path):
    app, _ = floor_app(tmp_path)
    app.user = resolve_user(app.config, "mei")
    app.floor_caught_up = False  # as while a followed log's backlog is still being read
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        assert "Alerts" not in _screen_text(app)
        assert "Carol Chen  Break  9 min left" in _screen_text(app), "the board itself shows"
        assert app.db.execute("SELECT count(*) FROM person_writes").fetchone()[0] == 0
        app.floor_caught_up = True
        app.screen.reload()
        assert await wait_for(lambda: "Alerts (2)" in _screen_text(app))


async def test_at_a_past_moment_no_alert_is_raised_and_no_action_taken(tmp_path):
    app, _ = floor_app(tmp_path)
    app.user = resolve_user(app.config, "mei")
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        await pilot.press("left_square_bracket")  # five minutes back: T0+330
        assert await wait_for(lambda: "AT Fri 13 Nov 09:05" in _screen_text(app))
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        assert await wait_for(lambda: panel.board is not None and panel.board.at == T0 + 330)
        assert "Alerts" not in _screen_text(app)
        await pilot.press("b")
        _highlight(panel, "out:Carol Chen")
        await pilot.press("r")
        await settle(app, pilot)
        assert (
            app.db.execute(
                "SELECT count(*) FROM person_writes WHERE kind = 'break.returned'"
            ).fetchone()[0]
            == 0
        )
        assert any("past moment" in str(n.message) for n in app._notifications)


async def test_a_read_on_the_interval_is_drawn_with_the_next_tick(tmp_path):
    """The read made every `floor.summary_every_s` waits for the next tick, so the panels
    change in the frame the seats' clocks are drawn in; a read asked for at once (here:
    after a break action or a first floor) is drawn as it comes."""
    app, clock = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        screen, panel = app.screen, app.screen.query_one(BreakPanel)
        screen._ticker.pause()
        clock.now = T0 + 640
        screen.reload(on_tick=True)
        assert await wait_for(lambda: screen._panels_due is not None)
        assert panel.board.at == T0 + 630, "not drawn before the tick"
        screen.tick()
        assert panel.board.at == T0 + 640
        assert screen._panels_due is None
        clock.now = T0 + 650
        screen.reload()
        assert await wait_for(lambda: panel.board.at == T0 + 650)
        assert screen._panels_due is None
