"""The seat grid's columns: how wide each is, and which of them a changed cell sits in.

Apart from the grid so the tick's question, "which part of this line changed?", is
answered from the cells alone: on a tick it is usually the time column, and the grid
asks the compositor to redraw only that strip.
"""

from __future__ import annotations

from functools import lru_cache

from floortui.domain.seat_rows import SeatCells

#: (title, width) of each column; the queues take what is left. The roster column is
#: there only when a roster is (config breaks.roster).
COLUMNS = (("", 2), ("member", 18), ("team", 8), ("state", 20), ("time", 8), ("ans", 4),
           ("break", 9), ("roster", 10), ("queues", 0))  # fmt: skip
NARROW = (("", 2), ("member", 14), ("team", 6), ("state", 14), ("time", 8), ("ans", 4),
          ("break", 9), ("roster", 10), ("queues", 0))  # fmt: skip
#: Lines at least this wide get the wide columns.
WIDE_FROM = 110
ROSTER_COLUMN = 7

#: SeatCells' field → the column it is drawn in (the level colours the state and time).
_CELL_COLUMNS = ((0,), (1,), (2,), (3, 4), (3,), (4,), (3, 4), (8,), (5,), (6,), (7,))
#: The time's place among SeatCells' fields.
TIME_CELL = SeatCells._fields.index("time")


def grid_columns(width: int, roster: bool) -> list[tuple[str, int]]:
    """(title, width) of each column on a line `width` wide, the roster's only if `roster`."""
    return list(_grid_columns(width, roster))


@lru_cache(maxsize=64)
def _grid_columns(width: int, roster: bool) -> tuple[tuple[str, int], ...]:
    """Worked out once per width: each visible line asks on every tick."""
    columns = COLUMNS if width >= WIDE_FROM else NARROW
    if not roster:
        columns = columns[:ROSTER_COLUMN] + columns[ROSTER_COLUMN + 1 :]
    fixed = sum(w for _, w in columns)
    return tuple((title, w or max(0, width - fixed)) for title, w in columns)


@lru_cache(maxsize=64)
def column_edges(width: int, roster: bool) -> tuple[int, ...]:
    """Where each column starts, and the line's end."""
    edges = [0]
    for _, w in _grid_columns(width, roster):
        edges.append(edges[-1] + w)
    return tuple(edges)


def changed_span(
    before: SeatCells | None, after: SeatCells | None, width: int, roster: bool
) -> tuple[int, int]:
    """[start, end) of the columns whose cells differ between `before` and `after`; the
    whole line when either is missing."""
    if before is None or after is None:
        return 0, width
    t = TIME_CELL
    if before[:t] == after[:t] and before[t + 1 :] == after[t + 1 :]:
        edges = column_edges(width, roster)  # a tick: the clock alone, on most lines
        return edges[_CELL_COLUMNS[t][0]], edges[_CELL_COLUMNS[t][0] + 1]
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    if not changed:
        return 0, width
    columns = [c for i in changed for c in _CELL_COLUMNS[i]]
    if not roster:  # no roster column: the ones after it sit one to the left
        columns = [c - 1 if c > ROSTER_COLUMN else c for c in columns]
    edges = column_edges(width, roster)
    start, end = edges[min(columns)], edges[max(columns) + 1]
    return start, end if end > start else start + 1
