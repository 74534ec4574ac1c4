"""The store going wrong under a user: one line, no traceback, nothing lost.

A full disk, a read-only store, a store in a folder that does not exist, a
pipe closed by `head`, demo options out of range: each is one line on stderr
and an exit code, and whatever was committed before stays and resumes.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from sqlite_utils import Database

import floortui.store.db as store_db
from floortui.store.db import StoreError, open_database, open_for_reading
from tests.conftest import Run, one_line

DATA = Path(__file__).parent / "data" / "handworked"
FLOORTUI = Path(sys.executable).with_name("floortui")


@pytest.fixture(autouse=True)
def _away_from_the_repo_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _calls_log(path: Path, calls: int) -> int:
    """A queue_log of `calls` answered calls, three lines each; returns its line count."""
    t0 = 1794560400
    lines = [f"{t0}|NONE|NONE|NONE|QUEUESTART|\n"]
    for n in range(calls):
        at, callid = t0 + 10 * n, f"{t0 + 10 * n}.{n}"
        lines += [
            f"{at}|{callid}|sales|NONE|ENTERQUEUE||0100{n:06d}|1\n",
            f"{at + 4}|{callid}|sales|Bob Baker|CONNECT|4|{callid}9|3\n",
            f"{at + 60}|{callid}|sales|Bob Baker|COMPLETECALLER|4|56|1\n",
        ]
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def _imported_store(folder: Path) -> Path:
    """The hand-worked log imported by the real command, which closes the store when done."""
    store = folder / "floortui.db"
    result = subprocess.run(
        [str(FLOORTUI), "import", str(DATA / "queue_log"), "--db", str(store)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert result.stderr == ""
    return store


# -- a full disk ----------------------------------------------------------------


def test_a_full_store_says_so_in_one_line_and_a_later_run_resumes(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLITE_FULL half-way: the committed batches stay; the rerun imports exactly the rest."""
    import floortui.adapters.chunks as chunks

    monkeypatch.setattr(chunks, "CHUNK_BYTES", 16 * 1024)  # many batches from a small file
    log, store = tmp_path / "queue_log", tmp_path / "floortui.db"
    total = _calls_log(log, 3000)
    real_open = store_db.open_database

    def open_small(path, read_only=False):
        db = real_open(path, read_only)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 120}")  # the disk fills up after a while
        return db

    monkeypatch.setattr(store_db, "open_database", open_small)
    status, out, err = run("import", str(log), "--db", str(store))
    assert status == 1
    line = one_line(err)
    assert line.startswith(f"floortui import: {log}: the store's disk is full")
    assert "the same import run again carries on" in line
    assert out == ""
    db = Database(store)
    kept = db["queue_log_events"].count
    source = db.execute("SELECT lines_read, lines_imported FROM import_sources").fetchone()
    assert 0 < kept < total - 1, "some batches were committed before the disk was full"
    assert source == (kept, kept), "the stored offset is that of the last committed batch"
    db.conn.close()

    monkeypatch.setattr(store_db, "open_database", real_open)  # room again
    status, out, err = run("import", str(log), "--db", str(store))
    assert (status, err) == (0, "")
    assert f"resumed after line {kept:,}" in out
    db = Database(store)
    assert db["queue_log_events"].count == total
    assert db.execute("SELECT count(DISTINCT line_number) FROM queue_log_events").fetchone() == (
        total,
    )
    assert db.execute("SELECT count(*), sum(answered_at IS NOT NULL) FROM calls").fetchone() == (
        3000,
        3000,
    )


def _can_mount_tmpfs(tmp_path: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    result = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c",
         f"mount -t tmpfs -o size=1m tmpfs {probe}"],
        capture_output=True, check=False,
    )  # fmt: skip
    probe.rmdir()
    return result.returncode == 0


def test_a_big_import_onto_a_disk_that_fills_up_keeps_its_batches_and_resumes(
    tmp_path: Path,
) -> None:
    """A real small disk (tmpfs) and a log big enough for the two-process writer."""
    if not _can_mount_tmpfs(tmp_path):
        pytest.skip("needs unshare and mount (a private tmpfs)")
    log, disk = tmp_path / "queue_log", tmp_path / "disk"
    disk.mkdir()
    total = _calls_log(log, 60_000)
    assert log.stat().st_size > 8 * 1024 * 1024  # floortui.adapters.importer.PIPELINE_MIN_BYTES
    store = disk / "floortui.db"
    count = (
        f"{shlex.quote(sys.executable)} -c \"import sqlite3; c = sqlite3.connect('{store}');"
        " print(*c.execute('SELECT (SELECT count(*) FROM queue_log_events), lines_read,"
        " (SELECT count(*) FROM calls) FROM import_sources').fetchone())\""
    )
    floortui = f"{shlex.quote(str(FLOORTUI))} import {log} --db {store}"
    script = "\n".join([
        f"mount -t tmpfs -o size=6m tmpfs {disk} || exit 99",
        f"{floortui} 2>full.err >full.out; echo $? >full.rc",
        f"{count} >full.count",
        f"mount -o remount,size=256m {disk}",
        f"{floortui} 2>again.err >again.out; echo $? >again.rc",
        f"{count} >again.count",
    ])  # fmt: skip
    subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        cwd=tmp_path, timeout=300, check=True,
    )  # fmt: skip

    def read(name: str) -> str:
        return (tmp_path / name).read_text(encoding="utf-8")

    assert read("full.rc") == "1\n"
    line = one_line(read("full.err"))
    assert line.startswith(f"floortui import: {log}: ") and "disk is full" in line
    kept, lines_read, _ = map(int, read("full.count").split())
    assert 0 < kept < total and kept == lines_read, "committed batches stay, with their offset"
    assert read("again.rc") == "0\n" and read("again.err") == ""
    assert f"resumed after line {kept:,}; {total - kept:,} lines imported" in read("again.out")
    assert read("again.count").split() == [str(total), str(total), "60000"]


def test_the_error_behind_a_failed_rollback_is_the_one_shown() -> None:
    """After SQLITE_FULL SQLite has rolled back; a ROLLBACK that then fails must not hide it."""
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError:
            raise sqlite3.OperationalError("cannot rollback - no transaction is active") from None
    except sqlite3.OperationalError as exc:
        assert store_db.store_problem(exc).startswith("the store's disk is full")


# -- read-only stores -------------------------------------------------------------


def test_a_store_opened_read_only_reads_and_is_never_written(tmp_path: Path) -> None:
    store = _imported_store(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.glob("floortui.db*")}
    db = open_database(store, read_only=True)
    assert db["queue_log_events"].count == 74
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM calls")
    db.conn.close()
    after = {p.name: p.read_bytes() for p in tmp_path.glob("floortui.db*")}
    assert after["floortui.db"] == before["floortui.db"]


def test_a_store_that_cannot_be_written_is_opened_for_reading(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _imported_store(tmp_path)
    monkeypatch.setattr(store_db, "writable", lambda path: False)  # as os.access says on a ro disk
    db, writable = open_for_reading(store)
    assert writable is False
    assert db["calls"].count > 0
    status, out, err = run("report", "queues", "--format", "csv", "--db", str(store))
    assert (status, err) == (0, "")
    assert out.startswith("queue,offered,")
    status, out, err = run("import", str(DATA / "queue_log"), "--db", str(store))
    assert status == 1 and out == ""
    assert one_line(err) == (
        f"floortui import: the store {store} is read-only (the file, its folder or its disk): "
        "nothing was imported"
    )


def test_open_for_reading_a_missing_store_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store there"):
        open_for_reading(tmp_path / "typo.db")
    assert not (tmp_path / "typo.db").exists()


def _can_mount_read_only(tmp_path: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    result = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c",
         f"mount --bind -o ro {probe} {probe} && ! touch {probe}/x 2>/dev/null"],
        capture_output=True, check=False,
    )  # fmt: skip
    probe.rmdir()
    return result.returncode == 0


def _read_only(target: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run a command with `target` (a folder or a file) mounted read-only: real EROFS, even for
    root, the way a store on a read-only share or disk behaves."""
    t = shlex.quote(str(target))
    script = f"mount --bind -o ro {t} {t} && exec " + " ".join(map(shlex.quote, argv))
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        capture_output=True, text=True, timeout=120, check=False, cwd=target.parent,
    )  # fmt: skip


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_store_on_a_read_only_mount_reads_and_refuses_imports(tmp_path: Path, what: str) -> None:
    if not _can_mount_read_only(tmp_path):
        pytest.skip("needs unshare and mount (a private read-only bind mount)")
    folder = tmp_path / "share"
    folder.mkdir()
    store = _imported_store(folder)
    assert not (folder / "floortui.db-shm").exists()  # closed cleanly: no -shm for a reader
    target = folder if what == "folder" else store
    report = _read_only(target, str(FLOORTUI), "report", "agents", "--format", "json",
                        "--db", str(store))  # fmt: skip
    assert report.returncode == 0, report.stderr
    assert report.stderr == ""
    assert '"agent": "Bob Baker"' in report.stdout
    assert '"sales": 285' in report.stdout  # Bob's pauses
    before = store.read_bytes()
    imported = _read_only(target, str(FLOORTUI), "import", str(DATA / "queue_log"),
                          "--db", str(store))  # fmt: skip
    assert "Traceback" not in imported.stderr
    assert imported.returncode == 1
    assert one_line(imported.stderr) == (
        f"floortui import: the store {store} is read-only (the file, its folder or its disk): "
        "nothing was imported"
    )
    assert store.read_bytes() == before


def test_a_read_only_store_still_being_written_reads_what_its_wal_holds(tmp_path: Path) -> None:
    """The importer writes on one side; a reader whose folder is read-only sees its last commits.

    Those commits are only in the -wal file: a reader of the database file
    alone (SQLite's immutable mode) would still see the pauses deleted here.
    """
    if not _can_mount_read_only(tmp_path):
        pytest.skip("needs unshare and mount (a private read-only bind mount)")
    folder = tmp_path / "share"
    folder.mkdir()
    store = _imported_store(folder)
    writer = sqlite3.connect(store, isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("DELETE FROM member_pauses")
        assert (folder / "floortui.db-wal").stat().st_size > 0
        report = _read_only(folder, str(FLOORTUI), "report", "agents", "--format", "json",
                            "--db", str(store))  # fmt: skip
    finally:
        writer.close()
    assert report.returncode == 0, report.stderr
    assert '"agent": "Bob Baker"' in report.stdout
    assert '"sales": 285' not in report.stdout and '"paused_s": {}' in report.stdout


# -- the command line's own mistakes ---------------------------------------------


START = "floortui demo: --start is the hour the replay starts at, 0 to 23,"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--start", "25"], f"{START} not 25"),
        (["--start", "-1"], f"{START} not -1"),
        (["--speed", "0"], "floortui demo: --speed is how many times faster than real time to "
                           "replay, above 0 (1 is real time), not 0"),
        (["--speed", "-2"], "floortui demo: --speed is how many times faster than real time to "
                            "replay, above 0 (1 is real time), not -2"),
        (["--speed", "nan"], "floortui demo: --speed is how many times faster than real time to "
                             "replay, above 0 (1 is real time), not nan"),
    ],
)  # fmt: skip
def test_demo_options_out_of_range(run: Run, argv: list[str], message: str) -> None:
    config = Path("config.yaml")
    shutil.copy(DATA / "queue_log", "queue_log")
    config.write_text("sources:\n  - path: queue_log\n", encoding="utf-8")
    demos_before = set(Path(tempfile.gettempdir()).glob("floortui-demo-*"))
    status, out, err = run("demo", *argv)
    assert status == 2 and out == ""
    assert one_line(err) == message
    assert set(Path(tempfile.gettempdir()).glob("floortui-demo-*")) == demos_before


@pytest.mark.parametrize(
    "command", [["import", str(DATA / "queue_log")], ["run"], ["report", "queues"]]
)
def test_a_store_in_a_missing_folder(run: Run, tmp_path: Path, command: list[str]) -> None:
    store = tmp_path / "no-such-folder" / "floortui.db"
    status, out, err = run(*command, "--db", str(store))
    assert status == 1 and out == ""
    line = one_line(err)
    assert str(store) in line
    assert not store.parent.exists()


def test_report_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """`floortui report … | head -1`: the reader goes away; no traceback, no noise."""
    store = _imported_store(tmp_path)
    for fmt in ("table", "json", "csv"):
        read, write = os.pipe()
        os.close(read)  # `head` has read its line and gone before floortui writes
        try:
            result = subprocess.run(
                [str(FLOORTUI), "report", "agents", "--format", fmt, "--db", str(store)],
                stdout=write, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
            )  # fmt: skip
        finally:
            os.close(write)
        assert result.stderr == "", result.stderr
        assert result.returncode == 1


def test_report_piped_to_head_prints_its_first_line(tmp_path: Path) -> None:
    store = _imported_store(tmp_path)
    command = f"{shlex.quote(str(FLOORTUI))} report agents --format csv --db {store} | head -1"
    result = subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout == "agent,answered,talk_s,ring_no_answer,paused_s\n"
    assert result.stderr == ""
