"""Lines kept until Textual marks a widget dirty (widgets/until_dirty) are the lines Textual
would draw now: after a row changes, a scroll, a focus, a new theme; and a row that changed
without a refresh is not drawn again (the frame puts the kept lines back)."""

from __future__ import annotations

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from floortui.widgets.kept_rows import row_runs
from floortui.widgets.until_dirty import KeptScrollBar, KeptScrollbars, UntilDirty


class Rows(UntilDirty, KeptScrollbars, ScrollView, can_focus=True):
    """Thirty rows of words in a border, ten on screen."""

    DEFAULT_CSS = """
    Rows { border: round $accent; height: 12; width: 30; }
    Rows:focus { border: heavy $primary; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.words = [f"row {i}" for i in range(30)]
        self.virtual_size = Size(26, 30)

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        text = self.words[row] if row < len(self.words) else ""
        return Strip([Segment(text.ljust(width), self.rich_style)], width)


class RowsApp(App):
    def compose(self) -> ComposeResult:
        yield Rows()


def _fresh(widget: Widget) -> list[list[Segment]]:
    """What Textual's own styles cache draws for the whole widget now."""
    widget._styles_cache.clear()
    return [list(strip) for strip in Widget.render_lines(widget, Region(0, 0, *widget.outer_size))]


def _kept(widget: Widget) -> list[list[Segment]]:
    return [list(strip) for strip in widget.render_lines(Region(0, 0, *widget.outer_size))]


def _row_text(widget: Widget, y: int) -> str:
    return "".join(segment.text for segment in _kept(widget)[y])


async def test_kept_lines_are_textuals_through_changes() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 16)) as pilot:
        rows = app.query_one(Rows)
        await pilot.pause()
        assert _kept(rows) == _fresh(rows), "first drawn as Textual draws it"

        rows.words[3] = "row 3 changed"
        rows.refresh(Region(0, 3, 26, 1))
        await pilot.pause()
        assert "row 3 changed" in _row_text(rows, 4), "a refreshed row is drawn again"
        assert _kept(rows) == _fresh(rows)

        rows.words[4], rows.words[6] = "four", "six"
        rows.refresh(Region(0, 4, 26, 1), Region(0, 6, 26, 1))
        await pilot.pause()
        assert _kept(rows) == _fresh(rows), "two runs of rows spliced in their places"

        rows.scroll_to(y=5, animate=False)
        await pilot.pause()
        assert "row 5" in _row_text(rows, 1), "scrolled: the rows move"
        assert _kept(rows) == _fresh(rows)

        rows.focus()
        await pilot.pause()
        assert _kept(rows) == _fresh(rows), "focused: the heavy border"
        assert "┏" in _row_text(rows, 0)

        app.theme = "textual-light"
        await pilot.pause()
        assert _kept(rows) == _fresh(rows), "a new theme draws every row again"


async def test_a_row_not_refreshed_stays_as_drawn() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 16)) as pilot:
        rows = app.query_one(Rows)
        await pilot.pause()
        before = _kept(rows)
        rows.words[2] = "changed, no refresh"
        assert _kept(rows) == before, "nothing marked dirty: the kept lines"
        assert _kept(rows) != _fresh(rows), "Textual's own draw would show the change"


async def test_scrollbar_is_kept_and_moves_when_scrolled() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 16)) as pilot:
        rows = app.query_one(Rows)
        await pilot.pause()
        bar = rows.vertical_scrollbar
        assert isinstance(bar, KeptScrollBar) and bar.display, "the bar is shown, kept"
        first = _kept(bar)
        assert first == _fresh(bar)
        rows.scroll_to(y=20, animate=False)
        await pilot.pause()
        assert _kept(bar) != first, "the thumb moved down"
        assert _kept(bar) == _fresh(bar)


def test_runs_of_rows() -> None:
    assert row_runs([]) == []
    assert row_runs([3]) == [(3, 4)]
    assert row_runs([1, 2, 3, 7, 9, 10]) == [(1, 4), (7, 8), (9, 11)]
