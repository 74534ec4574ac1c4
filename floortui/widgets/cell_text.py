"""Text cut and padded to a number of terminal cells, not of characters.

A Japanese or Chinese name takes two cells a character and a Thai one has marks
that take none, so `str.ljust` by characters pushes every column after such a
name out of line ("佐藤 花子" is 5 characters and 9 cells). These count cells as
the terminal (and Textual, through Rich) draws them; plain ASCII, the common
case on most floors, takes the quick way.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size


def cells_of(text: str) -> int:
    """How many terminal cells `text` takes."""
    return len(text) if text.isascii() else cell_len(text)


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` filled with spaces to `width` cells (on the left when `right`); text that
    is as wide or wider comes back as it is."""
    missing = width - cells_of(text)
    if missing <= 0:
        return text
    return " " * missing + text if right else text + " " * missing


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, its end replaced by "…" when it is longer."""
    if cells_of(text) <= width:
        return text
    if width <= 0:
        return ""
    if text.isascii():
        return text[: width - 1] + "…"
    return set_cell_size(text, width - 1).rstrip() + "…"


def fit_cell(text: str, width: int) -> str:
    """The text in a cell of `width`, always a space before the next cell ("Keiko
    Kowalski" in 14 columns is "Keiko Kowals… ", never running into the team)."""
    if width <= 1:
        return " " * max(0, width)
    if cells_of(text) >= width:
        return pad(cut(text, width - 1), width)
    return pad(text, width)


def fit_line(text: str, width: int) -> str:
    """A whole line in exactly `width` cells (cut with "…" when longer)."""
    return pad(cut(text, width), width)


def changed_cells(old: str, new: str) -> tuple[int, int]:
    """The cells [start, end) to draw again where line `old` now says `new` (both drawn from
    cell 0): past the words they share at the start and, when both take as many cells, at
    the end. A changed mark is drawn again with the letter it sits on."""
    shortest = min(len(old), len(new))
    start = 0
    while start < shortest and old[start] == new[start]:
        start += 1
    while start > 0 and (_is_mark(old, start) or _is_mark(new, start)):
        start -= 1
    if cells_of(old) != cells_of(new):
        return cells_of(old[:start]), max(cells_of(old), cells_of(new))
    old_end, new_end = len(old), len(new)
    while old_end > start and new_end > start and old[old_end - 1] == new[new_end - 1]:
        old_end, new_end = old_end - 1, new_end - 1
    return cells_of(old[:start]), max(cells_of(old[:old_end]), cells_of(new[:new_end]))


def _is_mark(text: str, at: int) -> bool:
    """Whether the character at `at` takes no cell of its own (it sits on the one before)."""
    return at < len(text) and not text[at].isascii() and cell_len(text[at]) == 0
