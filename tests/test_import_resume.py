"""Importing again adds nothing; appended lines import once; a killed import resumes cleanly."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from floortui.adapters.importer import Importer
from floortui.config import Config
from floortui.store.db import open_database
from tests.conftest import rows

CALL = (
    "{t}|{t}.{n}|sales|NONE|ENTERQUEUE||31255{n:05d}|1\n"
    "{t1}|{t}.{n}|sales|Bob Baker|RINGNOANSWER|0\n"
    "{t2}|{t}.{n}|sales|Alice Archer|CONNECT|2|{t}.{m}|1\n"
    "{t3}|{t}.{n}|sales|Alice Archer|COMPLETEAGENT|2|33|1\n"
)


def calls_log(count: int, start: int = 1795374600) -> str:
    """`count` answered calls, four lines each, overlapping in time."""
    return "".join(
        CALL.format(t=start + 7 * n, t1=start + 7 * n + 1, t2=start + 7 * n + 2,
                    t3=start + 7 * n + 35, n=n, m=n + 500000)
        for n in range(count)
    )  # fmt: skip


def snapshot(db_path: Path) -> dict:
    """What a user could see of the store, ids included, to compare two imports."""
    conn = sqlite3.connect(db_path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("queue_log_events", "calls", "call_rings", "member_pauses", "quarantine")
        } | {"members": conn.execute("SELECT name FROM members ORDER BY name").fetchall()}
    finally:
        conn.close()


def test_importing_the_same_file_twice_adds_nothing(import_log, db_path):
    text = "1795374500|NONE|NONE|NONE|QUEUESTART|\nbroken\n" + calls_log(50)
    _, first = import_log(text)
    before = snapshot(db_path)
    _, second = import_log(text)
    assert (first.imported, first.set_aside) == (201, 1)
    assert (second.imported, second.set_aside) == (0, 0)
    assert snapshot(db_path) == before


def test_appended_lines_import_once_and_a_partial_line_waits(tmp_path, db_path):
    log = tmp_path / "queue_log"
    db = open_database(db_path)
    importer = Importer(db, Config())
    log.write_text(
        "1795374562|1.1|sales|NONE|ENTERQUEUE||555|1\n"
        "1795374564|1.1|sales|Alice Archer|CONNECT|2|1.3|1\n"
        "1795374597|1.1|sales|Alice Archer|COMPL"  # the PBX is still writing this line
    )
    first = importer.import_path(log)
    assert (first.imported, first.partial_line_waiting) == (2, True)
    assert rows(db, "SELECT ended_at, outcome FROM calls") == [{"ended_at": None, "outcome": None}]

    with log.open("a") as handle:
        handle.write("ETEAGENT|2|33|1\n1795374600|2.1|sales|NONE|ENTERQUEUE||556|1\n")
    second = Importer(open_database(db_path), Config()).import_path(log)
    assert (second.imported, second.partial_line_waiting, second.resumed_at_line) == (2, False, 2)
    assert rows(db, "SELECT callid, outcome, talk_s FROM calls ORDER BY id") == [
        {"callid": "1.1", "outcome": "COMPLETEAGENT", "talk_s": 33},
        {"callid": "2.1", "outcome": None, "talk_s": None},
    ]
    numbers = [r[0] for r in db.execute("SELECT line_number FROM queue_log_events ORDER BY id")]
    assert numbers == [1, 2, 3, 4]


def test_a_renamed_file_is_recognised_and_continued(tmp_path, db_path):
    log = tmp_path / "queue_log"
    log.write_text(calls_log(10))
    db = open_database(db_path)
    Importer(db, Config()).import_path(log)
    with log.open("a") as handle:
        handle.write(calls_log(2, start=1795380000))
    rotated = log.rename(tmp_path / "queue_log.1")  # logrotate, after a few more lines
    summary = Importer(db, Config()).import_path(rotated)
    assert (summary.imported, summary.resumed_at_line) == (8, 40)
    assert db.execute("SELECT count(*) FROM calls").fetchone() == (12,)
    assert rows(db, "SELECT path FROM import_sources") == [{"path": str(rotated)}]


def test_killed_import_resumes_without_losing_or_duplicating(tmp_path):
    log = tmp_path / "queue_log"
    log.write_text("1795374500|NONE|NONE|NONE|QUEUESTART|\n" + calls_log(60_000))
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"
    command = [sys.executable, "-m", "floortui.cli", "import", str(log), "--format", "queue_log"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    process = subprocess.Popen([*command, "--db", str(killed_db)], env=env, cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    offset = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            conn = sqlite3.connect(killed_db, timeout=0.1)
            offset = conn.execute("SELECT max(offset_bytes) FROM import_sources").fetchone()[0] or 0
            conn.close()
        except sqlite3.Error:
            offset = 0
        if offset > 0:
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert 0 < offset < log.stat().st_size

    resumed = subprocess.run([*command, "--db", str(killed_db)], env=env, cwd=tmp_path,
                             capture_output=True, text=True, check=True)  # fmt: skip
    assert "resumed after line" in resumed.stdout
    subprocess.run([*command, "--db", str(clean_db)], env=env, cwd=tmp_path, check=True,
                   capture_output=True)  # fmt: skip
    killed, clean = snapshot(killed_db), snapshot(clean_db)
    assert len(clean["queue_log_events"]) == 240_001
    assert len(clean["calls"]) == 60_000
    assert killed == clean
