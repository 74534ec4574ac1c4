"""How the floor looks, kept as SVG snapshots at 80x24 and 160x40 (--snapshot-update)."""

from __future__ import annotations

from tests.conftest import settle
from tests.floor_helpers import floor_app
from tests.screen_helpers import wait_for


def _drawn(app):
    async def run_before(pilot) -> None:
        screen = app.screen
        await wait_for(lambda: len(screen.grid.members) == 6 and screen._summaries is not None)
        await settle(app, pilot)

    return run_before


def test_the_floor_look(snap_compare, tmp_path):
    app, _ = floor_app(tmp_path)
    assert snap_compare(app, terminal_size=(160, 40), run_before=_drawn(app))


def test_the_floor_look_at_80_by_24(snap_compare, tmp_path):
    """An SSH window's default size: the narrow columns, the queues cut short."""
    app, _ = floor_app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_drawn(app))
