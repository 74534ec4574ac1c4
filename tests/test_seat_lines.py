"""The seat grid's lines (floortui.widgets.seat_lines): a line put together from its kept
frame and a new clock is, cell for cell and style for style, the line drawn column by
column, at any width, with or without the roster column and the cursor; and through a
line filter it is the line filtered."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import Monochrome
from textual.strip import Strip

from floortui.domain.seat_rows import SeatCells
from floortui.widgets.cell_text import fit_cell
from floortui.widgets.seat_columns import grid_columns
from floortui.widgets.seat_lines import SeatLines

STYLES = {
    (): Style(color="white", bgcolor="black"),
    ("cursor",): Style(bgcolor="blue"),
    ("new",): Style(color="cyan", bold=True),
    ("roster",): Style(color="yellow"),
    ("ready",): Style(color="green"),
    ("paused",): Style(color="yellow"),
    ("warning",): Style(bgcolor="#806000"),
    ("alert",): Style(bgcolor="red", bold=True),
}


def style_of(*names: str) -> Style:
    """The grid's style with these classes over it, as SeatGrid._style gives it."""
    style = STYLES[()]
    for name in names:
        style += STYLES[(name,)]
    return style


def cells_by_cell(strip: Strip) -> list[tuple[str, Style | None]]:
    return [(ch, seg.style) for seg in strip for ch in seg.text]


def by_hand(cells: SeatCells, cursor: bool, width: int, roster: bool) -> Strip:
    """The line column by column, as a supervisor reads it: each cell fitted to its
    column, the state and time coloured by state and level, cut or filled to the width."""
    style = STYLES[()] + (STYLES[("cursor",)] if cursor else Style())
    timed = style + STYLES[(cells.state,)]
    if cells.level != "ok":
        timed += STYLES[(cells.level,)]
    texts = ["●" if cells.new else "", cells.name, cells.team, cells.state_text, cells.time,
             cells.answered.rjust(3), cells.since_break, cells.roster, cells.queues]  # fmt: skip
    styles = [style + STYLES[("new",)], style, style, timed, timed, style, style,
              style + STYLES[("roster",)], style]  # fmt: skip
    if not roster:
        del texts[7], styles[7]
    columns = grid_columns(width, roster)
    cells_in = zip(texts, columns, styles, strict=True)
    segments = [Segment(fit_cell(t, w), s) for t, (_, w), s in cells_in]
    return Strip(segments).adjust_cell_length(width, style)


seat_cells = st.builds(
    SeatCells,
    new=st.booleans(),
    name=st.sampled_from(["Ann Archer", "佐藤 花子", "Keiko Kowalski-Lindqvist", "Bo"]),
    team=st.sampled_from(["Red", "", "Blue team north"]),
    state=st.sampled_from(["ready", "paused"]),
    state_text=st.sampled_from(["ready", "paused: Lunch", "paused: Training with the lead"]),
    time=st.sampled_from(["", "0:05", "4:07", "1:02:03"]),
    level=st.sampled_from(["ok", "warning", "alert"]),
    queues=st.sampled_from(["", "sales", "sales(p) support billing-overflow-west"]),
    answered=st.sampled_from(["0", "12", "1234"]),
    since_break=st.sampled_from(["", "on break", "10m", "2h05m"]),
    roster=st.sampled_from(["", "late +7m", "absent"]),
)


@settings(max_examples=300, deadline=None)
@given(seat_cells, st.booleans(), st.integers(10, 200), st.booleans(),
       st.sampled_from(["0:06", "59:59", "10:00:00"]))  # fmt: skip
def test_a_line_from_its_frame_is_the_line_drawn_by_hand(cells, cursor, width, roster, later):
    lines = SeatLines(style_of, lambda: roster)
    first = lines.line(("seat", cells, cursor, True, width))
    assert cells_by_cell(first) == cells_by_cell(by_hand(cells, cursor, width, roster))
    assert first.cell_length == width
    ticked = cells._replace(time=later)  # the next tick: the frame kept, the clock new
    second = lines.line(("seat", ticked, cursor, True, width))
    assert cells_by_cell(second) == cells_by_cell(by_hand(ticked, cursor, width, roster))


def test_lines_are_drawn_through_the_filters_and_again_when_they_change():
    cells = SeatCells(True, "Ann Archer", "Red", "paused", "paused: Lunch", "31:00", "alert",
                      "sales(p)", "3", "on break")  # fmt: skip
    key = ("seat", cells, False, True, 120)
    lines = SeatLines(style_of, lambda: False)
    plain = lines.line(key)
    grey, background = Monochrome(), Color(0, 0, 0)
    lines.through((grey,), background)
    dimmed = lines.line(key)
    assert cells_by_cell(dimmed) == cells_by_cell(plain.apply_filter(grey, background))
    assert cells_by_cell(dimmed) != cells_by_cell(plain)
    lines.through((), None)
    assert cells_by_cell(lines.line(key)) == cells_by_cell(plain)
