"""The line under the seats, worked out by hand: counts in state order, which floor it is."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from floortui.domain.floor_status import state_counts, status_text
from tests.floor_helpers import T0


def test_counts_every_state_in_order_and_says_only_those_with_members():
    counts = dict.fromkeys(("ready", "ringing", "on_call", "wrapup", "paused", "logged_off"), 0)
    counts.update(ready=3, on_call=15, paused=4, logged_off=18)
    text = status_text(counts, "sorted by state", None, dt.UTC)
    assert text == "live · 3 ready · 15 on call · 4 paused · 18 logged off · sorted by state"


def test_an_empty_floor_says_so():
    assert state_counts({})["ready"] == 0
    assert status_text(state_counts({}), "sorted by state", None, dt.UTC) == (
        "live · no members on the floor yet · sorted by state")  # fmt: skip


def test_a_past_moment_in_the_centres_time_and_while_it_is_read():
    tokyo = ZoneInfo("Asia/Tokyo")  # T0 is Fri 13 Nov 2026 09:00 UTC: 18:00 in Tokyo
    counts = {"ready": 1}
    assert status_text(counts, "grouped by team", T0 + 300, tokyo) == (
        "AT Fri 13 Nov 18:05 — [ ] step 5 min, esc back to live · 1 ready · grouped by team"
    )
    assert status_text(counts, "v", T0, tokyo, reading=True).startswith(
        "AT Fri 13 Nov 18:00 (reading…) — "
    )
