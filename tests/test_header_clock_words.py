"""The header's clock words, worked out once a minute, read as strftime would put them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from floortui.widgets.header import moment_text

ZONES = [None, dt.UTC, ZoneInfo("Europe/London"), ZoneInfo("America/St_Johns"),
         ZoneInfo("Asia/Kathmandu"), ZoneInfo("Australia/Lord_Howe"),
         ZoneInfo("Europe/Amsterdam")]  # fmt: skip


def _strftime(at: int, tz) -> str:
    return dt.datetime.fromtimestamp(at, tz).strftime("%a %d %b %H:%M:%S")


@given(st.integers(-2_000_000_000, 4_000_000_000), st.sampled_from(ZONES))
def test_the_clock_reads_as_strftime_puts_it(at: int, tz) -> None:
    assert moment_text(at, tz) == _strftime(at, tz)


def test_each_second_of_a_minute_and_across_a_clock_change() -> None:
    london = ZoneInfo("Europe/London")
    change = 1792890000  # 2026-10-25 01:00 UTC: 02:00 BST goes back to 01:00 GMT
    for at in range(change - 120, change + 120):
        assert moment_text(at, london) == _strftime(at, london)
    assert moment_text(change - 1, london) == "Sun 25 Oct 01:59:59"
    assert moment_text(change, london) == "Sun 25 Oct 01:00:00"


def test_a_zone_whose_offset_had_seconds_in_it() -> None:
    amsterdam = ZoneInfo("Europe/Amsterdam")  # +00:19:32 before 1937
    at = -1_500_000_000
    assert moment_text(at, amsterdam) == _strftime(at, amsterdam)
    assert _strftime(at, amsterdam)[-2:] != f"{at % 60:02d}"
