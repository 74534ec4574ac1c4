"""One member's mutable state inside `FloorState`, and how it reads at a moment.

Kept apart from floortui.domain.floor_state (which moves it on, event by
event) so that each stays short; only the domain's floor modules use it.
"""

from __future__ import annotations

from types import MappingProxyType

from floortui.domain.floor_snapshot import EMPTY, CallNow, MemberState, QueueStatus

FOREVER = float("inf")


class Seat:
    """One member's mutable state; the hot path, so plain slots and lists."""

    __slots__ = (
        "agent_login",
        "call",
        "free_at",
        "idle",
        "idle_since",
        "last_event_at",
        "name",
        "pauses",
        "queues",
        "signed_in_at",
        "wrap_since",
        "wrap_until",
    )

    def __init__(self, name: str) -> None:
        self.name = name
        self.queues: dict[str, int] = {}  # queue -> in it since
        self.pauses: dict[str, list] = {}  # queue -> [paused since, reason, reason since]
        self.agent_login: int | None = None  # AGENTLOGIN with no queue (chan_agent era)
        self.call: list | None = None  # [callid, queue, since, answered_at or None]
        self.wrap_since: int | None = None
        self.wrap_until: int | None = None
        self.free_at: int | None = None  # when the last ring or call (and its wrap-up) ended
        self.idle = "logged_off"  # the state when no call: logged_off, paused or ready
        self.idle_since: int | None = None
        self.signed_in_at: int | None = None
        self.last_event_at: int | None = None

    def dump(self) -> list:
        return [self.queues, self.pauses, self.agent_login, self.call, self.wrap_since,
                self.wrap_until, self.free_at, self.idle, self.idle_since, self.signed_in_at,
                self.last_event_at]  # fmt: skip

    @classmethod
    def load(cls, name: str, row: list) -> Seat:
        seat = cls(name)
        (seat.queues, seat.pauses, seat.agent_login, seat.call, seat.wrap_since,
         seat.wrap_until, seat.free_at, seat.idle, seat.idle_since, seat.signed_in_at,
         seat.last_event_at) = row  # fmt: skip
        return seat


def member_state(seat: Seat, now: int) -> tuple[MemberState, float, float]:
    """The member's state at `now`, and the span of `now` it stays right for."""
    pauses = seat.pauses
    queues = MappingProxyType(
        {q: QueueStatus(q in pauses, pauses[q][1] if q in pauses else None)
         for q in seat.queues}
    ) if seat.queues else EMPTY  # fmt: skip
    pause_reason = reason_since = None
    call = seat.call
    valid_from, valid_until = -FOREVER, FOREVER
    wrap_until = seat.wrap_until
    if call is not None:
        state, since = ("on_call" if call[3] is not None else "ringing"), call[2]
        call_now = CallNow(*call)
    elif wrap_until is not None and now < wrap_until:
        state, since, call_now = "wrapup", seat.wrap_since, None
        valid_from, valid_until = seat.wrap_since or -FOREVER, wrap_until
    else:
        state, since, call_now = seat.idle, seat.idle_since, None
        if seat.free_at is not None and (since is None or seat.free_at > since):
            since = seat.free_at
        if wrap_until is not None:
            valid_from = wrap_until
        if state == "paused":  # the reason given last, in whichever queue
            latest = max(pauses.values(), key=lambda p: p[2])
            pause_reason, reason_since = latest[1], latest[2]
    member = MemberState(
        member=seat.name,
        state=state,
        since=since,
        pause_reason=pause_reason,
        reason_since=reason_since,
        queues=queues,
        queue_since=MappingProxyType(dict(seat.queues)) if seat.queues else EMPTY,
        paused_since=MappingProxyType({q: p[0] for q, p in pauses.items()}) if pauses else EMPTY,
        call=call_now,
        wrapup_until=wrap_until if state == "wrapup" else None,
        signed_in_at=seat.signed_in_at,
        last_event_at=seat.last_event_at,
    )
    return member, valid_from, valid_until
