"""The break panel on the floor screen keeps its length while the board changes shape.

The floor screen gives the panel a fixed height. A list whose length changed each
time someone went out or came back would give the screen another scroll height, and
Textual lays the whole floor out again for that (bench/bench_floor.py). These tests
fail if a board of another shape changes the panel's length while it fits, if the
blank lines under it ever bring up a scrollbar, or if a panel with no room to measure
its lines in fails on a new board.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import replace

from textual.app import ComposeResult
from textual.screen import Screen

from floortui.domain.breaks import OutNow
from floortui.widgets.break_panel import BreakPanel
from tests.conftest import settle
from tests.test_break_panel import BOARD, NOW, PanelApp, option_text

M = 60


class FixedScreen(Screen):
    def compose(self) -> ComposeResult:
        yield BreakPanel(id="breaks")

    def on_mount(self) -> None:
        self.query_one(BreakPanel).show(BOARD)


class FixedApp(PanelApp):
    """The panel as the floor screen has it: a fixed height, wider than its words."""

    CSS = "BreakPanel { height: 20; width: 44; }"

    def on_mount(self) -> None:
        self.push_screen(FixedScreen())


class GrowingApp(FixedApp):
    CSS = "BreakPanel { height: 1fr; width: 44; }"


class FlatApp(FixedApp):
    CSS = "BreakPanel { height: 0; width: 44; border: none; }"


@asynccontextmanager
async def panel_of(app: PanelApp, rows: int = 30):
    """The app running at 100 x `rows`, settled: (pilot, its break panel)."""
    async with app.run_test(size=(100, rows)) as pilot:
        await settle(app, pilot)
        yield pilot, app.screen.query_one(BreakPanel)


def _out(name: str) -> OutNow:
    return OutNow(name, "Blue", "Break", NOW - 2 * M, 10, 8 * M, True)


async def test_someone_going_out_keeps_the_panels_length_and_needs_no_layout(tmp_path) -> None:
    app = FixedApp(tmp_path)
    async with panel_of(app) as (pilot, panel):
        height = panel.scrollable_content_region.height
        assert panel.virtual_size.height == height == 20 - 2  # inside its border
        assert not panel.show_vertical_scrollbar
        panel.show(replace(BOARD, at=NOW + 5, out=(*BOARD.out, _out("Cat Quinn")), next_up=()))
        text = option_text(panel)
        assert "Cat Quinn" in text[3] and text[0] == "On break (3)" and text[4] == "Next up (0)"
        assert panel.keys[3] == "out:Cat Quinn", "her line can be chosen"
        assert panel.keys[4] is None, "the heading cannot"
        assert not app.screen._layout_required
        await pilot.pause()
        assert panel.virtual_size.height == height and not panel.show_vertical_scrollbar


async def test_a_list_longer_than_the_panel_scrolls_and_keeps_its_length(tmp_path) -> None:
    app = FixedApp(tmp_path)
    async with panel_of(app) as (pilot, panel):
        many = tuple(_out(f"Member {i:02d}") for i in range(12))
        panel.show(replace(BOARD, at=NOW + 5, out=many))
        await pilot.pause()
        longest = panel.virtual_size.height
        assert longest > panel.scrollable_content_region.height and panel.show_vertical_scrollbar
        panel.show(replace(BOARD, at=NOW + 10, out=many[:11]))  # one back, still too long
        await pilot.pause()
        assert panel.virtual_size.height == longest
        panel.show(replace(BOARD, at=NOW + 15))  # fits again: the panel's own height
        await pilot.pause()
        assert panel.virtual_size.height == panel.scrollable_content_region.height
        assert not panel.show_vertical_scrollbar


async def test_a_panel_that_shrinks_counts_its_blank_lines_again(tmp_path) -> None:
    """A notice above the panel or a shorter terminal: no stray scrollbar appears."""
    app = GrowingApp(tmp_path)
    async with panel_of(app) as (pilot, panel):
        tall = panel.scrollable_content_region.height
        assert panel.virtual_size.height == tall > 13, "blank lines fill it under the board"
        await pilot.resize_terminal(100, 16)
        await settle(app, pilot)
        assert panel.scrollable_content_region.height == 16 - 2 < tall
        assert panel.virtual_size.height == 16 - 2
        assert not panel.show_vertical_scrollbar
        assert "Ann Archer" in option_text(panel)[1]


async def test_a_panel_with_no_height_takes_a_new_board_without_failing(tmp_path) -> None:
    """Squeezed to nothing (a very short window): nothing is measured, nothing fails."""
    app = FlatApp(tmp_path)
    async with panel_of(app) as (pilot, panel):
        panel.show(replace(BOARD, at=NOW + 5))
        panel.tick(NOW + 65)
        await pilot.pause()
        assert "overdue" in option_text(panel)[1]


async def test_the_highlight_follows_a_member_from_next_up_to_on_break(tmp_path) -> None:
    app = FixedApp(tmp_path)
    async with panel_of(app) as (_pilot, panel):
        assert panel.highlight_member("next:Cat Quinn")
        panel.show(replace(BOARD, at=NOW + 5, out=(*BOARD.out, _out("Cat Quinn")), next_up=()))
        assert panel.highlighted == 3 and panel.keys[3] == "out:Cat Quinn"
        panel.show(replace(BOARD, at=NOW + 10, out=BOARD.out[:1], next_up=()))  # Bo and Cat back
        assert panel.highlighted is None, "no line of hers: nothing chosen, not a heading"


async def test_moving_past_the_panels_foot_scrolls_the_member_into_view(tmp_path) -> None:
    app = FixedApp(tmp_path)
    async with panel_of(app) as (pilot, panel):
        many = tuple(_out(f"Member {i:02d}") for i in range(20))
        panel.show(replace(BOARD, at=NOW + 5, out=many))
        panel.focus()
        await pilot.press("end")  # Dan Murphy, held back, under the twelve shown and "+8 more"
        await pilot.pause()
        assert panel.keys[panel.highlighted] == "held:Dan Murphy"
        top, room = int(panel.scroll_offset.y), panel.scrollable_content_region.height
        above = panel.line_heights()[: panel.highlighted]
        assert top > 0 and top <= sum(above) < top + room, "his row is on screen"
        await pilot.press("home")
        await pilot.pause()
        assert panel.keys[panel.highlighted] == "out:Member 00" and panel.scroll_offset.y <= 1
