"""One member's day and the floor's summary of today, from the hand-worked log."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from floortui.adapters.importer import Importer
from floortui.config import load_config
from floortui.queries.member_day import day_bounds, floor_summaries, member_day
from floortui.store.db import open_database
from tests.floor_helpers import DATA, T0


def _store(tmp_path):
    config = load_config(DATA / "config.yaml")
    db = open_database(tmp_path / "floor.db")
    Importer(db, config).import_path(DATA / "queue_log")
    return config, db


def test_the_day_starts_at_the_configured_hour_in_the_centres_zone() -> None:
    tz = ZoneInfo("Europe/London")
    start, end = day_bounds(T0, tz, 6)  # 09:00 UTC = 09:00 London in November
    assert (start, end) == (T0 - 3 * 3600, T0 + 21 * 3600)
    assert day_bounds(T0 - 4 * 3600, tz, 6) == (start - 86400, start), "05:00 is yesterday's"


def test_a_members_day_in_order_with_its_totals(tmp_path) -> None:
    config, db = _store(tmp_path)
    day = member_day(db, config, "Alice Archer", T0 + 630)
    assert [(e.start - T0, e.kind, e.queue) for e in day.entries] == [
        (10, "session", "sales"), (10, "session", "support"), (100, "pause", "support"),
        (220, "call", "sales"),
    ]  # fmt: skip
    call = day.entries[-1]
    assert (call.end, call.text) == (T0 + 400, "call from 3125550101, waited 20 s, completecaller")
    assert (day.answered, day.talk_s, day.signed_in_s) == (1, 180, 620)
    assert day.paused_s == {"Coaching": 530}, "open pause counted up to now"


def test_a_pause_across_every_queue_counts_once(tmp_path) -> None:
    config, db = _store(tmp_path)
    day = member_day(db, config, "Bob Baker", T0 + 630)
    assert day.paused_s == {"Lunch": 630 - 215}, "Auto-Pause turned Lunch, two queues, once"
    assert day.missed_rings == 1


def test_the_summary_counts_calls_answered_and_the_last_break(tmp_path) -> None:
    config, db = _store(tmp_path)
    summaries = floor_summaries(db, config, T0 + 630)
    assert summaries.of("Alice Archer").answered == 1
    assert summaries.of("Frank Fox").answered == 1
    assert summaries.of("Carol Chen").last_break_end == T0 + 630, "on break now"
    assert summaries.of("Dan Diaz").last_break_end == T0, "his Lunch ended at the restart"
    assert summaries.of("Erin Evans").answered == 0
