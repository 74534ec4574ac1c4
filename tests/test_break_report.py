"""`floortui report breaks` on the hand-worked day (tests/data/breaks/WORKED.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from floortui.adapters.importer import Importer
from floortui.config import load_config
from floortui.queries.breaks import mark_returned, mark_sent, mark_skipped
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter

DATA = Path(__file__).parent / "data" / "breaks"
NINE = 1794560400  # 09:00 UTC, 13 Nov 2026


def at(hh_mm: str) -> int:
    h, m = map(int, hh_mm.split(":"))
    return NINE + (h - 9) * 3600 + m * 60


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """The hand-worked log imported, and the supervisor's actions on Chloe Quinn written."""
    for name in ("queue_log", "roster.csv", "config.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    config = load_config(tmp_path / "config.yaml")
    db = open_database(tmp_path / "floortui.db")
    Importer(db, config).import_path(tmp_path / "queue_log")
    writer = PeopleWriter.for_store(db)
    mark_sent(writer, "Chloe Quinn", "Hana Sato", at("11:30"), "Break")
    mark_returned(writer, "Chloe Quinn", "Hana Sato", at("11:41"))
    mark_skipped(writer, "Chloe Quinn", "Hana Sato", at("12:00"), "sales queue peak")
    mark_sent(writer, "Chloe Quinn", "Hana Sato", at("12:30"), "Break", minutes=10)
    mark_returned(writer, "Chloe Quinn", "Hana Sato", at("12:42"))
    writer.close()
    db.close()
    return tmp_path


def test_every_figure_is_the_hand_worked_one(store, run):
    status, out, err = run("--config", str(store / "config.yaml"), "report", "breaks",
                           "--date", "2026-11-13", "--format", "json")  # fmt: skip
    assert status == 0
    rows = {row["agent"]: row for row in json.loads(out)}
    assert list(rows) == ["Alice Archer", "Bruno Baker", "Chloe Quinn", "Dmitri Murphy"]
    for row in rows.values():
        assert list(row) == ["agent", "signed_in_at", "breaks", "break_minutes",
                             "earned_minutes", "violations"]  # fmt: skip
    alice = rows["Alice Archer"]
    assert alice["signed_in_at"] == 1794560400
    assert alice["breaks"] == [
        {"start": 1794561600, "end": 1794561900, "minutes": 5.0, "reason": "Break"},
        {"start": 1794567660, "end": 1794568920, "minutes": 21.0, "reason": "Break"},
    ]
    assert (alice["break_minutes"], alice["earned_minutes"]) == (26.0, 20)
    assert alice["violations"] == [
        "late sign-in 7 min", "break within 30 min of sign-in", "overdue 6 min"]  # fmt: skip
    bruno = rows["Bruno Baker"]
    assert bruno["signed_in_at"] == 1794556800
    assert bruno["breaks"] == [
        {"start": 1794566700, "end": 1794568500, "minutes": 30.0, "reason": "Lunch"}
    ]
    assert (bruno["break_minutes"], bruno["earned_minutes"]) == (30.0, 25)
    assert bruno["violations"] == [
        "pause within 30 min of sign-in",
        "no break for 165 min",
        "left early 30 min",
    ]
    chloe = rows["Chloe Quinn"]
    assert chloe["signed_in_at"] == 1794564000
    assert chloe["breaks"] == [
        {"start": 1794569460, "end": 1794570060, "minutes": 10.0, "reason": "Break"},
        {"start": 1794573000, "end": 1794573720, "minutes": 12.0, "reason": "Break"},
    ]
    assert (chloe["break_minutes"], chloe["earned_minutes"]) == (22.0, 20)
    assert chloe["violations"] == ["overdue 2 min"]
    dmitri = rows["Dmitri Murphy"]
    assert (dmitri["signed_in_at"], dmitri["breaks"], dmitri["break_minutes"]) == (
        1794560400, [], 0.0)  # fmt: skip
    assert (dmitri["earned_minutes"], dmitri["violations"]) == (
        5, ["sign-out within 30 min of sign-in"])  # fmt: skip
    assert err.splitlines() == [
        "floortui report: roster line 5 set aside: '25:00' is not a time of day (HH:MM)",
        "floortui report: roster line 6 set aside: Chloe Quinn's shift on 2026-11-13 is given"
        " twice (first at line 4)",
        "floortui report: roster line 7 set aside: '13/11/2026' is not a date (YYYY-MM-DD)",
    ]


def test_the_table_shows_times_of_day(store, run):
    status, out, _ = run("--config", str(store / "config.yaml"), "report", "breaks",
                         "--date", "2026-11-13")  # fmt: skip
    assert status == 0
    alice = next(line for line in out.splitlines() if line.startswith("Alice Archer"))
    assert "09:00:00" in alice and "09:20-09:25 Break 5.0" in alice and "overdue 6 min" in alice


def test_today_is_the_stores_last_day_and_a_bad_date_is_one_line(store, run):
    status, out, _ = run("--config", str(store / "config.yaml"), "report", "breaks",
                         "--format", "json")  # fmt: skip
    assert status == 0 and len(json.loads(out)) == 4
    status, _, err = run("--config", str(store / "config.yaml"), "report", "breaks",
                         "--date", "13/11/2026")  # fmt: skip
    assert status == 2 and "is not a day" in err and len(err.splitlines()) == 1


def test_pro_rata_earning_counts_every_minute(store, run):
    text = (store / "config.yaml").read_text() + "  earning: pro_rata\n"
    (store / "config.yaml").write_text(text)
    status, out, _ = run("--config", str(store / "config.yaml"), "report", "breaks",
                         "--date", "2026-11-13", "--format", "json")  # fmt: skip
    assert status == 0
    rows = {row["agent"]: row for row in json.loads(out)}
    assert rows["Bruno Baker"]["earned_minutes"] == 27  # 5 h 30 × 5 / 60 = 27.5, rounded down
    assert rows["Dmitri Murphy"]["earned_minutes"] == 6  # 80 min × 5 / 60 = 6.67


def test_a_missing_roster_is_one_line(store, run):
    status, _, err = run("--config", str(store / "config.yaml"), "report", "breaks",
                         "--roster", str(store / "nope.csv"))  # fmt: skip
    assert status == 2 and "roster file not found" in err and len(err.splitlines()) == 1
