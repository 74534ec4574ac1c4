"""Each break rule of issue 8 §4, one by one, on the pure rotation (floortui.domain.breaks)."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import pytest

from floortui.config.breaks import BreakSettings, MealWindow
from floortui.domain.break_day import Break, BreakAction, MemberBreakDay, earned_minutes
from floortui.domain.breaks import QueueLoad, break_board
from floortui.domain.floor_snapshot import FloorSnapshot, MemberState, QueueStatus
from floortui.domain.roster import Roster, make_shift

NINE = 1794560400  # 09:00 UTC, Fri 13 Nov 2026
H = 3600
M = 60


def member(name, state="ready", since=NINE, signed_in=NINE, reason=None, queues=("sales",),
           reason_since=None) -> MemberState:  # fmt: skip
    paused = state == "paused"
    return MemberState(
        member=name, state=state, since=since, pause_reason=reason,
        reason_since=reason_since if reason_since is not None else (since if paused else None),
        queues=MappingProxyType({q: QueueStatus(paused, reason) for q in queues}),
        queue_since=MappingProxyType(dict.fromkeys(queues, signed_in)),
        paused_since=MappingProxyType(dict.fromkeys(queues, since) if paused else {}),
        call=None, wrapup_until=None, signed_in_at=signed_in, last_event_at=since,
    )  # fmt: skip


def day(name, now, signed_in=NINE, breaks=(), skips=()) -> MemberBreakDay:
    return MemberBreakDay(name, ((signed_in, None),), tuple(breaks), 0, now - signed_in, (),
                          tuple(skips), now)  # fmt: skip


def board(members, now, days=None, queues=None, settings=None, teams=None, roster=None):
    snapshot = FloorSnapshot(now, {m.member: m for m in members}, now)
    days = days if days is not None else {m.member: day(m.member, now) for m in members}
    extra = {"roster": roster} if roster is not None else {}
    return break_board(snapshot, days, queues or {}, settings or BreakSettings(), teams or {},
                       now=now, **extra)  # fmt: skip


def held(result) -> dict[str, tuple[str, ...]]:
    return {h.member: h.reasons for h in result.held}


# -- earned minutes ---------------------------------------------------------------------------


def test_five_minutes_per_whole_hour_by_default_and_pro_rata_when_asked():
    assert earned_minutes(3 * H + 50 * M, BreakSettings()) == 15
    assert earned_minutes(3 * H + 50 * M, BreakSettings(earning="pro_rata")) == 19
    assert earned_minutes(2 * H, BreakSettings(earned_minutes_per_hour=10)) == 20


@pytest.mark.parametrize("earning", ["whole_hours", "pro_rata"])
def test_the_board_owes_what_earned_minutes_gives(earning):
    """3 h 50 min signed in with no break: 15 min by whole hours, 19 pro rata (worked by
    hand above); the board proposes the first break's allowance and counts what is owed."""
    settings = BreakSettings(earning=earning, earned_minutes_per_hour=5)
    due = board([member("Ann")], NINE + 3 * H + 50 * M, settings=settings)
    [ann] = due.next_up
    assert ann.owed_minutes == earned_minutes(3 * H + 50 * M, settings)
    assert ann.owed_minutes == (15 if earning == "whole_hours" else 19)


def test_nobody_is_proposed_before_they_have_earned_a_break():
    early = board([member("Ann")], NINE + 59 * M)
    assert early.next_up == () and early.held == ()
    due = board([member("Ann")], NINE + H)
    assert [(n.member, n.reason, n.minutes) for n in due.next_up] == [("Ann", "Break", 5)]


# -- no break within 30 minutes of signing in ---------------------------------------------------


def test_signed_in_less_than_30_minutes_ago_is_held_with_why():
    # earned in the morning, signed out at 11:00, signed in again 12 min ago
    now = NINE + 3 * H
    again = MemberBreakDay("Ann", ((NINE, NINE + 2 * H), (now - 12 * M, None)), (), 0,
                           2 * H + 12 * M, (), (), now)  # fmt: skip
    ann = member("Ann", signed_in=now - 12 * M)
    assert held(board([ann], now, days={"Ann": again})) == {"Ann": ("signed in 12 min ago",)}
    setting = BreakSettings(quiet_after_sign_in_minutes=10)
    assert [n.member for n in board([ann], now, {"Ann": again}, settings=setting).next_up] == [
        "Ann"]  # fmt: skip
    # with no reading of the day from the store, the live state's sign-in counts
    assert held(board([ann], now, days={})) == {}  # 12 min signed in: nothing earned yet


def test_a_pause_soon_after_signing_in_is_an_alert_but_auto_pause_is_not():
    now = NINE + 20 * M
    paused = member("Ann", "paused", since=NINE + 12 * M, reason="Toilet")
    [alert] = board([paused], now).alerts
    assert (alert.kind, alert.text) == ("early_pause", "Ann paused 12 min after signing in")
    auto = member("Ann", "paused", since=NINE + 12 * M, reason="Auto-Pause")
    assert board([auto], now).alerts == ()


def test_a_break_soon_after_signing_in_is_an_alert_too():
    on_break = member("Ann", "paused", since=NINE + 20 * M, reason="Break")
    result = board([on_break], NINE + 25 * M)
    assert [(a.kind, a.text) for a in result.alerts] == [
        ("early_pause", "Ann went on Break 20 min after signing in")]  # fmt: skip
    assert board([member("Ann", "paused", since=NINE + 30 * M, reason="Break")],
                 NINE + 35 * M).alerts == ()  # fmt: skip


# -- out now: time left, overdue ---------------------------------------------------------------


def test_out_now_shows_time_left_then_overdue_with_an_alert():
    on_break = member("Ann", "paused", since=NINE + H, reason="Break")
    result = board([on_break], NINE + H + 10 * M)
    [out] = result.out
    assert (out.reason, out.allowance_minutes, out.left_s, out.confirmed) == (
        "Break",
        15,
        300,
        True,
    )
    assert result.alerts == ()
    late = board([on_break], NINE + H + 21 * M)
    assert late.out[0].left_s == -6 * M and late.out[0].overdue
    [alert] = late.alerts
    assert (alert.kind, alert.severity, alert.text) == (
        "overdue", "error", "Ann is overdue back from Break (out at 10:00, 15 min)")  # fmt: skip
    [just_due] = board([on_break], NINE + H + 15 * M + 20).alerts  # 20 s past her 15 min
    assert just_due == alert, "one alert from the first second late: the same words"
    assert board([on_break], NINE + H + 15 * M).alerts == ()  # on the minute: still on time


def test_an_alert_reads_the_same_minute_after_minute_so_it_is_raised_once():
    """The panel's line counts the minutes overdue; the alert names the moment instead, so
    the panel notifies it and the shift log writes it once, not once a minute."""
    on_break = member("Ann", "paused", since=NINE + H, reason="Break")
    texts = {board([on_break], NINE + H + minutes * M).alerts[0].text for minutes in (16, 25, 60)}
    assert texts == {"Ann is overdue back from Break (out at 10:00, 15 min)"}
    missed = {board([member("Ann")], NINE + 2 * H + minutes * M).alerts[0].text
              for minutes in (31, 45, 90)}  # fmt: skip
    assert missed == {"Ann has had no break since 09:00"}
    again = member("Ann", "paused", since=NINE + 4 * H, reason="Break")  # her next break
    [later] = board([again], NINE + 4 * H + 20 * M).alerts
    assert later.text == "Ann is overdue back from Break (out at 13:00, 15 min)", "a new one"


def test_lunch_has_its_own_allowance():
    lunch = member("Ann", "paused", since=NINE + H, reason="Lunch")
    assert board([lunch], NINE + H + 20 * M).out[0].left_s == 10 * M


def test_a_break_sent_but_not_yet_on_the_pbx_counts_as_out():
    now = NINE + 2 * H
    sent = Break(now - 3 * M, None, "Break", 10, confirmed=False)
    result = board([member("Ann")], now, days={"Ann": day("Ann", now, breaks=[sent])})
    [out] = result.out
    assert (out.confirmed, out.left_s, out.allowance_minutes) == (False, 7 * M, 10)


def test_the_pbx_pause_confirming_a_sent_break_keeps_the_minutes_sent():
    now = NINE + 2 * H
    sent = Break(now - 5 * M, None, "Break", 10, confirmed=False)
    paused = member("Ann", "paused", since=now - 4 * M, reason="Break")
    [out] = board([paused], now, days={"Ann": day("Ann", now, breaks=[sent])}).out
    assert (out.confirmed, out.allowance_minutes, out.left_s) == (True, 10, 6 * M)


# -- fairness ----------------------------------------------------------------------------------


def test_longest_since_last_break_goes_first_then_hours_worked():
    now = NINE + 4 * H  # 13:00
    days = {
        "Ann": day("Ann", now, breaks=[Break(NINE + 3 * H, NINE + 3 * H + 600, "Break", 15)]),
        "Ben": day("Ben", now, breaks=[Break(NINE + H, NINE + H + 600, "Break", 15)]),
        "Cat": day("Cat", now, signed_in=NINE + H + 10 * M),
        "Dan": day("Dan", now),
    }
    members = [member("Ann"), member("Ben"), member("Cat", signed_in=NINE + H + 10 * M),
               member("Dan")]  # fmt: skip
    settings = BreakSettings(max_out_per_team=None)
    order = [n.member for n in board(members, now, days, settings=settings).next_up]
    # Dan: no break for 4 h. Ben and Cat both rested last at 10:10 (Ben's break ended,
    # Cat signed in); Ben has worked longer. Ann had a break at 12:00.
    assert order == ["Dan", "Ben", "Cat", "Ann"]


# -- at most N of a team, or of a queue, out at once -------------------------------------------


def test_at_most_two_of_a_team_out_counting_those_proposed():
    now = NINE + 2 * H
    out = member("Ann", "paused", since=now - 5 * M, reason="Break")
    members = [out, member("Ben"), member("Cat"), member("Dan")]
    teams = dict.fromkeys(("Ann", "Ben", "Cat", "Dan"), "Red")
    result = board(members, now, teams=teams)
    assert [n.member for n in result.next_up] == ["Ben"]
    assert held(result) == {"Cat": ("2 of Red are out or next (max 2)",),
                            "Dan": ("2 of Red are out or next (max 2)",)}  # fmt: skip
    two_out = [out, member("Ben", "paused", since=now - 5 * M, reason="Break"), member("Cat")]
    assert held(board(two_out, now, teams=teams)) == {"Cat": ("2 of Red are out (max 2)",)}
    loose = BreakSettings(max_out_per_team=3)
    assert [n.member for n in board(members, now, teams=teams, settings=loose).next_up] == [
        "Ben", "Cat"]  # fmt: skip


def test_a_queue_limit_when_configured():
    now = NINE + 2 * H
    members = [
        member("Ann", "paused", since=now - 5 * M, reason="Break", queues=("billing",)),
        member("Ben", queues=("billing", "sales")),
        member("Cat", queues=("sales",)),
    ]
    settings = BreakSettings(max_out_per_queue=1, max_out_per_team=None)
    result = board(members, now, settings=settings)
    assert held(result) == {"Ben": ("1 of billing are out (max 1)",)}
    assert [n.member for n in result.next_up] == ["Cat"]


# -- queues: callers waiting, service level ---------------------------------------------------


def test_nobody_goes_while_their_queue_has_more_than_k_waiting_or_is_below_target():
    now = NINE + 2 * H
    members = [member("Ann", queues=("sales",)), member("Ben", queues=("support",)),
               member("Cat", queues=("billing",))]  # fmt: skip
    queues = {"sales": QueueLoad(4, 90.0, 80.0), "support": QueueLoad(0, 72.0, 80.0),
              "billing": QueueLoad(3, 80.0, 80.0)}  # fmt: skip
    result = board(members, now, queues=queues)
    assert held(result) == {"Ann": ("sales has 4 waiting",),
                            "Ben": ("support is at 72 % against 80 %",)}  # fmt: skip
    assert [n.member for n in result.next_up] == ["Cat"]  # 3 waiting is not more than 3
    relaxed = BreakSettings(max_waiting=5, hold_below_service_level=False)
    assert held(board(members, now, queues=queues, settings=relaxed)) == {}


def test_own_reasons_come_before_the_team_and_queue_words_they_share():
    # Ann and Ben are both in sales (4 waiting) in a team at its limit; Ann also signed in
    # again 12 min ago and was skipped. Ben, in the same team and queue, has only theirs,
    # though Ann (longer since a break: 12 min against Ben's 5) is weighed first.
    now = NINE + 3 * H
    out = [member(n, "paused", since=now - 5 * M, reason="Break") for n in ("Cat", "Dan")]
    ann, ben = member("Ann", signed_in=now - 12 * M), member("Ben")
    skip = BreakAction(now - 10 * M, "skipped", note="covering")
    days = {"Ann": MemberBreakDay("Ann", ((NINE, NINE + 2 * H), (now - 12 * M, None)), (), 0,
                                  2 * H + 12 * M, (), (skip,), now),
            "Ben": day("Ben", now, breaks=[Break(now - 10 * M, now - 5 * M, "Break", 5)]),
            **{m.member: day(m.member, now) for m in out}}  # fmt: skip
    teams = dict.fromkeys(("Ann", "Ben", "Cat", "Dan"), "Red")
    result = board([ann, ben, *out], now, days, {"sales": QueueLoad(4, 90.0)}, teams=teams)
    shared = ("sales has 4 waiting", "2 of Red are out (max 2)")
    assert held(result) == {
        "Ann": ("signed in 12 min ago", "skipped 10 min ago: covering", *shared),
        "Ben": shared,
    }


def test_a_skipped_member_waits_and_says_why():
    now = NINE + 2 * H
    skip = BreakAction(now - 10 * M, "skipped", note="covering the sales peak")
    days = {"Ann": day("Ann", now, skips=[skip])}
    assert held(board([member("Ann")], now, days)) == {
        "Ann": ("skipped 10 min ago: covering the sales peak",)}  # fmt: skip
    assert (
        held(board([member("Ann")], now + 20 * M, {"Ann": day("Ann", now + 20 * M, skips=[skip])}))
        == {}
    )


# -- missed breaks, meals, roster ---------------------------------------------------------------


def test_a_missed_break_raises_an_alert():
    now = NINE + 2 * H + 31 * M
    [alert] = board([member("Ann")], now).alerts
    assert (alert.kind, alert.text) == ("missed", "Ann has had no break since 09:00")
    assert board([member("Ann")], NINE + 2 * H + 30 * M).alerts == ()


def test_in_a_meal_window_the_proposal_is_the_meal_until_it_is_had():
    window = MealWindow(start=dt.time(11), end=dt.time(14), minutes=30)
    settings = BreakSettings(meal_windows=[window])
    now = NINE + 3 * H  # 12:00
    [proposal] = board([member("Ann")], now, settings=settings).next_up
    assert (proposal.reason, proposal.minutes) == ("Lunch", 30)
    had = {"Ann": day("Ann", now, breaks=[Break(now - H, now - 30 * M, "Lunch", 30)])}
    assert board([member("Ann")], now, had, settings=settings).next_up == ()  # 15 earned, 30 had


def test_roster_late_sign_in_and_no_show_alerts():
    tz = dt.UTC
    roster = Roster({
        ("Ann", dt.date(2026, 11, 13)): make_shift("Ann", dt.date(2026, 11, 13), dt.time(8, 53),
                                                   dt.time(17), tz),
        ("Ben", dt.date(2026, 11, 13)): make_shift("Ben", dt.date(2026, 11, 13), dt.time(9),
                                                   dt.time(17), tz),
    })  # fmt: skip
    result = board([member("Ann")], NINE + 10 * M, roster=roster)
    assert [(a.member, a.kind, a.text) for a in result.alerts] == [
        ("Ann", "late_sign_in", "Ann signed in 7 min late"),
        ("Ben", "not_signed_in", "Ben has not signed in (shift began at 09:00)"),
    ]


@pytest.mark.parametrize("state", ["logged_off"])
def test_a_member_signed_out_is_neither_next_nor_held(state):
    assert board([member("Ann", state, signed_in=None)], NINE + 3 * H).next_up == ()
