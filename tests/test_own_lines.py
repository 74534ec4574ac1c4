"""Lines a widget draws itself (widgets/own_lines) look as Textual's styles cache draws them.

The status line, the queue panel and the floor's other self-drawn parts skip the styles
cache each frame; what they put on the screen must be what the cache would have, cell
for cell: the side padding in the widget's background, the words in their styles,
through the app's line filters.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widget import Widget

from floortui.widgets.text_line import TextLine


def _whole(widget: Widget) -> Region:
    return Region(0, 0, widget.outer_size.width, widget.outer_size.height)


def _cells(strips) -> list[list[tuple[str, object]]]:
    return [[(ch, seg.style) for seg in strip for ch in seg.text] for strip in strips]


class Lines(App):
    CSS = """
    #padded { padding: 0 2; color: $text-muted; background: $panel; }
    #bordered { border: round $primary; height: 3; }
    """

    def compose(self) -> ComposeResult:
        yield TextLine("live · 3 ready · 15 on call", id="padded")
        yield TextLine("in a border", id="bordered")


async def test_a_padded_line_is_drawn_as_the_styles_cache_draws_it():
    app = Lines()
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        line = app.query_one("#padded", TextLine)
        whole = _whole(line)
        own = line.render_lines(whole)
        textual = Widget.render_lines(line, whole)
        assert _cells(own) == _cells(textual)
        assert "".join(ch for ch, _ in _cells(own)[0]).startswith("  live · 3 ready")
        # Part of the line (the compositor asks for a strip of it), and the same line again.
        part = Region(5, 0, 10, 1)
        assert _cells(line.render_lines(part)) == _cells(Widget.render_lines(line, part))
        assert line.render_lines(whole)[0] is own[0]  # unchanged: the strip already drawn


async def test_new_words_are_drawn_and_a_border_is_left_to_textual():
    app = Lines()
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        line = app.query_one("#padded", TextLine)
        before = line.render_lines(_whole(line))
        line.show("live · 4 ready")
        after = line.render_lines(_whole(line))
        assert "4 ready" in "".join(ch for ch, _ in _cells(after)[0])
        assert after[0] is not before[0]
        bordered = app.query_one("#bordered", TextLine)
        drawn = _cells(bordered.render_lines(_whole(bordered)))
        assert drawn[0][0][0] == "╭"
        assert drawn == _cells(Widget.render_lines(bordered, _whole(bordered)))
