"""`floortui report floor --at T`: the floor worked by hand (tests/data/floor/WORKED.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, one_line

DATA = Path(__file__).parent / "data" / "floor"
T0 = 1794560400


def _q(paused: bool = False, reason: str | None = None) -> dict:
    return {"paused": paused, "reason": reason}


AT_360 = [
    {"agent": "Alice Archer", "state": "on_call", "since": T0 + 220, "pause_reason": None,
     "queues": {"sales": _q(), "support": _q(True, "Coaching")}},
    {"agent": "Bob Baker", "state": "paused", "since": T0 + 215, "pause_reason": "Lunch",
     "queues": {"sales": _q(True, "Lunch"), "support": _q(True, "Lunch")}},
    {"agent": "Carol Chen", "state": "paused", "since": T0 + 310, "pause_reason": "Break",
     "queues": {"sales": _q(True, "Break"), "support": _q(True, "Break")}},
    {"agent": "Dan Diaz", "state": "ringing", "since": T0 + 350, "pause_reason": None,
     "queues": {"support": _q()}},
    {"agent": "Erin Evans", "state": "logged_off", "since": None, "pause_reason": None,
     "queues": {}},
    {"agent": "Frank Fox", "state": "on_call", "since": T0 + 345, "pause_reason": None,
     "queues": {"support": _q()}},
]  # fmt: skip


@pytest.fixture
def store(run: Run, tmp_path: Path) -> Path:
    db = tmp_path / "floor.db"
    status, _, _ = run("import", str(DATA / "queue_log"), "--db", str(db),
                       "--config", str(DATA / "config.yaml"))  # fmt: skip
    assert status == 0
    return db


def _report(run: Run, db: Path, at: str, fmt: str = "json") -> tuple[int, str, str]:
    return run("report", "floor", "--at", at, "--format", fmt, "--db", str(db),
               "--config", str(DATA / "config.yaml"))  # fmt: skip


def test_every_quirk_gives_the_hand_worked_floor(run: Run, store: Path) -> None:
    status, out, _ = _report(run, store, str(T0 + 360))
    assert status == 0
    assert json.loads(out) == AT_360


def test_the_keys_are_exactly_the_contract(run: Run, store: Path) -> None:
    rows = json.loads(_report(run, store, str(T0 + 360))[1])
    assert {tuple(row) for row in rows} == {("agent", "state", "since", "pause_reason", "queues")}


def test_wrapup_from_the_queues_wrapuptime_and_a_ring_that_ended(run: Run, store: Path) -> None:
    rows = {row["agent"]: row for row in json.loads(_report(run, store, str(T0 + 420))[1])}
    alice, dan = rows["Alice Archer"], rows["Dan Diaz"]
    assert (alice["state"], alice["since"]) == ("wrapup", T0 + 400)
    assert alice["queues"]["support"] == _q(True, "Coaching"), "paused, yet the call first"
    assert (dan["state"], dan["since"]) == ("ready", T0 + 370)
    past = {row["agent"]: row for row in json.loads(_report(run, store, str(T0 + 431))[1])}
    assert past["Alice Archer"]["state"] == "ready", "wrap-up ends after sales' 30 s"


def test_a_time_of_day_is_on_the_stores_day(run: Run, store: Path) -> None:
    assert json.loads(_report(run, store, "09:06")[1]) == AT_360


def test_the_table_shows_paused_queues_with_their_reason(run: Run, store: Path) -> None:
    status, out, _ = _report(run, store, str(T0 + 360), "table")
    assert status == 0
    alice = next(line for line in out.splitlines() if line.startswith("Alice Archer"))
    assert "on_call" in alice and "sales, support (paused: Coaching)" in alice


def test_a_time_that_is_not_one_is_one_line(run: Run, store: Path) -> None:
    status, _, err = _report(run, store, "25:99")
    assert status == 2
    assert one_line(err) == "floortui report: --at: '25:99' is not a time of day"


def test_csv_is_not_offered(run: Run, store: Path) -> None:
    with pytest.raises(SystemExit):
        _report(run, store, str(T0 + 360), "csv")
