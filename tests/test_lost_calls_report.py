"""`report lost` and the lost-calls queries against answers worked out by hand (WORKED.md).

The expected JSON files were written by a person from `queue_log`, not by
running floortui; when a test here fails, re-check WORKED.md first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest

from floortui.config import load_config
from floortui.queries.lost_calls import (
    callback_history,
    lost_by_hour,
    lost_calls_of_day,
    mark_called_back,
)
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter
from tests.conftest import one_line

DATA = Path(__file__).parent / "data" / "lost"
LOG = DATA / "queue_log"
CONFIG = DATA / "config.yaml"
KEYS = ["call", "queue", "caller", "time", "wait_s", "outcome", "reached_later", "called_back"]
A6 = "1794551000.11"


def _expected(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def store(tmp_path: Path, run) -> Path:
    path = tmp_path / "lost.db"
    status, _, err = run("import", str(LOG), "--db", str(path), "--config", str(CONFIG))
    assert status == 0, err
    return path


def _report(run, store: Path, *extra: str, fmt: str = "json") -> str:
    argv = ["report", "lost", "--format", fmt, "--db", str(store), "--config", str(CONFIG)]
    status, out, err = run(*argv, *extra)
    assert status == 0, err
    return out


def _mark_a6_twice(store: Path) -> PeopleWriter:
    db = open_database(store)
    config = load_config(CONFIG)
    day = lost_calls_of_day(db, config, dt.date(2026, 11, 13))
    a6 = next(call for call in day.calls if call.callid == A6)
    times = iter([1794600000.4, 1794601800.9])
    writer = PeopleWriter(store, clock=lambda: next(times))
    mark_called_back(writer, a6, "rang back, no answer", "Sam Supervisor")
    mark_called_back(writer, a6, "  reached, order placed ", "Tess Lead")
    return writer


def test_the_days_lost_calls_as_worked_out_by_hand(run, store) -> None:
    got = json.loads(_report(run, store, "--date", "2026-11-13"))
    assert [list(row) for row in got] == [KEYS] * len(got)
    assert got == _expected("expected_2026-11-13.json")


def test_the_day_before_holds_only_what_entered_before_its_end(run, store) -> None:
    got = json.loads(_report(run, store, "--date", "2026-11-12"))
    assert got == _expected("expected_2026-11-12.json")


def test_today_and_yesterday_are_the_days_of_the_stores_latest_line(run, store) -> None:
    assert json.loads(_report(run, store, "--date", "today")) == []
    assert json.loads(_report(run, store)) == []  # --date defaults to today
    got = json.loads(_report(run, store, "--date", "yesterday"))
    assert got == _expected("expected_2026-11-13.json")


def test_called_back_marks_show_in_the_report_and_keep_their_history(run, store) -> None:
    writer = _mark_a6_twice(store)
    got = json.loads(_report(run, store, "--date", "2026-11-13"))
    assert got == _expected("expected_2026-11-13_marked.json")
    db = open_database(store)
    config = load_config(CONFIG)
    day = lost_calls_of_day(db, config, "2026-11-13")
    a6 = next(call for call in day.calls if call.callid == A6)
    assert (a6.callback.written_by, a6.callback.note, a6.callback.attempts) == (
        "Tess Lead", "reached, order placed", 2,
    )  # fmt: skip
    assert a6.callback.written_at == 1794601800
    assert [(m.attempts, m.written_by, m.note, m.written_at) for m in callback_history(db, A6)] == [
        (1, "Sam Supervisor", "rang back, no answer", 1794600000),
        (2, "Tess Lead", "reached, order placed", 1794601800),
    ]
    assert day.to_call_back == 1
    # The person_writes audit holds both, subject the caller's uniqueid.
    assert [(w.subject, w.written_by, w.payload["note"]) for w in writer.history(
        "lost.called_back")] == [(A6, "Sam Supervisor", "rang back, no answer"),
                                 (A6, "Tess Lead", "reached, order placed")]  # fmt: skip
    # The imported calls were not touched, and the marks cannot be altered.
    assert db.execute("SELECT count(*) FROM calls WHERE callid = ?", (A6,)).fetchone() == (1,)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE lost_call_callbacks SET note = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM lost_call_callbacks")
    writer.close()


def test_csv_and_table_show_the_same_rows(run, store) -> None:
    rows = list(csv.DictReader(io.StringIO(_report(run, store, "--date", "2026-11-13",
                                                   fmt="csv"))))  # fmt: skip
    expected = _expected("expected_2026-11-13.json")
    assert list(rows[0]) == KEYS
    assert [r["call"] for r in rows] == [r["call"] for r in expected]
    assert [r["reached_later"] for r in rows[:3]] == ["True", "False", "True"]
    table = _report(run, store, "--date", "2026-11-13", fmt="table")
    assert table.split("\n")[0].split() == KEYS
    assert len(table.strip().splitlines()) == 1 + len(expected)
    assert "1794612600.23" in table and "Unknown" in table


@pytest.mark.parametrize("date", ["2026-11-31", "13.11.2026", "tomorrow", "2026-11-13T06:00"])
def test_a_bad_date_is_one_line(run, store, date: str) -> None:
    argv = ["report", "lost", "--date", date, "--db", str(store), "--config", str(CONFIG)]
    status, out, err = run(*argv)
    assert status == 2 and out == ""
    assert one_line(err) == (
        f"floortui report: {date!r} is not a day: give YYYY-MM-DD (e.g. 2026-11-13),"
        " today or yesterday"
    )


def test_lost_per_hour_for_the_hourly_table(store) -> None:
    db = open_database(store)
    config = load_config(CONFIG)
    expected = {int(h): n for h, n in _expected("expected_by_hour_2026-11-13.json").items()}
    got = lost_by_hour(db, config, dt.date(2026, 11, 13))
    assert list(got.items()) == list(expected.items())  # the day's order: 06 ... 05
    assert lost_calls_of_day(db, config, "2026-11-13").by_hour == got
    assert sum(lost_by_hour(db, config, "today").values()) == 0


def test_an_empty_store_has_no_lost_calls_today(tmp_path: Path) -> None:
    db = open_database(tmp_path / "empty.db")
    config = load_config(CONFIG)
    day = lost_calls_of_day(db, config)
    assert day.calls == [] and day.latest_event_at is None
    assert len(lost_by_hour(db, config)) == 24
