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
