"""The floor's frames draw only the widgets under what changed (screens/_changed_only), and
what reaches the terminal is what Textual's own compositor would have written."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st
from textual._compositor import Compositor
from textual.geometry import Region

from floortui.screens._changed_only import ChangedOnlyCompositor, _stacked
from floortui.widgets.break_panel import BreakPanel
from tests.conftest import settle
from tests.floor_helpers import floor_app
from tests.screen_helpers import wait_for


async def _floor(app, pilot) -> None:
    screen = app.screen
    await wait_for(lambda: len(screen.grid.members) == 6 and screen.panels_up)
    await wait_for(lambda: screen.query(BreakPanel) and screen._summaries is not None)
    await settle(app, pilot)


def _written(compositor: Compositor, regions: list[Region], console) -> str | None:
    compositor._dirty_regions.clear()
    compositor._dirty_regions.update(regions)
    update = compositor.render_partial_update()
    return None if update is None else update.render_segments(console)


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
            ours._cuts = None  # as after a new layout: worked out again, from every widget
            written = _written(ours, regions, app.console)
            assert written, regions
            assert written == _written(textuals, regions, app.console), regions
        # What it set aside for the frame is given back: every widget is there for the next.
        assert ours.visible_widgets.keys() == textuals.visible_widgets.keys()


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


def _cells(regions) -> set[tuple[int, int]]:
    return {(x, y) for r in regions for y in r.line_range for x in range(r.x, r.right)}


_regions = st.builds(Region, st.integers(0, 6), st.integers(0, 20), st.integers(1, 4),
                     st.integers(1, 3))  # fmt: skip


@given(st.sets(_regions, max_size=30))
def test_regions_stacked_cover_the_same_cells(regions) -> None:
    stacked = _stacked(regions)
    assert _cells(stacked) == _cells(regions)
    assert len(stacked) <= len(regions)


def test_a_column_of_seats_times_is_one_region() -> None:
    times = {Region(40, y, 8, 1) for y in range(5, 48)}
    assert _stacked(times | {Region(0, 0, 200, 1)}) == [Region(0, 0, 200, 1), Region(40, 5, 8, 43)]
