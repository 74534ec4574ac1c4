"""The shift log: notes with a category, automatic entries, who and when, `report shift`."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from floortui.config import parse_config
from floortui.queries.breaks import mark_sent
from floortui.queries.shift_log import add_note, entries, record_alert
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter, PersonWriteFailed
from tests.conftest import rows

NINE = 1794560400  # 09:00 UTC, Fri 13 Nov 2026
WALL = 1800000000.0


@pytest.fixture
def setup(tmp_path: Path):
    (tmp_path / "config.yaml").write_text("day: {timezone: UTC, day_start_hour: 6}\n")
    config = parse_config({"day": {"timezone": "UTC", "day_start_hour": 6}}, base=tmp_path)
    db = open_database(tmp_path / "floortui.db")
    writer = PeopleWriter.for_store(db, clock=lambda: WALL)
    yield tmp_path, config, db, writer
    writer.close()


def test_a_note_keeps_its_category_who_and_when(setup):
    _, config, db, writer = setup
    add_note(writer, "Hana Sato", NINE + 600, "system problem", "  CTI down 09:08-09:10 ")
    [entry] = entries(db, config, dt.date(2026, 11, 13))
    assert (entry.at, entry.category, entry.text, entry.by, entry.automatic) == (
        NINE + 600, "system problem", "CTI down 09:08-09:10", "Hana Sato", False)  # fmt: skip
    assert entry.written_at == int(WALL)
    [write] = writer.history("shift.note")
    assert write.written_by == "Hana Sato" and write.payload["category"] == "system problem"


@pytest.mark.parametrize(
    ("category", "text", "message"),
    [("gossip", "x", "category is one of"), ("other", "   ", "needs some text")],
)
def test_a_note_without_a_known_category_or_text_is_refused(setup, category, text, message):
    _, _, db, writer = setup
    with pytest.raises(PersonWriteFailed, match=message):
        add_note(writer, "Hana Sato", NINE, category, text)
    assert rows(db, "SELECT * FROM shift_log") == []


def test_an_alert_is_logged_once_a_day_and_a_break_action_logs_itself(setup):
    _, config, db, writer = setup
    text = "Alice Archer is 6 min overdue back from Break"
    assert record_alert(writer, config, "Hana Sato", NINE, text, "Alice Archer") is not None
    assert record_alert(writer, config, "Hana Sato", NINE + 5, text, "Alice Archer") is None
    mark_sent(writer, "Bruno Baker", "Hana Sato", NINE + 60, "Break", minutes=10)
    log = entries(db, config, dt.date(2026, 11, 13))
    assert [(e.category, e.text, e.automatic, e.subject) for e in log] == [
        ("alert", text, True, "Alice Archer"),
        ("break", "Bruno Baker sent on Break for 10 min", True, "Bruno Baker"),
    ]


def test_the_log_is_append_only(setup):
    _, _, db, writer = setup
    add_note(writer, "Hana Sato", NINE, "other", "x")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE shift_log SET text = 'y'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM shift_log")


def test_report_shift_prints_the_day_in_order(setup, run):
    tmp_path, _, _, writer = setup
    add_note(writer, "Hana Sato", NINE + 3600, "call peak", "sales peak after the TV advert")
    add_note(writer, "Tom Reyes", NINE, "staffing", "two sick calls in Red")
    add_note(writer, "Tom Reyes", NINE + 86400, "other", "tomorrow, not today")
    args = ("--config", str(tmp_path / "config.yaml"), "--db", str(tmp_path / "floortui.db"))
    status, out, _ = run(*args, "report", "shift", "--date", "2026-11-13", "--format", "json")
    assert status == 0
    assert json.loads(out) == [
        {"time": NINE, "category": "staffing", "text": "two sick calls in Red",
         "by": "Tom Reyes", "automatic": False},
        {"time": NINE + 3600, "category": "call peak", "text": "sales peak after the TV advert",
         "by": "Hana Sato", "automatic": False},
    ]  # fmt: skip
    status, out, _ = run(*args, "report", "shift", "--date", "2026-11-13")
    assert status == 0
    assert out.index("09:00:00") < out.index("10:00:00") and "two sick calls" in out
