"""The floor's panels redraw a clock's move on the tick without re-measuring the screen.

A panel whose scroll height changed or a Static updated with layout asks Textual
to lay the whole floor screen out again: on a 1 Hz tick that was most of the
floor's CPU (bench/bench_floor.py). These tests fail if a tick that only moves a
clock redraws more of the break panel than the rows whose words changed, or asks
for a layout.
"""

from __future__ import annotations

from textual.widgets import Static

from floortui.widgets.break_panel import BreakPanel
from floortui.widgets.hourly_table import HourlyTable
from floortui.widgets.queue_panel import QueuePanel
from tests.conftest import settle
from tests.screen_helpers import wait_for
from tests.test_break_panel import NOW, PanelApp, option_text
from tests.test_queue_panel import NOW as QNOW
from tests.test_queue_panel import PanelApp as QueueApp
from tests.test_queue_panel import day, lines  # noqa: F401  (the module's fixture)

M = 60


def _refreshed_rows(panel: BreakPanel) -> list[int]:
    """Record the rows the panel asks to redraw from now on (its content's rows)."""
    rows: list[int] = []
    real = panel.refresh

    def refresh(*regions, **kwargs):
        rows.extend(y for region in regions for y in region.line_range)
        if not regions:
            rows.append(-1)  # the whole panel
        return real(*regions, **kwargs)

    panel.refresh = refresh
    return rows


async def test_a_break_clock_moving_redraws_its_rows_only_and_needs_no_layout(tmp_path) -> None:
    app = PanelApp(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        rows = _refreshed_rows(panel)
        panel.tick(NOW + 19 * M)  # Bo's 20 min left is 1 min left, Ann 25 min overdue
        # Ann's row, Bo's and Cat's (her time since her last break): not the headings, not Dan
        assert sorted(rows) == [1, 2, 4]
        assert not panel._layout_required and not app.screen._layout_required
        text = option_text(panel)
        assert "25 min overdue" in text[1] and "1 min left" in text[2]
        await pilot.pause()
        shown = "\n".join(
            "".join(s.text for s in panel.render_line(y)) for y in range(panel.size.height)
        )
        assert "25 min overdue" in shown and "1 min left" in shown


async def test_a_queue_figure_moving_needs_no_layout(day) -> None:  # noqa: F811
    today, snapshot = day
    app = QueueApp()
    async with app.run_test(size=(140, 20)) as pilot:
        panel = app.query_one(QueuePanel)
        panel.show_day(today)
        panel.tick(snapshot, QNOW)
        await pilot.pause()
        redrawn: list[int] = []
        real = panel.refresh
        panel.refresh = lambda *regions, **kw: (
            redrawn.extend(y for r in regions for y in r.line_range) or real(*regions, **kw)
        )
        panel.tick(snapshot, QNOW + 61)
        assert lines(app)["sales"].text.split()[3] == "6:01"
        assert redrawn == [1], "sales' row (its caller waits on); support's is as it was"
        assert not panel._layout_required and not app.screen._layout_required


async def test_the_hours_read_again_need_no_layout(day) -> None:  # noqa: F811
    today, _snapshot = day
    app = QueueApp()
    async with app.run_test(size=(140, 30)) as pilot:
        hours = app.query_one(HourlyTable)
        hours.show_day(today)
        await pilot.pause()  # the first read mounts the rows: on a busy machine their
        assert await wait_for(  # layout can take more than one pause to be done
            lambda: not any(w._layout_required for w in hours.query(Static))
        )
        shown = [str(line.render()) for line in hours.query(".hourly-row")]
        hours.show_day(today)  # the read every few seconds, the same hours
        assert not any(w._layout_required for w in hours.query(Static))
        assert [str(line.render()) for line in hours.query(".hourly-row")] == shown
        assert shown and "Hour by hour, all queues" in str(
            hours.query_one(".hourly-title").render()
        )


async def test_a_re_read_with_other_members_keeps_the_list_and_the_highlight(tmp_path) -> None:
    """Five seconds on, the next member up is someone else and the one highlighted moved
    down: the same shape of list redraws the two rows in place (no layout), and the
    highlight stays on the member the supervisor chose, so `s` sends who they meant."""
    from dataclasses import replace

    from floortui.domain.breaks import NextUp
    from tests.test_break_panel import BOARD

    two = (NextUp("Cat Quinn", "Blue", "Break", 10, 2 * 3600, 4 * 3600, 15),
           NextUp("Eve Stone", "Red", "Break", 5, 3600, 3 * 3600, 5))  # fmt: skip
    app = PanelApp(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        panel.show(replace(BOARD, next_up=two))
        await pilot.pause()
        assert panel.highlight_member("next:Cat Quinn")
        await pilot.pause()
        rows = _refreshed_rows(panel)
        swapped = (NextUp("Fay Ng", "Red", "Break", 10, 3 * 3600, 5 * 3600, 15), two[0])
        panel.show(replace(BOARD, at=NOW + 5, next_up=swapped))
        assert sorted(set(rows)) == [4, 5], "the two next-up rows only"
        assert not panel._layout_required and not app.screen._layout_required
        text = option_text(panel)
        assert "1. Fay Ng" in text[4] and "2. Cat Quinn" in text[5]
        assert panel.highlighted == 5, "the highlight followed Cat Quinn"


async def test_a_long_list_is_cut_with_a_count(tmp_path) -> None:
    """A big floor's 130 members on break show as the first twelve and `+118 more`."""
    from dataclasses import replace

    from floortui.domain.breaks import OutNow
    from tests.test_break_panel import BOARD

    out = tuple(OutNow(f"Member {i:03d}", "Red", "Break", NOW - 60, 15, 14 * M, True)
                for i in range(130))  # fmt: skip
    app = PanelApp(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        panel.show(replace(BOARD, out=out))
        text = option_text(panel)
        assert text[0] == "On break (130)"
        assert "Member 011" in text[12] and text[13].strip() == "+118 more on break"


async def test_a_hidden_panel_takes_new_words_without_measuring_them(tmp_path) -> None:
    """Below 120 columns the panel is hidden (no width): a re-read must not fail on it."""
    from dataclasses import replace

    from tests.test_break_panel import BOARD

    app = PanelApp(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one(BreakPanel)
        panel.display = False
        await pilot.pause()
        panel.show(replace(BOARD, at=NOW + 5))
        panel.tick(NOW + 65)
        assert "overdue" in option_text(panel)[1]


async def test_a_board_of_another_length_lays_the_floor_out_no_more(tmp_path) -> None:
    """On the floor the panel has the screen's height: someone going out or coming back
    changes what it says, not its size (an auto height re-measured the floor each time)."""
    from dataclasses import replace

    from tests.floor_helpers import floor_app

    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        panel = app.screen.query_one(BreakPanel)
        assert await wait_for(lambda: panel.board is not None and bool(panel.board.out))
        await pilot.pause()
        board = panel.board
        shorter = replace(board, out=board.out[1:], next_up=(), held=())
        height = panel.size.height
        for shown in (shorter, board):
            panel.show(shown)
            assert not panel._layout_required and not app.screen._layout_required
            await pilot.pause()
            assert panel.size.height == height
