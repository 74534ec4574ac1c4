"""A widget's drawn lines, put on the screen again as they were until Textual marks it dirty.

In the floor's one frame a second Textual draws every widget on the screen again, changed
or not (bench/bench_floor.py): the screen under everything, the scrollbars beside the seats
and the breaks, the break panel. Each is drawn through Textual's styles cache, which keeps
its lines but, for every line on every frame, looks the line up and puts it through the
app's line filters again. Every change to what such a widget shows reaches it through
`_set_dirty` (a refresh, a new size, a style change, a scrollbar's colours), so until then
the lines it gave last time, for the same part of it, are the lines it would give now.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from floortui.widgets.kept_rows import row_runs


class UntilDirty:
    """For a Widget subclass drawn by Textual (this before it in the bases). Rows marked
    dirty since the last frame (a break panel's row that says something new) are drawn
    again, the others are the strips given last time."""

    _until_dirty: tuple[tuple, list[Strip]] | None = None
    #: The widget's rows marked dirty since it was last drawn; None: all of them.
    _dirty_rows: set[int] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        widget = self  # a Widget (see the class's docstring)
        filters = tuple(map(id, widget.app.get_line_filters()))  # type: ignore[attr-defined]
        key = (crop, widget.outer_size, widget.scroll_offset, widget.has_focus,  # type: ignore[attr-defined]
               filters)  # fmt: skip
        kept, dirty = self._until_dirty, self._dirty_rows
        self._dirty_rows = set()
        if kept is None or kept[0] != key or dirty is None:
            strips = super().render_lines(crop)  # type: ignore[misc]
        else:
            strips = kept[1]
            rows = sorted(y for y in dirty if crop.y <= y < crop.bottom)
            if rows:
                strips = list(strips)
                for start, end in row_runs(rows):
                    drawn = super().render_lines(  # type: ignore[misc]
                        Region(crop.x, start, crop.width, end - start)
                    )
                    strips[start - crop.y : end - crop.y] = drawn
        self._until_dirty = (key, strips)
        return strips

    def _set_dirty(self, *regions: Region) -> None:
        dirty = self._dirty_rows
        if regions and dirty is not None:
            offset = self.content_offset  # type: ignore[attr-defined]  # as Textual moves them
            for region in regions:
                dirty.update(region.translate(offset).line_range)
        else:
            self._dirty_rows = None
        super()._set_dirty(*regions)  # type: ignore[misc]

    def notify_style_update(self) -> None:
        self._until_dirty = self._dirty_rows = None
        super().notify_style_update()  # type: ignore[misc]


class KeptScrollBar(UntilDirty, ScrollBar):
    """A scrollbar that moves only when scrolled: drawn again only then."""


class KeptScrollbars:
    """For a scrolling Widget subclass (this before it in the bases): its vertical
    scrollbar is a KeptScrollBar, made as Textual makes its own."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        widget = self  # a Widget (see the class's docstring)
        scroll_bar = widget._vertical_scrollbar  # type: ignore[attr-defined]
        if scroll_bar is None:
            scroll_bar = widget._vertical_scrollbar = KeptScrollBar(  # type: ignore[attr-defined]
                vertical=True, name="vertical",
                thickness=widget.scrollbar_size_vertical,  # type: ignore[attr-defined]
            )  # fmt: skip
            scroll_bar.display = False
            widget.app._start_widget(widget, scroll_bar)  # type: ignore[attr-defined]
        return scroll_bar
