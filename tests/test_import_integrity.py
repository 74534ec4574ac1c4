"""No line lost, doubled or invented: sources known by content, lines seen before counted once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from floortui.adapters.importer import Importer
from floortui.config import Config, parse_config
from floortui.store.db import open_database
from floortui.store.sources import list_sources
from tests.conftest import rows
from tests.test_import_resume import calls_log

CALL_COLUMNS = "callid, queue, entered_at, answered_at, ended_at, wait_s, talk_s, outcome, member"


def lines_of(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def calls(db) -> list[tuple]:
    return db.execute(f"SELECT {CALL_COLUMNS} FROM calls ORDER BY callid, queue").fetchall()


def clean_calls(folder: Path, text: str) -> list[tuple]:
    """The calls one plain import of `text`, as one file into a fresh store, gives."""
    folder.mkdir()
    (folder / "queue_log").write_text(text)
    db = open_database(folder / "floortui.db")
    Importer(db, Config()).import_path(folder / "queue_log")
    return calls(db)


# -- source identity -----------------------------------------------------------------


def test_a_log_whose_first_line_was_copied_into_another_file_imports_whole(tmp_path, db_path):
    start = "1795374500|NONE|NONE|NONE|QUEUESTART|\n"
    first = tmp_path / "queue_log"
    first.write_text(start + calls_log(10))
    other = tmp_path / "other_queue_log"
    other.write_text(start + calls_log(20, start=1795390000))  # longer than the first
    db = open_database(db_path)
    Importer(db, Config()).import_path(first)
    summary = Importer(db, Config()).import_path(other)

    assert summary.resumed_at_line == 0
    assert (summary.imported, summary.already_imported) == (80, 1)
    assert db.execute("SELECT count(*) FROM calls").fetchone() == (30,)
    sources = rows(db, "SELECT path, lines_read FROM import_sources ORDER BY id")
    assert sources == [
        {"path": str(first), "lines_read": 41},
        {"path": str(other), "lines_read": 81},
    ]


MAPPED_COLUMNS = ["uniqueid", "src", "dst", "start", "end", "billsec", "disposition"]
HEADER = "uniqueid,src,dst,start,end,billsec,disposition\n"


def export(first: int, count: int) -> str:
    return HEADER + "".join(
        f"1795374{n:03d}.{n},31255{n:05d},600,2026-11-23 10:{n // 60:02d}:{n % 60:02d},"
        f"2026-11-23 11:{n // 60:02d}:{n % 60:02d},60,ANSWERED\n"
        for n in range(first, first + count)
    )


def test_every_export_of_a_mapped_csv_with_the_same_header_imports_whole(tmp_path, db_path):
    (tmp_path / "monday.csv").write_text(export(0, 3))
    (tmp_path / "tuesday.csv").write_text(export(100, 6))  # same header, longer, other rows
    config = parse_config(
        {
            "day": {"timezone": "UTC"},
            "sources": [
                {"path": name, "format": "csv", "columns": MAPPED_COLUMNS, "header": True}
                for name in ("monday.csv", "tuesday.csv")
            ],
        },
        base=tmp_path,
    )
    db = open_database(db_path)
    importer = Importer(db, config)
    importer.import_path(tmp_path / "monday.csv")
    tuesday = importer.import_path(tmp_path / "tuesday.csv")

    assert (tuesday.resumed_at_line, tuesday.imported, tuesday.set_aside) == (0, 6, 0)
    assert db.execute("SELECT count(*) FROM cdr_legs").fetchone() == (9,)
    line_numbers = rows(db, "SELECT line_number FROM cdr_legs WHERE source_id = 2 ORDER BY id")
    assert [r["line_number"] for r in line_numbers] == [2, 3, 4, 5, 6, 7]
    assert importer.import_path(tmp_path / "tuesday.csv").imported == 0  # and it resumes


REALTIME_HEADER = "id,time,callid,queuename,agent,event,data1,data2,data3,data4,data5\n"


def realtime_export(first: int, count: int) -> str:
    out = [REALTIME_HEADER]
    for n in range(first, first + count):
        minute = f"2026-11-13 08:{n % 60:02d}"
        out += [
            f"{3 * n},{minute}:00,{n}.1,sales,NONE,ENTERQUEUE,,3125550143,1,,\n",
            f"{3 * n + 1},{minute}:07,{n}.1,sales,Alice Archer,CONNECT,7,{n}.2,3,,\n",
            f"{3 * n + 2},{minute}:47,{n}.1,sales,Alice Archer,COMPLETEAGENT,7,40,1,,\n",
        ]
    return "".join(out)


def test_two_exports_of_the_realtime_table_with_its_header_are_two_sources(tmp_path, db_path):
    (tmp_path / "early.csv").write_text(realtime_export(0, 2))
    (tmp_path / "late.csv").write_text(realtime_export(10, 5))
    db = open_database(db_path)
    cfg = parse_config({"day": {"timezone": "UTC"}}, base=tmp_path)
    Importer(db, cfg).import_path(tmp_path / "early.csv")
    late = Importer(db, cfg).import_path(tmp_path / "late.csv")
    assert (late.resumed_at_line, late.imported) == (0, 15)
    assert db.execute("SELECT count(*) FROM calls").fetchone() == (7,)


def test_a_rewritten_file_under_the_same_name_is_a_new_source(tmp_path, db_path):
    log = tmp_path / "queue_log"
    start = "1795374500|NONE|NONE|NONE|QUEUESTART|\n"
    log.write_text(start + calls_log(5))
    db = open_database(db_path)
    Importer(db, Config()).import_path(log)
    log.write_text(start + calls_log(8, start=1795400000))  # same first line, other content
    summary = Importer(db, Config()).import_path(log)
    assert (summary.resumed_at_line, summary.imported) == (0, 32)
    assert db.execute("SELECT count(*) FROM calls").fetchone() == (13,)


# -- the same events through two files count once --------------------------------------


def test_lines_copied_from_an_imported_log_count_once(tmp_path, db_path):
    text = calls_log(40)
    log, copy = tmp_path / "queue_log", tmp_path / "pasted.log"
    log.write_text(text)
    copy.write_text("".join(lines_of(text)[37:87]))  # 50 lines from the middle
    db = open_database(db_path)
    Importer(db, Config()).import_path(log)
    before = calls(db)
    summary = Importer(db, Config()).import_path(copy)

    assert (summary.imported, summary.set_aside, summary.already_imported) == (0, 0, 50)
    assert f"50 lines already imported from {log}" in summary.describe()
    assert calls(db) == before
    assert db.execute("SELECT count(*) FROM queue_log_events").fetchone() == (160,)
    assert rows(db, "SELECT lines_read, lines_imported, lines_already_imported"
                    " FROM import_sources WHERE path = ?", (str(copy),)) == [
        {"lines_read": 50, "lines_imported": 0, "lines_already_imported": 50}
    ]  # fmt: skip


def test_a_backup_overlapping_the_live_log_adds_only_what_is_new(tmp_path, db_path):
    text = "1795374500|NONE|NONE|NONE|QUEUESTART|\n" + calls_log(30)
    lines = lines_of(text)
    backup, live = tmp_path / "queue_log.bak", tmp_path / "queue_log"
    backup.write_text("".join(lines[:81]))
    live.write_text("".join(lines[41:]))  # begins in the middle of the backup
    db = open_database(db_path)
    Importer(db, Config()).import_path(backup)
    summary = Importer(db, Config()).import_path(live)

    assert (summary.imported, summary.already_imported) == (40, 40)
    assert calls(db) == clean_calls(tmp_path / "clean", text)
    assert db.execute("SELECT count(*) FROM queue_log_events").fetchone() == (121,)
    open_calls = db.execute("SELECT count(*) FROM calls WHERE ended_at IS NULL").fetchone()
    assert open_calls == (0,)


def test_a_line_written_twice_by_the_pbx_is_kept_twice(tmp_path, db_path):
    pause = "1795374700|NONE|sales|Alice Archer|PAUSE|Break\n"
    first, second = tmp_path / "a.log", tmp_path / "b.log"
    first.write_text("1795374600|NONE|sales|Alice Archer|UNPAUSE|\n" + pause)
    second.write_text(pause + pause + "1795374900|NONE|sales|Alice Archer|UNPAUSE|\n")
    db = open_database(db_path)
    Importer(db, Config()).import_path(first)
    summary = Importer(db, Config()).import_path(second)
    assert (summary.imported, summary.already_imported) == (2, 1)


def test_importing_one_file_alone_reads_no_stored_lines(tmp_path, db_path, monkeypatch):
    from floortui.store.imports import ImportStore

    def refuse(*args):
        raise AssertionError("a single file's import looked for lines already imported")

    monkeypatch.setattr(ImportStore, "stored_events_between", refuse)
    log = tmp_path / "queue_log"
    log.write_text(calls_log(200))
    summary = Importer(open_database(db_path), Config()).import_path(log)
    assert summary.imported == 800


# -- every line accounted for ----------------------------------------------------------


def test_every_queue_log_line_is_imported_set_aside_blank_or_already_imported(tmp_path, db_path):
    text = calls_log(10)
    lines = lines_of(text)
    seen = tmp_path / "seen.log"
    seen.write_text("".join(lines[:8]))
    log = tmp_path / "queue_log"
    body = [*lines[4:20], "\n", "broken\n", "\r\n", *lines[20:], "\n", "1|2\n"]
    log.write_text("".join(body))
    db = open_database(db_path)
    Importer(db, Config()).import_path(seen)
    summary = Importer(db, Config()).import_path(log)

    in_file = log.read_text().count("\n")
    assert in_file == 41
    assert (summary.imported, summary.set_aside, summary.blank, summary.already_imported) == (
        32, 2, 3, 4,
    )  # fmt: skip
    assert summary.lines_read == in_file
    assert in_file == (
        summary.imported + summary.set_aside + summary.blank + summary.already_imported
    )
    assert "32 lines imported, 2 set aside, 3 blank" in summary.describe()
    (source,) = [s for s in list_sources(db) if s["path"] == str(log)]
    assert source["lines_read"] == in_file == (
        source["lines_imported"] + source["lines_set_aside"] + source["lines_blank"]
        + source["lines_already_imported"]
    )  # fmt: skip
    assert (source["lines_blank"], source["lines_already_imported"]) == (3, 4)


CDR_17 = (
    '"","2001","600","from-internal","""Alice"" <2001>","PJSIP/2001-00000001","",'
    '"Queue","sales","2026-11-23 10:00:{s:02d}","2026-11-23 10:00:{s:02d}",'
    '"2026-11-23 10:01:{s:02d}",60,60,"ANSWERED","DOCUMENTATION","1795374{s:03d}.{s}"\n'
)


def test_every_cdr_csv_line_is_accounted_for(tmp_path, db_path):
    body = (
        [CDR_17.format(s=s) for s in range(5)]
        + ["\n", '"only","three","columns"\n', "   \n"]
        + [CDR_17.format(s=s) for s in range(5, 9)]
        + ['"unclosed,"quote\n', "\n"]
        + [CDR_17.format(s=s) for s in range(9, 12)]
    )
    (tmp_path / "Master.csv").write_text("".join(body))
    db = open_database(db_path)
    summary = Importer(db, parse_config({"day": {"timezone": "UTC"}}, base=tmp_path)).import_path(
        tmp_path / "Master.csv"
    )
    assert (summary.imported, summary.set_aside, summary.blank) == (12, 2, 3)
    assert summary.lines_read == len(body) == summary.imported + summary.set_aside + summary.blank
    (source,) = list_sources(db)
    assert (source["lines_read"], source["lines_imported"], source["lines_set_aside"],
            source["lines_blank"]) == (17, 12, 2, 3)  # fmt: skip


def test_every_mapped_csv_line_is_accounted_for(tmp_path, db_path):
    text = export(0, 6)
    lines = lines_of(text)
    body = [*lines[:3], "\n", "not,enough\n", *lines[3:], "\n"]
    (tmp_path / "export.csv").write_text("".join(body))
    config = parse_config(
        {
            "day": {"timezone": "UTC"},
            "sources": [
                {"path": "export.csv", "format": "csv", "columns": MAPPED_COLUMNS, "header": True}
            ],
        },
        base=tmp_path,
    )
    db = open_database(db_path)
    summary = Importer(db, config).import_path(tmp_path / "export.csv")
    assert (summary.imported, summary.set_aside, summary.blank) == (6, 1, 2)
    # The header is line 1; every line after it is one of the three.
    assert len(body) - 1 == summary.lines_read == summary.imported + summary.set_aside + 2
    (source,) = list_sources(db)
    assert source["lines_read"] == len(body)  # line numbers count the header
    assert source["lines_blank"] == 2


# -- lines set aside and lines already imported, in one file --------------------------


def test_a_file_partly_imported_before_stores_only_its_new_good_lines(tmp_path, db_path):
    log = tmp_path / "queue_log"
    seen = tmp_path / "seen.log"
    text = (
        "1795374500|NONE|sales|PJSIP/2001|ADDMEMBER|\n" + calls_log(3) + "garbage line\n"
        "34|NONE|sales|Alice Archer|PAUSE|Break\n"
    )
    log.write_text(text)
    seen.write_text("".join(lines_of(text)[1:3]))
    config = parse_config(
        {"agents": [{"name": "Alice Archer", "interface": "PJSIP/2001"}]}, base=tmp_path
    )
    db = open_database(db_path)
    Importer(db, config).import_path(seen)
    summary = Importer(db, config).import_path(log)

    assert (summary.imported, summary.set_aside, summary.already_imported) == (11, 2, 2)
    stored = db.execute(
        "SELECT line_number FROM queue_log_events WHERE source_id = ? ORDER BY id",
        (summary.source_id,),
    ).fetchall()
    lines = len(lines_of(text))
    # Lines 2-3 were imported from the other file; the last two are set aside.
    assert [n for (n,) in stored] == [1, *range(4, lines - 1)]


def test_a_store_from_before_the_block_hash_still_resumes_its_files(tmp_path, db_path):
    log = tmp_path / "queue_log"
    log.write_text(calls_log(5))
    db = open_database(db_path)
    Importer(db, Config()).import_path(log)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE import_sources SET offset_block_sha1 = NULL")  # as migrated
    conn.commit()
    conn.close()
    with log.open("a") as handle:
        handle.write(calls_log(2, start=1795390000))
    summary = Importer(open_database(db_path), Config()).import_path(log)
    assert (summary.resumed_at_line, summary.imported) == (20, 8)


def test_a_store_from_before_0004_learns_its_sources_times_and_finds_copied_lines(tmp_path):
    from sqlite_utils import Database

    from floortui.store.schema import migrations

    path = tmp_path / "floortui.db"
    old = Database(path)
    migrations.apply(old, stop_before="0004_import_integrity")
    text = calls_log(10)
    old.conn.execute(
        "INSERT INTO import_sources (id, path, format, offset_bytes, lines_read, lines_imported,"
        " first_line_sha1) VALUES (1, 'queue_log.old', 'queue_log', ?, 40, 40, 'x')",
        (len(text),),
    )
    old.conn.executemany(
        "INSERT INTO queue_log_events (time, callid, queue, agent, event, data, source_id,"
        " line_number) VALUES (?,?,?,?,?,?,1,?)",
        [(*line.rstrip("\n").split("|", 5), n) for n, line in enumerate(lines_of(text), 1)],
    )
    old.conn.commit()
    old.conn.close()

    db = open_database(path)
    (source,) = rows(db, "SELECT first_event_at, last_event_at FROM import_sources")
    assert source == {"first_event_at": 1795374600, "last_event_at": 1795374600 + 7 * 9 + 35}
    copy = tmp_path / "copy.log"
    copy.write_text("".join(lines_of(text)[10:30]))
    summary = Importer(db, Config()).import_path(copy)
    assert (summary.imported, summary.already_imported) == (0, 20)
