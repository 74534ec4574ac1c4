"""Listening's pure rules: legs in order, typed times, speeds and the position from frames."""

from __future__ import annotations

import pytest

from floortui.domain.listening import (
    BOTH,
    SPEEDS,
    clock_text,
    elapsed_s,
    faster,
    legs_of,
    parse_time,
    slower,
)


def row(path: str, leg: str, duration: float = 10.0, status: str = "ok", problem=None) -> dict:
    return {"path": path, "leg": leg, "duration_s": duration, "status": status,
            "problem": problem}  # fmt: skip


def test_a_pair_is_one_leg_and_a_transfer_follows_it() -> None:
    legs = legs_of([row("a-in.wav", "in", 12), row("a-out.wav", "out", 11.5),
                    row("a-transfer.wav", "transfer", 30)])  # fmt: skip
    assert [leg.label for leg in legs] == ["in + out", "transfer"]
    assert legs[0].duration_s == 12 and legs[0].side_choices() == (BOTH, "in", "out")
    assert legs[0].paths_for(BOTH) == ["a-in.wav", "a-out.wav"]
    assert legs[0].paths_for("out") == ["a-out.wav"]
    assert legs[1].side_choices() == ("transfer",)


def test_half_a_pair_plays_alone_and_a_problem_is_kept() -> None:
    legs = legs_of([row("a.wav", "mixed", status="writing"), row("a-in.wav", "in")])
    assert [leg.label for leg in legs] == ["call", "in"]
    assert legs[0].problem == "the recording is still being written (call in progress?)"
    assert legs[1].problem is None


@pytest.mark.parametrize(("typed", "seconds"), [
    ("90", 90), ("1:30", 90), (" 1:02:03 ", 3723), ("1m30s", 90), ("2m", 120), ("45s", 45),
    ("0:07.5", 7.5),
])  # fmt: skip
def test_typed_times(typed: str, seconds: float) -> None:
    assert parse_time(typed) == seconds


@pytest.mark.parametrize("typed", ["", "abc", "1:75", "-3"])
def test_what_is_not_a_time_says_what_is(typed: str) -> None:
    with pytest.raises(ValueError, match="1:30"):
        parse_time(typed)


def test_speeds_step_between_three_quarters_and_double() -> None:
    assert faster(1.0) == 1.25 and slower(1.0) == 0.75
    assert faster(2.0) == 2.0 and slower(0.75) == 0.75
    assert SPEEDS[0] == 0.75 and SPEEDS[-1] == 2.0


def test_the_position_counts_recording_time_not_wall_time() -> None:
    assert elapsed_s(10.0, 8000, 1.5, 8000) == 11.5
    assert clock_text(75) == "1:15" and clock_text(3723) == "1:02:03"
