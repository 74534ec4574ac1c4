"""The store file: WAL mode, migrated in place, and readable by sqlite-utils and datasette.

A supervisor's database outlives floortui versions, so an older file must
upgrade when opened, and the file must stay a plain SQLite database that the
usual tools open.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from datasette.app import Datasette
from sqlite_utils import Database

from floortui.cli import main
from floortui.store.db import StoreError, open_database
from floortui.store.schema import migrations

#: 2026-11-13 09:00:00 UTC and the call's answer and end.
ENTERED, ANSWERED, ENDED = 1794560400, 1794560412, 1794560530
CALL = {
    "callid": "1794560400.101",
    "queue": "sales",
    "entered_at": ENTERED,
    "answered_at": ANSWERED,
    "ended_at": ENDED,
    "wait_s": 12,
    "talk_s": 118,
    "outcome": "COMPLETECALLER",
    "member": "Alice Archer",
}


def _all_migrations() -> list[str]:
    return [m.name for m in migrations.pending(Database(memory=True))]


def _applied(db: Database) -> list[tuple[str, str]]:
    return [(m.name, m.applied_at) for m in migrations.applied(db)]


def _iso(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def test_open_creates_a_wal_file_with_every_migration(tmp_path: Path) -> None:
    path = tmp_path / "floortui.db"
    db = open_database(path)
    assert path.is_file()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [name for name, _ in _applied(db)] == _all_migrations()
    assert {"0001_core", "0002_readable_views"} <= set(_all_migrations())
    assert {"calls", "queue_log_events", "import_sources", "quarantine"} <= set(db.table_names())
    assert {"calls_readable", "queue_log_readable"} <= set(db.view_names())
    db.conn.close()
    # WAL is a property of the file, so every other reader sees it too.
    with sqlite3.connect(path) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "floortui.db"
    db = open_database(path)
    db["calls"].insert(CALL)
    applied = _applied(db)
    schema = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    db.conn.close()

    again = open_database(path)
    assert _applied(again) == applied
    assert again.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == (
        schema
    )
    assert again["calls"].count == 1


def test_an_older_store_upgrades_in_place(tmp_path: Path) -> None:
    path = tmp_path / "floortui.db"
    old = Database(path)
    migrations.apply(old, stop_before="0002_readable_views")
    assert "calls_readable" not in old.view_names()
    old["calls"].insert(CALL)
    old.conn.close()

    db = open_database(path)
    assert [name for name, _ in _applied(db)] == _all_migrations()
    assert "calls_readable" in db.view_names()
    (row,) = db["calls_readable"].rows
    assert row["callid"] == CALL["callid"]
    assert row["entered_utc"] == _iso(ENTERED) == "2026-11-13 09:00:00"
    assert row["answered_utc"] == _iso(ANSWERED)
    assert row["ended_utc"] == _iso(ENDED)
    assert dt.datetime.fromisoformat(row["entered_utc"]).replace(tzinfo=dt.UTC).timestamp() == (
        ENTERED
    )
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "floortui.db"
    path.touch()
    db = open_database(path)
    assert [name for name, _ in _applied(db)] == _all_migrations()


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    text = b"Monday: cover the 9am peak on sales; Tuesday: coaching with Bob.\n" * 20
    path.write_bytes(text)
    with pytest.raises(StoreError) as caught:
        open_database(path)
    message = str(caught.value)
    assert message == f"{path}: not a usable SQLite database (file is not a database)"
    assert path.read_bytes() == text


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    path = tmp_path / "no_such_folder" / "floortui.db"
    with pytest.raises(StoreError) as caught:
        open_database(path)
    assert str(caught.value) == (f"{path}: the folder {str(path.parent)!r} does not exist")


@pytest.mark.parametrize("command", [["report", "queues"], ["import", "queue_log"]])
def test_cli_refuses_a_file_that_is_not_sqlite_in_one_line(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./config.yaml from the repository
    path = tmp_path / "notes.db"
    path.write_text("not a database\n" * 20, encoding="utf-8")
    (tmp_path / "queue_log").write_text("1794560400|NONE|NONE|NONE|QUEUESTART|\n")
    assert main([*command, "--db", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"floortui: {path}: not a usable SQLite database (file is not a database)\n"


def _store_with_a_call(tmp_path: Path) -> Path:
    path = tmp_path / "floortui.db"
    db = open_database(path)
    db["calls"].insert(CALL)
    db.conn.close()
    return path


def test_sqlite_utils_opens_the_store(tmp_path: Path) -> None:
    path = _store_with_a_call(tmp_path)
    tool = Path(sys.executable).with_name("sqlite-utils")
    result = subprocess.run(
        [str(tool), "tables", str(path), "--counts"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    counts = {row["table"]: row["count"] for row in json.loads(result.stdout)}
    assert counts["calls"] == 1
    assert counts["queue_log_events"] == 0


async def test_datasette_serves_the_tables_and_readable_views(tmp_path: Path) -> None:
    path = _store_with_a_call(tmp_path)
    datasette = Datasette([str(path)])
    await datasette.invoke_startup()
    name = path.stem

    calls = await datasette.client.get(f"/{name}/calls.json?_shape=objects")
    assert calls.status_code == 200
    assert [row["callid"] for row in calls.json()["rows"]] == [CALL["callid"]]

    readable = await datasette.client.get(f"/{name}/calls_readable.json?_shape=objects")
    assert readable.status_code == 200
    (row,) = readable.json()["rows"]
    assert row["entered_utc"] == _iso(ENTERED)
    assert row["member"] == "Alice Archer"

    for view in ("queue_log_readable", "member_pauses_readable"):
        assert (await datasette.client.get(f"/{name}/{view}.json")).status_code == 200


def test_raw_lines_are_never_changed_or_deleted(import_log):
    import sqlite3

    import pytest

    db, _ = import_log(
        "1795374562|1795374562.0|sales|NONE|ENTERQUEUE||3125550143|1\n"
        "1795374564|1795374562.0|sales|Alice Archer|CONNECT|2|1795374562.3|1\n"
    )
    db.execute("INSERT INTO cdr_legs (source_id, line_number, src) VALUES (1, 1, '2001')")
    for sql in (
        "UPDATE queue_log_events SET agent = 'Bob Baker'",
        "DELETE FROM queue_log_events",
        "UPDATE cdr_legs SET src = '0'",
        "DELETE FROM cdr_legs",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="as the phone system wrote it"):
            db.execute(sql)
    assert db["queue_log_events"].count == 2
