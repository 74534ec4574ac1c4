"""Parsers fuzzed as a hostile file would feed them: nothing raises, every line is accounted for.

hypothesis mixes real-format lines with their broken cousins (fields cut short or
added, times that are not times, control bytes, quotes never closed, huge fields)
and checks the identities a supervisor relies on: each physical line is an event,
a set-aside line, a blank line or part of a quoted field, exactly once, with its
own line number.
"""

from __future__ import annotations

import zoneinfo
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from floortui.adapters.cdr import CdrLayout, ParsedCdr, parse_cdr
from floortui.adapters.importer import Importer, ImportFailed
from floortui.adapters.queue_log import Parsed, event_rows, parse_text
from floortui.config import Config
from floortui.store.db import open_database
from floortui.store.sources import list_sources

TZ = zoneinfo.ZoneInfo("Europe/London")
EVENTS = ["ENTERQUEUE", "CONNECT", "COMPLETECALLER", "ABANDON", "PAUSE", "RINGNOANSWER"]

_field = st.text(alphabet=st.characters(blacklist_characters="|\n\r"), max_size=12)
_good_line = st.builds(
    lambda t, c, q, a, e, d: f"{t}|{c}|{q}|{a}|{e}|{'|'.join(d)}",
    st.integers(1794500000, 1794600000),
    st.from_regex(r"\A1794[0-9]{6}\.[0-9]{1,4}\Z"),
    st.sampled_from(["sales", "support", "NONE"]),
    st.sampled_from(["Alice Archer", "PJSIP/2001", "NONE"]),
    st.sampled_from(EVENTS),
    st.lists(st.sampled_from(["", "2", "33", "1", "Break", "3125550143"]), max_size=5),
)
#: Python's float() reads these, and int() of the result raises: a time or a number they are not.
NOT_FINITE = ["inf", "-inf", "nan", "1e999", "INFINITY", "Infinity"]
_hostile_line = st.one_of(
    st.sampled_from(NOT_FINITE).map(lambda t: f"{t}|1794500000.1|sales|NONE|ENTERQUEUE||0100|1"),
    st.sampled_from(NOT_FINITE).map(lambda n: f"1794500000|1.1|sales|Alice|CONNECT|{n}|1.1|{n}"),
    st.text(max_size=60).map(lambda s: s.replace("\n", "")),  # anything at all
    st.lists(_field, min_size=1, max_size=9).map("|".join),  # the right shape, wrong content
    _good_line.map(lambda line: line[: len(line) // 2]),  # cut short (a disk-full cut)
    _good_line.map(lambda line: line.replace("|", "\x00|", 1)),  # binary garbage
    st.just(""),
)
_lines = st.lists(st.one_of(_good_line, _hostile_line), max_size=40)


@given(_lines)
@example(["\r", "\r\r", ""])  # an empty CRLF line is blank; a stray CR is not
def test_queue_log_lines_are_each_an_event_set_aside_or_blank(lines: list[str]) -> None:
    text = "".join(f"{line}\n" for line in lines)
    parsed = Parsed()
    count = parse_text(text, 1, TZ, parsed)
    assert count == len(lines)
    assert len(parsed.events) + len(parsed.set_aside) + parsed.blank == len(lines)
    numbers = [number for number, _, _ in parsed.set_aside]
    assert len(set(numbers)) == len(numbers) and all(1 <= n <= len(lines) for n in numbers)
    # The store's second reading of the same text agrees with the first, line for line.
    rows = event_rows(text, 1, 7, set(numbers), parsed.time_fixes)
    assert len(rows) == len(parsed.events)
    # A line that is only a carriage return ends in CRLF: it is a blank line.
    assert [row[7] for row in rows] == sorted(
        n for n in range(1, len(lines) + 1) if n not in numbers and lines[n - 1].removesuffix("\r")
    )


_cell = st.one_of(
    st.sampled_from(NOT_FINITE),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=10),
    st.just('"'),
    st.just('""'),
    st.just("2026-11-13 09:30:00"),
    st.just("a" * 5000),
)
_cdr_line = st.one_of(
    st.lists(_cell, min_size=1, max_size=20).map(lambda cells: ",".join(cells)),
    st.lists(
        st.sampled_from(['"x"', '""', "3", '"PJSIP/2001-0000001a"', "2026-11-13 09:30:00"]),
        min_size=17,
        max_size=17,
    ).map(",".join),
    st.just('"an unclosed quote,1,2'),
    st.just(""),
)


def test_a_time_that_is_infinity_sets_its_line_aside_with_the_reason() -> None:
    parsed = Parsed()
    text = "".join(f"{t}|1794500000.1|sales|NONE|ENTERQUEUE||0100|1\n" for t in NOT_FINITE)
    assert parse_text(text, 1, TZ, parsed) == len(NOT_FINITE)
    assert parsed.events == []
    assert [(number, reason) for number, _, reason in parsed.set_aside] == [
        (n, f"time {t!r} is not a Unix time in seconds") for n, t in enumerate(NOT_FINITE, 1)
    ]


def test_a_cdr_duration_of_infinity_sets_its_line_aside() -> None:
    row = ['""', '"2001"', '"3000"', '"from-internal"', '"Alice"', '"PJSIP/2001-1"',
           '"PJSIP/3000-2"', '"Dial"', '"PJSIP/3000"', '"2026-11-13 09:30:00"',
           '"2026-11-13 09:30:05"', '"2026-11-13 09:31:00"', "inf", "55", '"ANSWERED"',
           '"DOCUMENTATION"', '"1794562200.1"']  # fmt: skip
    parsed = ParsedCdr()
    assert parse_cdr(",".join(row) + "\n", 1, 1, CdrLayout.cdr_csv(17), TZ, parsed) == 1
    assert parsed.rows == [] and [n for n, _, _ in parsed.set_aside] == [1]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_cdr_line.map(lambda s: s.replace("\n", " ").replace("\r", " ")), max_size=30))
def test_cdr_lines_are_each_a_row_set_aside_blank_or_inside_a_quoted_field(
    lines: list[str],
) -> None:
    text = "".join(f"{line}\n" for line in lines)
    parsed = ParsedCdr()
    taken = parse_cdr(text, 1, 1, CdrLayout.cdr_csv(17), TZ, parsed)
    assert taken == len(lines)
    assert len(parsed.rows) + len(parsed.set_aside) + parsed.blank + parsed.joined == len(lines)
    numbers = [row[-1] for row in parsed.rows] + [n for n, _, _ in parsed.set_aside]
    assert len(set(numbers)) == len(numbers), "a line is never both a row and set aside"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(_good_line, _hostile_line), min_size=1, max_size=40))
def test_a_hostile_file_imports_what_it_can_and_accounts_for_every_line(
    tmp_path_factory, lines: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    log = Path(folder) / "queue_log"
    good = "1794560400|NONE|NONE|NONE|QUEUESTART|\n" * 3  # so the file is known as queue_log
    # A lone surrogate is written as the invalid bytes it would be on disk (a file holds
    # bytes, not str): those lines must be read too, not make the test's own write fail.
    text = good + "".join(f"{line}\n" for line in lines)
    log.write_bytes(text.encode("utf-8", "surrogatepass"))
    db = open_database(folder / "floortui.db")
    try:
        summary = Importer(db, Config()).import_path(log)
    except ImportFailed:
        return  # one line for the user, never a traceback
    total = 3 + len(lines)
    assert summary.lines_read == total
    accounted = summary.imported + summary.set_aside + summary.blank + summary.already_imported
    assert accounted == total
    (source,) = list_sources(db)
    stored = source["lines_imported"] + source["lines_set_aside"] + source["lines_blank"]
    assert stored + source["lines_already_imported"] == total
    assert db["queue_log_events"].count == summary.imported
    assert db["quarantine"].count == summary.set_aside
