"""The demo replay appends each line when the replayed clock reaches its time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from floortui.demo.replay import Replay, TimedLine, cdr_lines, day_start, queue_log_lines

UTC = ZoneInfo("UTC")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_lines_before_the_start_are_written_at_once_then_at_speed(tmp_path):
    source = tmp_path / "day.log"
    source.write_text(
        "".join(f"{t}|{t}.1|sales|NONE|ENTERQUEUE||555|1\n" for t in (10, 20, 50, 90))
    )
    target = tmp_path / "queue_log"
    clock = FakeClock()
    replay = Replay({target: queue_log_lines(source)}, start_at=20, speed=10, clock=clock)
    assert replay.step() == 2  # 10 and 20 are due at the start
    assert target.read_text().count("\n") == 2
    clock.now += 2.9  # 29 replayed seconds: now 49
    assert replay.step() == 0
    clock.now += 0.1  # now 50
    assert replay.step() == 1
    assert not replay.finished()
    clock.now += 10
    replay.step()
    assert replay.finished()
    assert target.read_text() == source.read_text()


def test_cdr_rows_replay_by_the_time_their_leg_ended(tmp_path):
    master = tmp_path / "Master.csv"
    master.write_text(
        '"sales","555","600","in","""A"" <555>","PJSIP/t-1","PJSIP/2001-2","Queue","sales",'
        '"2026-11-13 09:00:00","2026-11-13 09:00:05","2026-11-13 09:03:00",180,175,'
        '"ANSWERED","DOCUMENTATION","1.1"\n'
    )
    (line,) = cdr_lines(master, UTC)
    assert line.at == int(dt.datetime(2026, 11, 13, 9, 3, tzinfo=dt.UTC).timestamp())


def test_day_start_is_the_hour_on_the_first_lines_day():
    first = int(dt.datetime(2026, 11, 13, 7, 12, tzinfo=dt.UTC).timestamp())
    start = day_start([TimedLine(first, "")], 9, ZoneInfo("Europe/London"))
    assert start == int(dt.datetime(2026, 11, 13, 9, 0, tzinfo=dt.UTC).timestamp())


@pytest.mark.parametrize("speed", [0, -1, float("nan"), float("inf")])
def test_a_speed_that_cannot_replay_is_refused(tmp_path, speed):
    with pytest.raises(ValueError, match="--speed is how many times faster"):
        Replay({tmp_path / "queue_log": []}, start_at=0, speed=speed, clock=FakeClock())


@pytest.mark.parametrize("hour", [24, 25, -1])
def test_an_hour_not_on_the_day_is_refused(hour):
    with pytest.raises(ValueError, match=f"0 to 23, not {hour}"):
        day_start([TimedLine(1794560400, "")], hour, UTC)
