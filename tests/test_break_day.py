"""What counts as signing in, and a day's breaks from pauses and actions (domain, pure)."""

from __future__ import annotations

import datetime as dt

from floortui.config.breaks import BreakSettings, MealWindow
from floortui.domain.break_day import BreakAction, PauseRecord, pbx_breaks, with_actions
from floortui.domain.meals import plan_meals, slot_starts, today_so_far
from floortui.domain.sign_in import MemberDayLog, signed_in_spans, worked_seconds

DAY_START = 1794549600  # 06:00 UTC, Fri 13 Nov 2026
NINE = DAY_START + 3 * 3600
DAY_END = DAY_START + 86400
M = 60


def test_a_dynamic_member_signs_in_with_the_first_session_and_queues_overlap_as_one():
    log = MemberDayLog("Ann", sessions=((NINE, NINE + 3600), (NINE + 60, NINE + 7200),
                                        (NINE + 9000, None)))  # fmt: skip
    assert signed_in_spans(log, DAY_START, DAY_END) == [(NINE, NINE + 7200), (NINE + 9000, None)]
    assert worked_seconds(signed_in_spans(log, DAY_START, DAY_END), NINE + 9600) == 7800


def test_a_session_carried_over_from_yesterday_starts_at_the_day_start():
    log = MemberDayLog("Ann", sessions=((DAY_START - 3600, DAY_START + 600),))
    assert signed_in_spans(log, DAY_START, DAY_END) == [(DAY_START, DAY_START + 600)]


def test_a_static_member_signs_in_at_the_end_of_the_first_pause_or_the_first_activity():
    paused_first = MemberDayLog("Bo", pauses=((NINE - 300, NINE), (NINE + 4000, None)),
                                activity=(NINE + 600,))  # fmt: skip
    assert signed_in_spans(paused_first, DAY_START, DAY_END) == [(NINE, NINE + 4000)]
    active_first = MemberDayLog("Bo", activity=(NINE + 600, NINE + 900))
    assert signed_in_spans(active_first, DAY_START, DAY_END, NINE + 1000) == [(NINE + 600, None)]


def test_a_static_member_quiet_for_an_hour_left_at_their_last_sign_of_life():
    log = MemberDayLog("Bo", pauses=((NINE - 300, NINE), (NINE + 900, NINE + 1200)),
                       activity=(NINE + 600,))  # fmt: skip
    assert signed_in_spans(log, DAY_START, DAY_END, NINE + 1200 + 3600) == [(NINE, None)]
    assert signed_in_spans(log, DAY_START, DAY_END, NINE + 1200 + 3601) == [(NINE, NINE + 1200)]
    assert signed_in_spans(log, DAY_START, DAY_END) == [(NINE, NINE + 1200)]  # the day is over
    assert signed_in_spans(MemberDayLog("Bo"), DAY_START, DAY_END) == []


def test_pauseall_in_two_queues_is_one_break_and_auto_pause_turned_break_counts_from_break():
    settings = BreakSettings()
    pauses = [
        PauseRecord(NINE, NINE + 300, ((NINE, "Break"),)),
        PauseRecord(NINE, NINE + 300, ((NINE, "Break"),)),
        PauseRecord(
            NINE + 3600, NINE + 4800, ((NINE + 3600, "Auto-Pause"), (NINE + 3660, "Break"))
        ),
        PauseRecord(NINE + 6000, NINE + 6300, ((NINE + 6000, "Toilet"),)),
    ]
    breaks = pbx_breaks(pauses, settings)
    assert [(b.start, b.end, b.reason) for b in breaks] == [
        (NINE, NINE + 300, "Break"), (NINE + 3660, NINE + 4800, "Break")]  # fmt: skip
    custom = BreakSettings(break_reasons=["Toilet"])
    assert [b.start for b in pbx_breaks(pauses, custom)] == [NINE + 6000]


def test_a_sent_break_is_confirmed_by_a_pbx_pause_within_the_window_only():
    settings = BreakSettings()
    pbx = pbx_breaks([PauseRecord(NINE + 240, NINE + 840, ((NINE + 240, "Break"),))], settings)
    sent = [BreakAction(NINE, "sent", "Break"), BreakAction(NINE + 840, "returned")]
    assert [(b.start, b.confirmed) for b in with_actions(pbx, sent, settings)] == [
        (NINE + 240, True)]  # fmt: skip
    tight = BreakSettings(confirm_window_minutes=3)
    assert [(b.start, b.end, b.confirmed) for b in with_actions(pbx, sent, tight)] == [
        (NINE, NINE + 840, False), (NINE + 240, NINE + 840, True)]  # fmt: skip


def test_meals_go_to_the_quietest_slots_in_sign_in_order():
    window = MealWindow(start=dt.time(11), end=dt.time(14), minutes=30)
    day = dt.date(2026, 11, 13)
    assert len(slot_starts(window, day, dt.UTC)) == 6  # 11:00, 11:30 ... 13:30
    hourly = {11: 120.0, 12: 30.0, 13: 60.0}
    plan = plan_meals(["Ann", "Ben", "Cat", "Dan", "Eve"], window, day, dt.UTC, hourly, 2)
    noon = int(dt.datetime(2026, 11, 13, 12, tzinfo=dt.UTC).timestamp())
    assert plan == {"Ann": noon, "Ben": noon, "Cat": noon + 1800, "Dan": noon + 1800,
                    "Eve": noon + 3600}  # fmt: skip


def test_todays_volume_so_far_stands_in_for_the_hours_to_come():
    assert today_so_far({9: 40, 10: 55, 11: 12}, 11) == {9: 40.0, 10: 55.0} | {
        h: 55.0 for h in range(11, 24)}  # fmt: skip


def test_paused_from_the_sign_in_itself_is_no_breach_but_a_pause_after_it_is():
    from floortui.domain.break_day import member_break_day

    log = MemberDayLog("Ann", sessions=((NINE, None),), pauses=((NINE, NINE + 300),))
    added_paused = [PauseRecord(NINE, NINE + 300, ((NINE, None),), "ADDMEMBER")]
    day = member_break_day(log, added_paused, [], BreakSettings(), DAY_START, DAY_END, NINE + 3600)
    assert day.violations == ()
    paused_later = [PauseRecord(NINE + 60, NINE + 300, ((NINE + 60, "Meeting"),))]
    day = member_break_day(log, paused_later, [], BreakSettings(), DAY_START, DAY_END, NINE + 3600)
    assert day.violations == ("pause within 30 min of sign-in",)


def test_a_session_carried_over_from_the_night_is_not_a_sign_in_for_the_quiet_rule():
    from floortui.domain.break_day import member_break_day

    log = MemberDayLog("Ann", sessions=((DAY_START - 3600, None),))
    early_break = [PauseRecord(DAY_START + 600, DAY_START + 900, ((DAY_START + 600, "Break"),))]
    day = member_break_day(log, early_break, [], BreakSettings(), DAY_START, DAY_END,
                           DAY_START + 3600)  # fmt: skip
    assert day.signed_in_at == DAY_START and day.violations == ()
