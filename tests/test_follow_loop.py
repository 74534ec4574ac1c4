"""One follow loop (floortui.live.follow_sources) behind the app and `import --follow`.

The app's keep_up_to_date and the command line both poll through it, and it
calls `on_poll` after each pass, when the store holds what the logs held: the
moment another part (the live floor) can publish what it knows.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlite_utils import Database

import floortui.live as live
from floortui.cli import main
from floortui.config import parse_config

T0 = 1794560400
FLOORTUI = Path(sys.executable).with_name("floortui")


def _lines(first: int, count: int) -> str:
    return "".join(
        f"{T0 + n}|{T0 + n}.{n}|sales|NONE|ENTERQUEUE||0100{n:06d}|1\n"
        for n in range(first, first + count)
    )


def test_keep_up_to_date_calls_on_poll_after_each_pass_with_the_store_up_to_date(
    tmp_path: Path,
) -> None:
    log, store = tmp_path / "queue_log", tmp_path / "floortui.db"
    log.write_text(f"{T0}|NONE|NONE|NONE|QUEUESTART|\n", encoding="utf-8")
    config = parse_config(
        {"store": {"path": str(store)}, "sources": [{"path": str(log), "follow": True}]},
        base=tmp_path,
    )
    stop = threading.Event()
    seen: list[int] = []  # events in the store at each on_poll, read on a connection of our own
    statuses: list[dict[str, str]] = []
    appended = threading.Event()

    def on_poll() -> None:
        seen.append(Database(store)["queue_log_events"].count)
        if len(seen) == 3:
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(_lines(1, 5))
            appended.set()
        if appended.is_set() and len(seen) > 5:
            stop.set()

    worker = threading.Thread(
        target=live.keep_up_to_date,
        args=(config, stop),
        kwargs={"on_summary": lambda s: None, "on_status": statuses.append,
                "poll_s": 0.01, "on_poll": on_poll},
    )  # fmt: skip
    worker.start()
    worker.join(timeout=30)
    stop.set()
    assert not worker.is_alive()
    assert seen[:3] == [1, 1, 1]
    assert seen[3] == 6, "the pass after the append has imported it before on_poll runs"
    assert statuses[-1] == {str(log): "following"}


def test_keep_up_to_date_keeps_its_old_call() -> None:
    """The app calls keep_up_to_date(config, stop, on_summary=..., on_status=...)."""
    import inspect

    parameters = inspect.signature(live.keep_up_to_date).parameters
    assert list(parameters)[:4] == ["config", "stop", "on_summary", "on_status"]
    assert parameters["on_poll"].default is None


def test_import_follow_uses_the_one_loop(tmp_path: Path, monkeypatch, capsys) -> None:
    log = tmp_path / "queue_log"
    log.write_text(f"{T0}|NONE|NONE|NONE|QUEUESTART|\n", encoding="utf-8")
    calls = []

    def follow_sources(followers, stop, on_summary, on_status=None, poll_s=0.25, **_):
        calls.append([f.status for f in followers])
        for follower in followers:
            for summary in follower.poll():
                on_summary(summary)

    monkeypatch.setattr(live, "follow_sources", follow_sources)
    assert main(["import", "--follow", str(log), "--db", str(tmp_path / "s.db")]) == 0
    assert len(calls) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"following {log}; Ctrl-C stops"
    assert "1 line imported" in out


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
def test_import_follow_prints_what_is_appended_until_ctrl_c(tmp_path: Path) -> None:
    log, store = tmp_path / "queue_log", tmp_path / "floortui.db"
    log.write_text(f"{T0}|NONE|NONE|NONE|QUEUESTART|\n", encoding="utf-8")
    process = subprocess.Popen(
        [str(FLOORTUI), "import", "--follow", str(log), "--db", str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        # A suite started in the background (`&`) ignores Ctrl-C, and so would the child.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    try:
        assert process.stdout.readline() == f"following {log}; Ctrl-C stops\n"
        first = process.stdout.readline()
        status = process.stdout.readline()
        assert {first.split("; ")[-1], status} == {
            "1 line imported, 0 set aside\n",
            f"{log}: following\n",
        }
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(_lines(1, 3))
        assert process.stdout.readline().endswith("3 lines imported, 0 set aside\n")
    finally:
        time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        try:
            _, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail(f"Ctrl-C did not stop the follow: {process.communicate()[1]}")
    assert process.returncode == 130
    assert err == "floortui: interrupted; run the same import again to carry on\n"
    assert Database(store)["queue_log_events"].count == 4


class _DroppedByAFinaliser:
    """Ctrl-C pressed while a finaliser runs: Python prints "Exception ignored" and drops it."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)  # the handler runs here, inside the finaliser


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped one
def test_a_ctrl_c_a_finaliser_dropped_still_stops_the_follow(tmp_path, monkeypatch) -> None:
    import floortui.adapters.follow as follow

    log = tmp_path / "queue_log"
    log.write_text(f"{T0}|NONE|NONE|NONE|QUEUESTART|\n", encoding="utf-8")
    passes = []

    class Follower(follow.Follower):
        def poll(self):
            passes.append(1)
            if len(passes) == 2:
                _DroppedByAFinaliser()  # made and dropped at once: its __del__ runs here
            if len(passes) > 20:
                pytest.fail("the follow went on after Ctrl-C")
            return super().poll()

    monkeypatch.setattr(follow, "Follower", Follower)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
    try:
        code = main(["import", "--follow", str(log), "--db", str(tmp_path / "s.db")])
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back
    finally:
        signal.signal(signal.SIGINT, before)
    assert code == 130
    assert len(passes) == 2  # stopped after the pass in which Ctrl-C was pressed


def test_a_full_store_while_following_is_a_status_and_a_later_pass_carries_on(
    tmp_path: Path,
) -> None:
    from floortui.adapters.follow import Follower
    from floortui.adapters.importer import Importer
    from floortui.store.db import open_database

    log, store = tmp_path / "queue_log", tmp_path / "floortui.db"
    log.write_text(f"{T0}|NONE|NONE|NONE|QUEUESTART|\n" + _lines(1, 2000), encoding="utf-8")
    db = open_database(store)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from the start
    follower = Follower(Importer(db, parse_config({}, base=tmp_path)), [log])
    stop, statuses, counts = threading.Event(), [], []

    def on_poll() -> None:
        counts.append(Database(store)["queue_log_events"].count)
        if len(counts) == 2:
            db.execute("PRAGMA max_page_count = 1073741823")  # room again
        if len(counts) == 3:
            stop.set()

    live.follow_sources([follower], stop, lambda s: None, statuses.append, 0, on_poll)
    follower.close()
    assert statuses[0] == {
        str(log): "cannot import: the store's disk is full (database or disk is full)"
    }
    assert counts[:2] == [0, 0]
    assert statuses[-1] == {str(log): "following"}
    assert counts[2] == 2001


def test_a_store_that_cannot_be_opened_is_a_status_not_a_dead_worker(tmp_path: Path) -> None:
    store = tmp_path / "no-such-folder" / "floortui.db"
    log = tmp_path / "queue_log"
    log.write_text(f"{T0}|NONE|NONE|NONE|QUEUESTART|\n", encoding="utf-8")
    config = parse_config(
        {"store": {"path": str(store)}, "sources": [{"path": str(log), "follow": True}]},
        base=tmp_path,
    )
    statuses: list[dict[str, str]] = []
    live.keep_up_to_date(config, threading.Event(), lambda s: None, statuses.append)
    assert statuses == [
        {str(log): f"cannot import: {store}: the folder {str(store.parent)!r} does not exist"}
    ]


def test_a_full_store_on_the_first_import_is_a_status(tmp_path: Path, monkeypatch) -> None:
    import floortui.store.db as store_db

    log, store = tmp_path / "queue_log", tmp_path / "floortui.db"
    log.write_text(f"{T0}|NONE|NONE|NONE|QUEUESTART|\n" + _lines(1, 2000), encoding="utf-8")
    real_open = store_db.open_database

    def open_full(path, read_only=False):
        db = real_open(path, read_only)
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
        return db

    monkeypatch.setattr(live, "open_database", open_full)
    config = parse_config(
        {"store": {"path": str(store)}, "sources": [{"path": str(log)}]}, base=tmp_path
    )
    statuses: list[dict[str, str]] = []
    live.keep_up_to_date(config, threading.Event(), lambda s: None, statuses.append)
    assert statuses == [
        {str(log): "cannot import: the store's disk is full (database or disk is full)"}
    ]


def test_keep_up_to_date_says_once_when_the_followed_backlog_is_read(tmp_path: Path) -> None:
    """The floor before that is what the store held; the break panel raises no alert on it."""
    log, store = tmp_path / "queue_log", tmp_path / "floortui.db"
    log.write_text(f"{T0}|NONE|NONE|NONE|QUEUESTART|\n" + _lines(1, 200), encoding="utf-8")
    config = parse_config(
        {"store": {"path": str(store)}, "sources": [{"path": str(log), "follow": True}]},
        base=tmp_path,
    )
    stop = threading.Event()
    floors: list[int] = []
    caught_up: list[tuple[int, int]] = []  # (floors seen, events stored) at the moment

    def on_caught_up() -> None:
        caught_up.append((len(floors), Database(store)["queue_log_events"].count))

    def on_poll() -> None:
        if len(caught_up) and time.monotonic() > started + 0.3:
            stop.set()

    started = time.monotonic()
    worker = threading.Thread(
        target=live.keep_up_to_date,
        args=(config, stop),
        kwargs={"on_summary": lambda s: None, "on_status": lambda s: None, "poll_s": 0.01,
                "on_poll": on_poll, "on_floor": lambda snapshot: floors.append(snapshot.at),
                "on_caught_up": on_caught_up},
    )  # fmt: skip
    worker.start()
    worker.join(30)
    stop.set()
    lines = len(log.read_text().splitlines())
    assert caught_up == [(2, lines)], (
        "once, after the first floor (as stored) and the caught-up one"
    )
