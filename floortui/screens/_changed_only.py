"""A screen's compositor that draws, for a frame, only the cells that changed.

For a partial update Textual's compositor takes the box around every changed region and
draws every widget that box touches, whole, then cuts each of their lines at the screen's
cuts (every widget's edges) into pieces, of which it writes to the terminal those under a
changed span. On the floor the changes each second are the header's clock, the seats'
times and the queue figures: their box is the whole screen, so every widget was drawn and
every one of its lines cut again every second, for the few cells that moved
(bench/bench_floor.py).

Here each changed span of a line is shown by the frontmost widget at each of its cells,
as Textual has it; each widget is asked only for the lines it shows a changed cell on,
and of those only the stretches between cuts that hold one. What reaches the terminal is
what Textual's compositor writes (tests/test_changed_only.py).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

from floortui.widgets.once_strip import once_crop

#: (y, x1, x2): cells x1 up to x2 of line y, as Textual's spans are.
Span = tuple[int, int, int]
#: A line with nothing to write (never written to).
_NONE: dict = {}
_NO_ENDS: list = []


class ChangedOnlyCompositor(Compositor):
    """Textual's Compositor, whose partial updates draw only the changed cells (see the
    module's docstring); a full update draws everything as Textual does."""

    _areas_of: dict | None = None
    _areas: list[tuple[object, Region, Region]] = []

    def _shown_areas(self) -> list[tuple[object, Region, Region]]:
        """Each visible widget, frontmost first, with its region and the part of it shown:
        worked out again only when the widgets are laid out again (Textual makes a new
        mapping of them then)."""
        visible = self.visible_widgets
        if visible is not self._areas_of:
            self._areas = [(widget, region, region.intersection(clip))
                           for widget, (region, clip) in visible.items()]  # fmt: skip
            self._areas_of = visible
        return self._areas

    def render_partial_update(self) -> ChopsUpdate | None:
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        width, height = self.size
        # Clipped to the screen by comparisons, not max() and min(): a span or more for each
        # line a frame changes, and builtins' keyword parsing costs more than the compare.
        spans = [(y, x1 if x1 > 0 else 0, x2 if x2 < width else width)
                 for y, x1, x2 in self._regions_to_spans(update_regions)
                 if 0 <= y < height and x1 < width and x2 > 0]  # fmt: skip
        if not spans:
            return None
        cuts = self.cuts
        lines: dict[int, dict[int, tuple[int, Strip]]] = {}
        for widget, region, pieces in _frontmost(self._shown_areas(), spans):
            # Each piece within the stretch between two of its line's cuts (every widget's
            # edges), all of which this widget shows: put on the screen whole, as Textual
            # does, and only the changed cells of it written.
            stretches = []
            for y, x1, x2 in pieces:
                line_cuts = cuts[y]
                at = bisect_right(line_cuts, x1) - 1
                while line_cuts[at] < x2:
                    stretches.append((y, line_cuts[at], line_cuts[at + 1]))
                    at += 1
            x0, y0 = min(s[1] for s in stretches), stretches[0][0]
            x9, y9 = max(s[2] for s in stretches), stretches[-1][0] + 1
            strips = widget.render_lines(Region(x0 - region.x, y0 - region.y, x9 - x0, y9 - y0))
            for y, x1, x2 in stretches:
                line = lines.setdefault(y, {})
                if x1 not in line:
                    strip = strips[y - y0]
                    if x1 > x0 or x2 < x9:
                        strip = once_crop(strip, x1 - x0, x2 - x0)
                    line[x1] = (x2, strip)
        # Only the lines with a change are read (ChopsUpdate goes by the spans).
        chops: list[dict[int, Strip | None]] = [_NONE] * height
        ends: list[list[int]] = [_NO_ENDS] * height
        for y, line in lines.items():
            starts = sorted(line)
            chops[y] = {x1: line[x1][1] for x1 in starts}
            ends[y] = [line[x1][0] for x1 in starts]
        return ChopsUpdate(chops, spans, ends)


def _frontmost(shown: list[tuple[object, Region, Region]],
               spans: list[Span]) -> list[tuple[object, Region, list[Span]]]:  # fmt: skip
    """Each widget (and its region) with the parts of `spans` it is the frontmost widget at
    (`shown`: each widget, its region and the part of it shown, frontmost first), in order
    of line; the pieces of one span shown by several widgets (a span across the seats and
    the queue panel) go to each."""
    ys = [y for y, _, _ in spans]
    open_parts = [[(x1, x2)] for _, x1, x2 in spans]  # what no widget in front shows yet
    left = len(spans)
    found = []
    for widget, region, area in shown:
        if not left:
            break
        if not area:
            continue
        ax1, ax2 = area.x, area.right
        pieces: list[Span] = []
        for i in range(bisect_left(ys, area.y), bisect_left(ys, area.bottom)):
            parts = open_parts[i]
            if not parts:
                continue
            rest = []
            for x1, x2 in parts:
                lo, hi = (x1 if x1 > ax1 else ax1), (x2 if x2 < ax2 else ax2)
                if lo >= hi:
                    rest.append((x1, x2))
                    continue
                pieces.append((ys[i], lo, hi))
                if x1 < lo:
                    rest.append((x1, lo))
                if hi < x2:
                    rest.append((hi, x2))
            open_parts[i] = rest
            if not rest:
                left -= 1
        if pieces:
            found.append((widget, region, pieces))
    return found
