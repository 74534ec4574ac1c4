"""`breaks:` in config.yaml: our centre's rules as defaults, each one changeable, bad ones named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from floortui.config import ConfigError, parse_config


def test_the_defaults_are_our_centres_rules():
    breaks = parse_config({}).breaks
    assert (breaks.earned_minutes_per_hour, breaks.earning) == (5, "whole_hours")
    assert breaks.quiet_after_sign_in_minutes == 30
    assert (breaks.max_out_per_team, breaks.max_out_per_queue, breaks.max_waiting) == (2, None, 3)
    assert breaks.hold_below_service_level is True
    assert (breaks.late_sign_in_minutes, breaks.left_early_minutes) == (3, 3)
    assert breaks.break_reasons == ["Break", "Lunch"]
    assert (breaks.allowance("Break"), breaks.allowance("Lunch"), breaks.allowance("Gym")) == (
        15, 30, 15)  # fmt: skip
    assert breaks.roster is None and breaks.meal_windows == []


def test_every_rule_can_be_changed():
    breaks = parse_config({"breaks": {
        "earned_minutes_per_hour": 10, "earning": "pro_rata", "quiet_after_sign_in_minutes": 15,
        "max_out_per_team": 3, "max_out_per_queue": 1, "max_waiting": 0,
        "hold_below_service_level": False, "late_sign_in_minutes": 5, "left_early_minutes": 0,
        "break_reasons": ["Pausa"], "allowance_minutes": {"Pausa": 12},
        "meal_windows": [{"start": "12:00", "end": "14:30", "minutes": 45, "reason": "Comida"}],
        "roster": "roster.csv",
    }}).breaks  # fmt: skip
    assert (breaks.earned_minutes_per_hour, breaks.earning, breaks.max_out_per_queue) == (
        10, "pro_rata", 1)  # fmt: skip
    assert breaks.allowance("Pausa") == 12
    [meal] = breaks.meal_windows
    assert (meal.start, meal.end, meal.minutes, meal.reason) == (
        dt.time(12), dt.time(14, 30), 45, "Comida")  # fmt: skip
    assert breaks.roster == Path.cwd() / "roster.csv", "relative to the config, like store.path"


@pytest.mark.parametrize(("breaks", "message"), [
    ({"earning": "rounded"}, "breaks.earning = 'rounded': expected whole_hours or pro_rata"),
    ({"quiet_after_sign_in_minutes": -1},
     "breaks.quiet_after_sign_in_minutes = -1: expected a number of at least 0"),
    ({"max_out_per_team": 0}, "breaks.max_out_per_team = 0: expected a number of at least 1"),
    ({"break_reasons": []}, "breaks.break_reasons = []: expected a list of pause reasons"),
    ({"meal_windows": [{"start": "14:00", "end": "13:00"}]},
     "breaks.meal_windows[0]"),
    ({"max_out": 2}, "breaks.max_out: unknown key"),
])  # fmt: skip
def test_a_bad_rule_is_one_line_naming_the_key(breaks, message):
    with pytest.raises(ConfigError) as failed:
        parse_config({"breaks": breaks})
    assert message in str(failed.value) and "\n" not in str(failed.value)
