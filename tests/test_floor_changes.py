"""The members changed between two floors (floortui.domain.floor_changes), and the status
line's counts moved on with them (floor_status.recounted): by hand, and under hypothesis
always what comparing every member, or counting every member afresh, gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from floortui.domain.floor_changes import changed_members
from floortui.domain.floor_status import recounted, state_counts
from tests.test_queue_members import member

STATES = ["ready", "ringing", "on_call", "wrapup", "paused", "logged_off"]
NAMES = [f"m{i}" for i in range(10)]


def test_by_hand_the_changed_none_when_members_come_or_go_and_the_same_answer_again():
    ann, bo, cy = (member(n, "ready", {"sales": False}) for n in ("Ann", "Bo", "Cy"))
    first = {"Ann": ann, "Bo": bo, "Cy": cy}
    second = {**first, "Bo": member("Bo", "on_call", {"sales": False})}
    assert changed_members(first, second) == ("Bo",)
    assert changed_members(first, second) is changed_members(first, second)  # kept
    assert changed_members(second, second) == ()
    assert changed_members(first, {"Ann": ann, "Bo": bo}) is None  # Cy went
    assert changed_members(first, {"Ann": ann, "Bo": bo, "Di": cy}) is None  # Cy out, Di in
    assert changed_members(first, {"Ann": ann, "Bo": bo, "Cy": cy}) == ()  # a copy, same states
    counts = state_counts(first)
    assert recounted(counts, first, second) == {**counts, "ready": 2, "on_call": 1}
    assert recounted({}, None, second) == state_counts(second)


floor_st = st.dictionaries(st.sampled_from(NAMES), st.sampled_from(STATES), max_size=10)


@settings(max_examples=300, deadline=None)
@given(st.lists(floor_st, min_size=1, max_size=20))
def test_changes_and_counts_always_match_a_fresh_look(floors):
    kept: dict = {}  # a member's state object is reused while their state is the same
    before = None
    counts: dict[str, int] = {}
    for states in floors:
        after = {}
        for name, state in states.items():
            old = kept.get(name)
            after[name] = old if old is not None and old.state == state else member(name, state, {})
        kept.update(after)
        if before is not None:
            changed = changed_members(before, after)
            if before.keys() == after.keys():
                assert changed == tuple(n for n in after if after[n] is not before[n])
            else:
                assert changed is None
        counts = recounted(counts, before, after)
        assert counts == state_counts(after)
        before = after
