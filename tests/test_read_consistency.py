"""Reports read one snapshot of the store: while a follower writes, no figure goes backwards.

A member pauses, comes back and pauses again, over and over, in a real
queue_log that a real Follower imports line by line in a thread. Reports with
no `--to` run meanwhile on their own connection. A pause still open runs to the
data's "now" (the last imported line); if "now" were read before a follower
commit and the pauses after it, the new open pause would count backwards and
`paused_s` would drop (it did: 1020 → 926).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from floortui.adapters.follow import Follower
from floortui.adapters.importer import Importer
from floortui.config import parse_config
from floortui.queries.reports import member_report, queue_report
from floortui.store.db import open_database, read_transaction

T0 = 1794560400
STEPS = 400


def _step_lines(k: int) -> str:
    """Bob Baker comes back 10 s after his last pause and pauses again 100 s after it.

    A caller enters at each step too, so the queue figures keep growing.
    """
    paused_at = T0 + 100 * k
    back, again = paused_at + 10, paused_at + 100
    return (
        f"{back}|NONE|sales|Bob Baker|UNPAUSE|\n"
        f"{back}|{back}.{k}|sales|NONE|ENTERQUEUE||0100{k:04d}|1\n"
        f"{again}|NONE|sales|Bob Baker|PAUSE|Break\n"
    )


def _start(log: Path) -> None:
    log.write_text(
        f"{T0}|NONE|NONE|NONE|QUEUESTART|\n"
        f"{T0}|NONE|sales|PJSIP/2002|ADDMEMBER|\n"
        f"{T0}|NONE|sales|Bob Baker|PAUSE|Break\n",
        encoding="utf-8",
    )


def test_paused_s_never_goes_backwards_while_a_follower_writes(tmp_path: Path) -> None:
    log, store = tmp_path / "queue_log", tmp_path / "floortui.db"
    _start(log)
    config = parse_config({}, base=tmp_path)
    writer_db = open_database(store)
    follower = Follower(Importer(writer_db, config), [log], "auto")
    follower.poll()
    done = threading.Event()

    def write() -> None:
        try:
            for k in range(STEPS):
                with open(log, "a", encoding="utf-8") as handle:
                    handle.write(_step_lines(k))
                follower.poll()
        finally:
            done.set()

    reader = open_database(store)
    writer = threading.Thread(target=write, name="follower")
    writer.start()
    previous_paused, previous_offered, reports = 0, 0, 0
    drops: list[tuple[int, int]] = []
    try:
        while not done.is_set() or reports < 10:
            members = {row.agent: row for row in member_report(reader)}
            queues = {row.queue: row for row in queue_report(reader, config)}
            reports += 1
            bob = members.get("Bob Baker")
            paused = bob.paused_s.get("sales", 0) if bob else 0
            offered = queues["sales"].offered if "sales" in queues else 0
            if paused < previous_paused:
                drops.append((previous_paused, paused))
            assert offered >= previous_offered
            previous_paused, previous_offered = paused, offered
    finally:
        writer.join()
        follower.close()
    assert not drops, (
        f"paused_s went backwards {len(drops)} times in {reports} reports: {drops[:5]}"
    )
    # Every pause but the last ran 10 s; the last one is open at the last line.
    final = {row.agent: row for row in member_report(reader)}["Bob Baker"]
    assert final.paused_s == {"sales": 10 * STEPS}
    assert reports > 20, "the reports must overlap the follower's writes"


def test_a_read_transaction_sees_one_snapshot(tmp_path: Path) -> None:
    """Inside read_transaction, a commit from another connection is not seen; after it, it is."""
    store = tmp_path / "floortui.db"
    writer, reader = open_database(store), open_database(store)
    writer.execute("CREATE TABLE t (n INTEGER)")
    writer.execute("INSERT INTO t VALUES (1)")
    with read_transaction(reader) as db:
        assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 1
        writer.execute("INSERT INTO t VALUES (2)")
        with read_transaction(db):  # nested: joins the outer snapshot
            assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 1
        assert list(db.query("SELECT count(*) AS n FROM t")) == [{"n": 1}]
    assert reader.execute("SELECT count(*) FROM t").fetchone()[0] == 2
    assert not reader.conn.in_transaction


def test_a_failed_read_ends_its_transaction(tmp_path: Path) -> None:
    reader = open_database(tmp_path / "floortui.db")
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"), read_transaction(reader):
        reader.execute("SELECT * FROM no_such_table")
    assert not reader.conn.in_transaction
    started = time.monotonic()
    with read_transaction(reader):
        reader.execute("SELECT 1")
    assert time.monotonic() - started < 1


def test_threads_sharing_a_connection_take_turns_at_reading(tmp_path: Path) -> None:
    """The app's workers share its connection: a second reader waits for the first's snapshot
    to end instead of joining it (and having it committed under it) or beginning another."""
    db = open_database(tmp_path / "floortui.db")
    inside, release, order = threading.Event(), threading.Event(), []

    def first() -> None:
        with read_transaction(db):
            order.append("first in")
            inside.set()
            release.wait(5)
            order.append("first out")

    def second() -> None:
        inside.wait(5)
        with read_transaction(db):
            order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)  # the second has tried to read by now
    release.set()
    for thread in threads:
        thread.join(5)
    assert order == ["first in", "first out", "second in"]
