"""Which members changed between two floors: worked out once, asked for by everyone drawing.

A snapshot reuses the very MemberState of every member that did not change (FloorState.
snapshot), so the members that changed are those whose state is not the same object as in
the floor before. Each second the seat grid's order, its wrap-ups, the queue panel's
counts and the status line's counts all ask that of the same two floors; on 1,000 seats
each pass over them costs as much as the work on the few that changed
(bench/bench_floor.py), so the answer for the latest pair is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import compress
from operator import is_not

from floortui.domain.floor_snapshot import MemberState

Members = Mapping[str, MemberState]

#: (before, after, the answer) for the last pair asked about; the floors are held so that
#: neither's id can be another's while kept. Replaced whole: a reader on another thread
#: sees one pair or the other.
_last: tuple[Members, Members, tuple[str, ...] | None] | None = None


def changed_members(before: Members, after: Members) -> tuple[str, ...] | None:
    """The members of `after` whose state is not the one `before` had, in `after`'s order;
    None when members came or went (the caller counts afresh). Floors are never changed
    once made, so the same two floors always give the same answer."""
    global _last
    last = _last
    if last is not None and last[0] is before and last[1] is after:
        return last[2]
    answer: tuple[str, ...] | None = None
    if before is after:
        answer = ()
    elif len(before) == len(after):
        if list(after) == list(before):  # the same names in the same order (as a snapshot
            # copies the one before; compared in C): the states side by side, not looked up
            answer = tuple(compress(after.keys(), map(is_not, after.values(), before.values())))
        else:
            get = before.get
            answer = tuple(name for name, member in after.items() if get(name) is not member)
            if any(name not in before for name in answer):
                answer = None  # as many members, but not the same ones
    _last = (before, after, answer)
    return answer
