"""The collector's pace while the floor runs, and the one put back after."""

from __future__ import annotations

import gc

import pytest

from floortui.heap import YOUNG_THRESHOLD, ShiftPace


@pytest.fixture
def default_pace():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_the_shift_pace_collects_the_young_less_often_and_puts_the_old_pace_back(
    default_pace,
) -> None:
    pace = ShiftPace()
    pace.start()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    pace.start()  # twice: the pace found first is the one put back
    pace.stop()
    assert gc.get_threshold() == (700, 10, 10)
    pace.stop()
    assert gc.get_threshold() == (700, 10, 10)


def test_a_slower_pace_already_set_is_kept(default_pace) -> None:
    gc.set_threshold(50_000, 10, 10)
    pace = ShiftPace()
    pace.start()
    assert gc.get_threshold()[0] == 50_000
    pace.stop()


async def test_the_app_runs_at_the_shift_pace_and_leaves_the_default(default_pace, tmp_path):
    from floortui.app import make_app
    from floortui.config import parse_config
    from floortui.store.db import open_database

    config = parse_config({"store": {"path": "store.db"}}, base=tmp_path)
    app = make_app(config, open_database(config.store.path))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)
