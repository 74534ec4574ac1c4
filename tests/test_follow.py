"""Following a live queue_log: appended lines import once, through logrotate and restarts."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from floortui.adapters.follow import Follower
from floortui.adapters.importer import Importer
from floortui.config import Config
from floortui.live import follow_sources
from floortui.store.db import open_database
from tests.conftest import rows

AGENTS = ("Alice Archer", "Bob Baker")
CALL_COLUMNS = "callid, queue, entered_at, answered_at, ended_at, wait_s, talk_s, outcome, member"


def call_lines(count: int, start: int = 1795374600) -> list[str]:
    """`count` answered calls, one after the other, three queue_log lines each."""
    lines = []
    for n in range(count):
        t, agent = start + 40 * n, AGENTS[n % 2]
        callid = f"{t}.{n}"
        lines += [
            f"{t}|{callid}|sales|NONE|ENTERQUEUE||31255{n:05d}|1\n",
            f"{t + 3}|{callid}|sales|{agent}|CONNECT|3|{t}.{n + 1000}|2\n",
            f"{t + 30}|{callid}|sales|{agent}|COMPLETEAGENT|3|27|1\n",
        ]
    return lines


def append(path: Path, *parts: str | list[str]) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write("".join("".join(p) for p in parts))


def stored_lines(db: Database) -> list[tuple]:
    """(file, line number, time, callid, event) of every stored line; files in import order."""
    found = db.execute(
        "SELECT source_id, line_number, time, callid, event FROM queue_log_events"
        " ORDER BY source_id, line_number"
    ).fetchall()
    rank = {source: k for k, source in enumerate(sorted({r[0] for r in found}))}
    return [(rank[source], *rest) for source, *rest in found]


def written_lines(*files: list[str]) -> list[tuple]:
    """What stored_lines must show for these files' contents: each line once, in place."""
    return [
        (k, number, int(fields[0]), fields[1], fields[4])
        for k, lines in enumerate(files)
        for number, line in enumerate(lines, 1)
        for fields in [line.split("|")]
    ]


def calls(db: Database) -> list[tuple]:
    return db.execute(f"SELECT {CALL_COLUMNS} FROM calls ORDER BY entered_at").fetchall()


def clean_calls(folder: Path, lines: list[str]) -> list[tuple]:
    """The calls one plain import of the same lines, as one file, gives."""
    folder.mkdir()
    (folder / "queue_log").write_text("".join(lines))
    db = open_database(folder / "floortui.db")
    Importer(db, Config()).import_path(folder / "queue_log")
    return calls(db)


@pytest.fixture
def db(db_path: Path) -> Database:
    return open_database(db_path)


@pytest.fixture
def follow(db: Database) -> Iterator[Callable[..., Follower]]:
    """Make followers on the test's store (or another connection to it); closed at the end."""
    made: list[Follower] = []

    def make(paths: list[Path], store: Database | None = None, **kwargs) -> Follower:
        follower = Follower(Importer(store or db, Config()), paths, **kwargs)
        made.append(follower)
        return follower

    yield make
    for follower in made:
        follower.close()


def test_lines_written_in_pieces_import_once_whole(tmp_path, db, follow):
    log = tmp_path / "queue_log"
    log.touch()  # the PBX created it and has written nothing yet
    follower = follow([log])
    assert follower.poll() == []
    assert follower.status[log] == "waiting for its first line"

    lines = call_lines(20)
    append(log, lines[0][:25])  # not even the first line is whole: the format is unknown yet
    assert follower.poll() == []
    assert follower.status[log] == "waiting for its first line"
    assert rows(db, "SELECT count(*) AS n FROM import_sources") == [{"n": 0}]

    append(log, lines[0][25:], lines[1][:10])
    [summary] = follower.poll()
    assert (summary.imported, summary.partial_line_waiting) == (1, True)
    assert follower.status[log] == "following"
    assert rows(db, "SELECT answered_at, outcome FROM calls") == [
        {"answered_at": None, "outcome": None}
    ]

    append(log, lines[1][10:], lines[2])
    assert [s.imported for s in follower.poll()] == [2]
    assert rows(db, "SELECT member, outcome, talk_s FROM calls") == [
        {"member": "Alice Archer", "outcome": "COMPLETEAGENT", "talk_s": 27}
    ]

    rest = "".join(lines[3:])
    for start in range(0, len(rest), 61):  # the PBX's writes rarely end on a line's end
        append(log, rest[start : start + 61])
        follower.poll()
    assert follower.poll() == []
    assert stored_lines(db) == written_lines(lines)
    assert calls(db) == clean_calls(tmp_path / "clean", lines)


def test_rename_rotation_drains_the_old_file_then_reads_the_new_one(tmp_path, db, follow):
    log, rotated = tmp_path / "queue_log", tmp_path / "queue_log.1"
    lines = call_lines(12)
    old, new = lines[:19], lines[19:]  # call 7 enters the queue before the rotation, ends after
    log.write_text("".join(old[:9]))
    follower = follow([log])
    follower.poll()

    with log.open("a") as pbx:  # the PBX's own handle: it keeps writing there until it reopens
        pbx.write("".join(old[9:15]))
        pbx.flush()
        log.rename(rotated)  # logrotate, just after those lines
        pbx.write("".join(old[15:17]))
        pbx.flush()
        follower.poll()
        assert follower.status[log] == "waiting for the file"
        assert stored_lines(db) == written_lines(old[:17])

        log.touch()  # logrotate's `create`; the PBX has not reopened its log yet
        pbx.write(old[17])
        pbx.flush()
        follower.poll()
        assert follower.status[log] == "rotated, reading the new file"
        assert stored_lines(db) == written_lines(old[:18])
        pbx.write(old[18])  # the new file is still empty: the old one may still grow
        pbx.flush()

    append(log, new[:4])  # the PBX reopened the log: from now on only the new file grows
    follower.poll()
    assert stored_lines(db) == written_lines(old, new[:4])
    append(log, new[4:])
    follower.poll()
    assert follower.poll() == []
    assert stored_lines(db) == written_lines(old, new)
    assert calls(db) == clean_calls(tmp_path / "clean", lines)
    assert rows(db, "SELECT outcome, talk_s FROM calls WHERE callid = ?", ("1795374840.6",)) == [
        {"outcome": "COMPLETEAGENT", "talk_s": 27}
    ]


def test_a_rotation_between_two_passes_loses_nothing(tmp_path, db, follow):
    log = tmp_path / "queue_log"
    lines = call_lines(10)
    old, new = lines[:14], lines[14:]
    log.write_text("".join(old[:6]))
    follower = follow([log])
    follower.poll()

    append(log, old[6:])  # written right before the rename, never seen through the path
    log.rename(tmp_path / "queue_log.1")
    log.write_text("".join(new))  # and the new file already has lines when the follower looks
    summaries = follower.poll()

    assert [s.imported for s in summaries] == [8, 16]
    assert stored_lines(db) == written_lines(old, new)
    assert calls(db) == clean_calls(tmp_path / "clean", lines)
    assert len(calls(db)) == 10


@pytest.mark.parametrize("written_again_before_a_pass", [False, True])
def test_copytruncate_reads_the_copy_s_tail_then_the_file_from_its_start(
    tmp_path, db, follow, written_again_before_a_pass
):
    log, copy = tmp_path / "queue_log", tmp_path / "queue_log.1"
    lines = call_lines(12)
    old, new = lines[:19], lines[19:]
    log.write_text("".join(old[:12]))
    follower = follow([log])
    follower.poll()
    inode = log.stat().st_ino

    append(log, old[12:])  # after the follower's last pass, before logrotate's copy
    shutil.copy2(log, copy)
    os.truncate(log, 0)
    if written_again_before_a_pass:  # longer than what was read: only the first line tells
        append(log, new)
        assert log.stat().st_size > len("".join(old[:12]))
    else:
        follower.poll()
        assert follower.status[log] == "copied and truncated, reading it anew"
        assert stored_lines(db) == written_lines(old)
        assert follower.poll() == []  # still empty: waits
        append(log, new)
    follower.poll()

    assert log.stat().st_ino == inode
    assert follower.poll() == []
    assert stored_lines(db) == written_lines(old, new)
    assert calls(db) == clean_calls(tmp_path / "clean", lines)


def test_a_restarted_follower_resumes_where_the_last_one_stopped(tmp_path, db_path, follow):
    log = tmp_path / "queue_log"
    lines = call_lines(10)
    log.write_text("".join(lines[:10]))
    first = follow([log], store=open_database(db_path))
    first.poll()
    first.close()

    append(log, lines[10:20], lines[20][:8])  # while floortui was not running
    second = follow([log], store=open_database(db_path))
    [summary] = second.poll()
    assert (summary.resumed_at_line, summary.imported) == (10, 10)
    assert summary.partial_line_waiting
    append(log, lines[20][8:], lines[21:])
    second.poll()

    db = open_database(db_path)
    assert stored_lines(db) == written_lines(lines)
    assert rows(db, "SELECT count(*) AS n FROM import_sources") == [{"n": 1}]
    assert calls(db) == clean_calls(tmp_path / "clean", lines)


def test_a_file_created_after_the_follower_started_is_read_from_its_start(tmp_path, db, follow):
    present, later = tmp_path / "a" / "queue_log", tmp_path / "b" / "queue_log"
    present.parent.mkdir()
    present.write_text("".join(call_lines(2)))
    follower = follow([present, later])
    assert [s.imported for s in follower.poll()] == [6]
    assert follower.status == {present: "following", later: "waiting for the file"}

    later.parent.mkdir()
    later.write_text("".join(call_lines(3, start=1795400000)))
    assert [(s.path, s.imported) for s in follower.poll()] == [(str(later), 9)]
    assert follower.status[later] == "following"
    assert len(calls(db)) == 5


def test_a_file_that_cannot_be_read_says_why_and_is_retried(tmp_path, follow):
    log, folder = tmp_path / "queue_log", tmp_path / "logs"
    log.write_text("this is not a queue_log\n")
    folder.mkdir()
    follower = follow([log, folder])
    assert follower.poll() == []
    assert follower.status[log].startswith("cannot read: not a queue_log or cdr_csv file")
    assert follower.status[folder] == "cannot read: is a directory, not a log file"


def test_the_follow_loop_picks_up_appended_lines_within_a_second(tmp_path, db_path, follow):
    log = tmp_path / "queue_log"
    lines = call_lines(3)
    log.write_text("".join(lines[:3]))
    follower = follow([log], store=open_database(db_path))
    stop, seen = threading.Event(), []
    thread = threading.Thread(
        target=follow_sources, args=([follower], stop, seen.append), daemon=True
    )
    thread.start()
    reader = sqlite3.connect(db_path)

    def answered() -> int:
        return reader.execute("SELECT count(*) FROM calls WHERE outcome IS NOT NULL").fetchone()[0]

    try:
        deadline = time.monotonic() + 2
        while answered() < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        append(log, lines[3:])
        written = time.monotonic()
        while answered() < 3 and time.monotonic() - written < 2:
            time.sleep(0.02)
        waited, answered_calls = time.monotonic() - written, answered()
    finally:
        stop.set()
        thread.join(2)
        reader.close()
    assert not thread.is_alive()
    assert answered_calls == 3
    assert waited < 1.0
    assert sum(s.imported for s in seen) == len(lines)
