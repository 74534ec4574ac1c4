"""A bordered widget's rows of words put between its border and padding without Textual's
styles cache.

For each row the styles cache works out the widget's background from its ancestors, its
border's pieces and styles, pads and adjusts the line, then copies it through each line
filter and a crop: five strips and their caches for a row of the break panel. The panel's
rows change with every board read (someone goes out, the lists shift) and many are new
(bench/bench_floor.py). The border and padding on either side of a row of words are the
same for every row while the widget's styles and size stand, so they are worked out once
(`_frame`) and each row is the line of words between them, filtered once. Border and
padding rows, and any widget with a tint, opacity, hatch or outline, are left to Textual.
"""

from __future__ import annotations

from rich.segment import Segment
from textual._border import get_box
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style

#: (top rows, bottom rows, the words' width and height, their style, segments left of them
#: and right of them, the line filters, the background they filter over)
Frame = tuple[int, int, int, int, object, list[Segment], list[Segment], tuple, Color]


class FramedRows:
    """For a Widget subclass (this before it in the bases) whose `render_line(y)` gives row
    `y` of its words; its border and padding rows go through Textual's styles cache."""

    _frame_for: tuple | None = None
    _framed: Frame | None = None

    def _frame(self) -> Frame | None:
        widget = self  # a Widget (see the class's docstring)
        filters = tuple(widget.get_line_filters())  # type: ignore[attr-defined]
        key = (widget.outer_size, widget.content_region.size, filters)  # type: ignore[attr-defined]
        if key == self._frame_for:
            return self._framed
        self._frame_for, self._framed = key, _frame_of(widget, filters)
        return self._framed

    def forget_frame(self) -> None:
        """The styles changed (a focus, a theme): the border is worked out again."""
        self._frame_for = self._framed = None

    def render_lines(self, crop: Region) -> list[Strip]:
        frame = self._frame()
        if frame is None:
            return super().render_lines(crop)  # type: ignore[misc]
        top, bottom, width, rows, words, left, right, filters, background = frame
        height = self.outer_size.height  # type: ignore[attr-defined]
        outer = self.outer_size.width  # type: ignore[attr-defined]
        render_line = self.render_line  # type: ignore[attr-defined]
        strips: list[Strip] = []
        for y in crop.line_range:
            if y < top or y >= height - bottom:
                strips.extend(super().render_lines(Region(0, y, outer, 1)))  # type: ignore[misc]
                continue
            if y - top < rows:
                line = render_line(y - top).adjust_cell_length(width, words.rich_style)  # type: ignore[attr-defined]
            else:
                line = Strip.blank(width, words.rich_style)  # type: ignore[attr-defined]
            segments = [*left, *line, *right]
            for line_filter in filters:
                segments = line_filter.apply(segments, background)
            strips.append(Strip(segments, outer))
        x1, x2 = crop.column_span
        if x1 > 0 or x2 < outer:
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips


def _frame_of(widget, filters: tuple) -> Frame | None:
    """The row's surroundings as Textual's styles cache draws a row of words (its
    `render_line`, part C), or None where it would do more than put them side by side."""
    styles = widget.styles
    if (styles.tint.a or styles.text_opacity != 1.0 or widget.opacity != 1.0
            or (styles.has_rule("hatch") and styles.hatch != "none")
            or any(edge for edge, _ in styles.outline)):  # fmt: skip
        return None
    base, background = widget.background_colors
    inner, outer = widget._styles_cache.get_inner_outer(base, background)
    (_, _), (right_edge, right_colour), (_, _), (left_edge, left_colour) = styles.border
    _, pad_right, _, pad_left = styles.padding
    left: list[Segment] = []
    right: list[Segment] = []
    if left_edge:
        left.append(get_box(left_edge, inner, outer, Style(foreground=base + left_colour))[1][0])
    if pad_left:
        left.append(Segment(" " * pad_left, inner.rich_style))
    if pad_right:
        right.append(Segment(" " * pad_right, inner.rich_style))
    if right_edge:
        right.append(get_box(right_edge, inner, outer, Style(foreground=base + right_colour))[1][2])
    gutter = styles.gutter
    content = widget.content_region.size
    return (gutter.top, gutter.bottom, content.width, content.height, inner, left, right, filters,
            background)  # fmt: skip
