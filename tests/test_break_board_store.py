"""The live break board read from a real store: the PBX's pauses, the supervisor's actions."""

from __future__ import annotations

import datetime as dt

import pytest

from floortui.config import parse_config
from floortui.queries.breaks import live_break_board, mark_sent, meal_plan, queue_loads
from floortui.queries.floor import floor_snapshot_at
from floortui.store.people import PeopleWriter

NINE = 1794560400  # 09:00 UTC, Fri 13 Nov 2026
M = 60
CONFIG = {
    "day": {"timezone": "UTC", "day_start_hour": 6},
    "queues": {"sales": {"service_level_target_pct": 85}},
    "agents": [
        {"name": "Ann", "interface": "PJSIP/2001", "team": "Red"},
        {"name": "Ben", "interface": "PJSIP/2002", "team": "Red"},
        {"name": "Cat", "interface": "PJSIP/2003", "team": "Blue"},
        {"name": "Dan", "interface": "PJSIP/2004", "team": "Blue"},
    ],
}
LOG = "".join(
    f"{NINE}|NONE|sales|PJSIP/200{i}|ADDMEMBER|\n" for i in (1, 2, 3)
) + (
    f"{NINE + 2 * 3600}|NONE|sales|Ann|PAUSE|Break\n"
    f"{NINE + 2 * 3600 + 5 * M}|NONE|sales|PJSIP/2004|ADDMEMBER|\n"
)  # fmt: skip
NOW = NINE + 2 * 3600 + 20 * M  # 11:20


@pytest.fixture
def floor(import_log, tmp_path):
    db, _ = import_log(LOG, config=CONFIG)
    config = parse_config(CONFIG, base=tmp_path)
    writer = PeopleWriter.for_store(db)
    mark_sent(writer, "Cat", "Hana Sato", NOW - 2 * M, "Break", minutes=15)
    yield db, config
    writer.close()


def test_the_board_from_the_store(floor):
    db, config = floor
    snapshot = floor_snapshot_at(db, NOW, config.interfaces())
    board = live_break_board(db, config, snapshot, {})
    assert [(o.member, o.reason, o.left_s, o.confirmed) for o in board.out] == [
        ("Ann", "Break", -5 * M, True),  # paused 11:00, 15 min allowance: 5 min overdue
        ("Cat", "Break", 13 * M, False),  # sent 11:18, the PBX has not logged it yet
    ]
    assert [(n.member, n.minutes, n.owed_minutes) for n in board.next_up] == [("Ben", 10, 10)]
    assert board.held == ()  # Dan signed in 15 min ago has earned nothing yet
    assert [(a.member, a.kind) for a in board.alerts] == [("Ann", "overdue")]


def test_the_board_holds_back_while_the_queue_is_busy_or_below_target(floor):
    db, config = floor
    snapshot = floor_snapshot_at(db, NOW, config.interfaces())
    loads = queue_loads(config, {"sales": 5}, {"sales": 82.0})
    board = live_break_board(db, config, snapshot, loads)
    assert [(h.member, h.reasons) for h in board.held] == [
        ("Ben", ("sales has 5 waiting", "sales is at 82 % against 85 %"))]  # fmt: skip
    assert board.next_up == ()


def test_meals_are_planned_by_the_weeks_volume(import_log, tmp_path):
    week = 7 * 86400
    calls = "".join(
        f"{NINE - week + h * 3600 + k}|c{h}.{k}|sales|NONE|ENTERQUEUE||0770|1\n"
        for h, n in ((2, 30), (3, 5), (4, 12))
        for k in range(n)
    )  # 11:00 busy, 12:00 quiet, 13:00 middling, a week before
    db, _ = import_log(calls)
    config = parse_config(
        {
            **CONFIG,
            "breaks": {
                "max_out_per_team": 1,
                "meal_volume_weeks": 1,
                "meal_windows": [{"start": "11:00", "end": "14:00", "minutes": 30}],
            },
        },
        base=tmp_path,
    )
    plan = meal_plan(db, config, dt.date(2026, 11, 13), ["Ann", "Ben", "Cat"], NOW)
    noon = NINE + 3 * 3600
    assert plan == {"Lunch": {"Ann": noon, "Ben": noon + 30 * M, "Cat": noon + 3600}}


def test_queue_loads_come_from_the_snapshot_and_the_days_figures(import_log, tmp_path):
    from floortui.queries.breaks import queue_loads_now
    from floortui.queries.queues_today import queues_today

    callers = "".join(
        f"{NOW - 100 + k}|w{k}|sales|NONE|ENTERQUEUE||0770{k}|{k + 1}\n" for k in range(5)
    )
    db, _ = import_log(LOG + callers, config=CONFIG)
    config = parse_config(CONFIG, base=tmp_path)
    snapshot = floor_snapshot_at(db, NOW, config.interfaces())
    loads = queue_loads_now(config, snapshot, queues_today(db, config, NOW))
    assert loads["sales"].waiting == 5 and loads["sales"].target_pct == 85.0
    board = live_break_board(db, config, snapshot, loads)
    assert [(h.member, h.reasons[0]) for h in board.held] == [
        ("Ben", "sales has 5 waiting"), ("Cat", "sales has 5 waiting")]  # fmt: skip


def test_the_board_shows_each_teams_meal_slots_still_to_come(import_log, tmp_path):
    """A week ago 11:00 was busy (30 calls), 12:00 quiet (5), 13:00 middling (12): each team,
    one out at a time, eats in the two quietest half hours, 12:00 and 12:30, in sign-in order
    (Ann, Ben, Cat at 09:00, by name; Dan at 11:05). Ann's 11:00 Break is not her Lunch."""
    week = 7 * 86400
    calls = "".join(
        f"{NINE - week + h * 3600 + k}|c{h}.{k}|sales|NONE|ENTERQUEUE||0770|1\n"
        for h, n in ((2, 30), (3, 5), (4, 12))
        for k in range(n)
    )
    settings = {**CONFIG, "breaks": {
        "max_out_per_team": 1, "meal_volume_weeks": 1,
        "meal_windows": [{"start": "11:00", "end": "14:00", "minutes": 30}]}}  # fmt: skip
    db, _ = import_log(calls + LOG, config=settings)
    config = parse_config(settings, base=tmp_path)
    snapshot = floor_snapshot_at(db, NOW, config.interfaces())
    board = live_break_board(db, config, snapshot, queue_loads(config, {}, {}))
    noon = NINE + 3 * 3600
    assert [(s.reason, s.start, s.minutes, s.members) for s in board.meals] == [
        ("Lunch", noon, 30, ("Ann", "Cat")),
        ("Lunch", noon + 30 * M, 30, ("Ben", "Dan")),
    ]


def test_slots_ahead_leave_out_who_has_eaten_and_slots_that_are_over():
    from floortui.config.breaks import MealWindow
    from floortui.domain.meals import slots_ahead

    window = MealWindow(start=dt.time(11), end=dt.time(14), minutes=30, reason="Lunch")
    noon = NINE + 3 * 3600
    plans = {"Lunch": {"Ann": noon, "Ben": noon + 30 * M, "Cat": noon, "Dan": noon + 60 * M}}
    at_1210 = noon + 10 * M
    slots = slots_ahead(plans, [window], {"Lunch": {"Cat"}}, at_1210)
    assert [(s.start, s.members) for s in slots] == [
        (noon, ("Ann",)), (noon + 30 * M, ("Ben",)), (noon + 60 * M, ("Dan",))]  # fmt: skip
    assert [s.start for s in slots_ahead(plans, [window], {}, noon + 30 * M)] == [
        noon + 30 * M, noon + 60 * M], "the 12:00 slot is over at 12:30"  # fmt: skip
