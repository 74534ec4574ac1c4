"""The data's clock: injected, live, behind, or still; never backwards."""

from __future__ import annotations

from floortui.domain.dataclock import DataClock

DAY = 1794560400  # Fri 13 Nov 2026 09:00 UTC


def test_an_injected_source_wins_and_never_runs_backwards():
    replay = [DAY + 100.0]
    clock = DataClock(lambda: replay[0])
    clock.saw(DAY + 5000)
    assert clock.now() == DAY + 100
    replay[0] = DAY + 50.0
    assert clock.now() == DAY + 100


def test_a_still_store_is_at_its_latest_line():
    wall = [0.0]
    clock = DataClock(speed=0.0, monotonic=lambda: wall[0], epoch=lambda: DAY + 30 * 86_400)
    assert clock.now() is None
    clock.saw(DAY)
    wall[0] = 600
    assert clock.now() == DAY
    clock.saw(DAY - 50)
    assert clock.now() == DAY


def test_a_followed_log_that_is_behind_runs_on_from_its_latest_line():
    wall = [0.0]
    clock = DataClock(speed=1.0, monotonic=lambda: wall[0], epoch=lambda: DAY + 30 * 86_400)
    clock.saw(DAY)
    wall[0] = 42
    assert clock.now() == DAY + 42
    clock.saw(DAY + 10)  # an import of lines older than the clock: no step back
    assert clock.now() == DAY + 42


def test_a_live_log_is_at_the_wall_clock():
    epoch = [DAY + 300.0]
    clock = DataClock(speed=1.0, monotonic=lambda: 0.0, epoch=lambda: epoch[0])
    clock.saw(DAY)
    assert clock.now() == DAY + 300
