"""Callers waiting now, kept live by FloorState from real-format queue_log lines.

Each terminal event of the format notes closes a wait in its own queue; a
caller transferred back in (the same callid entering again) supersedes the
earlier wait; QUEUESTART closes everything; checkpoints carry the waits.
"""

from __future__ import annotations

import json

import pytest

from floortui.adapters.importer import Importer
from floortui.domain import floor_state as floor_state_module
from floortui.domain.floor_state import FloorState
from floortui.domain.floor_waiting import STALE_WAIT_S, WAIT_ENDS
from floortui.queries.floor import LiveFloor, build_checkpoints, floor_state_at
from floortui.store import floor as store
from floortui.store.db import open_database
from tests.test_floor_state import events

T0 = 1795374000

WAITS = f"""\
{T0}|NONE|NONE|NONE|QUEUESTART|
{T0 + 10}|MANAGER|sales|PJSIP/2001|ADDMEMBER|
{T0 + 20}|1795374020.1|sales|NONE|ENTERQUEUE||3125550143|1
{T0 + 25}|1795374025.2|sales|NONE|ENTERQUEUE||3125550144|2
{T0 + 30}|1795374030.3|support|NONE|ENTERQUEUE||3125550145|1
{T0 + 40}|1795374020.1|sales|Alice Archer|CONNECT|20|1795374040.4|3
"""

#: The data fields each terminal event is written with (asterisk-queue_log.md).
TERMINAL_DATA = {
    "CONNECT": "5|1795374050.9|2",
    "ABANDON": "1|1|30",
    "EXITWITHTIMEOUT": "1|1|30",
    "EXITEMPTY": "1|1|30",
    "EXITWITHKEY": "5|1|1|30",
    "COMPLETEAGENT": "5|33|1",
    "COMPLETECALLER": "5|33|1",
    "BLINDTRANSFER": "2001|from-internal|5|33|1",
    "ATTENDEDTRANSFER": "BRIDGE|1234-abcd|5|33|1",
    "TRANSFER": "2001|from-internal|5|33|1",
}


def fed(text: str) -> FloorState:
    state = FloorState({"PJSIP/2001": "Alice Archer"})
    state.apply_all(events(text))
    return state


def test_enterqueue_opens_a_wait_and_connect_closes_it() -> None:
    snap = fed(WAITS).snapshot(T0 + 45)
    assert [c.callid for c in snap.waiting_in("sales")] == ["1795374025.2"]
    waiting = snap.waiting_in("sales")[0]
    assert (waiting.entered_at, waiting.position, waiting.caller) == (T0 + 25, 2, "3125550144")
    assert [c.callid for c in snap.waiting_in("support")] == ["1795374030.3"]
    assert snap.waiting_in("billing") == ()


def test_longest_wait_ticks_from_one_snapshot_with_the_clock() -> None:
    snap = fed(WAITS).snapshot(T0 + 45)
    assert snap.longest_wait_s("sales", T0 + 45) == 20
    assert snap.longest_wait_s("sales", T0 + 46) == 21  # the same snapshot, a second later
    assert snap.longest_wait_s("billing", T0 + 46) is None


def test_the_oldest_caller_comes_first() -> None:
    text = WAITS.replace(
        f"{T0 + 40}|1795374020.1|sales|Alice Archer|CONNECT|20|1795374040.4|3\n", ""
    )
    snap = fed(text).snapshot(T0 + 45)
    assert [c.callid for c in snap.waiting_in("sales")] == ["1795374020.1", "1795374025.2"]
    assert snap.longest_wait_s("sales", T0 + 45) == 25


@pytest.mark.parametrize("kind", sorted(WAIT_ENDS))
def test_each_terminal_event_closes_the_wait_in_its_queue(kind: str) -> None:
    agent = (
        "Alice Archer" if kind in ("CONNECT",) or "COMPLETE" in kind or "TRANS" in kind else "NONE"
    )
    line = f"{T0 + 50}|1795374030.3|support|{agent}|{kind}|{TERMINAL_DATA[kind]}\n"
    assert TERMINAL_DATA.keys() == set(WAIT_ENDS)
    snap = fed(WAITS + line).snapshot(T0 + 55)
    assert snap.waiting_in("support") == ()
    assert [c.callid for c in snap.waiting_in("sales")] == ["1795374025.2"]


def test_an_end_in_another_queue_leaves_the_wait_open() -> None:
    line = f"{T0 + 50}|1795374030.3|sales|NONE|ABANDON|1|1|20\n"
    assert len(fed(WAITS + line).snapshot(T0 + 55).waiting_in("support")) == 1


def test_entering_again_supersedes_the_earlier_wait() -> None:
    """Transferred back into another queue with the same callid: one wait, the new one."""
    line = f"{T0 + 60}|1795374025.2|support|NONE|ENTERQUEUE||3125550144|2\n"
    snap = fed(WAITS + line).snapshot(T0 + 65)
    assert snap.waiting_in("sales") == ()
    assert [(c.callid, c.entered_at) for c in snap.waiting_in("support")] == [
        ("1795374030.3", T0 + 30),
        ("1795374025.2", T0 + 60),
    ]
    # The old queue's end, arriving late, does not close the new wait.
    late = f"{T0 + 61}|1795374025.2|sales|NONE|ABANDON|2|2|35\n"
    assert len(fed(WAITS + line + late).snapshot(T0 + 65).waiting_in("support")) == 2


def test_queuestart_closes_every_wait() -> None:
    snap = fed(WAITS + f"{T0 + 90}|NONE|NONE|NONE|QUEUESTART|\n").snapshot(T0 + 95)
    assert dict(snap.waiting) == {}


def test_a_snapshot_does_not_follow_later_events() -> None:
    state = fed(WAITS)
    before = state.snapshot(T0 + 45)
    state.apply(events(f"{T0 + 50}|1795374025.2|sales|NONE|ABANDON|1|2|25\n")[0])
    assert len(before.waiting_in("sales")) == 1
    assert state.snapshot(T0 + 55).waiting_in("sales") == ()
    with pytest.raises(TypeError):
        before.waiting["sales"] = ()  # type: ignore[index]


def test_dump_and_load_carry_the_waits_on() -> None:
    lines = events(WAITS)
    whole = FloorState({"PJSIP/2001": "Alice Archer"})
    whole.apply_all(lines)
    half = FloorState({"PJSIP/2001": "Alice Archer"})
    half.apply_all(lines[:3])
    again = FloorState.load(json.loads(json.dumps(half.dump())), {"PJSIP/2001": "Alice Archer"})
    assert [c.callid for c in again.snapshot(T0 + 21).waiting_in("sales")] == ["1795374020.1"]
    again.apply_all(lines[3:])
    assert again.dump() == whole.dump()
    assert again.snapshot(T0 + 45).waiting == whole.snapshot(T0 + 45).waiting


def test_a_checkpoint_from_before_waits_is_not_used(tmp_path, monkeypatch) -> None:
    """A version-1 checkpoint (no waits) has another basis: the state replays instead."""
    log = tmp_path / "queue_log"
    log.write_text(WAITS)
    db = open_database(tmp_path / "store.db")
    Importer(db).import_path(log)
    old = FloorState(store.interfaces(db))
    monkeypatch.setattr(floor_state_module, "DUMP_VERSION", 1)
    old_basis = old.basis()
    monkeypatch.undo()
    assert old_basis != old.basis()
    old_dump = {**old.dump(), "version": 1}
    del old_dump["waiting"]
    store.write_checkpoint(db, old_basis, 3, T0 + 25, old_dump)
    got = floor_state_at(db, T0 + 45)
    assert not got.from_checkpoint
    assert [c.callid for c in got.state.snapshot(T0 + 45).waiting_in("sales")] == ["1795374025.2"]
    with pytest.raises(ValueError, match="version 1"):
        FloorState.load(old_dump)


def test_a_state_from_checkpoints_has_the_same_waits_as_a_full_replay(tmp_path) -> None:
    log = tmp_path / "queue_log"
    log.write_text(WAITS)
    db = open_database(tmp_path / "store.db")
    Importer(db).import_path(log)
    assert build_checkpoints(db, every_s=10) >= 1
    got = floor_state_at(db, T0 + 45)
    assert got.from_checkpoint
    assert got.state.snapshot(T0 + 45).waiting == fed(WAITS).snapshot(T0 + 45).waiting


def test_a_live_floor_sees_callers_enter_and_leave_as_lines_are_imported(tmp_path) -> None:
    """The app's follower path: checkpoint at start-up, then each poll's new lines."""
    log = tmp_path / "queue_log"
    log.write_text(WAITS)
    db = open_database(tmp_path / "store.db")
    Importer(db).import_path(log)
    build_checkpoints(db, every_s=10)
    live = LiveFloor(db)
    first = live.start()
    assert [c.callid for c in first.waiting_in("sales")] == ["1795374025.2"]
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"{T0 + 50}|1795374025.2|sales|NONE|ABANDON|1|2|25\n")
        out.write(f"{T0 + 51}|1795374051.9|sales|NONE|ENTERQUEUE||3125550149|1\n")
    Importer(db).import_path(log)
    snap = live.poll(T0 + 60)
    assert [(c.callid, c.caller) for c in snap.waiting_in("sales")] == [
        ("1795374051.9", "3125550149")
    ]
    assert snap.longest_wait_s("sales", T0 + 60) == 9


def test_a_wait_whose_end_was_never_logged_drops_out_after_four_hours() -> None:
    state = fed(WAITS)
    assert len(state.snapshot(T0 + 25 + STALE_WAIT_S - 1).waiting_in("sales")) == 1
    later = state.snapshot(T0 + 25 + STALE_WAIT_S)
    assert later.waiting_in("sales") == () and len(later.waiting_in("support")) == 1
    assert "1795374025.2" in state.dump()["waiting"]  # kept: checkpoints do not depend on it
    assert dict(state.snapshot(T0 + 30 + STALE_WAIT_S).waiting) == {}
