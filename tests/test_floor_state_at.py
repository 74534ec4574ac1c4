"""The floor at a time T from a store: newest checkpoint plus replay equals replaying it all.

The store is filled by the real importer from a real-format log: the quirk block of
test_floor_state (PAUSEALL, Auto-Pause then Break, ADDMEMBER|PAUSED, UNPAUSE without
PAUSE, a static member, QUEUESTART), one line a second out of time order, then two
simulated days. The reference state is made straight from the file's text, applying
every line whose time is T or earlier, without the store or the replay code.
"""

from __future__ import annotations

import bisect
import itertools
import random

import pytest

from floortui.adapters.importer import Importer
from floortui.config import parse_config
from floortui.demo.simulate import demo_members, simulate
from floortui.domain.floor_state import FloorState
from floortui.queries.floor import (
    LiveFloor,
    build_checkpoints,
    floor_snapshot_at,
    floor_state_at,
    replay_until,
)
from floortui.store import floor as store
from tests.test_floor_state import LOG, T0, events

QUEUES = ["sales", "support", "billing"]
WRAPUP = {"sales": 15, "support": 5, "billing": 10}
DAY = 1795305600  # a midnight, UTC
SHIFT = DAY - 3600 - T0  # the quirk block moves to the hour before the simulated days
CONFIG = {
    "agents": [
        {"name": "Alice Archer", "interface": "PJSIP/2001"},
        {"name": "Bob Baker", "interface": "PJSIP/2002"},
    ]
}


def _quirk_block() -> list[str]:
    lines = []
    for line in LOG.splitlines():
        epoch, rest = line.split("|", 1)
        lines.append(f"{int(epoch) + SHIFT}|{rest}")
    # A line written a second late: after T0+100's line comes one stamped T0+99.
    at = next(i for i, line in enumerate(lines) if line.endswith("PAUSE|Break"))
    lines.insert(at + 1, f"{T0 + 99 + SHIFT}|NONE|support|Bob Baker|PENALTY|1")
    return lines


@pytest.fixture(scope="module")
def log_text() -> str:
    days = simulate(demo_members(), QUEUES, DAY, 48, seed=5, calls_per_hour=150)
    return "\n".join([*_quirk_block(), *days]) + "\n"


@pytest.fixture
def imported(import_log, log_text):
    db, summary = import_log(log_text, CONFIG)
    assert summary.set_aside == 0
    return db


_PARSED: dict[str, list[list]] = {}


def reference(log_text: str, links: dict, at: int) -> FloorState:
    """The state from the file's own lines: every line stamped `at` or earlier, in order."""
    if log_text not in _PARSED:
        _PARSED[log_text] = [[int(e[0]), *e[1:]] for e in events(log_text)]
    state = FloorState(links, WRAPUP)
    # The simulated days are in time order: nothing past an hour after `at` is due.
    lines = itertools.takewhile(lambda e: e[0] <= at + 3600, _PARSED[log_text])
    state.apply_all(e for e in lines if e[0] <= at)
    return state


def sample_times(log_text: str, n: int) -> list[int]:
    times = [int(line.split("|", 1)[0]) for line in log_text.splitlines()]
    rng = random.Random(2)
    quirks = range(T0 + SHIFT - 1, T0 + SHIFT + 330)
    return [*quirks, *sorted(rng.randrange(times[0], times[-1] + 60) for _ in range(n))]


def test_checkpoint_plus_replay_equals_replaying_everything(imported, log_text) -> None:
    db = imported
    assert build_checkpoints(db, wrapup_s=WRAPUP, every_s=60) > 100
    links = store.interfaces(db)
    assert links["PJSIP/2001"] == "Alice Archer"
    used = 0
    for at in sample_times(log_text, 120):
        got = floor_state_at(db, at, wrapup_s=WRAPUP)
        want = reference(log_text, links, at)
        assert got.state.dump() == want.dump(), at
        assert got.state.snapshot(at) == want.snapshot(at), at
        used += got.from_checkpoint
    assert used > 100


def test_replay_does_not_grow_with_history(imported, log_text) -> None:
    """At any T only the events since the checkpoint before it are replayed."""
    db = imported
    build_checkpoints(db, wrapup_s=WRAPUP)  # every 15 minutes of data time
    times = sorted(row[0] for chunk in store.events_after(db, 0) for row in chunk)
    span = store.CHECKPOINT_EVERY_S + 60
    busiest = max(bisect.bisect_right(times, t + span) - i for i, t in enumerate(times))
    assert busiest < len(times) / 30
    for at in sample_times(log_text, 60)[-60:]:
        got = floor_state_at(db, at, wrapup_s=WRAPUP)
        assert got.from_checkpoint, at
        assert got.replayed <= busiest, at


def test_checkpoints_written_as_the_importer_goes_serve_the_same_states(imported, log_text):
    """The importer's side: feed each stored batch to a FloorState, then maybe_checkpoint."""
    db = imported
    state = FloorState(store.interfaces(db), WRAPUP)
    written = 0
    for chunk in store.events_after(db, 0, chunk=500):
        state.apply_all(chunk)
        written += store.maybe_checkpoint(db, state, chunk[-1][6], max(r[0] for r in chunk), 600)
    assert written > 20
    assert not store.maybe_checkpoint(db, state, chunk[-1][6], chunk[-1][0], 600)
    links = store.interfaces(db)
    for at in sample_times(log_text, 40)[-40:]:
        got = floor_state_at(db, at, wrapup_s=WRAPUP)
        assert got.state.dump() == reference(log_text, links, at).dump(), at


def test_an_old_store_without_checkpoints_replays_a_window(imported, log_text) -> None:
    db = imported
    links = store.interfaces(db)
    early = T0 + SHIFT + 120  # the window reaches the store's first line: exact
    got = floor_state_at(db, early, wrapup_s=WRAPUP)
    assert (got.from_checkpoint, got.exact) == (False, True)
    assert got.state.dump() == reference(log_text, links, early).dump()
    late = DAY + 40 * 3600  # the window starts mid-history: approximate, but bounded
    got = floor_state_at(db, late, wrapup_s=WRAPUP)
    assert (got.from_checkpoint, got.exact) == (False, False)
    assert got.state.dump() != reference(log_text, links, late).dump()
    rows = [row for chunk in store.events_after(db, 0) for row in chunk]
    assert got.replayed <= sum(1 for r in rows if r[0] > late - 17 * 3600)


def test_a_window_that_holds_a_queuestart_is_exact(import_log) -> None:
    """After a QUEUESTART nobody's earlier state counts: the window's members are right."""
    text = "\n".join(simulate(demo_members(), QUEUES, DAY, 24, seed=6)) + "\n"
    restart = DAY + 20 * 3600
    text += f"{restart}|NONE|NONE|NONE|QUEUESTART|\n"
    text += f"{restart + 5}|MANAGER|sales|PJSIP/2001|ADDMEMBER|\n"
    db, _ = import_log(text, CONFIG)
    at = restart + 10 * 3600
    got = floor_state_at(db, at, wrapup_s=WRAPUP)
    assert (got.from_checkpoint, got.exact) == (False, True)

    def signed_in(state: FloorState) -> dict:
        members = state.snapshot(at).members
        return {name: m for name, m in members.items() if m.state != "logged_off"}

    want = signed_in(reference(text, store.interfaces(db), at))
    assert signed_in(got.state) == want
    assert list(want) == ["Alice Archer"]


def test_a_checkpoint_built_on_other_wrapup_times_is_not_used(imported, log_text) -> None:
    db = imported
    build_checkpoints(db, wrapup_s={"sales": 99}, every_s=60)
    at = DAY + 30 * 3600
    got = floor_state_at(db, at, wrapup_s=WRAPUP)
    assert not got.from_checkpoint
    assert build_checkpoints(db, wrapup_s=WRAPUP, every_s=60) > 0
    assert db.execute("SELECT count(DISTINCT basis) FROM floor_checkpoints").fetchone()[0] == 1
    assert floor_state_at(db, at, wrapup_s=WRAPUP).from_checkpoint


def test_build_checkpoints_carries_on_from_the_last_one(imported) -> None:
    db = imported
    first = build_checkpoints(db, wrapup_s=WRAPUP)
    assert first > 100
    assert build_checkpoints(db, wrapup_s=WRAPUP) == 0


def test_replay_until_stops_reading_past_the_late_margin(imported) -> None:
    db = imported
    state = FloorState(store.interfaces(db), WRAPUP)
    applied, last_id = replay_until(state, store.events_after(db, 0, chunk=50), T0 + SHIFT + 60)
    assert applied == sum(1 for e in events(LOG) if int(e[0]) <= T0 + 60)
    assert last_id == applied


def test_report_floor_at_a_past_moment_shows_the_rings_under_way(imported) -> None:
    db = imported
    build_checkpoints(db, wrapup_s=WRAPUP, every_s=60)
    snap = floor_snapshot_at(db, T0 + SHIFT + 80, wrapup_s=WRAPUP)
    bob = snap.members["Bob Baker"]
    assert (bob.state, bob.since) == ("ringing", T0 + SHIFT + 71)
    assert bob.as_report()["state"] == "ringing"
    assert snap.members["Alice Archer"].as_report()["state"] == "ready"  # rings from +86


def test_maybe_checkpoint_joins_the_import_batchs_own_apsw_transaction(imported, db_path):
    """The bulk writer stores batches through apsw: a checkpoint commits with its batch."""
    import apsw

    db = imported
    state = FloorState(store.interfaces(db), WRAPUP)
    rows = next(store.events_after(db, 0, chunk=256))
    state.apply_all(rows)
    conn = apsw.Connection(str(db_path))
    conn.setbusytimeout(5000)
    for end in ("ROLLBACK", "COMMIT"):
        conn.execute("BEGIN IMMEDIATE")
        assert store.maybe_checkpoint(conn, state, rows[-1][6], rows[-1][0])
        conn.execute(end)
    assert db.execute("SELECT count(*) FROM floor_checkpoints").fetchone()[0] == 1
    got = floor_state_at(db, rows[-1][0], wrapup_s=WRAPUP)
    assert got.from_checkpoint and got.state.dump() == state.dump()


def test_live_floor_starts_from_the_store_and_follows_what_is_imported_next(
    import_log, log_text, tmp_path
) -> None:
    lines = log_text.splitlines(keepends=True)
    half = len(lines) // 2
    db, _ = import_log("".join(lines[:half]), CONFIG)
    build_checkpoints(db, wrapup_s=WRAPUP)
    live = LiveFloor(db, WRAPUP, members=["Zoe Nobody"])
    first = live.start()
    newest = int(lines[half - 1].split("|", 1)[0])
    links = store.interfaces(db)
    assert first.members == {**reference(log_text, links, newest).snapshot(newest).members,
                             "Zoe Nobody": first.members["Zoe Nobody"]}  # fmt: skip
    assert first.members["Zoe Nobody"].state == "logged_off"
    with open(tmp_path / "queue_log", "a", encoding="utf-8") as log:
        log.write("".join(lines[half:]))
    Importer(db, parse_config(CONFIG, base=tmp_path)).import_path(tmp_path / "queue_log")
    end = int(lines[-1].split("|", 1)[0])
    snap = live.poll(end)
    want = reference(log_text, links, end + 3600).snapshot(end).members
    assert {n: m for n, m in snap.members.items() if n != "Zoe Nobody"} == want
    assert live.poll(end) == snap
    # The follower saves checkpoints as it goes; a floor replayed at a past moment does not.
    assert live.checkpoint()
    assert not live.checkpoint()  # not due again until 15 more minutes of data
    replay = LiveFloor(db, WRAPUP)
    replay.start(newest)
    assert not replay.checkpoint(db)
    assert floor_state_at(db, end + 3600, wrapup_s=WRAPUP).replayed == 0
