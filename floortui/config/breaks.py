"""`breaks:`: the centre's break rules, the defaults of the break rotation.

Every rule of issue 8 §4 is one field here with our centre's value as its
default, so another centre changes a number in config.yaml, not the code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from floortui.config.base import _Section


class MealWindow(_Section):
    """A stretch of the day in which meal breaks are taken, arranged by call volume."""

    start: dt.time = Field(description="When the window opens (HH:MM, day.timezone).")
    end: dt.time = Field(description="When the last meal break must have ended (HH:MM).")
    minutes: int = Field(30, ge=5, le=120, description="How long each meal break is.")
    reason: str = Field("Lunch", min_length=1, description="The pause reason the PBX logs.")

    @model_validator(mode="after")
    def _long_enough(self) -> MealWindow:
        start = self.start.hour * 60 + self.start.minute
        end = self.end.hour * 60 + self.end.minute
        if end - start < self.minutes:
            raise ValueError("a window at least as long as its meal break (end after start)")
        return self


class BreakSettings(_Section):
    """The break rotation's rules; see the fields for each."""

    earned_minutes_per_hour: int = Field(
        5, ge=0, le=30, description="Break minutes a member earns per hour signed in."
    )
    earning: Literal["whole_hours", "pro_rata"] = Field(
        "whole_hours",
        description="whole_hours: only completed hours earn (3 h 50 min earns 15 min); "
        "pro_rata: every minute earns its share, rounded down to a whole minute.",
    )
    break_reasons: list[str] = Field(
        default_factory=lambda: ["Break", "Lunch"],
        description="Pause reasons (as the PBX logs them) that are breaks.",
    )
    allowance_minutes: dict[str, int] = Field(
        default_factory=lambda: {"Break": 15, "Lunch": 30},
        description="How long a break of each reason may last before it is overdue.",
    )
    default_allowance_minutes: int = Field(
        15, ge=1, le=240, description="The allowance of a break reason not listed above."
    )
    shortest_break_minutes: int = Field(
        5, ge=1, le=60, description="A member is due a break once they are owed this much."
    )
    quiet_after_sign_in_minutes: int = Field(
        30,
        ge=0,
        le=240,
        description="No break, pause or sign-out within this long of signing in (flagged).",
    )
    exempt_pause_reasons: list[str] = Field(
        default_factory=lambda: ["Auto-Pause"],
        description="Pauses the phone system makes itself: never a breach of the rule above.",
    )
    max_out_per_team: int | None = Field(
        2, ge=1, description="At most this many of one team out at once (null: no limit)."
    )
    max_out_per_queue: int | None = Field(
        None, ge=1, description="At most this many of one queue's members out at once."
    )
    max_waiting: int = Field(
        3, ge=0, description="Nobody is sent while a queue of theirs has more callers waiting."
    )
    hold_below_service_level: bool = Field(
        True,
        description="Nobody is sent while a queue of theirs is below its target today "
        "(queues.<name>.service_level_target_pct).",
    )
    longest_without_break_minutes: int = Field(
        150,
        ge=30,
        description="Working this long since signing in or the last break is a missed break.",
    )
    confirm_window_minutes: int = Field(
        5, ge=0, le=60, description="A PBX break pause this close to 'sent' confirms the break."
    )
    skip_for_minutes: int = Field(
        30, ge=1, description="A skipped member is not proposed again for this long."
    )
    meal_windows: list[MealWindow] = Field(
        default_factory=list, description="When meal breaks are taken (none: no meal plan)."
    )
    meal_volume_from: Literal["weeks", "today"] = Field(
        "weeks",
        description="Arrange meals by the hourly calls of the last weeks (same weekday) "
        "or of today so far.",
    )
    meal_volume_weeks: int = Field(4, ge=1, le=26, description="How many weeks 'weeks' reads.")
    roster: Path | None = Field(
        None, description="A roster CSV (member, date, shift start, shift end): adherence."
    )
    late_sign_in_minutes: int = Field(
        3, ge=0, description="Signing in more than this long after the shift starts is late."
    )
    left_early_minutes: int = Field(
        3, ge=0, description="Signing out more than this long before the shift ends is early."
    )

    @field_validator("break_reasons")
    @classmethod
    def _some_reason(cls, reasons: list[str]) -> list[str]:
        if not reasons or not all(r.strip() for r in reasons):
            raise ValueError("a list of pause reasons such as [Break, Lunch]")
        return reasons

    def allowance(self, reason: str | None) -> int:
        """Minutes a break of `reason` may last."""
        return self.allowance_minutes.get(reason or "", self.default_allowance_minutes)
