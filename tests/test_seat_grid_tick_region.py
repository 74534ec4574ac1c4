"""A second on the floor repaints the seats' time column alone: one region, from the first
seat whose clock moved to the last, as wide as the column (what the frame then draws)."""

from __future__ import annotations

from textual.geometry import Region

from floortui.widgets.seat_columns import column_edges
from tests.conftest import settle
from tests.floor_helpers import T0, floor_app
from tests.screen_helpers import wait_for


async def test_a_tick_repaints_the_time_column_of_the_seats_whose_clock_moved(tmp_path):
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        grid = app.screen.grid
        await wait_for(lambda: len(grid.members) == 6)
        await settle(app, pilot)
        timed = [y + 1 for y, row in enumerate(grid.rows)
                 if isinstance(row, str) and grid.members[row].state != "logged_off"]  # fmt: skip
        assert len(timed) >= 2
        grid._repaint_regions.clear()
        grid.tick(T0 + 631)
        edges = column_edges(grid.scrollable_content_region.width, grid.shifts is not None)
        assert grid._repaint_regions == {
            Region(edges[4], timed[0], edges[5] - edges[4], timed[-1] + 1 - timed[0])
        }
        grid._repaint_regions.clear()
        grid.tick(T0 + 631)  # the same second again: nothing to repaint
        assert grid._repaint_regions == set()
