"""Break actions are people's writes: who and when, append-only, never touching the PBX's log."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from floortui.queries.breaks import mark_returned, mark_sent, mark_skipped
from floortui.store.people import PeopleWriter, PersonWriteFailed
from tests.conftest import rows

NINE = 1794560400
WALL = 1800000000.0
LOG = (
    f"{NINE}|NONE|sales|PJSIP/2001|ADDMEMBER|\n"
    f"{NINE + 3600}|NONE|sales|PJSIP/2001|PAUSE|Break\n"
    f"{NINE + 4200}|NONE|sales|PJSIP/2001|UNPAUSE|\n"
)


@pytest.fixture
def store(import_log):
    db, _ = import_log(LOG)
    writer = PeopleWriter.for_store(db, clock=lambda: WALL)
    yield db, writer
    writer.close()


def test_each_action_stores_who_when_and_the_floor_time(store):
    db, writer = store
    sent = mark_sent(writer, "PJSIP/2001", "Hana Sato", NINE + 3590, "Break", minutes=10)
    mark_returned(writer, "PJSIP/2001", "Hana Sato", NINE + 4200)
    mark_skipped(writer, "PJSIP/2001", "Tom Reyes", NINE + 7200, "  sales peak ")
    assert sent.kind == "break.sent" and sent.written_at == int(WALL)
    assert sent.payload == {"at": NINE + 3590, "minutes": 10, "note": None, "reason": "Break"}
    assert [(w.kind, w.written_by) for w in writer.history()] == [
        ("break.sent", "Hana Sato"), ("break.returned", "Hana Sato"),
        ("break.skipped", "Tom Reyes")]  # fmt: skip
    assert rows(
        db,
        "SELECT member, action, at, reason, minutes, note, written_by"
        " FROM break_actions ORDER BY id",
    ) == [
        {
            "member": "PJSIP/2001",
            "action": "sent",
            "at": NINE + 3590,
            "reason": "Break",
            "minutes": 10,
            "note": None,
            "written_by": "Hana Sato",
        },
        {
            "member": "PJSIP/2001",
            "action": "returned",
            "at": NINE + 4200,
            "reason": None,
            "minutes": None,
            "note": None,
            "written_by": "Hana Sato",
        },
        {
            "member": "PJSIP/2001",
            "action": "skipped",
            "at": NINE + 7200,
            "reason": None,
            "minutes": None,
            "note": "sales peak",
            "written_by": "Tom Reyes",
        },
    ]


def test_actions_never_alter_the_imported_pauses_and_cannot_be_changed(store):
    db, writer = store
    before = rows(db, "SELECT * FROM member_pauses")
    events = rows(db, "SELECT count(*) AS n FROM queue_log_events")
    mark_sent(writer, "PJSIP/2001", "Hana Sato", NINE + 3590, "Break")
    assert rows(db, "SELECT * FROM member_pauses") == before
    assert rows(db, "SELECT count(*) AS n FROM queue_log_events") == events
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE break_actions SET at = 0")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM break_actions")


def test_a_skip_needs_a_reason_and_nothing_is_written_without_one(store):
    db, writer = store
    with pytest.raises(PersonWriteFailed, match="needs a reason"):
        mark_skipped(writer, "PJSIP/2001", "Hana Sato", NINE, "  ")
    assert rows(db, "SELECT * FROM break_actions") == [] and writer.history() == []


def test_a_read_only_store_refuses_the_action_in_one_line(tmp_path: Path, import_log):
    db, _ = import_log(LOG)
    writer = PeopleWriter.for_store(db, give_up_after_s=0.2)
    writer.conn.execute("PRAGMA query_only=ON")
    with pytest.raises(PersonWriteFailed) as failed:
        mark_sent(writer, "PJSIP/2001", "Hana Sato", NINE, "Break")
    assert "\n" not in str(failed.value)
    writer.close()
