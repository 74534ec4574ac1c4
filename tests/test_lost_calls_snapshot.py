"""How the lost-calls screen looks, kept as SVG snapshots (update with --snapshot-update).

The store is the hand-worked log of tests/data/lost with one caller marked
called back; the header's clock is the data's, injected, so the picture is
the same on every run.
"""

from __future__ import annotations

from pathlib import Path

from floortui.adapters.importer import Importer
from floortui.config import load_config
from floortui.domain.dataclock import DataClock
from floortui.queries.lost_calls import lost_calls_of_day, mark_called_back
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter
from tests.conftest import settle
from tests.test_lost_calls_screen import DATA, MARKED_AT, THE_13TH, LostApp


def _app(tmp_path: Path) -> LostApp:
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "store.db")
    Importer(db, config).import_path(DATA / "queue_log")
    writer = PeopleWriter(tmp_path / "store.db", clock=lambda: MARKED_AT)
    a6 = next(c for c in lost_calls_of_day(db, config, THE_13TH).calls if c.caller == "3125550203")
    mark_called_back(writer, a6, "reached, order placed", "Sam Supervisor")
    app = LostApp(db, config, writer, config.users[0])
    app.data_clock = DataClock(lambda: 1794639700)  # the log's last line: 14 Nov 08:01:40
    return app


def test_lost_calls_look(snap_compare, tmp_path: Path) -> None:
    app = _app(tmp_path)

    async def on_the_marked_caller(pilot) -> None:
        await settle(app, pilot)
        await pilot.press("down", "down", "down", "down")

    assert snap_compare(app, terminal_size=(120, 24), run_before=on_the_marked_caller)


def test_lost_calls_look_at_80_by_24(snap_compare, tmp_path: Path) -> None:
    """An SSH window's default size: time, queue and caller first; the rest scrolls."""
    app = _app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=lambda pilot: settle(app, pilot))
