"""Meal breaks arranged by call volume: the quietest slots of a window, fairly shared out.

A meal window (`breaks.meal_windows`) is cut into slots of the meal's length;
each slot is as busy as the calls expected in it (the hourly pattern of the
last weeks, or of today so far, spread evenly over each hour). Only so many
members may be out at once (the team's limit), so the members need
`ceil(members / capacity)` slots: the quietest ones are taken, and members
are seated in them in the order they signed in, so whoever started first
eats first.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from floortui.config.breaks import MealWindow


def slot_starts(window: MealWindow, day: dt.date, tz: dt.tzinfo) -> list[int]:
    """Every start (epoch) of a meal of the window's length that ends inside the window."""
    start = int(dt.datetime.combine(day, window.start, tz).timestamp())
    end = int(dt.datetime.combine(day, window.end, tz).timestamp())
    length = window.minutes * 60
    return list(range(start, end - length + 1, length))


def expected_calls(start: int, seconds: int, hourly: Mapping[int, float], tz: dt.tzinfo) -> float:
    """Calls expected in [start, start + seconds), each clock hour's calls spread evenly."""
    total, t, end = 0.0, start, start + seconds
    while t < end:
        moment = dt.datetime.fromtimestamp(t, tz)
        hour_end = t + 3600 - (moment.minute * 60 + moment.second)
        step = min(end, hour_end) - t
        total += hourly.get(moment.hour, 0.0) * step / 3600
        t += step
    return total


def plan_meals(members: Sequence[str], window: MealWindow, day: dt.date, tz: dt.tzinfo,
               hourly: Mapping[int, float], capacity: int) -> dict[str, int]:  # fmt: skip
    """Member → proposed meal start; `members` in sign-in order, `capacity` out at once.

    Ties between equally quiet slots go to the earlier slot. Members beyond
    what the window can hold (too many for its slots) get no proposal.
    """
    if capacity < 1 or not members:
        return {}
    starts = slot_starts(window, day, tz)
    length = window.minutes * 60
    needed = min(len(starts), math.ceil(len(members) / capacity))
    quiet = sorted(starts, key=lambda s: (expected_calls(s, length, hourly, tz), s))[:needed]
    plan: dict[str, int] = {}
    for index, member in enumerate(members[: needed * capacity]):
        plan[member] = sorted(quiet)[index // capacity]
    return plan


def hourly_pattern(counts: Mapping[int, int], days: int) -> dict[int, float]:
    """Clock hour → calls per hour, averaged over `days` days' counts."""
    return {hour: n / days for hour, n in counts.items()} if days else {}


def today_so_far(counts: Mapping[int, int], now_hour: int) -> dict[int, float]:
    """Today's hourly calls so far; hours still to come are taken as the last hour seen."""
    pattern = {h: float(n) for h, n in counts.items() if h < now_hour}
    last = pattern[max(pattern)] if pattern else 0.0
    for hour in range(now_hour, 24):
        pattern[hour] = last
    return pattern


@dataclass(frozen=True)
class MealSlot:
    """One slot of a meal window's plan: who is proposed to eat from `start`, for `minutes`."""

    reason: str
    start: int
    minutes: int
    members: tuple[str, ...]


def slots_ahead(plans: Mapping[str, Mapping[str, int]], windows: Sequence[MealWindow],
                had: Mapping[str, set[str]], now: int) -> tuple[MealSlot, ...]:  # fmt: skip
    """The plan's slots still running or to come at `now`, each with the members who have not
    had that meal yet (`had`: reason → members who took a break with that reason today)."""
    minutes = {w.reason: w.minutes for w in windows}
    slots = []
    for reason, plan in plans.items():
        length = minutes.get(reason, 30) * 60
        by_start: dict[int, list[str]] = {}
        for member, start in plan.items():
            if member not in had.get(reason, set()) and start + length > now:
                by_start.setdefault(start, []).append(member)
        slots += [MealSlot(reason, start, length // 60, tuple(sorted(names)))
                  for start, names in by_start.items()]  # fmt: skip
    return tuple(sorted(slots, key=lambda s: (s.start, s.reason)))
