"""A read of the panels keeps no floor once it has read: a finished worker lives on in a
cycle until the garbage collector frees it, and with it each floor it was handed (a
thousand members' states, every five seconds) would live on too."""

from __future__ import annotations

from floortui.domain.floor_snapshot import FloorSnapshot
from floortui.screens._loading import StoreReader
from tests.floor_helpers import floor_app
from tests.test_floor_panels import _drawn


def _floors_in(fetch) -> list[FloorSnapshot]:
    return [cell.cell_contents for cell in fetch.__closure__ or ()
            if isinstance(cell.cell_contents, FloorSnapshot)]  # fmt: skip


async def test_a_read_keeps_the_floor_only_until_it_has_read(tmp_path, monkeypatch):
    fetches = []
    read = StoreReader.read

    def kept(self, fetch, description: str) -> None:
        fetches.append(fetch)
        read(self, fetch, description)

    monkeypatch.setattr(StoreReader, "read", kept)
    app, _ = floor_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await _drawn(app, pilot)
        app.screen.reload()
        fetch = fetches[-1]
        assert _floors_in(fetch) == [app.screen.shown_floor()], "handed the floor to read"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen._summaries is not None
        assert _floors_in(fetch) == []
