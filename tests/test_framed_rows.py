"""The break panel's rows, drawn between a border worked out once (widgets/framed_rows),
are what Textual's styles cache draws, segment for segment, however the panel looks."""

from __future__ import annotations

from textual.filter import Monochrome
from textual.geometry import Region

from floortui.widgets.break_panel import BreakPanel
from floortui.widgets.framed_rows import FramedRows
from tests.conftest import settle
from tests.floor_helpers import floor_app
from tests.screen_helpers import wait_for


def _textuals(panel: BreakPanel, y: int) -> list:
    """Row `y` as Textual's styles cache draws it (what FramedRows stands in for)."""
    panel._styles_cache.clear()
    return list(super(FramedRows, panel).render_lines(Region(0, y, panel.outer_size.width, 1))[0])


def _ours(panel: BreakPanel, y: int) -> list:
    return list(panel.render_lines(Region(0, y, panel.outer_size.width, 1))[0])


async def test_every_row_is_drawn_as_textual_draws_it_blurred_focused_and_in_monochrome(tmp_path):
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        await wait_for(lambda: screen.query(BreakPanel) and screen._summaries is not None)
        await settle(app, pilot)
        panel = screen.query_one(BreakPanel)
        rows = range(panel.outer_size.height)
        looks = []
        for focused in (False, True):
            if focused:
                panel.focus()
                await settle(app, pilot)
                panel.action_move(1)  # a highlighted row too
            for dimmed in (False, True):
                filters = app._filters
                if dimmed:  # as with NO_COLOR set
                    app._filters = [*filters, Monochrome()]
                try:
                    panel.forget_rows()
                    looks.append([_ours(panel, y) for y in rows])
                    assert looks[-1] == [_textuals(panel, y) for y in rows], (focused, dimmed)
                finally:
                    app._filters = filters
        assert len({repr(look) for look in looks}) == 4  # each look is its own
        assert panel._framed is not None  # and ours drew them, not Textual's fallback
