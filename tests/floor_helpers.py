"""Helpers for the floor tests: the hand-worked floor in a store, an app on it with a clock."""

from __future__ import annotations

from pathlib import Path

from floortui.adapters.importer import Importer
from floortui.app import FloorApp, make_app
from floortui.config import load_config
from floortui.store.db import open_database
from floortui.widgets.seat_grid import SeatGrid

DATA = Path(__file__).parent / "data" / "floor"
#: tests/data/floor/WORKED.md's T0 (Fri 13 Nov 2026 09:00 UTC).
T0 = 1794560400


class Clock:
    """The data clock a test moves by hand."""

    def __init__(self, now: int) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def floor_app(tmp_path: Path, now: int = T0 + 630, until: int | None = None
              ) -> tuple[FloorApp, Clock]:  # fmt: skip
    """The app on a store of the hand-worked floor, its data clock at `now`; with `until`,
    only the log's lines up to that moment (the floor as the follower had it then)."""
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "floor.db")
    log = DATA / "queue_log"
    if until is not None:
        kept = [line for line in log.read_text().splitlines(keepends=True)
                if int(line.split("|", 1)[0]) <= until]  # fmt: skip
        log = tmp_path / "queue_log"
        log.write_text("".join(kept))
    Importer(db, config).import_path(log)
    clock = Clock(now)
    return make_app(config, db, now=clock), clock


def lines(grid: SeatGrid) -> list[str]:
    """What each line of the grid on screen says, trailing spaces cut."""
    return [
        "".join(segment.text for segment in grid.render_line(y)).rstrip()
        for y in range(grid.size.height)
    ]


def row_of(grid: SeatGrid, member: str) -> str:
    return next(line for line in lines(grid) if member in line)
