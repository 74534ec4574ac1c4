"""The break panel's lines made from their markup parsed once (break_lines.line_content) are
what `Content.from_markup` makes of them, words and spans, whatever the names hold."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from floortui.domain.breaks import BreakAlert, BreakBoard, HeldBack, NextUp, OutNow
from floortui.domain.meals import MealSlot
from floortui.widgets.break_lines import board_lines, line_content

AT = 1_795_305_600
#: Names as a roster may spell them: markup, template holes and escapes among the letters.
names = st.text(st.sampled_from("Ab [/]$mr{}\\-é字"), min_size=1, max_size=12)
reasons = st.sampled_from(["Break", "Lunch", "$m", "[b]Tea[/b]", "$$"])
outs = st.builds(OutNow, names, st.just("Red"), reasons, st.just(AT - 600), st.just(15),
                 st.integers(-4000, 4000), st.booleans())  # fmt: skip
ups = st.builds(NextUp, names, st.just("Red"), reasons, st.just(15), st.integers(0, 8000),
                st.just(3600), st.just(15))  # fmt: skip
helds = st.builds(HeldBack, names, st.just("Red"),
                  st.lists(names, min_size=1, max_size=2).map(tuple), st.just(600))  # fmt: skip
alerts = st.builds(BreakAlert, names, st.just("missed"), names,
                   st.sampled_from(["warning", "error"]))  # fmt: skip
meals = st.builds(MealSlot, reasons, st.integers(AT - 4000, AT + 4000), st.just(30),
                  st.lists(names, max_size=4).map(tuple))  # fmt: skip
boards = st.builds(BreakBoard, st.just(AT), st.lists(outs, max_size=3).map(tuple),
                   st.lists(ups, max_size=2).map(tuple), st.lists(helds, max_size=2).map(tuple),
                   st.lists(alerts, max_size=2).map(tuple),
                   st.lists(meals, max_size=2).map(tuple))  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(boards, st.integers(0, 3000))
def test_every_line_is_what_textual_makes_of_its_markup(board, ahead) -> None:
    for line in board_lines(board, AT + ahead, tz=dt.UTC):
        _, markup, values = line
        theirs = Content.from_markup(markup, **dict(values))
        ours = line_content(line)
        assert (ours.plain, ours.spans) == (theirs.plain, theirs.spans), line


def test_holes_are_filled_once_and_a_name_is_never_markup() -> None:
    line = (None, "  $m  [$warning]$why[/] $$ $x", (("m", "Bo [b]$why"), ("why", "busy")))
    content = line_content(line)
    assert content.plain == "  Bo [b]$why  busy $ $x"
    assert [(s.start, s.end, s.style) for s in content.spans] == [(14, 18, "$warning")]
