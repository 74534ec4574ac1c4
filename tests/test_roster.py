"""The roster CSV and adherence: late sign-in (more than 3 min after the start), left early."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from floortui.adapters.roster import RosterError, parse_roster, read_roster
from floortui.domain.roster import adherence, late_sign_in, left_early, make_shift

LONDON = ZoneInfo("Europe/London")
DAY = dt.date(2026, 11, 13)


def test_rows_are_read_and_bad_ones_set_aside_with_line_and_reason():
    roster = parse_roster(
        "member,date,shift start,shift end\n"
        "Ann,2026-11-13,09:00,17:00\n"
        "\n"
        "Ben,2026-11-13,22:00,06:00\n"
        "Cat,2026-11-13,9am,17:00\n"
        "Dan,2026-11-13,09:00\n"
        ",2026-11-13,09:00,17:00\n"
        "Ann,2026-11-13,10:00,18:00\n"
        "Eve,13.11.2026,09:00,17:00\n",
        LONDON,
    )
    ann = roster.shift("Ann", DAY)
    assert ann.start == int(dt.datetime(2026, 11, 13, 9, tzinfo=LONDON).timestamp())
    assert ann.end - ann.start == 8 * 3600
    ben = roster.shift("Ben", DAY)
    assert ben.end - ben.start == 8 * 3600  # a night shift ends the next morning
    assert [(r.line, r.reason) for r in roster.set_aside] == [
        (5, "'9am' is not a time of day (HH:MM)"),
        (6, "3 columns; a shift has 4: member, date, shift start, shift end"),
        (7, "no member name"),
        (8, "Ann's shift on 2026-11-13 is given twice (first at line 2)"),
        (9, "'13.11.2026' is not a date (YYYY-MM-DD)"),
    ]
    assert sorted(roster.on(DAY)) == ["Ann", "Ben"]


def test_a_roster_without_header_and_with_a_bom_reads(tmp_path: Path):
    path = tmp_path / "roster.csv"
    path.write_text("\ufeffAnn,2026-11-13,09:00:30,17:00\n", encoding="utf-8")
    assert read_roster(path, LONDON).shift("Ann", DAY) is not None
    with pytest.raises(RosterError, match="roster file not found"):
        read_roster(tmp_path / "none.csv", LONDON)


def test_late_is_more_than_the_grace_after_the_start():
    shift = make_shift("Ann", DAY, dt.time(9), dt.time(17), dt.UTC)
    assert late_sign_in(shift, shift.start + 180, 3) is None  # 3 min 00 s: on time
    assert late_sign_in(shift, shift.start + 181, 3) == 3
    assert late_sign_in(shift, shift.start + 7 * 60 + 20, 3) == 7
    assert late_sign_in(shift, shift.start + 181, 5) is None
    assert late_sign_in(shift, shift.start - 600, 3) is None


def test_left_early_is_more_than_the_grace_before_the_end():
    shift = make_shift("Ann", DAY, dt.time(9), dt.time(17), dt.UTC)
    assert left_early(shift, shift.end - 180, 3) is None
    assert left_early(shift, shift.end - 30 * 60, 3) == 30
    assert left_early(shift, None, 3) is None  # still signed in


def test_adherence_reads_the_first_sign_in_and_the_last_sign_out():
    shift = make_shift("Ann", DAY, dt.time(9), dt.time(17), dt.UTC)
    spans = [(shift.start + 10 * 60, shift.start + 3600), (shift.start + 7200, shift.end - 600)]
    assert adherence(shift, spans, 3, 3) == ["late sign-in 10 min", "left early 10 min"]
    assert adherence(None, spans, 3, 3) == []
    assert adherence(shift, [(shift.start, None)], 3, 3) == []


def test_the_configured_roster_is_read_from_the_configs_folder(tmp_path: Path):
    from floortui.adapters.roster import configured_roster
    from floortui.config import load_config, parse_config

    (tmp_path / "roster.csv").write_text("Ann,2026-11-13,09:00,17:00\n")
    (tmp_path / "config.yaml").write_text("breaks: {roster: roster.csv}\nday: {timezone: UTC}\n")
    config = load_config(tmp_path / "config.yaml")
    assert configured_roster(config).shift("Ann", DAY) is not None, "wherever floortui runs"
    assert configured_roster(parse_config({}), tmp_path).shifts == {}
    (tmp_path / "roster.csv").unlink()
    with pytest.raises(RosterError, match=f"{tmp_path / 'roster.csv'}: roster file not found"):
        configured_roster(config)
