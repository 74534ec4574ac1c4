"""The line under the seats: how many members are in each state, and which floor this is.

Pure, so the words are tested without a terminal; the floor screen shows the
line only when it says something new (one line of fixed height: no layout).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from floortui.domain.floor_changes import changed_members
from floortui.domain.floor_snapshot import STATES, MemberState
from floortui.domain.seat_rows import STATE_WORDS


def state_counts(members: Mapping[str, MemberState]) -> dict[str, int]:
    """Members per state, every state present (in STATES' order)."""
    counts = dict.fromkeys(STATES, 0)
    for member in members.values():
        counts[member.state] += 1
    return counts


def recounted(counts: Mapping[str, int], before: Mapping[str, MemberState] | None,
              after: Mapping[str, MemberState]) -> dict[str, int]:  # fmt: skip
    """`counts` (of `before`; None: none yet) moved on to `after`: only the members that
    changed are counted again; what `state_counts(after)` gives."""
    changed = None if before is None else changed_members(before, after)
    if changed is None or len(changed) > len(after) // 2:
        return state_counts(after)
    moved = dict(counts)
    for name in changed:
        moved[before[name].state] -= 1
        moved[after[name].state] += 1
    return moved


def status_text(counts: Mapping[str, int], view: str, at: int | None, tz: dt.tzinfo,
                reading: bool = False) -> str:  # fmt: skip
    """`live · 3 ready · 15 on call · sorted by state`, or for a past moment `AT Fri 13 Nov
    10:05 — …` (`reading`: that floor is still being read)."""
    parts = [f"{n} {STATE_WORDS[s]}" for s, n in counts.items() if n]
    if not parts:
        parts = ["no members on the floor yet"]
    if at is not None:
        when = dt.datetime.fromtimestamp(at, tz).strftime("%a %d %b %H:%M")
        loading = " (reading…)" if reading else ""
        head = f"AT {when}{loading} — [ ] step 5 min, esc back to live"
    else:
        head = "live"
    return " · ".join([head, *parts, view])
