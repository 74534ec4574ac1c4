"""Lost calls as pure logic: who is callable, who was reached later, per hour, the working day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from floortui.domain.lost_calls import (
    CallbackMark,
    QueueEntry,
    callable_number,
    find_lost_calls,
    hourly_counts,
    lost_per_hour,
)
from floortui.domain.workday import DayError, day_bounds, local_hours, parse_day, working_day_of

BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")
T = 1794546000  # 2026-11-13 06:00 CET


def entry(id_: int, caller: str | None, at: int, outcome: str | None = "ABANDON",
          answered: bool = False, callid: str | None = None, queue: str = "sales",
          ) -> QueueEntry:  # fmt: skip
    return QueueEntry(
        id_, callid or f"{at}.{id_}", queue, caller, at, at + 5 if answered else None,
        "COMPLETECALLER" if answered else outcome, 5, 1, 2,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("caller", "expected"),
    [
        ("3125550101", "3125550101"),
        ("+49 30 1234567", "49301234567"),
        ("+1 (312) 555-0101", "13125550101"),
        ("030.123.4567", "0301234567"),
        ("2001", "2001"),  # an internal extension can be rung back
        ("112", "112"),
        ("anonymous", None),
        ("Anonymous", None),
        ("unknown", None),
        ("restricted", None),
        ("private", None),
        ("withheld", None),
        ("unavailable", None),
        ("", None),
        (None, None),
        ("0", None),
        ("00", None),
        ("0000000", None),
        ("+", None),
        ("++4930123", None),
        ("sip:alice@example.com", None),
        ("3125550101x", None),
        ("٣١٢٥٥٥", None),  # digits, but not ones a phone dials
        ("  ", None),
    ],
)
def test_who_can_be_called_back(caller: str | None, expected: str | None) -> None:
    assert callable_number(caller) == expected


def test_a_later_answered_call_from_the_same_number_in_any_queue_reaches_the_caller() -> None:
    lost = find_lost_calls([
        entry(1, "3125550101", T, "ABANDON"),
        entry(2, "3125550101", T + 600, answered=True, queue="support"),
    ])  # fmt: skip
    assert [(c.callid, c.outcome, c.reached_later, c.reached_at) for c in lost] == [
        (f"{T}.1", "abandoned", True, T + 600)
    ]


def test_an_answer_before_the_loss_does_not_reach_the_caller() -> None:
    lost = find_lost_calls([
        entry(1, "3125550101", T, answered=True),
        entry(2, "3125550101", T + 600, "EXITWITHTIMEOUT"),
    ])  # fmt: skip
    assert [(c.outcome, c.reached_later) for c in lost] == [("exit_timeout", False)]


def test_the_same_second_counts_when_later_in_the_log_only() -> None:
    same_second = [
        entry(1, "3125550101", T, answered=True),
        entry(2, "3125550101", T, "EXITEMPTY"),
        entry(3, "3125550101", T, answered=True),
    ]
    assert [c.reached_later for c in find_lost_calls(same_second)] == [True]
    only_before = same_second[:2]
    assert [c.reached_later for c in find_lost_calls(only_before)] == [False]


def test_the_first_later_answer_is_the_one_named() -> None:
    lost = find_lost_calls([
        entry(9, "3125550101", T + 900, answered=True),
        entry(1, "3125550101", T, answered=True),
        entry(5, "3125550101", T + 300, "ABANDON"),
        entry(7, "3125550101", T + 600, answered=True),
    ])  # fmt: skip
    assert [c.reached_at for c in lost] == [T + 600]


def test_numbers_match_on_their_digits() -> None:
    lost = find_lost_calls([
        entry(1, "+49 30 1234567", T, "EXITWITHKEY"),
        entry(2, "49301234567", T + 60, answered=True),
        entry(3, "0049301234567", T + 120, "ABANDON"),
        entry(4, "+49301234567", T + 180, answered=True),
    ])  # fmt: skip
    assert [(c.number, c.reached_at) for c in lost] == [
        ("49301234567", T + 60),
        ("0049301234567", None),  # no country-code rewriting
    ]


def test_anonymous_callers_are_not_callable_and_never_matched() -> None:
    entries = [entry(i, caller, T + i * 10) for i, caller in enumerate(
        ["anonymous", "", None, "0", "Restricted"])]  # fmt: skip
    entries += [entry(20 + i, caller, T + 900 + i, answered=True) for i, caller in enumerate(
        ["anonymous", "", None, "0", "Restricted"])]  # fmt: skip
    lost = find_lost_calls(entries)
    assert len(lost) == 5
    assert not any(c.callable or c.reached_later or c.to_call_back for c in lost)


def test_only_unanswered_exits_are_lost() -> None:
    lost = find_lost_calls([
        entry(1, "3125550101", T, "ABANDON"),
        entry(2, "3125550102", T + 1, "EXITWITHTIMEOUT"),
        entry(3, "3125550103", T + 2, "EXITEMPTY"),
        entry(4, "3125550104", T + 3, "EXITWITHKEY"),
        entry(5, "3125550105", T + 4, None),  # still waiting
        entry(6, "3125550106", T + 5, "QUEUESTART"),  # cut by a restart
        entry(7, "3125550107", T + 6, "SUPERSEDED"),
        entry(8, "3125550108", T + 7, answered=True),
    ])  # fmt: skip
    assert [c.outcome for c in lost] == ["abandoned", "exit_timeout", "exit_empty", "exit_key"]


def test_called_back_and_still_to_call_back() -> None:
    mark = CallbackMark(f"{T}.1", "rang back", "Sam Supervisor", T + 4000, attempts=2)
    lost = find_lost_calls(
        [
            entry(1, "3125550101", T),
            entry(2, "3125550102", T + 10),
            entry(3, "3125550103", T + 20),
            entry(4, "3125550103", T + 30, answered=True),
            entry(5, "anonymous", T + 40),
        ],
        {mark.callid: mark},
    )
    assert [(c.called_back, c.reached_later, c.to_call_back) for c in lost] == [
        (True, False, False),
        (False, False, True),
        (False, True, False),
        (False, False, False),
    ]
    assert lost[0].callback == mark
    assert lost[0].as_report() == {
        "call": f"{T}.1", "queue": "sales", "caller": "3125550101", "time": T, "wait_s": 5,
        "outcome": "abandoned", "reached_later": False, "called_back": True,
    }  # fmt: skip


def test_lost_per_hour_has_every_hour_of_the_day_in_its_order() -> None:
    start, end = day_bounds(dt.date(2026, 11, 13), BERLIN, 6)
    lost = find_lost_calls([
        entry(1, "1234567", start),  # 06:00:00
        entry(2, "1234567", start + 3599),  # 06:59:59
        entry(3, "1234567", start + 3600),  # 07:00:00
        entry(4, "1234567", end - 1),  # 05:59:59 the next morning
    ])  # fmt: skip
    counts = lost_per_hour(lost, start, end, BERLIN)
    assert list(counts) == [*range(6, 24), *range(0, 6)]
    assert {h: n for h, n in counts.items() if n} == {6: 2, 7: 1, 5: 1}
    assert hourly_counts({0: 2, 1: 1, 23: 1, 24: 7, -1: 3}, start, end, BERLIN) == counts


def test_the_working_day_starts_at_the_day_start_hour_in_the_centres_timezone() -> None:
    start, end = day_bounds(dt.date(2026, 11, 13), BERLIN, 6)
    assert (start, end) == (T, T + 86400)
    assert working_day_of(T, BERLIN, 6) == dt.date(2026, 11, 13)
    assert working_day_of(T - 1, BERLIN, 6) == dt.date(2026, 11, 12)  # 05:59:59
    assert working_day_of(T + 86399, BERLIN, 6) == dt.date(2026, 11, 13)  # 05:59:59 next day
    assert day_bounds(dt.date(2026, 11, 13), UTC) == (1794528000, 1794614400)


def test_the_day_the_clocks_go_back_is_25_hours_long() -> None:
    # Berlin leaves summer time on Sunday 25 Oct 2026 at 03:00 CEST -> 02:00 CET.
    start, end = day_bounds(dt.date(2026, 10, 24), BERLIN, 6)
    assert end - start == 25 * 3600
    hours = local_hours(start, end, BERLIN)
    assert hours.count(2) == 2 and len(hours) == 25
    counts = hourly_counts(dict.fromkeys(range(25), 1), start, end, BERLIN)
    assert counts[2] == 2 and sum(counts.values()) == 25 and len(counts) == 24
    spring_start, spring_end = day_bounds(dt.date(2026, 3, 29), BERLIN, 0)
    assert spring_end - spring_start == 23 * 3600
    assert 2 not in local_hours(spring_start, spring_end, BERLIN)


def test_today_and_yesterday_are_the_working_days_of_the_datas_now() -> None:
    now = T + 86400 + 3 * 3600  # 14 Nov 09:00 CET
    assert parse_day("today", BERLIN, 6, now) == dt.date(2026, 11, 14)
    assert parse_day(" Yesterday ", BERLIN, 6, now) == dt.date(2026, 11, 13)
    assert parse_day("today", BERLIN, 6, T + 86400 - 60) == dt.date(2026, 11, 13)  # 05:59
    assert parse_day("2026-02-28", BERLIN, 6, now) == dt.date(2026, 2, 28)


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "13/11/2026", "20261113", "",
                                  "tomorrow", "2026-11-13T10:00", "1794546000"])  # fmt: skip
def test_a_bad_day_is_one_line_saying_what_to_give(text: str) -> None:
    with pytest.raises(DayError) as caught:
        parse_day(text, BERLIN, 6, T)
    message = str(caught.value)
    assert "\n" not in message and "YYYY-MM-DD" in message and repr(text) in message
