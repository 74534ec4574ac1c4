"""What the floor looks like at one moment: immutable, so a screen can draw it from any thread.

`FloorState` (floortui.domain.floor_state) changes with every queue_log event;
the floor screen draws once a second from a `FloorSnapshot` it was handed, and
never from the state itself, so a follower applying the next poll can never
tear a row half-way through a paint. Everything here is a frozen dataclass, a
tuple or a read-only mapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, NamedTuple

#: A member's state, as issue 8 §7 and `report floor` name it.
State = Literal["ready", "ringing", "on_call", "wrapup", "paused", "logged_off"]
STATES: tuple[State, ...] = ("ready", "ringing", "on_call", "wrapup", "paused", "logged_off")

EMPTY: Mapping = MappingProxyType({})


class QueueStatus(NamedTuple):
    """A member's standing in one queue they are in: paused there or not, and why."""

    paused: bool
    reason: str | None


class CallNow(NamedTuple):
    """The call a member is ringing for or talking on."""

    callid: str
    queue: str
    since: int  # ringing since, or answered at
    answered_at: int | None  # None while it only rings


class WaitingCaller(NamedTuple):
    """A caller in a queue now: entered, not yet answered, and has not left."""

    callid: str
    queue: str
    entered_at: int
    position: int | None  # ENTERQUEUE's position (1 = front) when they entered
    caller: str | None  # the caller-id number, as ENTERQUEUE wrote it


@dataclass(frozen=True, slots=True)
class MemberState:
    """One member at the snapshot's moment; `state` puts the call first (issue 8 §7).

    A member ringing, on a call or in wrap-up shows that, paused or not; an idle
    member is `paused` when paused in every queue they are in, else `ready`;
    `logged_off` when in no queue. `since` is when that state began, so the
    screen's clock is `now - since`.
    """

    member: str
    state: State
    since: int | None
    pause_reason: str | None
    #: When the pause took its current reason (an Auto-Pause turned Break: the Break's time).
    reason_since: int | None
    queues: Mapping[str, QueueStatus]
    #: When each queue's session began (ADDMEMBER, AGENTLOGIN or, for static members, the
    #: first event that showed them in it).
    queue_since: Mapping[str, int]
    #: When the pause in each queue they are paused in began (a second PAUSE continues it).
    paused_since: Mapping[str, int]
    call: CallNow | None
    wrapup_until: int | None
    signed_in_at: int | None
    last_event_at: int | None

    def as_report(self) -> dict:
        """The object `floortui report floor --at T` prints for this member (issue 8 §7)."""
        return {
            "agent": self.member,
            "state": self.state,
            "since": self.since,
            "pause_reason": self.pause_reason,
            "queues": {
                q: {"paused": status.paused, "reason": status.reason}
                for q, status in sorted(self.queues.items())
            },
        }


@dataclass(frozen=True, slots=True)
class FloorSnapshot:
    """Every member the floor knows, at `at` (data time, Unix seconds)."""

    at: int
    members: Mapping[str, MemberState]
    #: The newest event time applied to the state the snapshot was taken from.
    last_event_at: int | None
    #: Queue → the callers waiting in it, longest waiting first (queues with none left out).
    waiting: Mapping[str, tuple[WaitingCaller, ...]] = field(default_factory=lambda: EMPTY)

    def waiting_in(self, queue: str) -> tuple[WaitingCaller, ...]:
        """The callers waiting in `queue`, longest waiting first."""
        return self.waiting.get(queue, ())

    def longest_wait_s(self, queue: str, now: int) -> int | None:
        """How long the longest-waiting caller in `queue` has waited at `now` (None: nobody).

        `now` is the data clock's, so the figure ticks each second from one
        snapshot without SQL.
        """
        callers = self.waiting.get(queue)
        if not callers:
            return None
        return max(0, now - callers[0].entered_at)

    def in_state(self, state: State) -> tuple[MemberState, ...]:
        """The members in one state, by name: what a "3 on break" count is made of."""
        return tuple(m for _, m in sorted(self.members.items()) if m.state == state)

    def counts(self) -> Mapping[State, int]:
        """How many members are in each state."""
        counts = dict.fromkeys(STATES, 0)
        for member in self.members.values():
            counts[member.state] += 1
        return MappingProxyType(counts)
