"""Lines a widget draws whole itself, put on the screen without Textual's styles cache.

Textual puts every widget it draws through its styles cache: each frame it works out the
widget's background from every ancestor, its border, padding and tint, and each line that
changed is copied, padded and filtered again. The floor draws one frame a second, and in
it every widget on the screen is drawn, changed or not (bench/bench_floor.py). A widget
with no border, tint or opacity, whose lines are drawn whole in its own kept styles
(KeptStyles: every cell carries its colours), needs only its side padding and the app's
line filters (ANSI colours to truecolor, dimming behind a modal), once per line drawn.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip

from floortui.widgets.once_strip import OnceStrip

#: (the background the line filters blend over, side padding, the padding's style)
Box = tuple[Color, tuple[int, int], Style]


class OwnLines:
    """For a Widget subclass (this before it in the bases) whose `render_line(y)` gives each
    line whole, as wide as its content, in styles that carry their own background. A
    border, top or bottom padding, tint or opacity (its CSS) leaves it to Textual."""

    _own_box: Box | None = None
    #: Line → (the strip drawn, the filters, it padded and filtered through them): a line
    #: that did not change is the same strip, and is put on the screen as it was.
    _own_shown: dict[int, tuple[Strip, list, Strip]] | None = None

    def _box(self) -> Box | None:
        box = self._own_box
        if box is None:
            widget = self  # a Widget (see the class's docstring)
            styles = widget.styles  # type: ignore[attr-defined]
            top, right, bottom, left = styles.padding
            if (top or bottom or any(edge for edge, _ in styles.border) or styles.tint.a
                    or styles.text_opacity != 1.0):  # fmt: skip
                return None
            base, background = widget.background_colors  # type: ignore[attr-defined]
            padding = Style(bgcolor=(base + background).rich_color)  # as Textual pads
            box = self._own_box = (background, (left, right), padding)
        return box

    def render_lines(self, crop: Region) -> list[Strip]:
        box = self._box()
        if box is None or self.opacity != 1.0:  # type: ignore[attr-defined]
            return super().render_lines(crop)  # type: ignore[misc]
        background, (left, right), padding = box
        filters = self.app.get_line_filters()  # type: ignore[attr-defined]
        render_line = self.render_line  # type: ignore[attr-defined]
        shown = self._own_shown
        if shown is None:
            shown = self._own_shown = {}
        strips = []
        for y in crop.line_range:
            strip = render_line(y)
            kept = shown.get(y)
            if kept is not None and kept[0] is strip and kept[1] == filters:
                strips.append(kept[2])
                continue
            drawn = strip
            if left or right or filters:  # a line of its own, kept only while it is shown
                segments = [*strip]
                if left:
                    segments.insert(0, Segment(" " * left, padding))
                if right:
                    segments.append(Segment(" " * right, padding))
                for line_filter in filters:
                    segments = line_filter.apply(segments, background)
                drawn = OnceStrip(segments, left + strip.cell_length + right)
            shown[y] = (strip, filters, drawn)
            strips.append(drawn)
        x1, x2 = crop.column_span
        if x1 > 0 or x2 < self.outer_size.width:  # type: ignore[attr-defined]
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        self._own_box = self._own_shown = None
