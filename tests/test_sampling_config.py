"""`sampling:` settings: our defaults, and a mistyped value named with its key and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from floortui.config import ConfigError, load_config, parse_config
from floortui.config.sampling import SamplingSettings


def _message(section: dict) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config({"sampling": section})
    return str(caught.value).removeprefix("config.yaml: ")


def test_the_demo_config_states_our_defaults() -> None:
    """config.yaml spells every sampling key out with the defaults: reading it changes nothing."""
    demo = load_config(Path(__file__).parents[1] / "config.yaml").sampling
    assert demo == SamplingSettings()
    assert parse_config({}).sampling == SamplingSettings()
    assert parse_config({"sampling": {"ratio": 0.2}}).sampling.ratio == 0.2


def test_defaults_are_our_rules() -> None:
    s = SamplingSettings()
    assert (s.ratio, s.min_per_day, s.max_per_day, s.min_per_month, s.min_talk_s) == (
        0.10, 1, 5, 3, 10,
    )  # fmt: skip
    assert s.new_hire_months == 3 and s.hour_weight(9) == 1.0 and s.seed == 0
    assert SamplingSettings(hour_weights={9: 2.5}).hour_weight(9) == 2.5


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"ratio": 0}, "sampling.ratio = 0: expected a share of answered calls above 0 and "
                       "at most 1, such as 0.10"),
        ({"ratio": 10}, "sampling.ratio = 10: expected a share of answered calls above 0 and "
                        "at most 1, such as 0.10"),
        ({"min_per_day": 3, "max_per_day": 2},
         "sampling.max_per_day = 2: expected a number no smaller than min_per_day (3)"),
        ({"max_per_day": 0}, "sampling.max_per_day = 0: expected a number of at least 1"),
        ({"min_per_month": -1}, "sampling.min_per_month = -1: expected a number of at least 0"),
        ({"hour_weights": {24: 1}},
         "sampling.hour_weights = {24: 1}: expected clock hours 0-23 as keys (not 24), "
         "such as 9: 1.5"),
        ({"hour_weights": {9: -1}},
         "sampling.hour_weights = {9: -1}: expected weights of 0 or more (hour 9 has -1)"),
        ({"new_hire_boost": 0.5},
         "sampling.new_hire_boost = 0.5: expected a multiplier from 1 (no boost) to 20, "
         "such as 2"),
        ({"low_score_below": 120},
         "sampling.low_score_below = 120: expected a QA score in % from 0 to 100, such as 70"),
        ({"seeed": 1}, "sampling.seeed: unknown key (check the spelling; see config.yaml's "
                       "comments)"),
    ],
)  # fmt: skip
def test_a_bad_value_names_its_key(section: dict, message: str) -> None:
    assert _message(section) == message
