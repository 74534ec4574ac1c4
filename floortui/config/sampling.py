"""`sampling:`: which recordings QA listens to each day, and how many.

Our QA rules (issue 9 §1) as fields with our centre's values as defaults:
each day, per member, a ratio of that day's answered calls, at least
`min_per_day` and at most `max_per_day`, more for new hires, low scorers and
members flagged for coaching, weighted by hour of day, and never fewer than
`min_per_month` a month. `seed` makes a day's draw the same every time it is
made, so "why was this call chosen" can always be answered again.
"""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator

from floortui.config.base import _Section


class SamplingSettings(_Section):
    """The daily QA sample's policy; see the fields for each rule."""

    ratio: float = Field(
        0.10,
        description="The share of a member's answered calls (with a usable recording) "
        "sampled each day, before boosts: 0.10 is 10 %.",
    )
    min_per_day: int = Field(
        1, ge=0, le=100, description="At least this many listens per member per day worked."
    )
    max_per_day: int = Field(
        5, ge=1, le=100, description="At most this many listens per member per day."
    )
    min_per_month: int = Field(
        3,
        ge=0,
        le=100,
        description="At least this many listens per member per calendar month (our rule: "
        "1-5); a member behind it gets extra listens on the days they work.",
    )
    min_talk_s: int = Field(
        10, ge=0, description="Calls with less talk than this (seconds) are never sampled."
    )
    hour_weights: dict[int, float] = Field(
        default_factory=dict,
        description="Clock hour (0-23, day.timezone) → weight of the calls answered in it: "
        "2 listens to that hour's calls twice as much, 0 never; hours not listed weigh 1.",
    )
    new_hire_months: int = Field(
        3, ge=0, le=24, description="A member whose hire_date is less than this many months "
        "ago is a new hire.",
    )  # fmt: skip
    new_hire_boost: float = Field(
        2.0, description="New hires' ratio is multiplied by this (1: no boost)."
    )
    low_score_below: float = Field(
        70.0,
        description="A member whose recent QA average (%) is below this is a low scorer.",
    )
    low_score_days: int = Field(
        30, ge=1, le=365, description="How many days back 'recent' QA evaluations go."
    )
    low_score_boost: float = Field(
        2.0, description="Low scorers' ratio is multiplied by this (1: no boost)."
    )
    coaching_boost: float = Field(
        1.5, description="The ratio of members flagged for coaching is multiplied by this."
    )
    seed: int = Field(
        0, description="Any whole number: the same seed and day always draw the same sample."
    )

    @field_validator("ratio")
    @classmethod
    def _share(cls, ratio: float) -> float:
        if not 0 < ratio <= 1:
            raise ValueError("a share of answered calls above 0 and at most 1, such as 0.10")
        return ratio

    @field_validator("max_per_day")
    @classmethod
    def _not_below_min(cls, most: int, info: ValidationInfo) -> int:
        least = info.data.get("min_per_day")
        if least is not None and most < least:
            raise ValueError(f"a number no smaller than min_per_day ({least})")
        return most

    @field_validator("hour_weights")
    @classmethod
    def _clock_hours(cls, weights: dict[int, float]) -> dict[int, float]:
        for hour, weight in weights.items():
            if not 0 <= hour <= 23:
                raise ValueError(f"clock hours 0-23 as keys (not {hour}), such as 9: 1.5")
            if weight < 0:
                raise ValueError(f"weights of 0 or more (hour {hour} has {weight:g})")
        return weights

    @field_validator("low_score_below")
    @classmethod
    def _percentage(cls, below: float) -> float:
        if not 0 <= below <= 100:
            raise ValueError("a QA score in % from 0 to 100, such as 70")
        return below

    @field_validator("new_hire_boost", "low_score_boost", "coaching_boost")
    @classmethod
    def _multiplier(cls, boost: float) -> float:
        if not 1 <= boost <= 20:
            raise ValueError("a multiplier from 1 (no boost) to 20, such as 2")
        return boost

    def hour_weight(self, hour: int) -> float:
        """The weight of calls answered in clock hour `hour`."""
        return self.hour_weights.get(hour, 1.0)
