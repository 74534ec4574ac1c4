"""The claim rules and a sample's status, as pure functions (floortui.domain.review).

Times are plain numbers: T is when the first claim was made; the timeout is 30 minutes.
The store-backed tests (test_claims_rules.py) show the same rules through real writes.
"""

from __future__ import annotations

import pytest

from floortui.domain.review import (
    Claim,
    ClaimRefused,
    ClaimRules,
    Done,
    ReviewStatus,
    SampleRef,
    live_claim,
    plan_claim,
    plan_release,
    plan_reviewed,
    plan_touch,
    stale_claims,
    status_of,
)

T = 1_000_000
RULES = ClaimRules(max_open_claims=2, timeout_s=1800)
LENA, ARJUN = "Lena Wolff", "Arjun Mehta"
CALL = SampleRef(1, "Alice Archer", LENA)


def _claim(id_: int, sample: int, who: str, at: int = T, touched: int | None = None) -> Claim:
    return Claim(id_, sample, who, at, touched if touched is not None else at)


def test_done_decides_the_status_whatever_the_claim() -> None:
    live = _claim(1, 1, LENA)
    assert status_of(None, None) is ReviewStatus.NEW
    assert status_of(live, None) is ReviewStatus.IN_PROGRESS
    assert status_of(live, Done(1, LENA, T)) is ReviewStatus.DONE
    # the evaluations of the next issue are one more kind of Done
    assert status_of(None, Done(1, ARJUN, T, how="evaluation")) is ReviewStatus.DONE


def test_a_claim_is_live_until_the_timeout_after_its_last_activity() -> None:
    claim = _claim(1, 1, LENA, touched=T + 600)
    assert claim.is_live(T + 600 + 1799, RULES)
    assert not claim.is_live(T + 600 + 1800, RULES)
    assert claim.ended(T + 9999, RULES) == (T + 2400, "timeout")
    assert live_claim([claim], 1, T + 2399, RULES) is claim
    assert live_claim([claim], 1, T + 2400, RULES) is None
    assert stale_claims([claim, _claim(2, 2, ARJUN, T + 3000)], T + 3600, RULES) == ((1, T + 2400),)


def test_a_free_call_is_claimed_and_stale_claims_are_ended_with_it() -> None:
    stale = _claim(7, 2, ARJUN)
    plan = plan_claim(CALL, [stale], None, LENA, T + 1900, RULES)
    assert plan.new_claim and plan.timeouts == ((7, T + 1800),)


@pytest.mark.parametrize(
    ("open_claims", "done", "who", "refusal"),
    [
        ([_claim(1, 1, ARJUN)], None, LENA, "claimed by Arjun Mehta"),
        ([_claim(1, 1, LENA)], None, LENA, "you have this call claimed already"),
        ([], Done(1, ARJUN, T), LENA, "already done: reviewed by Arjun Mehta"),
        ([_claim(1, 2, LENA), _claim(2, 3, LENA)], None, LENA, "you hold 2 claims"),
        ([], None, "Alice Archer", "one of your own calls"),
    ],
)
def test_a_claim_is_refused_with_why(open_claims, done, who, refusal) -> None:
    with pytest.raises(ClaimRefused, match=refusal):
        plan_claim(CALL, open_claims, done, who, T + 60, RULES)


def test_only_live_claims_count_toward_the_limit() -> None:
    mine = [_claim(1, 2, LENA), _claim(2, 3, LENA, at=T + 1000)]
    plan = plan_claim(CALL, mine, None, LENA, T + 1850, RULES)  # the first went stale at T+1800
    assert plan.new_claim and plan.timeouts == ((1, T + 1800),)


def test_the_holder_releases_touches_and_marks_reviewed() -> None:
    held = [_claim(5, 1, LENA)]
    assert plan_release(CALL, held, None, LENA, T + 60, RULES).end == (5, "released")
    touch = plan_touch(CALL, held, None, LENA, T + 60, RULES)
    assert (touch.touch, touch.touch_what) == (5, "listened")
    reviewed = plan_reviewed(CALL, held, None, LENA, T + 60, RULES)
    assert (reviewed.end, reviewed.done) == ((5, "done"), "marked reviewed")
    for plan in (plan_release, plan_touch, plan_reviewed):
        with pytest.raises(ClaimRefused, match="claimed by Lena Wolff: only they can"):
            plan(CALL, held, None, ARJUN, T + 60, RULES)
        with pytest.raises(ClaimRefused, match="not claimed"):
            plan(CALL, held, None, LENA, T + 1800, RULES)  # her claim went stale
    with pytest.raises(ClaimRefused, match="not in the store"):
        plan_claim(None, [], None, LENA, T, RULES)
