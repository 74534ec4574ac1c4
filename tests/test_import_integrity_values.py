"""Implausible times and durations are set aside with the reason; figures stay the good lines'."""

from __future__ import annotations

import pytest

from floortui.adapters.importer import Importer
from floortui.config import Config
from floortui.queries.reports import member_report, queue_report
from floortui.store.db import open_database
from tests.conftest import rows
from tests.test_import_resume import calls_log

START = "1795374500|NONE|NONE|NONE|QUEUESTART|\n"


def clean_store(folder, text: str):
    """The store one import of `text` alone gives."""
    folder.mkdir()
    (folder / "queue_log").write_text(text)
    db = open_database(folder / "floortui.db")
    Importer(db, Config()).import_path(folder / "queue_log")
    return db


def reasons(db) -> list[tuple[int, str]]:
    return [
        (r["line_number"], r["reason"])
        for r in rows(db, "SELECT line_number, reason FROM quarantine ORDER BY line_number")
    ]


def test_a_swapped_line_does_not_make_the_longest_wait_57_years(import_log, tmp_path):
    good = START + calls_log(20)
    lines = good.splitlines(keepends=True)
    # time and hold time swapped, as a broken exporter wrote it
    swapped = "34|1795374600.0|sales|Alice Archer|CONNECT|1794564468|1795374600.500000|1\n"
    db, summary = import_log("".join([*lines[:41], swapped, *lines[41:]]))
    (clean,) = queue_report(db, Config())
    assert summary.set_aside == 1
    [(number, reason)] = reasons(db)
    assert number == 42
    assert reason.startswith("implausible time (34 is 1970-01-01 00:00:34 UTC,")

    (expected,) = queue_report(clean_store(tmp_path / "clean", good), Config())
    assert clean == expected
    assert clean.max_wait_s == 2
    assert clean.avg_wait_answered_s == 2


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "{t}|{t}.9|sales|Alice Archer|CONNECT|1794564468|{t}.10|1",
            "implausible hold time (1794564468 s: longer than a day)",
        ),
        (
            "{t}|{t}.9|sales|Alice Archer|CONNECT|2|{t}.10|-3",
            "implausible ring time (-3 s: negative)",
        ),
        (
            "{t}|{t}.9|sales|Alice Archer|COMPLETEAGENT|2|1794564468.21|1",
            "implausible talk time ('1794564468.21' is a uniqueid, not a duration)",
        ),
        ("{t}|{t}.9|sales|NONE|ABANDON|1|1|-40", "implausible wait time (-40 s: negative)"),
        ("{t}|{t}.9|sales|NONE|EXITWITHKEY|5|1|1|90000", "implausible wait time (90000 s:"),
        (
            "{t}|{t}.9|sales|Alice Archer|BLINDTRANSFER|2001|ctx|3|100000|1",
            "implausible talk time (100000 s: longer than a day)",
        ),
        (
            "{t}|{t}.9|sales|Alice Archer|ATTENDEDTRANSFER|BRIDGE|abc|99999999|5|1",
            "implausible hold time (99999999 s",
        ),
        (
            "{t}|{t}.9|sales|Bob Baker|RINGNOANSWER|1794564468000",
            "implausible ring time (1794564468000 ms: longer than a day)",
        ),
    ],
)
def test_a_duration_that_cannot_be_is_set_aside(import_log, line, reason):
    t = 1795374700
    good = START + calls_log(10)
    db, summary = import_log(good + line.format(t=t) + "\n")
    assert summary.set_aside == 1
    [(number, why)] = reasons(db)
    assert number == 42 and why.startswith(reason)
    assert summary.reasons
    assert db.execute("SELECT count(*) FROM calls").fetchone() == (10,)
    assert db.execute("SELECT count(*) FROM call_rings").fetchone() == (10,)
    assert db.execute("SELECT count(*) FROM queue_log_events").fetchone() == (41,)


def test_a_line_days_out_of_order_is_set_aside(import_log):
    lines = (START + calls_log(20)).splitlines(keepends=True)
    stray = "1794338100|1794338100.1|sales|NONE|ENTERQUEUE||555|1\n"  # 12 days earlier
    db, summary = import_log("".join([*lines[:30], stray, *lines[30:]]))
    assert summary.set_aside == 1
    [(number, reason)] = reasons(db)
    assert number == 31
    assert "12 days from the lines around it" in reason
    assert db.execute("SELECT count(*) FROM calls").fetchone() == (20,)


def test_a_weekend_gap_in_a_quiet_log_is_not_set_aside(import_log):
    friday = calls_log(3, start=1795539600)
    monday = calls_log(3, start=1795539600 + 3 * 86_400 - 7200)  # 2 days 22 h later
    tuesday = calls_log(2, start=1795539600 + 4 * 86_400)
    db, summary = import_log(START.replace("1795374500", "1795539000") + friday + monday + tuesday)
    assert summary.set_aside == 0
    assert db.execute("SELECT count(*) FROM calls").fetchone() == (8,)


def test_the_file_s_first_line_from_another_decade_is_set_aside(import_log):
    db, summary = import_log("1000|NONE|NONE|NONE|QUEUESTART|\n" + calls_log(3))
    assert summary.set_aside == 1
    assert reasons(db)[0][0] == 1


def test_member_figures_are_those_of_the_good_lines(import_log, tmp_path):
    good = START + calls_log(5)
    bad = "1795374700|1795374700.9|sales|Alice Archer|COMPLETEAGENT|2|-500|1\n"
    db, _ = import_log(good + bad)
    assert member_report(db) == member_report(clean_store(tmp_path / "clean", good))
