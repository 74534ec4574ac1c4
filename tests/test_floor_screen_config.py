"""The floor's `floor:` section: thresholds per state and pause reason, checked on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from floortui.config import ConfigError, load_config, parse_config


def test_listing_one_reason_keeps_the_other_defaults() -> None:
    floor = parse_config({"floor": {"pause_reasons": {"Lunch": {"warning_s": 3600}}}}).floor
    assert floor.pause_reasons["Lunch"].warning_s == 3600
    assert floor.pause_reasons["Break"].alert_s == 420
    assert floor.level("paused", "Lunch", 3599) == "ok"
    assert floor.level("paused", "Training", 601) == "alert", "other reasons: states.paused"
    assert floor.level("ready", None, 99_999) == "ok", "ready never changes colour by default"


def test_an_alert_before_its_warning_is_one_line() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"floor": {"states": {"wrapup": {"warning_s": 60, "alert_s": 30}}}})
    assert str(caught.value) == (
        "config.yaml: floor.states.wrapup = {'warning_s': 60, 'alert_s': 30}: expected an"
        " alert_s of at least warning_s (the alert comes after the warning)"
    )


def test_a_state_that_is_not_one_is_named() -> None:
    with pytest.raises(ConfigError, match=r"floor\.states\.on_hold.*expected ready, ringing"):
        parse_config({"floor": {"states": {"on_hold": {"warning_s": 60}}}})


def test_the_demo_config_documents_the_defaults() -> None:
    config = load_config(Path(__file__).parents[1] / "config.yaml")
    assert config.floor == parse_config({}).floor
