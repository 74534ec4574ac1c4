"""A seat's row between ticks: until `steady_until`, only its time in state may change.

The grid works a visible row out in full only when it may say something new (a level
reached, a new-member mark over, a minute more since the last break, the roster's word
turning) and otherwise only puts the new time in. These check that shortcut against the
row worked out in full, second by second.
"""

from __future__ import annotations

from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from floortui.config.floor import FloorSettings
from floortui.domain.floor_snapshot import CallNow, MemberState, QueueStatus
from floortui.domain.roster import Shift
from floortui.domain.seat_rows import NEVER, seat_cells, seat_time, steady_until

T0 = 1_795_305_600
FLOOR = FloorSettings()
BREAKS = ("Break", "Lunch")


def _member(state: str, since: int | None, reason: str | None, reason_since: int | None,
            signed_in: int | None) -> MemberState:  # fmt: skip
    paused = state == "paused"
    queues = {} if state == "logged_off" else {"sales": QueueStatus(paused, reason)}
    call = CallNow("1.1", "sales", since or T0, since) if state in ("ringing", "on_call") else None
    return MemberState(
        member="Ann Archer", state=state, since=since, pause_reason=reason if paused else None,
        reason_since=reason_since if paused else None, queues=MappingProxyType(queues),
        queue_since=MappingProxyType({}), paused_since=MappingProxyType({}), call=call,
        wrapup_until=None, signed_in_at=signed_in, last_event_at=since,
    )  # fmt: skip


def _but_time(cells):
    return cells._replace(time="")


offsets = st.integers(-4000, 4000)
members = st.builds(
    _member,
    st.sampled_from(["ready", "ringing", "on_call", "wrapup", "paused", "logged_off"]),
    st.one_of(st.none(), offsets.map(lambda s: T0 + s)),
    st.sampled_from([None, "Break", "Lunch", "Auto-Pause", "Training"]),
    st.one_of(st.none(), offsets.map(lambda s: T0 + s)),
    st.one_of(st.none(), offsets.map(lambda s: T0 + s)),
)
shifts = st.one_of(
    st.none(),
    st.tuples(offsets, st.integers(60, 4000)).map(
        lambda p: Shift("Ann Archer", None, T0 + p[0], T0 + p[0] + p[1])  # type: ignore[arg-type]
    ),
)


@settings(max_examples=400, deadline=None)
@given(members, st.one_of(st.none(), offsets.map(lambda s: T0 + s)), shifts,
       st.integers(0, 30), st.integers(0, 600))  # fmt: skip
def test_until_then_only_the_time_changes(member, last_break, shift, late_grace, ahead):
    now = T0 + ahead
    graces = (late_grace, 3)

    def row(at: int):
        return seat_cells(member, "Red", 4, last_break, at, FLOOR, BREAKS, shift, graces)

    until = steady_until(member, last_break, now, FLOOR, BREAKS, shift, graces)
    assert until > now
    first = row(now)
    # Every second up to the edge (or the next hour's worth when nothing is due).
    for at in range(now, min(until, now + 3600)):
        cells = row(at)
        assert _but_time(cells) == _but_time(first), at
        assert cells.time == seat_time(member, at)
    if until != NEVER:
        assert until - now <= 2**40  # an edge the floor will reach


def test_each_edge_by_hand():
    """A Break pause of 4:00 at T0: warning at 5:00 (T0 + 60), next minute since the last
    break at T0 + 30, the new-member mark gone at sign-in + 1800, a shift's start grace."""
    member = _member("paused", T0 - 240, "Break", T0 - 240, T0 - 1000)
    assert steady_until(member, None, T0, FLOOR, BREAKS) == T0 + 60  # Break warns at 300 s
    ready = _member("ready", T0 - 100, None, None, T0 - 1000)
    assert steady_until(ready, T0 - 90, T0, FLOOR, BREAKS) == T0 + 30  # 1m since the break
    assert steady_until(ready, None, T0, FLOOR, BREAKS) == T0 + 800  # the mark: 1800 s
    old_hand = _member("ready", T0 - 100, None, None, T0 - 7200)
    assert steady_until(old_hand, None, T0, FLOOR, BREAKS) == NEVER
    shift = Shift("Ann Archer", None, T0 + 10, T0 + 3600)  # type: ignore[arg-type]
    assert steady_until(old_hand, None, T0, FLOOR, BREAKS, shift, (3, 3)) == T0 + 10
    assert steady_until(old_hand, None, T0 + 10, FLOOR, BREAKS, shift, (3, 3)) == T0 + 191
    on_call = _member("on_call", T0 - 899, None, None, T0 - 7200)
    assert steady_until(on_call, None, T0, FLOOR, BREAKS) == T0 + 1  # warning at 900 s
    assert steady_until(on_call, None, T0 + 1, FLOOR, BREAKS) == T0 + 901  # alert at 1800 s
