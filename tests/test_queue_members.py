"""Queue member counts kept up to date snapshot by snapshot (floortui.domain.queue_members):
always what counting every member afresh gives (`member_counts`), by hand and under
hypothesis."""

from __future__ import annotations

from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from floortui.domain.floor_snapshot import EMPTY, FloorSnapshot, MemberState, QueueStatus
from floortui.domain.queue_members import QueueMembers
from floortui.domain.queue_today import MemberCounts, member_counts

T = 1795305600


def member(name: str, state: str, queues: dict[str, str | bool | None], *,
           wrapup_until: int | None = None) -> MemberState:  # fmt: skip
    """`queues`: queue → False (not paused) or the pause reason (True: paused, no reason)."""
    status = {
        q: QueueStatus(p is not False, p if isinstance(p, str) else None) for q, p in queues.items()
    }
    return MemberState(
        member=name, state=state, since=T, pause_reason=None, reason_since=None,
        queues=MappingProxyType(status), queue_since=EMPTY, paused_since=EMPTY, call=None,
        wrapup_until=wrapup_until, signed_in_at=T, last_event_at=T,
    )  # fmt: skip


def snap(*members: MemberState) -> FloorSnapshot:
    return FloorSnapshot(T, MappingProxyType({m.member: m for m in members}), T)


def test_counts_by_hand_then_one_member_changes_and_a_wrap_up_runs_out():
    ann = member("Ann", "ready", {"sales": False, "support": "Lunch"})
    bo = member("Bo", "wrapup", {"sales": False}, wrapup_until=T + 30)
    cy = member("Cy", "paused", {"support": "Training"})
    counter = QueueMembers(("Break", "Lunch"))
    first = snap(ann, bo, cy)
    assert counter.counts(first, T) == {
        "sales": MemberCounts(ready=1, wrapup=1),
        "support": MemberCounts(paused=1, on_break=1),
    }
    assert counter.counts(first, T + 29) is counter.counts(first, T + 29)  # nothing moved
    # Bo's wrap-up is over at T + 30 with no event since: ready in sales.
    assert counter.counts(first, T + 30)["sales"] == MemberCounts(ready=2)
    # Cy takes a call from support; Ann leaves every queue.
    second = snap(member("Ann", "logged_off", {}), bo,
                  member("Cy", "on_call", {"support": False}))  # fmt: skip
    assert counter.counts(second, T + 31) == {
        "sales": MemberCounts(ready=1),
        "support": MemberCounts(on_call=1),
    }
    # The replay is stepped back: Bo is in wrap-up again at T + 10.
    assert counter.counts(second, T + 10)["sales"] == MemberCounts(wrapup=1)


def test_a_member_who_goes_and_another_who_comes_in_one_snapshot():
    counter = QueueMembers()
    counter.counts(snap(member("Ann", "ready", {"sales": False})), T)
    assert counter.counts(snap(member("Bo", "on_call", {"billing": False})), T + 1) == {
        "billing": MemberCounts(on_call=1)
    }


NAMES = [f"m{i}" for i in range(12)]
QUEUES = ["sales", "support", "billing"]
members_st = st.builds(
    member,
    st.sampled_from(NAMES),
    st.sampled_from(["ready", "ringing", "on_call", "wrapup", "paused", "logged_off"]),
    st.dictionaries(
        st.sampled_from(QUEUES),
        st.sampled_from([False, True, "Break", "Lunch", "Auto-Pause"]),
        max_size=3,
    ),
    wrapup_until=st.one_of(st.none(), st.integers(T, T + 120)),
)
step_st = st.tuples(
    st.lists(members_st, max_size=8),  # members changed or come
    st.lists(st.sampled_from(NAMES), max_size=3),  # members gone
    st.integers(-20, 40),  # the clock moves (back, at times)
)


@settings(max_examples=300, deadline=None)
@given(st.lists(step_st, min_size=1, max_size=25))
def test_kept_counts_are_always_a_fresh_count(steps):
    counter = QueueMembers(("Break", "Lunch"))
    floor: dict[str, MemberState] = {}
    now = T
    for changed, gone, moved in steps:
        floor = dict(floor)
        for m in changed:
            floor[m.member] = m
        for name in gone:
            floor.pop(name, None)
        now += moved
        snapshot = FloorSnapshot(now, MappingProxyType(floor), now)
        assert counter.counts(snapshot, now) == member_counts(snapshot, now, ("Break", "Lunch"))
        # and the same snapshot a moment later, as the panel's tick asks each second
        assert counter.counts(snapshot, now + 7) == member_counts(snapshot, now + 7,
                                                                  ("Break", "Lunch"))  # fmt: skip
        now += 7
