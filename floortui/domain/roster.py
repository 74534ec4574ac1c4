"""The roster: who is meant to work when, and how a day's sign-ins keep to it (adherence).

Optional: without a roster there is no "late sign-in" or "left early". The
roster CSV is read by floortui.adapters.roster; here are only the shifts and
the two adherence rules, so the break report and the floor ask the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class Shift:
    """One member's shift on one day, as epochs (an end before the start runs past midnight)."""

    member: str
    date: dt.date
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SetAside:
    """A roster row that could not be read, with its line number and why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Roster:
    """Every shift of the roster, by (member, date); the rows set aside are kept to be shown."""

    shifts: Mapping[tuple[str, dt.date], Shift] = field(default_factory=dict)
    set_aside: tuple[SetAside, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "shifts", MappingProxyType(dict(self.shifts)))
        by_date: dict[dt.date, dict[str, Shift]] = {}
        for (member, date), shift in self.shifts.items():
            by_date.setdefault(date, {})[member] = shift
        # The floor asks for a day's shifts on every re-read (every few seconds): indexed
        # once here, not found again among a whole roster's rows each time.
        object.__setattr__(self, "_by_date", by_date)

    def shift(self, member: str, date: dt.date) -> Shift | None:
        return self.shifts.get((member, date))

    def on(self, date: dt.date) -> dict[str, Shift]:
        """Member → shift, for everyone rostered on `date`."""
        return dict(self._by_date.get(date, {}))


EMPTY_ROSTER = Roster()


def make_shift(member: str, date: dt.date, start: dt.time, end: dt.time, tz: ZoneInfo) -> Shift:
    """A shift from wall-clock times in the centre's timezone; an end at or before the start
    is on the next day (a night shift)."""
    begin = dt.datetime.combine(date, start, tz)
    finish = dt.datetime.combine(date, end, tz)
    if finish <= begin:
        finish = dt.datetime.combine(date + dt.timedelta(days=1), end, tz)
    return Shift(member, date, int(begin.timestamp()), int(finish.timestamp()))


def late_sign_in(shift: Shift, signed_in_at: int | None, grace_minutes: int) -> int | None:
    """Whole minutes late (counted from the shift start), when past the grace; else None.

    Our rule is "more than 3 minutes after the shift starts": at 3 min 0 s a
    member is on time, at 3 min 1 s they are late by 3 min (minutes round down).
    """
    if signed_in_at is None:
        return None
    late_s = signed_in_at - shift.start
    if late_s <= grace_minutes * 60:
        return None
    return late_s // 60


def left_early(shift: Shift, signed_out_at: int | None, grace_minutes: int) -> int | None:
    """Whole minutes early (counted to the shift end), when past the grace; else None."""
    if signed_out_at is None:
        return None
    early_s = shift.end - signed_out_at
    if early_s <= grace_minutes * 60:
        return None
    return early_s // 60


def adherence(shift: Shift | None, sign_ins: Iterable[tuple[int, int | None]],
              late_grace: int, early_grace: int) -> list[str]:  # fmt: skip
    """The roster's violations for one member's day: `late sign-in N min`, `left early N min`.

    `sign_ins` are the day's signed-in spans (start, end or None while still
    signed in). The first start is the sign-in; the last end the sign-out.
    """
    if shift is None:
        return []
    spans = sorted(sign_ins)
    if not spans:
        return []
    found = []
    late = late_sign_in(shift, spans[0][0], late_grace)
    if late is not None:
        found.append(f"late sign-in {late} min")
    early = left_early(shift, spans[-1][1], early_grace)
    if early is not None:
        found.append(f"left early {early} min")
    return found


def seat_mark(shift: Shift | None, signed_in_at: int | None, logged_off_since: int | None,
              now: int, late_grace: int, early_grace: int) -> str:  # fmt: skip
    """What the seat grid's roster column says of a member at `now`, by the same two rules:

    `left -12m` once they signed out more than the grace before their shift's end,
    `late +7m` when they signed in more than the grace after its start, `absent`
    while rostered and not signed in past the start's grace; blank otherwise
    (no shift today, on time, or the shift not begun). `logged_off_since` is when
    a logged-off member signed out (None while signed in).
    """
    if shift is None or now < shift.start:
        return ""
    if logged_off_since is not None and shift.start <= logged_off_since <= now:
        early = left_early(shift, logged_off_since, early_grace)
        if early is not None:
            return f"left -{early}m"
    if signed_in_at is None or signed_in_at < shift.start - 3600:
        # Not signed in for this shift (a sign-in hours before it belongs to another one).
        if logged_off_since is None or logged_off_since < shift.start:
            grace_over = now > shift.start + late_grace * 60
            return "absent" if grace_over and now < shift.end else ""
        return ""
    late = late_sign_in(shift, signed_in_at, late_grace)
    return f"late +{late}m" if late is not None else ""


def seat_mark_steady_until(shift: Shift | None, logged_off_since: int | None, now: int,
                           late_grace: int) -> int | None:  # fmt: skip
    """The first moment after `now` at which `seat_mark` may say something else for the same
    sign-in and sign-out (None: never). Its words change with `now` only as `now` passes the
    shift's start, the start's grace, the shift's end and the sign-out."""
    if shift is None:
        return None
    edges = (shift.start, shift.start + late_grace * 60 + 1, shift.end, logged_off_since)
    return min((edge for edge in edges if edge is not None and edge > now), default=None)
