"""The break panel's lines between ticks: until `lines_steady_until`, `board_lines` gives the
same lines second after second, so the panel's tick does nothing on those seconds; at the
moment it names, a time left, overdue or since the last break has moved on."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from floortui.domain.breaks import BreakBoard, HeldBack, NextUp, OutNow
from floortui.domain.meals import MealSlot
from floortui.widgets.break_lines import ListRows, board_lines, lines_steady_until

AT = 1_795_305_600
ROWS = ListRows(out=3, next_up=2, held=2, meals=2)

outs = st.builds(OutNow, st.sampled_from(["Ann", "Bo", "Cy"]), st.just("Red"),
                 st.sampled_from(["Break", "Lunch"]), st.just(AT - 600), st.just(15),
                 st.integers(-4000, 4000), st.booleans())  # fmt: skip
ups = st.builds(NextUp, st.sampled_from(["Di", "Ed"]), st.just("Red"), st.just("Break"),
                st.just(15), st.integers(-100, 8000), st.just(3600), st.just(15))  # fmt: skip
meals = st.builds(MealSlot, st.just("Lunch"), st.integers(AT - 4000, AT + 4000),
                  st.sampled_from([30, 60]), st.just(("Ann", "Bo")))  # fmt: skip
boards = st.builds(
    BreakBoard, st.just(AT), st.lists(outs, max_size=4).map(tuple),
    st.lists(ups, max_size=3).map(tuple),
    st.just((HeldBack("Fay", "Red", ("2 of Red are out (max 2)",), 600),)), st.just(()),
    st.lists(meals, max_size=3).map(tuple),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(boards, st.integers(0, 3000))
def test_until_then_the_lines_are_the_same_and_then_they_move(board, ahead) -> None:
    now = AT + ahead
    until = lines_steady_until(board, now, ROWS)
    first = board_lines(board, now, ROWS, dt.UTC)
    if until is None:  # nothing that moves with the clock is shown
        assert board_lines(board, now + 3600, ROWS, dt.UTC) == first
        return
    assert until > now
    for at in range(now, min(until, now + 3600)):
        assert board_lines(board, at, ROWS, dt.UTC) == first, at


def test_each_edge_by_hand() -> None:
    out = OutNow("Ann", "Red", "Break", AT - 600, 15, 125, True)  # 2 min left, for 6 s
    board = BreakBoard(AT, (out,))
    assert lines_steady_until(board, AT, ROWS) == AT + 6  # then "1 min left", in warning
    assert lines_steady_until(board, AT + 6, ROWS) == AT + 66  # then "under a minute"
    assert lines_steady_until(board, AT + 66, ROWS) == AT + 126  # then "due back now"
    assert lines_steady_until(board, AT + 126, ROWS) == AT + 185  # then "1 min overdue"
    up = NextUp("Di", "Red", "Break", 15, 590, 3600, 15)  # 9 min 50 s since the last break
    assert lines_steady_until(BreakBoard(AT, (), (up,)), AT, ROWS) == AT + 10
    slot = MealSlot("Lunch", AT + 100, 30, ("Ann",))
    assert lines_steady_until(BreakBoard(AT, meals=(slot,)), AT, ROWS) == AT + 100
    assert lines_steady_until(BreakBoard(AT, meals=(slot,)), AT + 100, ROWS) == AT + 1900
    assert lines_steady_until(BreakBoard(AT), AT, ROWS) is None
