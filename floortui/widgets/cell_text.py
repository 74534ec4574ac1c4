"""Text cut and padded to a number of terminal cells, not of characters.

A Japanese or Chinese name takes two cells a character and a Thai one has marks
that take none, so `str.ljust` by characters pushes every column after such a
name out of line ("佐藤 花子" is 5 characters and 9 cells). These count cells as
the terminal (and Textual, through Rich) draws them; plain ASCII, the common
case on most floors, takes the quick way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rich.cells import cell_len, set_cell_size

#: The printable ASCII letters: a cell each.
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]+")


def cells_of(text: str) -> int:
    """How many terminal cells `text` takes. A line with a "·" or a "●" in it is measured
    by its few other letters (Rich measures every letter of a string it has not seen, and
    a line with a clock in it is new every second), unless joiners or emoji selectors
    make a letter's width depend on its neighbours."""
    if text.isascii():
        return len(text)
    return _cells_of_others(text)


@lru_cache(maxsize=1024)
def _cells_of_others(text: str) -> int:
    """cells_of for a text with letters other than ASCII: kept, as the same few come again
    and again each second (a queue's "●" mark, a "–" for a figure not yet known)."""
    if "\u200d" in text or "\ufe0f" in text:
        return cell_len(text)
    others = _PRINTABLE_ASCII.sub("", text)
    return len(text) - len(others) + cell_len(others)


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
    start = _shared(min(len(old), len(new)), lambda n: old[:n] == new[:n])
    while start > 0 and (_is_mark(old, start) or _is_mark(new, start)):
        start -= 1
    if cells_of(old) != cells_of(new):
        return cells_of(old[:start]), max(cells_of(old), cells_of(new))
    # The same letters at the end, as far back as the start (a line's figures are compared
    # by slices, a line a second: not letter by letter).
    room = min(len(old), len(new)) - start
    same = _shared(room, lambda n: old[len(old) - n :] == new[len(new) - n :])
    old_end, new_end = len(old) - same, len(new) - same
    return cells_of(old[:start]), max(cells_of(old[:old_end]), cells_of(new[:new_end]))


def _shared(most: int, same: Callable[[int], bool]) -> int:
    """The largest n up to `most` for which `same(n)` holds (it holds up to some n, and
    not past it): how many letters two lines share at one end."""
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _is_mark(text: str, at: int) -> bool:
    """Whether the character at `at` takes no cell of its own (it sits on the one before)."""
    return at < len(text) and not text[at].isascii() and cell_len(text[at]) == 0
