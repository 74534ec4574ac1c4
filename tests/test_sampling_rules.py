"""The day's QA sample, rule by rule, on calls worked out by hand (floortui.domain.sampling).

Day 2026-11-13 (UTC), 18 days left in November counting the 13th. Each test
switches off the rules it is not about (min_per_month=0, min_per_day=0) so
the counts below are the rule's own arithmetic.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from floortui.config.sampling import SamplingSettings
from floortui.domain.sampling import (
    AnsweredCall,
    DayContext,
    Reviewer,
    SampleRow,
    add_months,
    days_left_in_month,
    draw_sample,
    share_out,
)

DAY = dt.date(2026, 11, 13)
MIDNIGHT = int(dt.datetime(2026, 11, 13, tzinfo=dt.UTC).timestamp())
ONLY = {"min_per_day": 0, "min_per_month": 0}


def calls(member: str, count: int, *, hour: int = 10, talk: int = 60, queue: str = "sales",
          first: int = 0) -> list[AnsweredCall]:  # fmt: skip
    """`count` calls of `member` answered a minute apart from `hour`:00."""
    out = []
    for i in range(first, first + count):
        at = MIDNIGHT + hour * 3600 + i * 60
        out.append(AnsweredCall(f"{at - 20}.{i}{member}", queue, member, at - 20, at, talk))
    return out


def per_member(rows: list[SampleRow]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.member] = counts.get(row.member, 0) + 1
    return counts


def draw(settings: dict, day_calls: list[AnsweredCall], **ctx) -> list[SampleRow]:
    return draw_sample(SamplingSettings(**settings), day_calls, DayContext(day=ctx.pop("day", DAY),
                                                                           **ctx))  # fmt: skip


def test_ratio_per_member_rounds_half_up() -> None:
    # 10 % of 25 = 2.5 -> 3; of 14 = 1.4 -> 1; of 4 = 0.4 -> 0
    rows = draw(ONLY, calls("ann", 25) + calls("bob", 14) + calls("cat", 4))
    assert per_member(rows) == {"ann": 3, "bob": 1}
    assert {r.reason for r in rows} == {"10 % of answered calls"}


def test_daily_minimum_and_maximum() -> None:
    # cat: 0.4 -> 0, raised to the minimum 1; dan: 10 % of 80 = 8, cut to the maximum 5
    rows = draw({"min_per_month": 0}, calls("cat", 4) + calls("dan", 80))
    assert per_member(rows) == {"cat": 1, "dan": 5}
    assert [r.reason for r in rows if r.member == "cat"] == ["daily minimum: 1 a day"]
    # two a day at least: bob's 14 calls give 1 by the ratio and 1 by the minimum
    rows = draw({"min_per_month": 0, "min_per_day": 2}, calls("bob", 14))
    assert sorted(r.reason for r in rows) == ["10 % of answered calls", "daily minimum: 2 a day"]


def test_never_more_than_the_member_has() -> None:
    rows = draw({"min_per_month": 0, "min_per_day": 3}, calls("cat", 2))
    assert per_member(rows) == {"cat": 2}


def test_minimum_talk() -> None:
    day_calls = calls("eve", 1, talk=9) + calls("eve", 1, talk=10, first=1)
    day_calls += [AnsweredCall("1794571000.9", "sales", "eve", 1794571000, 1794571010, None)]
    rows = draw({"min_per_month": 0, "min_per_day": 3}, day_calls)
    assert [r.talk_s for r in rows] == [10]  # 9 s is too short; a call in progress has no talk
    assert draw({"min_per_month": 0, "min_talk_s": 11}, day_calls) == []


def test_hour_weights_count_and_choose() -> None:
    weights = {"hour_weights": {9: 0, 10: 3}}
    # fay: 10 calls at 09 (weight 0: never) and 10 at 11 (1): 10 % of 10 -> 1, from 11:00
    rows = draw({**ONLY, **weights}, calls("fay", 10, hour=9) + calls("fay", 10, hour=11))
    assert len(rows) == 1 and rows[0].answered_at >= MIDNIGHT + 11 * 3600
    # gus: 10 calls at 10 (weight 3): 10 % of 30 -> 3
    assert per_member(draw({**ONLY, **weights}, calls("gus", 10, hour=10))) == {"gus": 3}
    # one call at 10 weighing 50 against nine at 11 weighing 1: 1 % of 59 -> 1 listen, the
    # heavy call's chance 50/59 = 85 % (10 % unweighted); over 200 seeds, far apart.
    day_calls = calls("hal", 1, hour=10) + calls("hal", 9, hour=11)
    heavy = day_calls[0].callid

    def wins(hour_weights: dict) -> int:
        return sum(
            draw({"min_per_month": 0, "ratio": 0.01, "hour_weights": hour_weights,
                  "seed": seed},
                 day_calls)[0].callid == heavy
            for seed in range(200)
        )  # fmt: skip

    assert wins({10: 50}) > 150
    assert wins({}) < 40


def test_hour_weights_on_the_day_the_clocks_go_back() -> None:
    """2026-10-25 in London: 01:00-02:00 is lived twice; both are clock hour 1."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Europe/London")
    midnight = int(dt.datetime(2026, 10, 25, tzinfo=tz).timestamp())
    # 01:30 BST and 01:30 GMT, an hour apart; 03:30 GMT is clock hour 3
    day_calls = [
        AnsweredCall(f"{midnight + s}.1", "sales", "ivy", midnight + s, midnight + s, 60)
        for s in (5400, 9000, 16200)
    ]
    rows = draw({**ONLY, "ratio": 1.0, "hour_weights": {1: 0}}, day_calls,
                day=dt.date(2026, 10, 25), tz=tz)  # fmt: skip
    assert [r.answered_at for r in rows] == [midnight + 16200]


def test_boosts_multiply_and_say_why() -> None:
    agents = {"new": dt.date(2026, 10, 1), "low": None, "both": dt.date(2026, 9, 1),
              "old": dt.date(2026, 8, 13), "coach": None}  # fmt: skip
    day_calls = [c for m in agents for c in calls(m, 14)] + calls("unlisted", 14)
    rows = draw(
        ONLY,
        day_calls,
        agents=agents,
        coaching=frozenset({"coach", "unlisted"}),
        recent_averages={"low": 62.0, "both": 69.9, "old": 70.0, "unlisted": 10.0},
    )
    # 10 % of 14 = 1.4: x2 = 2.8 -> 3, x4 = 5.6 -> 5 (the maximum), x1.5 = 2.1 -> 2
    assert per_member(rows) == {"new": 3, "low": 3, "both": 5, "old": 1, "coach": 2,
                                "unlisted": 1}  # fmt: skip
    reasons = {r.member: r.reason for r in rows}
    assert reasons["new"] == "10 % of answered calls; new hire (started 2026-10-01) ×2"
    assert reasons["low"] == "10 % of answered calls; low QA average 62 % ×2"
    assert reasons["both"] == (
        "10 % of answered calls; new hire (started 2026-09-01) ×2; low QA average 69.9 % ×2"
    )
    # old: hired three months ago to the day, and 70 % is not below 70 %
    assert reasons["old"] == "10 % of answered calls"
    assert reasons["coach"] == "10 % of answered calls; flagged for coaching ×1.5"
    assert reasons["unlisted"] == "10 % of answered calls"  # not under agents: no boost


def test_new_hire_months_end_on_the_same_day() -> None:
    assert add_months(dt.date(2026, 8, 14), 3) == dt.date(2026, 11, 14)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 12, 31), 2) == dt.date(2027, 2, 28)
    assert days_left_in_month(DAY) == 18 and days_left_in_month(dt.date(2026, 12, 31)) == 1
    rows = draw({**ONLY, "new_hire_months": 3}, calls("joe", 14),
                agents={"joe": dt.date(2026, 8, 14)})  # fmt: skip
    assert len(rows) == 3  # the 13th is still within three months of the 14th of August


@pytest.mark.parametrize(
    ("day", "so_far", "expected"),
    [
        (DAY, 0, 1),  # 3 missing, 18 days left: ceil(3/18) = 1
        (dt.date(2026, 11, 29), 1, 1),  # 2 missing, 2 days left: 1 today
        (dt.date(2026, 11, 30), 1, 2),  # 2 missing on the last day: both today
        (dt.date(2026, 11, 30), 0, 3),  # all three on the last day (4 calls: enough)
        (dt.date(2026, 11, 30), 3, 0),  # the minimum is met: nothing extra
    ],
)
def test_monthly_minimum(day: dt.date, so_far: int, expected: int) -> None:
    rows = draw({"min_per_day": 0}, calls("kim", 4), day=day, month_counts={"kim": so_far})
    assert len(rows) == expected
    assert {r.reason for r in rows} <= {f"monthly minimum: {so_far} of 3 so far"}


def test_monthly_minimum_within_the_daily_maximum() -> None:
    rows = draw({"min_per_day": 0, "max_per_day": 1}, calls("kim", 4),
                day=dt.date(2026, 11, 30), month_counts={"kim": 0})  # fmt: skip
    assert len(rows) == 1


def test_the_same_draw_whatever_the_order() -> None:
    day_calls = calls("ann", 25) + calls("bob", 14) + calls("cat", 40, queue="support")
    agents = {"ann": dt.date(2026, 10, 1), "bob": None}
    first = draw({"seed": 7}, day_calls, agents=agents)
    shuffled = day_calls[:]
    random.Random(1).shuffle(shuffled)
    again = draw({"seed": 7}, shuffled, agents=dict(reversed(agents.items())))
    assert first == again
    assert draw({"seed": 8}, day_calls, agents=agents) != first
    assert draw({"seed": 7}, day_calls, agents=agents, day=dt.date(2026, 11, 14)) != first


def test_top_up_keeps_what_was_drawn() -> None:
    morning = calls("ann", 20)  # 10 % of 20: 2
    afternoon = calls("ann", 20, hour=14, first=20)
    first = draw(ONLY, morning)
    assert len(first) == 2
    more = draw(ONLY, morning + afternoon, already=first)  # 10 % of 40: 4, so 2 more
    assert len(more) == 2 and not {r.key for r in more} & {r.key for r in first}
    assert draw(ONLY, morning + afternoon, already=first + more) == []
    # a top-up with nothing new adds nothing
    assert draw(ONLY, morning, already=first) == []


def test_the_same_call_twice_is_one_call() -> None:
    call = calls("ann", 1)[0]
    rows = draw({"min_per_month": 0, "min_per_day": 2}, [call, call])
    assert len(rows) == 1


def test_reviewers_each_get_one_then_balanced() -> None:
    def row(member: str, at: int) -> SampleRow:
        return SampleRow(f"{at}.1", "sales", member, "r", None, at, 60)

    # r1 is member a, r2 member b, r3 takes no calls. Rows c, b, b: giving c to r1 first
    # (fewest, by name) would leave r2 nothing it may take; the matching gives one to each.
    reviewers = [Reviewer("r3"), Reviewer("r2", "b"), Reviewer("r1", "a")]
    assert share_out([row("c", 1), row("b", 2), row("b", 3)], [], reviewers) == ["r2", "r3", "r1"]
    # nine rows of nobody's: 3 each
    rows = [row("x", at) for at in range(9)]
    assert sorted(share_out(rows, [], reviewers)) == ["r1"] * 3 + ["r2"] * 3 + ["r3"] * 3
    # a top-up goes first to whoever has fewest today
    earlier = [SampleRow("0.1", "sales", "x", "r", "r1", 0, 60)] * 2
    assert share_out([row("x", 5)], earlier, [Reviewer("r1"), Reviewer("r2")]) == ["r2"]


def test_never_a_reviewers_own_calls() -> None:
    rows = draw(ONLY, calls("rita", 30) + calls("sam", 30), reviewers=[Reviewer("rita", "rita")])
    assert {(r.member, r.reviewer) for r in rows} == {("rita", None), ("sam", "rita")}
    rows = draw(ONLY, calls("rita", 30), reviewers=[Reviewer("rita", "rita"), Reviewer("sam")])
    assert {r.reviewer for r in rows} == {"sam"}


def test_json_keys_are_the_contract() -> None:
    row = SampleRow("1794560455.21", "sales", "Alice Archer", "10 % of answered calls", "rita")
    assert row.as_json() == {"call": "1794560455.21", "queue": "sales", "agent": "Alice Archer",
                             "reason": "10 % of answered calls", "reviewer": "rita"}  # fmt: skip
