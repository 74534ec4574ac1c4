"""Broken lines are set aside with their line number and reason; the rest imports."""

from __future__ import annotations

import sqlite3

import pytest

from floortui.store.db import open_database
from floortui.store.imports import ImportStore
from tests.conftest import rows

GOOD_CALL = (
    "1795374562|1795374562.0|sales|NONE|ENTERQUEUE||3125550143|1\n"
    "1795374564|1795374562.0|sales|Alice Archer|CONNECT|2|1795374562.3|1\n"
    "1795374597|1795374562.0|sales|Alice Archer|COMPLETEAGENT|2|33|1\n"
)


def test_malformed_lines_go_to_quarantine_with_line_number_and_reason(import_log):
    text = (
        "1795374500|NONE|NONE|NONE|QUEUESTART|\n"
        "1795374501|NONE|sales\n"  # line 2: too few fields
        "17953x4502|1.1|sales|NONE|ENTERQUEUE||555|1\n"  # line 3: time not a number
        "\n"  # line 4: blank, skipped silently
        "1795374503|1.1|sales|NONE|enter queue?|\n"  # line 5: not an event name
    ) + GOOD_CALL  # lines 6-8
    db, summary = import_log(text)
    assert (summary.imported, summary.set_aside) == (4, 3)
    set_aside = rows(
        db, "SELECT line_number, raw_text, reason FROM quarantine ORDER BY line_number"
    )
    assert [(r["line_number"], r["reason"]) for r in set_aside] == [
        (2, "too few fields (3; an event needs time|callid|queue|agent|event)"),
        (3, "time '17953x4502' is not a Unix time in seconds"),
        (5, "event name 'enter queue?' is not an event"),
    ]
    assert set_aside[0]["raw_text"] == "1795374501|NONE|sales"
    # The good lines around them are all there, with their own line numbers.
    numbers = [r[0] for r in db.execute("SELECT line_number FROM queue_log_events ORDER BY id")]
    assert numbers == [1, 6, 7, 8]
    assert rows(db, "SELECT outcome FROM calls") == [{"outcome": "COMPLETEAGENT"}]
    assert "3 set aside" in summary.describe()


def test_binary_garbage_is_set_aside(import_log):
    garbage = bytes(b for b in range(32) if b not in (10, 13)) + b"\xff\xfe|||||\x00\x01"
    data = GOOD_CALL.encode() + garbage + b"\n" + b"1795374600|NONE|sales|Bob|PAUSE|Break\n"
    db, summary = import_log(data)
    assert (summary.imported, summary.set_aside) == (4, 1)
    (bad,) = rows(db, "SELECT line_number, reason FROM quarantine")
    assert bad == {"line_number": 4, "reason": "binary data, not text"}


def test_invalid_utf8_in_a_name_is_kept_with_the_bytes_replaced(import_log):
    latin1_name = "José Núñez".encode("latin-1")
    data = (
        b"1795374562|1.1|sales|NONE|ENTERQUEUE||3125550143|1\n"
        b"1795374564|1.1|sales|" + latin1_name + b"|CONNECT|2|1.3|1\n"
        b"1795374597|1.1|sales|" + latin1_name + b"|COMPLETECALLER|2|33|1\n"
    )
    db, summary = import_log(data)
    assert (summary.imported, summary.set_aside) == (3, 0)
    (call,) = rows(db, "SELECT member, talk_s FROM calls")
    assert call == {"member": "Jos\ufffd N\ufffd\ufffdez", "talk_s": 33}


def test_windows_line_endings_are_read(import_log):
    db, summary = import_log(GOOD_CALL.replace("\n", "\r\n"))
    assert (summary.imported, summary.set_aside) == (3, 0)
    assert rows(db, "SELECT member, caller_number FROM calls") == [
        {"member": "Alice Archer", "caller_number": "3125550143"}
    ]


def test_an_event_name_with_a_space_is_set_aside(import_log):
    """`ENTER QUEUE` is upper case but not an event name: the fast path must not let it in."""
    text = GOOD_CALL + (
        "1795374601|1795374600.2|sales|NONE|ENTER QUEUE||2002|1\n"
        "1795374602|1795374600.3|sales|NONE|ENTER-QUEUE!||2003|1\n"
    )
    db, summary = import_log(text)
    assert summary.imported == 3
    assert [(r["line_number"], r["reason"]) for r in rows(db, "SELECT * FROM quarantine")] == [
        (4, "event name 'ENTER QUEUE' is not an event"),
        (5, "event name 'ENTER-QUEUE!' is not an event"),
    ]


def test_a_write_lock_left_by_sqlite_full_raises_the_real_error(db_path):
    """SQLite ends the transaction itself on SQLITE_FULL; the lock must not ROLLBACK again."""
    store = ImportStore(open_database(db_path))
    with pytest.raises(sqlite3.OperationalError, match="the real error"), store.write_lock():
        store.conn.execute("ROLLBACK")  # what SQLite does on SQLITE_FULL
        raise sqlite3.OperationalError("the real error")
    assert not store.conn.in_transaction
