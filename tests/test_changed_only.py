"""The floor's frames draw only the cells that changed (screens/_changed_only), and what
reaches the terminal is what Textual's own compositor would have written, cell for cell."""

from __future__ import annotations

import random

from rich.cells import cell_len
from rich.segment import ControlType
from textual._compositor import Compositor
from textual.geometry import Region

from floortui.screens._changed_only import ChangedOnlyCompositor
from floortui.widgets.break_panel import BreakPanel
from tests.conftest import settle
from tests.floor_helpers import floor_app
from tests.screen_helpers import wait_for


async def _floor(app, pilot) -> None:
    screen = app.screen
    await wait_for(lambda: len(screen.grid.members) == 6 and screen.panels_up)
    await wait_for(lambda: screen.query(BreakPanel) and screen._summaries is not None)
    await settle(app, pilot)


def _written(compositor: Compositor, regions: list[Region], console) -> dict | None:
    """The cells the partial update writes: (x, y) → (character, style), as a terminal
    that follows its cursor moves would have them."""
    compositor._dirty_regions.clear()
    compositor._dirty_regions.update(regions)
    update = compositor.render_partial_update()
    if update is None:
        return None
    cells, x, y = {}, 0, 0
    for segment in update.__rich_console__(console, console.options):
        if segment.control:
            for control in segment.control:
                if control[0] == ControlType.CURSOR_MOVE_TO:
                    x, y = control[1], control[2]
            continue
        for character in segment.text:
            if character == "\n":
                continue
            cells[x, y] = (character, segment.style)
            x += cell_len(character)
    return cells


async def test_any_change_writes_what_textuals_compositor_would(tmp_path) -> None:
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await _floor(app, pilot)
        screen = app.screen
        ours = screen._compositor
        assert isinstance(ours, ChangedOnlyCompositor)
        textuals = Compositor()
        textuals.reflow(screen, screen.size)
        assert textuals.visible_widgets.keys() == ours.visible_widgets.keys()
        rng = random.Random(8)
        for _ in range(300):
            regions = []
            for _ in range(rng.randint(1, 4)):
                x, y = rng.randrange(160), rng.randrange(40)
                regions.append(Region(x, y, rng.randint(1, 160 - x), rng.randint(1, 40 - y)))
            written = _written(ours, regions, app.console)
            assert written is not None
            # Every changed cell, as Textual writes it; and nothing Textual would not write
            # (both write a segment across a span's end whole: the cells beside it again).
            assert written.keys() >= {cell for region in regions for cell in _cells_of(region)}
            theirs = _written(textuals, regions, app.console)
            assert written == {cell: theirs.get(cell) for cell in written}, regions


async def test_a_change_to_the_seats_does_not_draw_the_break_panel_again(tmp_path) -> None:
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await _floor(app, pilot)
        screen = app.screen
        panel, grid = screen.query_one(BreakPanel), screen.grid
        drawn: list[Region] = []
        real = type(panel).render_lines

        def render_lines(crop: Region):
            drawn.append(crop)
            return real(panel, crop)

        panel.render_lines = render_lines  # type: ignore[method-assign]
        seats = grid.region
        assert not seats.overlaps(panel.region)
        _written(screen._compositor, [Region(seats.x, seats.y, 10, 3)], app.console)
        assert drawn == []
        # Across the panel, it is drawn as Textual would draw it.
        _written(screen._compositor, [Region(0, seats.y, screen.size.width, 1)], app.console)
        assert len(drawn) == 1


def _cells_of(region: Region) -> list[tuple[int, int]]:
    return [(x, y) for y in region.line_range for x in range(region.x, region.right)]
