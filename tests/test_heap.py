"""The collector's pace floortui sets as it is imported (floortui/heap.py)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from floortui.heap import YOUNG_THRESHOLD, set_shift_pace


@pytest.fixture
def pace_kept():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_a_fresh_floortui_collects_the_young_every_20000_allocations() -> None:
    code = "import gc; print(gc.get_threshold()); import floortui; print(gc.get_threshold())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split("\n")  # fmt: skip
    assert out[0] == "(700, 10, 10)", "Python's own pace before"
    assert out[1] == f"({YOUNG_THRESHOLD}, 10, 10)"


def test_a_slower_pace_set_by_whoever_runs_floortui_is_kept(pace_kept) -> None:
    gc.set_threshold(50_000, 5, 5)
    set_shift_pace()
    assert gc.get_threshold() == (50_000, 5, 5)


def test_a_collector_turned_off_stays_off(pace_kept) -> None:
    gc.set_threshold(0, 10, 10)
    set_shift_pace()
    assert gc.get_threshold()[0] == 0


def test_the_older_generations_keep_their_pace(pace_kept) -> None:
    gc.set_threshold(700, 7, 3)
    set_shift_pace()
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 7, 3)
