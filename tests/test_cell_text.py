"""Columns counted in terminal cells: names in Japanese, Chinese or Thai keep the grid in line.

Worked by hand: "佐藤 花子" is 4 wide characters and a space, 9 cells; "ฟ้า ใจดี" has
two marks that take no cell, 6 cells for 8 characters.
"""

from __future__ import annotations

from rich.cells import cell_len

from floortui.widgets.cell_text import cells_of, cut, fit_cell, fit_line, pad
from floortui.widgets.queue_panel import cells
from tests.test_seat_grid import NOW, GridApp, member

SATO, FAH = "佐藤 花子", "ฟ้า ใจดี"


def test_cells_are_counted_as_the_terminal_draws_them() -> None:
    assert cells_of(SATO) == 9 and cells_of(FAH) == 6 and cells_of("Ann Archer") == 10


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
