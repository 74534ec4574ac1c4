"""One line of words that changes every second (the floor's status), drawn from a kept strip.

Textual draws a Static's words through its content pipeline (markup, wrapping,
alignment) each time they change; for a line that changes every second on a
screen that must stay cheap to keep up to date (bench/bench_floor.py), the line is
put together here once per wording, at its width, in the widget's own style.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

from floortui.widgets.at_once import RefreshAtOnce
from floortui.widgets.cell_text import fit_line
from floortui.widgets.kept_styles import KeptStyles
from floortui.widgets.own_lines import OwnLines


def text_strip(text: str, width: int, style: Style) -> Strip:
    """`text` in exactly `width` cells (cut with "…" when longer), in `style`."""
    return Strip([Segment(fit_line(text, width), style)], max(0, width))


class TextLine(RefreshAtOnce, OwnLines, KeptStyles, Widget):
    """A line of plain words (never markup: a member's name is shown as written), drawn
    once per wording and width, and again after a style change."""

    DEFAULT_CSS = "TextLine { height: 1; }"

    _drawn: tuple[tuple[str, int], Strip] | None = None

    def __init__(self, text: str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:  # fmt: skip
        super().__init__(id=id, classes=classes)
        self.text = text

    def show(self, text: str) -> None:
        """New words: redrawn when they differ (no layout: the line's height is fixed)."""
        if text != self.text:
            self.text = text
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y > 0:
            return Strip.blank(width, self.kept_style())
        key = (self.text, width)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, text_strip(self.text, width, self.kept_style()))
        return self._drawn[1]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = None

    def render(self) -> Text:
        """The words, for anyone asking what the line says."""
        return Text(self.text)
