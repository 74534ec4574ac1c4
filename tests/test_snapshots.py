"""How the Calls screen looks, kept as an SVG snapshot (update with --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

from floortui.adapters.importer import Importer
from floortui.app import make_app
from floortui.config import load_config
from floortui.store.db import open_database
from tests.conftest import settle

DATA = Path(__file__).parent / "data" / "handworked"


async def _calls(app, pilot) -> None:
    """The app opens on the floor: `c` goes to the Calls screen."""
    await pilot.press("c")
    await settle(app, pilot)


def test_calls_screen_look(snap_compare, tmp_path):
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "store.db")
    Importer(db, config).import_path(DATA / "queue_log")
    app = make_app(config, db)

    assert snap_compare(app, terminal_size=(150, 32), run_before=lambda pilot: _calls(app, pilot))


def test_calls_screen_look_at_80_by_24(snap_compare, tmp_path):
    """An SSH window's default size: filters folded in two lines, essential columns first."""
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "store.db")
    Importer(db, config).import_path(DATA / "queue_log")
    app = make_app(config, db)

    assert snap_compare(app, terminal_size=(80, 24), run_before=lambda pilot: _calls(app, pilot))
