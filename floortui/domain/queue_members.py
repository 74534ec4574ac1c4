"""Each queue's members by how they stand (ready, on a call, wrap-up, paused, on break), kept
up to date as floor snapshots come instead of counted afresh for each one.

The queue panel shows these counts for every queue each second, and the follower hands it a
new snapshot whenever an event arrives: on a floor of 1,000 members that is a thousand
members counted again every second, though only the few whose state changed (a snapshot
reuses every unchanged member's MemberState) or whose wrap-up ran out can have moved.
`QueueMembers.counts` takes those out of the totals and puts them back as they stand now;
it gives what `floortui.domain.queue_today.member_counts` gives, and a property test holds
the two to it.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Mapping

from floortui.domain.floor_changes import changed_members
from floortui.domain.floor_snapshot import FloorSnapshot, MemberState
from floortui.domain.queue_today import DEFAULT_BREAK_REASONS, MemberCounts

#: A member's part in the totals: (queue, column) for each queue they are in; the columns
#: are MemberCounts' fields in order (ready, on_call, wrapup, paused, on_break).
Standing = tuple[tuple[str, int], ...]


class QueueMembers:
    """Queue → MemberCounts at a moment, counting again only members that can have moved.

    A clock that goes back (the supervisor stepping a replay back) counts everyone again,
    since a wrap-up over by the later time may not be over yet.
    """

    def __init__(self, break_reasons: Collection[str] = DEFAULT_BREAK_REASONS) -> None:
        self.break_reasons = frozenset(break_reasons)
        self._seen: Mapping[str, MemberState] = {}
        self._members: dict[str, MemberState] = {}
        self._standing: dict[str, Standing] = {}
        self._totals: dict[str, list[int]] = {}
        #: (wrap-up end, member) of members counted in wrap-up: they move when it passes.
        self._wrapups: list[tuple[int, str]] = []
        self._now: int | None = None
        self._counts: dict[str, MemberCounts] | None = None

    def counts(self, snapshot: FloorSnapshot, now: int) -> dict[str, MemberCounts]:
        """Queue → its members' counts at `now`; the same dict while nothing moved."""
        members = snapshot.members
        if self._now is None or now < self._now:
            self._count_all(members, now)
        elif members is not self._seen:
            changed = changed_members(self._seen, members)  # the same pair as the grid's
            gone: list[str] = []
            if changed is None:  # members came or went
                changed = [name for name, m in members.items() if self._members.get(name) is not m]
                gone = [name for name in self._members if name not in members]
            if len(changed) + len(gone) > len(members) // 2:
                self._count_all(members, now)
            else:
                for name in gone:
                    self._move(name, None, now)
                for name in changed:
                    self._move(name, members[name], now)
        self._seen, self._now = members, now
        wrapups = self._wrapups
        while wrapups and wrapups[0][0] <= now:
            _, name = heapq.heappop(wrapups)
            member = self._members.get(name)
            if member is not None:
                self._move(name, member, now)
        if self._counts is None:
            self._counts = {queue: MemberCounts(*row) for queue, row in self._totals.items()
                            if any(row)}  # fmt: skip
        return self._counts

    def _count_all(self, members: Mapping[str, MemberState], now: int) -> None:
        self._members, self._standing, self._totals, self._wrapups = {}, {}, {}, []
        self._counts = None
        for name, member in members.items():
            self._move(name, member, now)

    def _move(self, name: str, member: MemberState | None, now: int) -> None:
        """Take `name`'s old part out of the totals and put in how `member` stands at `now`."""
        totals = self._totals
        for queue, column in self._standing.pop(name, ()):
            totals[queue][column] -= 1
        if member is None:
            self._members.pop(name, None)
        else:
            self._members[name] = member
            standing = self._standing_of(name, member, now)
            if standing:
                self._standing[name] = standing
            for queue, column in standing:
                row = totals.get(queue)
                if row is None:
                    row = totals[queue] = [0, 0, 0, 0, 0]
                row[column] += 1
        self._counts = None

    def _standing_of(self, name: str, member: MemberState, now: int) -> Standing:
        if not member.queues:
            return ()
        state = member.state
        until = member.wrapup_until
        if state == "wrapup" and until is not None:
            if now >= until:
                state = "ready"
            else:
                heapq.heappush(self._wrapups, (until, name))
        if state in ("on_call", "ringing"):
            return tuple((queue, 1) for queue in member.queues)
        if state == "wrapup":
            return tuple((queue, 2) for queue in member.queues)
        breaks = self.break_reasons
        return tuple(
            (queue, (4 if status.reason in breaks else 3) if status.paused else 0)
            for queue, status in member.queues.items()
        )
