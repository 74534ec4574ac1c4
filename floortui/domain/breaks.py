"""The break rotation, live: who is out, who goes next, who is held back and why.

Pure rules over plain data: the FloorSnapshot (each member's state, pause
reason and since, signed_in_at), each member's day so far (breaks taken,
earned minutes: floortui.domain.break_day), how each queue is doing
(`QueueLoad`, computed elsewhere), the roster and `now`. The supervisor
decides; floortui proposes and says why it holds someone back.

Fairness: the member longest since their last break (or since signing in)
goes first, then whoever has worked longer. Limits count the members already
out and those proposed ahead of them, so the "next up" list can all go at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from floortui.config.breaks import BreakSettings, MealWindow
from floortui.domain.break_holds import OutCounts, group_reasons, queue_reasons
from floortui.domain.floor_snapshot import FloorSnapshot, MemberState
from floortui.domain.roster import EMPTY_ROSTER, Roster, late_sign_in

if TYPE_CHECKING:  # the floor's first paint shows no board yet: these load with the first one
    from floortui.domain.break_day import MemberBreakDay
    from floortui.domain.meals import MealSlot

EMPTY: Mapping = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class QueueLoad:
    """How a queue is doing now: callers waiting, service level today, its target."""

    waiting: int = 0
    service_level_pct: float | None = None
    target_pct: float = 80.0  # queues.<name>.service_level_target_pct


class OutNow(NamedTuple):
    """A member on break now; `left_s` below zero is how long they are overdue. (A named
    tuple, as HeldBack: a frozen dataclass sets each field through object.__setattr__, and
    a busy floor has a hundred out at every read of the board.)"""

    member: str
    team: str | None
    reason: str
    since: int
    allowance_minutes: int
    left_s: int
    confirmed: bool  # the PBX logged the pause (else only "sent" by the supervisor)

    @property
    def overdue(self) -> bool:
        return self.left_s < 0


@dataclass(frozen=True, slots=True)
class NextUp:
    """A member floortui proposes to send now, with the break it proposes."""

    member: str
    team: str | None
    reason: str
    minutes: int
    since_last_break_s: int
    worked_s: int
    owed_minutes: int


class HeldBack(NamedTuple):
    """A member due a break who should not go now, with every reason why. (A named tuple:
    on a busy floor the board holds most of a thousand members back at every read.)"""

    member: str
    team: str | None
    reasons: tuple[str, ...]
    since_last_break_s: int


#: `HeldBack(*fields)` without the keyword handling of a named tuple's __new__: most of
#: a thousand members at every read of the board.
_held = tuple.__new__


@dataclass(frozen=True, slots=True)
class BreakAlert:
    """Something the supervisor must act on: an overdue return, a missed break, a breach."""

    member: str
    kind: str  # overdue | missed | early_pause | late_sign_in | not_signed_in
    text: str
    severity: str = "warning"  # warning | error


@dataclass(frozen=True)
class BreakBoard:
    """What the break panel shows at `at`."""

    at: int
    out: tuple[OutNow, ...] = ()
    next_up: tuple[NextUp, ...] = ()
    held: tuple[HeldBack, ...] = ()
    alerts: tuple[BreakAlert, ...] = ()
    #: The meal plan's slots still to come (floortui.domain.meals), when meal windows are set.
    meals: tuple[MealSlot, ...] = ()


def minutes_text(seconds: int) -> str:
    """`12 min`, `2 h 05 min`: how the panel and the alerts say a length of time."""
    minutes = max(0, seconds) // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def break_board(snapshot: FloorSnapshot, days: Mapping[str, MemberBreakDay],
                queues: Mapping[str, QueueLoad], settings: BreakSettings,
                teams: Mapping[str, str] = EMPTY, roster: Roster = EMPTY_ROSTER,
                now: int | None = None, tz: dt.tzinfo = dt.UTC) -> BreakBoard:  # fmt: skip
    """The rotation at `now` (default: the snapshot's moment)."""
    from floortui.domain.break_day import earned

    now = snapshot.at if now is None else now
    out: list[OutNow] = []
    alerts: list[BreakAlert] = []
    counts = OutCounts()
    #: (order: longest since a break, then longest worked, then name; member, day, since
    #: the last break, worked, signed in), sorted as tuples (names are unique).
    candidates: list[tuple[int, int, str, MemberState, MemberBreakDay | None, int, int, int]] = []
    members = snapshot.members
    quiet_s = settings.quiet_after_sign_in_minutes * 60
    longest_s = settings.longest_without_break_minutes * 60
    break_reasons = settings.break_reasons
    for name in sorted(members):  # a thousand seats: the loop's work is per member, once
        member, day = members[name], days.get(name)
        state = member.state
        # Out on break: paused for a break (the PBX) or sent (the day's open break).
        away = None
        if day is not None or (state == "paused" and member.pause_reason in break_reasons):
            away = _out_now(member, day, settings, now, teams.get(name))
        if away is not None:
            out.append(away)
            counts.add(away.team, member.queues, proposed=False)
            if away.overdue:  # the panel's line counts the minutes; the alert is raised once
                out_at = _clock(away.since, tz)
                alerts.append(BreakAlert(
                    name, "overdue", f"{name} is overdue back from {away.reason} (out at "
                    f"{out_at}, {away.allowance_minutes} min)", "error"))  # fmt: skip
            signed_in = _signed_in(member, day)
            gap = away.since - signed_in if signed_in is not None else -1
            if 0 <= gap < quiet_s:
                alerts.append(BreakAlert(
                    name, "early_pause",
                    f"{name} went on {away.reason} {gap // 60} min after signing in"))  # fmt: skip
            continue
        if state == "logged_off":
            continue
        signed_in = day.last_sign_in if day is not None else None  # as _signed_in has it
        if signed_in is None:
            signed_in = member.signed_in_at
            if signed_in is None:
                continue
        if state == "paused":  # the only state _sign_in_alerts raises one for
            alerts.extend(_sign_in_alerts(member, signed_in, settings))
        last_end = signed_in
        if day is not None:
            last_end = max([b.end for b in day.breaks if b.end is not None], default=signed_in)
        rested_at = last_end if last_end > signed_in else signed_in  # max(): per member
        since_last = now - rested_at
        worked = day.worked_s if day else now - signed_in
        if since_last > longest_s:
            alerts.append(BreakAlert(
                name, "missed", f"{name} has had no break since {_clock(rested_at, tz)}",
                "error"))  # fmt: skip
        candidates.append((-since_last, -worked, name, member, day, since_last, worked, signed_in))
    alerts.extend(_roster_alerts(snapshot, roster, settings, now, tz))
    candidates.sort()
    next_up, held = [], []
    clock = dt.datetime.fromtimestamp(now, tz).time()
    meals_open = [w for w in settings.meal_windows if w.start <= clock < w.end]
    queue_words = {queue: queue_reasons(queue, load, settings) for queue, load in queues.items()}
    shortest = settings.shortest_break_minutes
    limits: dict[tuple, list[str]] = {}  # the words of each limit reached, per count (_limit)
    groups: dict[tuple, tuple[str, ...]] = {}  # (team, queues) → its words while counts stand
    quiet_until = now - quiet_s  # signed in after this: still in the quiet time
    # break_day.earned_minutes, its settings read once: for each of a thousand seats.
    per_hour, by_whole_hours = settings.earned_minutes_per_hour, settings.earning == "whole_hours"
    for _, _, name, member, day, since_last, worked, signed_in in candidates:
        owed = earned(worked, per_hour, by_whole_hours)
        if day is not None:
            owed -= sum(b.seconds(now) for b in day.breaks) // 60
        meal = _meal_due(day, meals_open) if meals_open else None
        if owed < shortest and meal is None:
            continue
        team = teams.get(name)
        key = (team, *member.queues)
        reasons = groups.get(key)
        if reasons is None:
            reasons = groups[key] = group_reasons(team, member.queues, queue_words, counts,
                                                  settings, limits)  # fmt: skip
        if signed_in > quiet_until or (day is not None and day.skips):
            reasons = (*_own_reasons(day, signed_in, settings, now), *reasons)
        if reasons:
            held.append(_held(HeldBack, (name, team, reasons, since_last)))
            continue
        reason, minutes = (
            meal
            if meal is not None
            else (
                settings.break_reasons[0],
                min(owed, settings.allowance(settings.break_reasons[0])),
            )
        )
        next_up.append(NextUp(name, team, reason, minutes, since_last, worked, owed))
        counts.add(team, member.queues, proposed=True)
        groups.clear()  # the limits count this member now
    out.sort(key=lambda o: (o.left_s, o.member))
    return BreakBoard(now, tuple(out), tuple(next_up), tuple(held), tuple(alerts))


def _signed_in(member: MemberState, day: MemberBreakDay | None) -> int | None:
    """The latest sign-in: the store's reading of the day (floortui.domain.sign_in's rules,
    as `report breaks` has it) when there is one, else the live state's."""
    if day is not None and day.last_sign_in is not None:
        return day.last_sign_in
    return member.signed_in_at


def _out_now(member: MemberState, day: MemberBreakDay | None, settings: BreakSettings,
             now: int, team: str | None) -> OutNow | None:  # fmt: skip
    """On break now: paused with a break reason (the PBX), or sent and not yet back."""
    if member.state == "paused" and member.pause_reason in settings.break_reasons:
        since = member.reason_since if member.reason_since is not None else member.since or now
        open_sent = _open_break(day, confirmed=False)
        allowance = settings.allowance(member.pause_reason)
        if open_sent is not None and abs(open_sent.start - since) <= (
                settings.confirm_window_minutes * 60):  # fmt: skip
            allowance = open_sent.allowance_minutes
        left = since + allowance * 60 - now
        return OutNow(member.member, team, member.pause_reason, since, allowance, left, True)
    sent = _open_break(day, confirmed=False)
    if sent is not None:
        left = sent.start + sent.allowance_minutes * 60 - now
        return OutNow(member.member, team, sent.reason, sent.start, sent.allowance_minutes,
                      left, False)  # fmt: skip
    return None


def _open_break(day: MemberBreakDay | None, confirmed: bool):
    if day is None:
        return None
    return next((b for b in reversed(day.breaks) if b.end is None and b.confirmed == confirmed),
                None)  # fmt: skip


def _meal_due(day: MemberBreakDay | None,
              meals_open: list[MealWindow]) -> tuple[str, int] | None:  # fmt: skip
    """(reason, minutes) of a meal window open now (`meals_open`, worked out once per
    board) whose meal the member has not had."""
    for window in meals_open:
        had = day is not None and any(b.reason == window.reason for b in day.breaks)
        if not had:
            return window.reason, window.minutes
    return None


def _own_reasons(day: MemberBreakDay | None, signed_in: int, settings: BreakSettings,
                 now: int) -> list[str]:  # fmt: skip
    """The member's own reasons not to go now: signed in too lately, skipped a while ago.
    (Their team's and queues' come after: floortui.domain.break_holds.)"""
    reasons = []
    if now - signed_in < settings.quiet_after_sign_in_minutes * 60:
        reasons.append(f"signed in {(now - signed_in) // 60} min ago")
    if day is not None and day.skips:
        skip_s = settings.skip_for_minutes * 60
        skips = [s for s in day.skips if now - s.at < skip_s]
        if skips:
            last = skips[-1]
            why = f": {last.note}" if last.note else ""
            reasons.append(f"skipped {(now - last.at) // 60} min ago{why}")
    return reasons


@lru_cache(maxsize=4096)
def _clock(at: int, tz: dt.tzinfo) -> str:
    """`10:42`: when something began, in the centre's time. An alert's words name the
    moment, not a running count, so the same alert reads the same minute after minute:
    it is notified and written in the shift log once, not once a minute (and its words
    are made once: every read of the board raises the alerts still standing again)."""
    return dt.datetime.fromtimestamp(at, tz).strftime("%H:%M")


def _sign_in_alerts(member: MemberState, signed_in: int,
                    settings: BreakSettings) -> list[BreakAlert]:  # fmt: skip
    """A pause (not the PBX's own) begun within the quiet time after signing in."""
    if member.state != "paused" or member.pause_reason in settings.exempt_pause_reasons:
        return []
    since = member.since if member.since is not None else signed_in
    gap = since - signed_in
    if 0 < gap < settings.quiet_after_sign_in_minutes * 60:
        return [BreakAlert(member.member, "early_pause",
                           f"{member.member} paused {gap // 60} min after signing in")]  # fmt: skip
    return []


def _roster_alerts(snapshot: FloorSnapshot, roster: Roster, settings: BreakSettings, now: int,
                   tz: dt.tzinfo) -> list[BreakAlert]:  # fmt: skip
    """Late sign-ins, and rostered members not signed in past their shift's start."""
    alerts = []
    today = dt.datetime.fromtimestamp(now, tz).date()
    for name, shift in sorted(roster.on(today).items()):
        member = snapshot.members.get(name)
        signed_in = member.signed_in_at if member is not None else None
        grace = settings.late_sign_in_minutes * 60
        if signed_in is None:
            if shift.start + grace < now < shift.end:
                alerts.append(BreakAlert(
                    name, "not_signed_in",
                    f"{name} has not signed in (shift began at {_clock(shift.start, tz)})",
                    "error"))  # fmt: skip
            continue
        late = late_sign_in(shift, signed_in, settings.late_sign_in_minutes)
        if late is not None and signed_in >= shift.start - 3600:
            alerts.append(BreakAlert(name, "late_sign_in", f"{name} signed in {late} min late"))
    return alerts
