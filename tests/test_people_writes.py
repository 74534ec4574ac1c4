"""Writes made by people: stored with who and when, append-only, and never blocked by an import.

The import here is the real one (floortui.adapters.importer.Importer, in a second
process as `floortui import` would run it) on a few hundred thousand simulated
queue_log lines; the person's write is made from this process meanwhile.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from floortui.adapters.chunks import CHUNK_BYTES
from floortui.demo.simulate import demo_members, simulate, write_queue_log
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter, PersonWriteFailed

ROOT = Path(__file__).resolve().parents[1]
IMPORT = """
import sys, time
from floortui.adapters.importer import Importer
from floortui.store.db import open_database
started = time.monotonic()
summary = Importer(open_database(sys.argv[1])).import_path(sys.argv[2])
print(summary.imported, time.monotonic() - started)
"""


@pytest.fixture
def writer(db_path: Path) -> PeopleWriter:
    open_database(db_path)
    writer = PeopleWriter(db_path, clock=lambda: 1795380000.7)
    yield writer
    writer.close()


def test_a_write_stores_who_and_when_and_its_own_rows_with_it(writer, db_path) -> None:
    db = open_database(db_path)
    db.execute("CREATE TABLE callbacks (write_id INTEGER, call TEXT, note TEXT)")
    written = writer.write(
        "callback.marked", "1795374562.0", {"note": "rang back, sorted"}, "Sam Supervisor",
        rows=lambda conn, w: conn.execute(
            "INSERT INTO callbacks VALUES (?,?,?)", (w.id, w.subject, w.payload["note"])
        ),
    )  # fmt: skip
    assert (written.written_by, written.written_at) == ("Sam Supervisor", 1795380000)
    stored = db.execute("SELECT kind, subject, payload, written_by, written_at FROM person_writes")
    assert stored.fetchall() == [
        ("callback.marked", "1795374562.0", '{"note": "rang back, sorted"}', "Sam Supervisor",
         1795380000)
    ]  # fmt: skip
    assert db.execute("SELECT * FROM callbacks").fetchall() == [
        (written.id, "1795374562.0", "rang back, sorted")
    ]
    assert writer.history("callback.marked") == [written]


def test_a_write_without_a_person_is_refused(writer) -> None:
    with pytest.raises(PersonWriteFailed, match="person"):
        writer.write("break.sent", "Alice Archer", {}, " ")


def test_person_writes_cannot_be_changed_or_removed(writer, db_path) -> None:
    writer.write("shift.note", None, {"text": "queue sales down 10 min"}, "Sam Supervisor")
    db = open_database(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE person_writes SET written_by = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM person_writes")


def test_a_write_that_touches_imported_rows_is_refused_whole(writer, import_log) -> None:
    db, _ = import_log("1795374562|1795374562.0|sales|NONE|ENTERQUEUE||3125550143|1\n")
    for sql in ("DELETE FROM queue_log_events", "UPDATE calls SET outcome = 'ABANDON'",
                "INSERT INTO member_pauses (member, queue, started_at, started_by)"
                " VALUES ('x', 'sales', 1, 'PAUSE')"):  # fmt: skip
        with pytest.raises(PersonWriteFailed, match="never changes it"):
            writer.write("evaluation.saved", "1795374562.0", {}, "Rita Reviewer",
                         rows=lambda conn, w, sql=sql: conn.execute(sql))  # fmt: skip
    assert db.execute("SELECT count(*) FROM queue_log_events").fetchone()[0] == 1
    assert db.execute("SELECT outcome FROM calls").fetchall() == [(None,)]
    assert db.execute("SELECT count(*) FROM person_writes").fetchone()[0] == 0


def test_a_store_held_locked_too_long_gives_one_clear_line(db_path) -> None:
    open_database(db_path)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    writer = PeopleWriter(db_path, busy_timeout_s=0.1, give_up_after_s=0.5)
    try:
        started = time.monotonic()
        with pytest.raises(PersonWriteFailed, match=r"busy .* nothing was saved"):
            writer.write("break.sent", "Alice Archer", {}, "Sam Supervisor")
        assert time.monotonic() - started < 2
    finally:
        holder.execute("ROLLBACK")
    assert writer.write("break.sent", "Alice Archer", {}, "Sam Supervisor").id == 1
    writer.close()


def test_a_write_during_a_big_import_waits_for_one_batch_only(tmp_path, db_path) -> None:
    log = tmp_path / "queue_log"
    members = demo_members()
    lines = write_queue_log(log, simulate(members, ["sales", "support", "billing"],
                                          1795305600, 24, seed=8, max_lines=300_000))  # fmt: skip
    open_database(db_path)
    writer = PeopleWriter(db_path)
    reader = sqlite3.connect(db_path, isolation_level=None)

    def imported() -> int:
        return reader.execute("SELECT coalesce(sum(lines_imported), 0) FROM import_sources")\
            .fetchone()[0]  # fmt: skip

    importer = subprocess.Popen(
        [sys.executable, "-c", IMPORT, str(db_path), str(log)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while imported() == 0 and importer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        waits, during, passed = [], [], []
        for n in range(5):
            before = imported()
            started = time.monotonic()
            writer.write("break.sent", f"member {n}", {"minutes": 15}, "Sam Supervisor")
            waits.append(time.monotonic() - started)
            during.append(imported())
            passed.append(during[-1] - before)
            time.sleep(0.02)
        out, err = importer.communicate(timeout=300)
    finally:
        if importer.poll() is None:
            importer.kill()
    assert importer.returncode == 0, err
    total, import_s = out.split()
    assert int(total) == lines
    # Every write landed while the import still had lines to store...
    assert all(0 < n < lines for n in during), during
    # ...and none waited for more than a batch or two, let alone the whole import: counted
    # in the lines the import stored while the write waited, which a slow machine slows alike.
    print(f"writes waited {[round(w * 1000) for w in waits]} ms, {passed} lines went by;"
          f" import took {import_s} s")  # fmt: skip
    batch_lines = lines * CHUNK_BYTES / log.stat().st_size
    assert max(passed) <= 3 * batch_lines, (passed, batch_lines, waits)
    assert max(waits) < 5.0, waits
    assert [w.subject for w in writer.history("break.sent")] == [f"member {n}" for n in range(5)]
    assert imported() == lines
    writer.close()
