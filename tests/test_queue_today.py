"""Today's queue figures and hourly table against tests/data/queues/WORKED.md.

The log is real-format queue_log imported by the real importer; the day is
Berlin time from 06:00; the floor snapshot comes from the same store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from floortui.adapters.importer import Importer
from floortui.config import load_config
from floortui.domain.floor_snapshot import FloorSnapshot
from floortui.domain.queue_hourly import hourly_rows, seconds_by_hour
from floortui.domain.queue_today import MemberCounts, QueueTargets, queue_lines
from floortui.queries.floor import floor_snapshot_at
from floortui.queries.queues_today import queues_today
from floortui.store.db import open_database

DATA = Path(__file__).parent / "data" / "queues"
D = 1794546000  # 2026-11-13 06:00 Europe/Berlin
NOW = D + 6300  # 07:45:00


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path_factory.mktemp("queues") / "store.db")
    Importer(db, config).import_path(DATA / "queue_log")
    return db, config


def snapshot(store, at: int = NOW) -> FloorSnapshot:
    db, config = store
    return floor_snapshot_at(db, at, None, config.wrapup_s())


def figures(day) -> tuple:
    return (day.offered, day.answered, day.abandoned, day.other_exits,
            day.connection_rate_pct, day.service_level_pct, day.asa_s, day.aht_s)  # fmt: skip


def test_the_days_figures_per_queue(store) -> None:
    today = queues_today(*store, NOW)
    assert today.day == dt.date(2026, 11, 13) and today.start == D
    by_queue = {day.queue: day for day in today.queues}
    assert figures(by_queue["sales"]) == (5, 2, 1, 1, 40.0, 20.0, 17.5, 160.0)
    assert figures(by_queue["support"]) == (4, 3, 0, 1, 75.0, 75.0, 13.7, 210.0)


def test_now_defaults_to_the_last_imported_line(store) -> None:
    assert queues_today(*store).now == D + 6246


def test_figures_reset_at_the_configured_day_start(store) -> None:
    """05:59:59 is still the day before: only c0, which abandoned at 05:59:30."""
    before = queues_today(*store, D - 1)
    assert before.day == dt.date(2026, 11, 12) and before.start == D - 86400
    sales = {day.queue: day for day in before.queues}["sales"]
    assert (sales.offered, sales.abandoned, sales.service_level_pct) == (1, 1, 0.0)
    next_day = queues_today(*store, D + 86400 + 30)
    assert all(day.offered == 0 for day in next_day.queues)
    assert len(next_day.hours["sales"]) == 1


def hour(row) -> tuple:
    return (row.clock_hour, row.offered, row.answered, row.lost, row.service_level_pct,
            row.aht_s, row.staffed, row.needed, row.understaffed)  # fmt: skip


def test_hour_by_hour_per_queue(store) -> None:
    today = queues_today(*store, NOW)
    assert [hour(r) for r in today.hours["sales"]] == [
        (6, 3, 2, 1, 33.3, 160.0, 1.5, 1, False),
        (7, 2, 0, 1, 0.0, None, 1.8, 1, False),
    ]
    assert [hour(r) for r in today.hours["support"]] == [
        (6, 1, 1, 0, 100.0, 300.0, 0.8, 1, True),  # Dan, static, only from 06:40:10
        (7, 3, 2, 1, 66.7, 120.0, 1.8, 1, False),
    ]


def test_hour_by_hour_for_all_queues_pools_calls_and_counts_each_member_once(store) -> None:
    today = queues_today(*store, NOW)
    assert [hour(r) for r in today.all_hours] == [
        (6, 4, 3, 1, 50.0, 206.7, 1.8, 2, True),
        (7, 5, 2, 2, 40.0, 120.0, 2.8, 1, False),
    ]


def test_queue_lines_now(store) -> None:
    today = queues_today(*store, NOW)
    lines = {line.day.queue: line for line in queue_lines(today.queues, snapshot(store), NOW)}
    sales, support = lines["sales"], lines["support"]
    assert (sales.waiting, sales.longest_wait_s) == (1, 300)
    assert sales.members == MemberCounts(ready=1, on_break=1)
    assert (sales.level, sales.why) == ("alert", "waiting 300 s, over 20 s")
    assert (support.waiting, support.longest_wait_s) == (0, None)
    assert support.members == MemberCounts(ready=1, on_call=1, paused=1)
    assert (support.level, support.why) == ("warning", "SL 75 % under 80 %")


def test_the_longest_wait_ticks_from_one_snapshot(store) -> None:
    today = queues_today(*store, NOW)
    snap = snapshot(store)
    later = {line.day.queue: line for line in queue_lines(today.queues, snap, NOW + 1)}
    assert later["sales"].longest_wait_s == 301


def test_a_caller_at_the_threshold_is_not_yet_an_alert(store) -> None:
    at = D + 6000 + 20  # c8 has waited exactly sales' 20 s
    today = queues_today(*store, at)
    lines = {line.day.queue: line for line in queue_lines(today.queues, snapshot(store, at), at)}
    assert lines["sales"].longest_wait_s == 20 and lines["sales"].level != "alert"
    lines = {x.day.queue: x for x in queue_lines(today.queues, snapshot(store, at), at + 1)}
    assert lines["sales"].level == "alert"


def test_break_reasons_come_from_the_caller(store) -> None:
    today = queues_today(*store, NOW)
    lines = queue_lines(today.queues, snapshot(store), NOW, break_reasons={"Meal"})
    sales = {line.day.queue: line for line in lines}["sales"]
    assert sales.members == MemberCounts(ready=1, paused=1)


def test_more_waiting_than_the_limit_or_nobody_ready_is_a_warning(store) -> None:
    at = D + 6010  # c8 waiting 10 s: under the threshold
    today = queues_today(*store, at)
    sales = {day.queue: day for day in today.queues}["sales"]
    strict = dataclasses.replace(sales, targets=dataclasses.replace(sales.targets, max_waiting=0))
    line = queue_lines([strict], snapshot(store, at), at)[0]
    assert (line.level, line.why) == ("warning", "1 waiting, over 0 allowed")
    snap = snapshot(store, at)
    nobody = dataclasses.replace(snap, members={})
    line = queue_lines([sales], nobody, at)[0]
    assert (line.level, line.why) == ("warning", "1 waiting, nobody ready")


def test_a_queue_only_the_floor_knows_still_gets_a_line(store) -> None:
    lines = queue_lines([], snapshot(store), NOW, targets={"sales": QueueTargets(20)})
    assert [line.day.queue for line in lines] == ["sales", "support"]
    assert lines[0].level == "alert" and lines[0].day.offered == 0


def test_a_day_when_the_clocks_go_back_has_25_hours() -> None:
    tz = ZoneInfo("Europe/Berlin")
    start = int(dt.datetime(2026, 10, 25, 0, 0, tzinfo=tz).timestamp())
    rows = hourly_rows({}, [], start, start + 25 * 3600 - 1, tz, QueueTargets())
    assert [r.clock_hour for r in rows][:5] == [0, 1, 2, 2, 3]
    assert len(rows) == 25 and rows[-1].clock_hour == 23


def test_one_load_reads_in_one_transaction(store, monkeypatch) -> None:
    from floortui.store import queues_today as sql

    db, config = store
    seen = []
    for name in ("hourly_sums", "sessions", "pauses", "activity"):
        real = getattr(sql, name)

        def spy(*args, _real=real, **kwargs):
            seen.append(db.conn.in_transaction)
            return _real(*args, **kwargs)

        monkeypatch.setattr(sql, name, spy)
    queues_today(db, config, NOW)
    assert seen == [True] * 4
    assert not db.conn.in_transaction


def test_lost_per_hour_agrees_with_the_lost_calls_view(store) -> None:
    """The hourly table counts lost calls itself; the lost-calls view's count must match."""
    from floortui.queries.lost_calls import lost_by_hour

    db, config = store
    today = queues_today(db, config, NOW)
    theirs = lost_by_hour(db, config, today.day)
    assert {row.clock_hour: row.lost for row in today.all_hours} == {6: 1, 7: 2}
    assert all(theirs[row.clock_hour] == row.lost for row in today.all_hours)


@given(st.lists(st.tuples(st.integers(0, 5 * 3600), st.integers(0, 3 * 3600)), max_size=30))
def test_seconds_by_hour_is_the_sum_of_each_spans_share(spans) -> None:
    """Against a second-by-second count, overlapping spans counted once each."""
    spans = [(a, a + length) for a, length in spans]
    start, hours = 1800, 6
    want = [0] * hours
    for a, b in spans:
        for i in range(hours):
            h0 = start + i * 3600
            want[i] += max(0, min(b, h0 + 3600) - max(a, h0))
    assert seconds_by_hour(spans, start, hours) == want
