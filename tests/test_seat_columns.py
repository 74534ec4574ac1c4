"""Which part of a seat's line a tick redraws, worked out by hand from the column widths.

Wide lines (110 columns and more): ● 2, member 18, team 8, state 20, time 8, ans 4,
break 9, [roster 10], queues the rest. So the time column is columns 48-55, the
queues start at 69 (79 with the roster column). Narrow: 2, 14, 6, 14, 8, 4, 9:
time is 36-43, the queues start at 57.
"""

from __future__ import annotations

from floortui.domain.seat_rows import SeatCells
from floortui.widgets.seat_columns import changed_span, column_edges, grid_columns

CELLS = SeatCells(new=False, name="Ann Archer", team="Red", state="ready", state_text="ready",
                  time="4:20", level="ok", queues="sales support", answered="3",
                  since_break="1h 10m", roster="")  # fmt: skip


def test_the_columns_share_out_the_line_and_the_queues_take_the_rest() -> None:
    assert column_edges(160, roster=False) == (0, 2, 20, 28, 48, 56, 60, 69, 160)
    assert column_edges(160, roster=True) == (0, 2, 20, 28, 48, 56, 60, 69, 79, 160)
    assert column_edges(80, roster=False) == (0, 2, 16, 22, 36, 44, 48, 57, 80)
    assert [t for t, _ in grid_columns(80, roster=False)][-1] == "queues"
    assert grid_columns(50, roster=False)[-1] == ("queues", 0), "no room left: none, not less"


def test_a_clock_moving_redraws_the_time_column_alone() -> None:
    after = CELLS._replace(time="4:21")
    assert changed_span(CELLS, after, 160, roster=False) == (48, 56)
    assert changed_span(CELLS, after, 80, roster=False) == (36, 44)


def test_a_level_change_redraws_the_state_and_its_time() -> None:
    assert changed_span(CELLS, CELLS._replace(level="warning"), 160, roster=False) == (28, 56)


def test_the_columns_after_the_roster_sit_where_the_roster_is_or_is_not() -> None:
    queues = CELLS._replace(queues="sales(p) support")
    assert changed_span(CELLS, queues, 160, roster=False) == (69, 160)
    assert changed_span(CELLS, queues, 160, roster=True) == (79, 160)
    assert changed_span(CELLS, CELLS._replace(roster="late +7m"), 160, roster=True) == (69, 79)


def test_two_cells_apart_redraw_what_lies_between() -> None:
    both = CELLS._replace(name="Ann Archer-Lee", answered="4")
    assert changed_span(CELLS, both, 160, roster=False) == (2, 60)


def test_a_member_gone_or_come_redraws_the_whole_line() -> None:
    assert changed_span(None, CELLS, 160, roster=False) == (0, 160)
    assert changed_span(CELLS, None, 80, roster=False) == (0, 80)
