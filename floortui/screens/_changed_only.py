"""A screen's compositor that draws, for a frame, only the widgets under what changed.

For a partial update Textual's compositor takes the box around every changed region and
draws every widget that box touches, whole, to cut each of their lines at the screen's
cuts. On the floor the changes each second are the header's clock, the seats' times and
the queue figures: their box is the whole screen, so the break panel, both scrollbars and
the footer were drawn and cut again every second for cells no one had changed
(bench/bench_floor.py). Only the cells in a changed region are written to the terminal,
and each of those shows the frontmost widget there, which overlaps the change; so a
widget that overlaps no changed region has no cell in the update, and is left out.
"""

from __future__ import annotations

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region


def _stacked(regions: set[Region]) -> list[Region]:
    """The same cells in fewer regions: each run of regions one under the other, as wide
    and at the same x (a column of seats' times), as one. The seats give one region per
    line, and every widget on the screen is tried against them each frame."""
    stacked: list[Region] = []
    for region in sorted(regions, key=_column_first):
        if stacked:
            last = stacked[-1]
            if last.x == region.x and last.width == region.width and last.bottom >= region.y:
                bottom = max(last.bottom, region.bottom)
                stacked[-1] = Region(last.x, last.y, last.width, bottom - last.y)
                continue
        stacked.append(region)
    return stacked


def _column_first(region: Region) -> tuple[int, int, int]:
    return region.x, region.width, region.y


class ChangedOnlyCompositor(Compositor):
    """Textual's Compositor, whose partial updates draw only the widgets that overlap a
    changed region (see the module's docstring); a full update draws everything."""

    def render_partial_update(self) -> ChopsUpdate | None:
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        crop = Region.from_union(update_regions).intersection(self.size.region)
        spans = list(self._regions_to_spans(update_regions))
        is_rendered_line = {y for y, _, _ in spans}.__contains__
        # The screen's cuts and its widgets, from all of them, before the frame's widgets
        # stand in for them (each widget's region as _get_renders draws it: within its clip).
        cuts, visible = self.cuts, self.visible_widgets
        overlaps, changed = Region.overlaps, _stacked(update_regions)
        shown = self._visible_widgets = {
            widget: (region, clip)
            for widget, (region, clip) in visible.items()
            if any(overlaps(region.intersection(clip), each) for each in changed)
        }
        try:
            chops = self._render_chops(crop, is_rendered_line)
        finally:
            if self._visible_widgets is shown:  # not thrown away meanwhile by a new layout
                self._visible_widgets = visible
        chop_ends = [cut_set[1:] for cut_set in cuts]
        return ChopsUpdate(chops, spans, chop_ends)
