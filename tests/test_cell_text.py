"""Columns counted in terminal cells: names in Japanese, Chinese or Thai keep the grid in line.

Worked by hand: "佐藤 花子" is 4 wide characters and a space, 9 cells; "ฟ้า ใจดี" has
two marks that take no cell, 6 cells for 8 characters.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from floortui.widgets.cell_text import cells_of, changed_cells, cut, fit_cell, fit_line, pad
from floortui.widgets.queue_panel import cells
from tests.test_seat_grid import NOW, GridApp, member

SATO, FAH = "佐藤 花子", "ฟ้า ใจดี"


def test_cells_are_counted_as_the_terminal_draws_them() -> None:
    assert cells_of(SATO) == 9 and cells_of(FAH) == 6 and cells_of("Ann Archer") == 10


@given(st.text(st.characters(codec="utf-8"), max_size=40)
       | st.lists(st.sampled_from(["a", " ", "·", "●", "–", "佐", "\u0e49", "\u200d", "\ufe0f",
                                   "\x07", "👍"])).map("".join))  # fmt: skip
def test_cells_of_any_text_are_what_rich_counts(text) -> None:
    assert cells_of(text) == (len(text) if text.isascii() else cell_len(text))


def test_a_wide_name_is_padded_to_its_cell_by_cells() -> None:
    assert fit_cell(SATO, 14) == SATO + " " * 5
    assert fit_cell(FAH, 14) == FAH + " " * 8
    assert fit_cell("Ann", 6) == "Ann   "


def test_a_wide_name_too_long_is_cut_with_a_mark_and_a_space_before_the_next_cell() -> None:
    assert fit_cell(SATO, 8) == "佐藤…   "  # 花 would need cells 6-7: cut before it
    assert cell_len(fit_cell(SATO, 8)) == 8
    assert fit_cell("長" * 10, 7) == "長長…  "  # 6 cells for the text: 長長 and the mark
    assert fit_cell("Keiko Kowalski", 14) == "Keiko Kowals… "


def test_cut_and_pad_keep_ascii_as_before() -> None:
    assert cut("abcdef", 4) == "abc…" and cut("abc", 4) == "abc" and cut("abc", 0) == ""
    assert pad("7", 3, right=True) == "  7" and pad("toolong", 3) == "toolong"
    assert fit_line("abc", 5) == "abc  " and fit_line("abcdef", 5) == "abcd…"


def test_a_queue_named_in_japanese_keeps_the_queue_panel_in_line() -> None:
    columns = (("Queue", 8, False), ("Wait", 4, True))
    assert cells(["営業", "3"], columns) == "営業        3"
    assert cell_len(cells(["営業", "3"], columns)) == cell_len(cells(["sales", "3"], columns))


async def test_the_seat_grid_keeps_its_columns_in_line_after_a_wide_name() -> None:
    app = GridApp({name: member(name, "ready", NOW - 60) for name in (SATO, FAH, "Ann Archer")})
    async with app.run_test(size=(120, 8)) as pilot:
        await pilot.pause()
        grid = app.query_one("SeatGrid")
        lines = [grid.render_line(y).text for y in range(1, 4)]
        starts = {cell_len(line[: line.index("ready")]) for line in lines}
        assert len(starts) == 1, f"the state column starts in one place: {lines}"
        assert all(cell_len(line) == 120 for line in lines)


LINE = st.lists(st.sampled_from(["a", "b", " ", "0", "9", ":", "·", "●"]), max_size=30).map("".join)
WORDS = st.lists(
    st.sampled_from(["a", " ", "0", "9", "●", "佐", "ฟ้า", "ฟ่า", "ฟ"]), max_size=12
).map("".join)


@given(st.one_of(LINE, WORDS), st.one_of(LINE, WORDS))
def test_only_the_changed_cells_need_drawing_again(old: str, new: str) -> None:
    """Draw `new` over `old` in [start, end) alone, and the line reads `new` cell for cell."""
    start, end = changed_cells(old, new)
    width = max(cells_of(old), cells_of(new))
    before, after = list(cell_strings(old, width)), list(cell_strings(new, width))
    redrawn = before[:start] + after[start:end] + before[end:]
    assert redrawn == after, (start, end)


def cell_strings(text: str, width: int) -> list[str]:
    """The line as the terminal shows it: one string per cell (a wide character's second
    cell empty, a combining mark with the character it sits on)."""
    cells: list[str] = []
    for char in text:
        size = cell_len(char)
        if size == 0:  # a mark: on the letter before it (WORDS has none at the start)
            cells[-1 if cells[-1] else -2] += char
        else:
            cells.extend([char] + [""] * (size - 1))
    return cells + [" "] * (width - len(cells))


def test_a_tick_that_moves_one_figure_redraws_those_cells_alone() -> None:
    assert changed_cells("sales   0  5:59  12", "sales   0  6:00  12") == (11, 15)
    assert changed_cells("sales 3", "sales 3") == (7, 7)
    assert changed_cells("sales 3", "sales 12") == (6, 8), "the line grew: to its end"
    assert changed_cells("佐藤 3", "佐藤 4") == (5, 6), "two cells a letter"
    assert changed_cells("ฟ้า 3", "ฟ่า 3") == (0, 1), "a changed mark: with its letter"
