"""Properties of the daily sample that hold for any day's calls (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from floortui.config.sampling import SamplingSettings
from floortui.domain.sampling import AnsweredCall, DayContext, Reviewer, draw_sample

DAY = dt.date(2026, 11, 13)
MIDNIGHT = int(dt.datetime(2026, 11, 13, tzinfo=dt.UTC).timestamp())
MEMBERS = ["ann", "bob", "cat", "dan", "eve", "fay"]


@st.composite
def days(draw) -> tuple[list[AnsweredCall], SamplingSettings, list[Reviewer]]:
    calls = []
    for member in draw(st.lists(st.sampled_from(MEMBERS), unique=True, max_size=6)):
        for i in range(draw(st.integers(0, 40))):
            at = MIDNIGHT + draw(st.integers(0, 86399))
            talk = draw(st.integers(0, 600))
            calls.append(AnsweredCall(f"{at}.{i}", draw(st.sampled_from(["sales", "support"])),
                                      member, at - 5, at, talk))  # fmt: skip
    least = draw(st.integers(0, 5))
    policy = SamplingSettings(
        ratio=draw(st.sampled_from([0.05, 0.1, 0.25, 1.0])),
        min_per_day=least,
        max_per_day=draw(st.integers(max(least, 1), 8)),
        min_per_month=draw(st.integers(0, 5)),
        hour_weights=draw(st.dictionaries(st.integers(0, 23), st.sampled_from([0, 0.5, 2]))),
        seed=draw(st.integers(0, 1000)),
    )
    names = draw(st.lists(st.sampled_from(["r1", "r2", "r3", "r4"]), unique=True, max_size=4))
    reviewers = [Reviewer(n, draw(st.sampled_from([None, *MEMBERS]))) for n in names]
    return calls, policy, reviewers


def _context(reviewers: list[Reviewer], **more) -> DayContext:
    return DayContext(day=DAY, reviewers=reviewers, agents={"ann": dt.date(2026, 10, 1)},
                      coaching=frozenset({"bob"}), **more)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(days())
def test_limits_reviewers_and_order(day: tuple) -> None:
    calls, policy, reviewers = day
    rows = draw_sample(policy, calls, _context(reviewers))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.member] = counts.get(row.member, 0) + 1
        assert row.talk_s >= policy.min_talk_s
    assert all(n <= policy.max_per_day for n in counts.values())
    assert len({r.key for r in rows}) == len(rows)
    own = {r.name: r.member for r in reviewers}
    assert all(row.reviewer is None or own[row.reviewer] != row.member for row in rows)
    # every reviewer gets one when each has, among the rows, as many not their own as there
    # are reviewers (Hall's condition then holds for any group of them)
    if reviewers and all(
        sum(row.member != r.member for row in rows) >= len(reviewers) for r in reviewers
    ):
        assert {row.reviewer for row in rows} >= {r.name for r in reviewers}
    # reviewers who take no calls share the rows evenly
    if reviewers and all(r.member is None for r in reviewers):
        load = [sum(row.reviewer == r.name for row in rows) for r in reviewers]
        assert max(load) - min(load) <= 1
    assert draw_sample(policy, list(reversed(calls)), _context(reviewers)) == rows


@settings(max_examples=100, deadline=None)
@given(days(), st.integers(0, 100))
def test_top_up_adds_only(day: tuple, cut_pct: int) -> None:
    calls, policy, reviewers = day
    calls = sorted(calls, key=lambda c: c.answered_at)
    first = draw_sample(policy, calls[: len(calls) * cut_pct // 100], _context(reviewers))
    more = draw_sample(policy, calls, _context(reviewers, already=first))
    assert not {r.key for r in first} & {r.key for r in more}
    counts: dict[str, int] = {}
    for row in first + more:
        counts[row.member] = counts.get(row.member, 0) + 1
    assert all(n <= policy.max_per_day for n in counts.values())
    assert draw_sample(policy, calls, _context(reviewers, already=first + more)) == []
