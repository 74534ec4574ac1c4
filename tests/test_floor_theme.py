"""A theme changed while the floor is up: every kept line is drawn again in its colours.

The seat grid, the queue panel, the break panel and the status line keep what they drew
(widgets/seat_lines, queue_panel, break_panel, text_line), so a theme switched from the
command palette would leave them in the old colours if a kept strip outlived it. Each is
checked cell for cell against the same floor opened in that theme from the start.
"""

from __future__ import annotations

from floortui.widgets.break_panel import BreakPanel
from floortui.widgets.queue_panel import QueuePanel
from floortui.widgets.seat_grid import SeatGrid
from floortui.widgets.text_line import TextLine
from tests.conftest import settle
from tests.floor_helpers import floor_app
from tests.screen_helpers import wait_for

PARTS = (SeatGrid, QueuePanel, BreakPanel, TextLine)


async def _looks(app, pilot) -> dict[str, list]:
    """Each part's cells on screen: (character, style) by line."""
    screen = app.screen
    await wait_for(lambda: len(screen.grid.members) == 6 and screen._summaries is not None)
    await wait_for(lambda: screen.query(BreakPanel) and screen.query_one(BreakPanel).board)
    await settle(app, pilot)
    strips = screen._compositor.render_strips()
    looks = {}
    for part in PARTS:
        region = screen.query_one(part).region
        looks[part.__name__] = [
            [(s.text, s.style) for s in strips[y].crop(region.x, region.right)]
            for y in range(region.y, region.bottom)
        ]
    return looks


async def test_a_theme_switched_on_the_floor_redraws_every_kept_line(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first, _ = floor_app(tmp_path / "a")
    async with first.run_test(size=(160, 40)) as pilot:
        dark = await _looks(first, pilot)
        first.theme = "textual-light"
        switched = await _looks(first, pilot)
    fresh, _ = floor_app(tmp_path / "b")
    fresh.theme = "textual-light"
    async with fresh.run_test(size=(160, 40)) as pilot:
        light = await _looks(fresh, pilot)
    for part in PARTS:
        name = part.__name__
        assert switched[name] != dark[name], f"{name} changed colour"
        assert switched[name] == light[name], f"{name} as if opened in the light theme"
