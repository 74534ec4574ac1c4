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

    def shift(self, member: str, date: dt.date) -> Shift | None:
        return self.shifts.get((member, date))

    def on(self, date: dt.date) -> dict[str, Shift]:
        """Member → shift, for everyone rostered on `date`."""
        return {m: s for (m, d), s in self.shifts.items() if d == date}


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
