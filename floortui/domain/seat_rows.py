"""What each seat of the floor grid says, and in which order: pure, so it is tested alone.

The seat grid (floortui.widgets.seat_grid) draws what this module decides:
`arrange` puts the members in the order, filter and grouping the supervisor
chose (rebuilt when the floor or the choice changes, not on the tick), and
`seat_cells` words one member's row at a moment (called each second for the
rows on screen only).
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

from floortui.config.floor import FloorSettings, Level
from floortui.domain.floor_changes import changed_members
from floortui.domain.floor_snapshot import STATES, MemberState
from floortui.domain.roster import Shift, seat_mark, seat_mark_steady_until

SORTS = ("state", "name", "team", "time", "queue")
GROUPS: tuple[str | None, ...] = (None, "team", "queue", "state")
STATE_WORDS = {
    "ready": "ready", "ringing": "ringing", "on_call": "on call", "wrapup": "wrap-up",
    "paused": "paused", "logged_off": "logged off",
}  # fmt: skip
_STATE_ORDER = {state: i for i, state in enumerate(("ringing", "on_call", "wrapup", "paused",
                                                      "ready", "logged_off"))}  # fmt: skip
NO_TEAM = "(no team)"
NO_QUEUE = "(no queue)"


@dataclass(frozen=True)
class SeatView:
    """The supervisor's choice: sort, grouping, filters (team/queue/state) and a name search."""

    sort: str = "state"
    group: str | None = None
    team: str | None = None
    queue: str | None = None
    state: str | None = None
    search: str = ""

    @classmethod
    def parse(cls, text: str, sort: str = "state", group: str | None = None) -> SeatView:
        """A search box's text: `team:Red queue:sales state:paused` filter, other words a name."""
        found: dict[str, str] = {}
        words = []
        for word in text.split():
            key, sep, value = word.partition(":")
            if sep and key.lower() in ("team", "queue", "state") and value:
                found[key.lower()] = value
            else:
                words.append(word)
        state = found.get("state")
        if state is not None:
            state = state.lower().replace("-", "").replace(" ", "_")
            state = {"oncall": "on_call", "loggedoff": "logged_off"}.get(state, state)
        return cls(sort, group, found.get("team"), found.get("queue"), state, " ".join(words))

    def describe(self) -> str:
        """What the grid shows, in a few words for the status line."""
        parts = [f"sorted by {self.sort}"]
        if self.group:
            parts.append(f"grouped by {self.group}")
        for key in ("team", "queue", "state"):
            value = getattr(self, key)
            if value:
                parts.append(f"{key} {value}")
        if self.search:
            parts.append(f"name ~ {self.search!r}")
        return ", ".join(parts)


class GroupRow(NamedTuple):
    """A group's heading line: its name and how many seats it holds."""

    label: str
    count: int


Row = str | GroupRow  # a member's name, or a group heading


def _matches(member: MemberState, team: str | None, view: SeatView) -> bool:
    if view.state and member.state != view.state:
        return False
    if view.team and (team or "").lower() != view.team.lower():
        return False
    if view.queue and view.queue.lower() not in (q.lower() for q in member.queues):
        return False
    return not view.search or view.search.lower() in member.member.lower()


def _sort_key(view: SeatView, member: MemberState, team: str | None) -> tuple:
    since = member.since if member.since is not None else float("inf")
    name = member.member.lower()
    if view.sort == "name":
        return (name,)
    if view.sort == "team":
        return ((team or "~").lower(), name)
    if view.sort == "time":
        return (member.state == "logged_off", since, name)
    if view.sort == "queue":
        first = min(member.queues) if member.queues else "~"
        return (first.lower(), name)
    return (_STATE_ORDER[member.state], since, name)


def _groups_of(view: SeatView, member: MemberState, team: str | None) -> list[str]:
    if view.group == "team":
        return [team or NO_TEAM]
    if view.group == "queue":
        return sorted(member.queues) or [NO_QUEUE]
    return [STATE_WORDS[member.state]]


class SeatOrder:
    """The members in the view's order, kept up to date as snapshots come.

    A snapshot reuses the MemberState of every member that did not change, so
    only the few that did (5 % a second on a busy floor) are taken out and put
    back in their place; the other 95 % are not looked at again. Each floor
    handed over is a new mapping, never one changed since (floor_changes).
    """

    def __init__(self, view: SeatView | None = None) -> None:
        self.view = view or SeatView()
        self._seen: Mapping[str, MemberState] = {}
        self._keys: dict[str, tuple] = {}
        self._order: list[tuple] = []
        self._names: list[str] = []  # each key's name, in the same places

    def update(self, members: Mapping[str, MemberState],
               teams: Mapping[str, str | None]) -> list[str]:  # fmt: skip
        """Every member's name in order (unfiltered) for these members."""
        keys, order, names, view = self._keys, self._order, self._names, self.view
        changed = changed_members(self._seen, members)
        if changed is not None and len(changed) > len(members) // 4:
            changed = None  # most changed: sort afresh
        if changed is None:  # others came and went, or a new sort
            keys.clear()
            for name, member in members.items():
                keys[name] = (*_sort_key(view, member, teams.get(name)), name)
            order[:] = sorted(keys.values())
            names[:] = [key[-1] for key in order]
        else:  # the names move with their keys: no pass over the thousand each second
            for name in changed:
                old = keys.get(name)
                if old is not None:
                    at = bisect.bisect_left(order, old)
                    del order[at], names[at]
                key = keys[name] = (*_sort_key(view, members[name], teams.get(name)), name)
                at = bisect.bisect_left(order, key)
                order.insert(at, key)
                names.insert(at, name)
        self._seen = members
        return list(names)

    def resort(self, view: SeatView) -> None:
        """A new sort (or filter): the next update sorts afresh."""
        self.view = view
        self._seen = {}


def arrange(members: Mapping[str, MemberState], teams: Mapping[str, str | None],
            view: SeatView, order: SeatOrder | None = None) -> list[Row]:  # fmt: skip
    """The grid's rows: matching members in order, under group headings when grouped."""
    if order is None:
        order = SeatOrder(view)
    names = order.update(members, teams)
    filtered = view.team or view.queue or view.state or view.search
    if view.group is None and not filtered:
        return names  # the whole floor in order: each second, on a thousand seats
    if filtered:
        shown = [members[n] for n in names if _matches(members[n], teams.get(n), view)]
    else:
        shown = [members[n] for n in names]
    if view.group is None:
        return [m.member for m in shown]
    groups: dict[str, list[str]] = {}
    for member in shown:
        for label in _groups_of(view, member, teams.get(member.member)):
            groups.setdefault(label, []).append(member.member)
    if view.group == "state":
        order_of = [STATE_WORDS[s] for s in sorted(STATES, key=_STATE_ORDER.__getitem__)]
        labels = [label for label in order_of if label in groups]
    else:
        labels = sorted(groups, key=lambda g: (g.startswith("("), g.lower()))
    rows: list[Row] = []
    for label in labels:
        rows.append(GroupRow(label, len(groups[label])))
        rows.extend(groups[label])
    return rows


def after_wrapup(member: MemberState) -> MemberState:
    """A member whose wrap-up has ended with no event since: ready, or paused if paused in
    every queue (a snapshot is only taken when events come, the clock goes on meanwhile)."""
    queues = member.queues
    paused = bool(queues) and all(status.paused for status in queues.values())
    state = "paused" if paused else ("ready" if queues else "logged_off")
    reason = next((s.reason for s in queues.values() if s.reason), None) if paused else None
    reason_since = max(member.paused_since.values(), default=None) if paused else None
    return replace(member, state=state, since=member.wrapup_until, pause_reason=reason,
                   reason_since=reason_since, wrapup_until=None)  # fmt: skip


def clock(seconds: int | None) -> str:
    """Time in a state as a supervisor reads it: 4:07, 1:02:03."""
    if seconds is None:
        return ""
    if seconds < 0:  # not max(): each seat on the screen, each second
        seconds = 0
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def ago(seconds: int | None) -> str:
    """A longer span in minutes: 12m, 1h05."""
    if seconds is None:
        return "-"
    minutes = max(0, seconds) // 60
    return f"{minutes // 60}h{minutes % 60:02d}" if minutes >= 60 else f"{minutes}m"


class SeatCells(NamedTuple):
    """One seat's row as words, and the levels that colour it."""

    new: bool
    name: str
    team: str
    state: str  # the state's own name (its colour)
    state_text: str
    time: str
    level: Level
    queues: str
    answered: str
    since_break: str
    #: The roster's word on the member now: `late +7m`, `left -12m`, `absent`, or blank.
    roster: str = ""


def queues_text(member: MemberState) -> str:
    """The queues a member is in, `(p)` after those they are paused in."""
    return " ".join(
        f"{q}(p)" if status.paused else q for q, status in sorted(member.queues.items())
    )


def seat_cells(member: MemberState, team: str | None, answered: int, last_break_end: int | None,
               now: int, settings: FloorSettings,
               break_reasons: Collection[str] = ("Break", "Lunch"), shift: Shift | None = None,
               graces: tuple[int, int] = (3, 3)) -> SeatCells:  # fmt: skip
    """The row of one member at `now`; the time in state ticks with `now`.

    `shift` is the member's shift today when there is a roster; `graces` the
    minutes late and early that still count as on time (config `breaks:`)."""
    state = member.state
    words = STATE_WORDS[state]
    if state == "paused" and member.pause_reason:
        words = f"paused: {member.pause_reason}"
    elif state in ("ringing", "on_call") and member.call is not None:
        words = f"{words} · {member.call.queue}"
    reason_for, timed_from = _timed_from(member)
    level = settings.level(state, reason_for, None if timed_from is None else now - timed_from)
    signed_in = member.signed_in_at
    new = (
        state != "logged_off"
        and signed_in is not None
        and 0 <= now - signed_in < settings.new_member_s
    )
    logged_off_since = member.since if state == "logged_off" else None
    if state == "logged_off":
        since_break = ""
    elif _on_break(member, break_reasons):
        since_break = "on break"
    else:
        since_break = ago(None if last_break_end is None else now - last_break_end)
    return SeatCells(
        new=new,
        name=member.member,
        team=team or "",
        state=state,
        state_text=words,
        time=seat_time(member, now),
        level=level,
        queues=queues_text(member),
        answered=str(answered),
        since_break=since_break,
        roster=seat_mark(shift, signed_in, logged_off_since, now, *graces),
    )


def _timed_from(member: MemberState) -> tuple[str | None, int | None]:
    """(the pause reason the seat's level is judged by, or None; the moment its time for
    the level counts from): a pause's reason's own time when it has one (an Auto-Pause
    turned Break), else the state's."""
    reason_for = member.pause_reason if member.state == "paused" else None
    if reason_for is not None and member.reason_since is not None:
        return reason_for, member.reason_since
    return reason_for, member.since


def _on_break(member: MemberState, break_reasons: Collection[str]) -> bool:
    return member.state == "paused" and member.pause_reason in break_reasons


def seat_time(member: MemberState, now: int) -> str:
    """The seat's time in its state at `now` (blank when logged off): the one cell of a
    seat's row that moves every second."""
    if member.state == "logged_off" or member.since is None:
        return ""
    return clock(now - member.since)


#: Later than any moment a floor shows: a row that says the same from now on.
NEVER = 2**62


def steady_until(member: MemberState, last_break_end: int | None, now: int,
                 settings: FloorSettings, break_reasons: Collection[str] = ("Break", "Lunch"),
                 shift: Shift | None = None, graces: tuple[int, int] = (3, 3)) -> int:  # fmt: skip
    """The first moment after `now` at which `seat_cells` (same arguments) may say anything
    but the time in state differently: the next level, the end of the new-member mark, the
    next minute since the last break, the roster word's next turn. Until then the grid puts
    the new time into the row it has (`seat_time`) and works nothing else out again."""
    state = member.state
    edges = [NEVER]
    reason_for, timed_from = _timed_from(member)
    threshold = settings.threshold(state, reason_for)
    if timed_from is not None and threshold is not None:
        edges += [timed_from + s for s in (threshold.warning_s, threshold.alert_s)
                  if s is not None and now - timed_from < s]  # fmt: skip
    signed_in = member.signed_in_at
    if state != "logged_off" and signed_in is not None:
        edges += [e for e in (signed_in, signed_in + settings.new_member_s) if e > now]
    counts_minutes = state != "logged_off" and not _on_break(member, break_reasons)
    if counts_minutes and last_break_end is not None:  # "12m" since the last break
        edges.append(last_break_end + 60 * (max(0, now - last_break_end) // 60 + 1))
    logged_off_since = member.since if state == "logged_off" else None
    roster = seat_mark_steady_until(shift, logged_off_since, now, graces[0])
    if roster is not None:
        edges.append(roster)
    return min(edges)
