"""Each member's state from real-format queue_log lines, with every quirk of the format notes.

The lines are written as app_queue writes them (shared/formats/asterisk-queue_log.md):
interfaces on ADDMEMBER/REMOVEMEMBER, names on CONNECT/PAUSE, PAUSEALL's NONE line
followed by one PAUSE per queue, a second PAUSE with a new reason, ADDMEMBER|PAUSED,
an UNPAUSE never preceded by PAUSE, a static member, and a QUEUESTART.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from floortui.demo.simulate import demo_members, simulate
from floortui.domain.floor_state import FloorState

T0 = 1795374000
INTERFACES = {"PJSIP/2001": "Alice Archer", "PJSIP/2002": "Bob Baker"}
WRAPUP = {"sales": 15, "support": 5}

LOG = f"""\
{T0}|NONE|NONE|NONE|QUEUESTART|
{T0 + 10}|MANAGER|sales|PJSIP/2001|ADDMEMBER|
{T0 + 10}|MANAGER|support|PJSIP/2001|ADDMEMBER|
{T0 + 12}|MANAGER|sales|PJSIP/2002|ADDMEMBER|PAUSED
{T0 + 12}|MANAGER|support|PJSIP/2002|ADDMEMBER|PAUSED
{T0 + 20}|1795374018.1|sales|NONE|ENTERQUEUE||3125550143|1
{T0 + 25}|1795374018.1|sales|Alice Archer|CONNECT|5|1795374020.3|2
{T0 + 40}|NONE|NONE|Bob Baker|UNPAUSEALL|
{T0 + 40}|NONE|sales|Bob Baker|UNPAUSE|
{T0 + 40}|NONE|support|Bob Baker|UNPAUSE|
{T0 + 60}|1795374018.1|sales|Alice Archer|COMPLETECALLER|5|35|1
{T0 + 70}|1795374066.5|support|NONE|ENTERQUEUE||3125550199|1
{T0 + 86}|1795374066.5|support|Bob Baker|RINGNOANSWER|15000
{T0 + 86}|NONE|support|Bob Baker|PAUSE|Auto-Pause
{T0 + 90}|1795374066.5|support|Alice Archer|CONNECT|20|1795374070.8|4
{T0 + 100}|NONE|support|Bob Baker|PAUSE|Break
{T0 + 101}|NONE|NONE|Bob Baker|PAUSEALL|Break
{T0 + 101}|NONE|sales|Bob Baker|PAUSE|Break
{T0 + 101}|NONE|support|Bob Baker|PAUSE|Break
{T0 + 130}|1795374066.5|support|Alice Archer|BLINDTRANSFER|2001|from-internal|20|40|1
{T0 + 131}|1795374066.5|support|Alice Archer|WRAPUPNOTE|Refund approved
{T0 + 140}|NONE|billing|Carol Chen|UNPAUSE|
{T0 + 150}|1795374148.9|billing|NONE|ENTERQUEUE||7025550100|1
{T0 + 152}|1795374148.9|billing|Carol Chen|RINGCANCELED|2000
{T0 + 152}|1795374148.9|billing|NONE|ABANDON|1|1|4
{T0 + 160}|NONE|NONE|Agent/1004|AGENTLOGIN|SIP/1004
{T0 + 200}|MANAGER|sales|PJSIP/2001|REMOVEMEMBER|
{T0 + 210}|NONE|NONE|Agent/1004|AGENTLOGOFF|SIP/1004|50
{T0 + 300}|NONE|NONE|NONE|QUEUESTART|
{T0 + 320}|MANAGER|sales|PJSIP/2002|ADDMEMBER|
"""


def events(text: str = LOG) -> list[list]:
    """Lines split as the importer stores them: [time, callid, queue, agent, event, data]."""
    out = []
    for line in text.splitlines():
        fields = line.split("|")
        out.append([fields[0], *fields[1:5], "|".join(fields[5:]) or None])
    return out


def state_at(t: int, wrapup: dict | None = None) -> FloorState:
    state = FloorState(INTERFACES, WRAPUP if wrapup is None else wrapup)
    state.apply_all(e for e in events() if int(e[0]) <= t)
    return state


def member(t: int, name: str, wrapup: dict | None = None):
    return state_at(t, wrapup).snapshot(t).members[name]


def test_interface_on_addmember_and_name_on_connect_are_one_member() -> None:
    alice = member(T0 + 30, "Alice Archer")
    assert (alice.state, alice.since) == ("on_call", T0 + 25)
    assert alice.call.callid == "1795374018.1" and alice.call.queue == "sales"
    assert alice.call.answered_at == T0 + 25
    assert dict(alice.queue_since) == {"sales": T0 + 10, "support": T0 + 10}
    assert alice.signed_in_at == T0 + 10
    assert "PJSIP/2001" not in state_at(T0 + 30).snapshot(T0 + 30).members


def test_addmember_paused_is_a_pause_without_a_pause_line_and_unpause_ends_it() -> None:
    bob = member(T0 + 20, "Bob Baker")
    assert (bob.state, bob.since, bob.pause_reason) == ("paused", T0 + 12, None)
    assert dict(bob.queues) == {"sales": (True, None), "support": (True, None)}
    bob = member(T0 + 50, "Bob Baker")
    assert (bob.state, bob.since) == ("ready", T0 + 40)
    assert dict(bob.queues) == {"sales": (False, None), "support": (False, None)}


def test_wrapup_uses_each_queues_wrapuptime_then_ready() -> None:
    assert member(T0 + 60, "Alice Archer").state == "wrapup"
    alice = member(T0 + 74, "Alice Archer")
    assert (alice.state, alice.since, alice.wrapup_until) == ("wrapup", T0 + 60, T0 + 75)
    alice = member(T0 + 75, "Alice Archer")
    assert (alice.state, alice.since) == ("ready", T0 + 75)
    # No wrapuptime known for the queue: ready the moment the call ends.
    alice = member(T0 + 60, "Alice Archer", wrapup={})
    assert (alice.state, alice.since) == ("ready", T0 + 60)


def test_one_snapshot_state_moves_from_wrapup_to_ready_as_time_passes() -> None:
    state = state_at(T0 + 60)
    assert state.snapshot(T0 + 61).members["Alice Archer"].state == "wrapup"
    assert state.snapshot(T0 + 80).members["Alice Archer"].state == "ready"
    assert state.snapshot(T0 + 61).members["Alice Archer"].state == "wrapup"


def test_auto_pause_in_one_queue_leaves_the_member_ready() -> None:
    bob = member(T0 + 95, "Bob Baker")
    assert (bob.state, bob.since, bob.pause_reason) == ("ready", T0 + 86, None)
    assert dict(bob.queues) == {"sales": (False, None), "support": (True, "Auto-Pause")}


def test_a_second_pause_continues_with_a_new_reason_and_pauseall_counts_once() -> None:
    bob = member(T0 + 100, "Bob Baker")
    assert bob.queues["support"] == (True, "Break")
    assert bob.state == "ready"
    bob = member(T0 + 110, "Bob Baker")
    # Paused everywhere from the PAUSE in sales that followed the PAUSEALL line.
    assert (bob.state, bob.since, bob.pause_reason, bob.reason_since) == (
        "paused", T0 + 101, "Break", T0 + 101)  # fmt: skip
    assert dict(bob.queues) == {"sales": (True, "Break"), "support": (True, "Break")}
    assert dict(bob.paused_since) == {"sales": T0 + 101, "support": T0 + 86}


def test_the_call_comes_first_and_transfer_ends_it() -> None:
    alice = member(T0 + 120, "Alice Archer")
    assert (alice.state, alice.since, alice.call.queue) == ("on_call", T0 + 90, "support")
    alice = member(T0 + 132, "Alice Archer")
    assert (alice.state, alice.since, alice.wrapup_until) == ("wrapup", T0 + 130, T0 + 135)
    assert alice.last_event_at == T0 + 131


def test_static_member_is_in_a_queue_from_their_first_unpause_or_ring() -> None:
    carol = member(T0 + 145, "Carol Chen")
    assert (carol.state, carol.since, carol.signed_in_at) == ("ready", T0 + 140, T0 + 140)
    assert dict(carol.queues) == {"billing": (False, None)}
    assert member(T0 + 152, "Carol Chen").state == "ready"  # a cancelled ring ended


def test_ringing_shows_when_a_source_says_a_ring_began_and_ends_with_it() -> None:
    state = state_at(T0 + 150)
    state.ring("Carol Chen", "1795374148.9", "billing", T0 + 150)
    carol = state.snapshot(T0 + 151).members["Carol Chen"]
    assert (carol.state, carol.since, carol.call.answered_at) == ("ringing", T0 + 150, None)
    state.apply_all(e for e in events() if int(e[0]) == T0 + 152)
    carol = state.snapshot(T0 + 152).members["Carol Chen"]
    assert (carol.state, carol.since) == ("ready", T0 + 152)


def test_agentlogin_signs_in_and_agentlogoff_logs_off() -> None:
    assert member(T0 + 170, "Agent/1004").state == "ready"
    dave = member(T0 + 220, "Agent/1004")
    assert (dave.state, dave.since, dave.signed_in_at) == ("logged_off", T0 + 210, None)


def test_removemember_leaves_the_other_queues() -> None:
    alice = member(T0 + 250, "Alice Archer")
    assert (alice.state, dict(alice.queues)) == ("ready", {"support": (False, None)})


def test_queuestart_forgets_everyone() -> None:
    snap = state_at(T0 + 310).snapshot(T0 + 310)
    assert {m.state for m in snap.members.values()} == {"logged_off"}
    assert snap.members["Bob Baker"].since == T0 + 300
    assert snap.members["Bob Baker"].queues == {}
    bob = member(T0 + 330, "Bob Baker")
    assert (bob.state, bob.signed_in_at, dict(bob.queues)) == (
        "ready", T0 + 320, {"sales": (False, None)})  # fmt: skip


def test_snapshot_cannot_be_changed_and_does_not_follow_later_events() -> None:
    state = state_at(T0 + 20)
    snap = state.snapshot(T0 + 20)
    bob = snap.members["Bob Baker"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        bob.state = "ready"  # type: ignore[misc]
    with pytest.raises(TypeError):
        snap.members["Bob Baker"] = bob  # type: ignore[index]
    with pytest.raises(TypeError):
        bob.queues["sales"] = (False, None)  # type: ignore[index]
    state.apply_all(e for e in events() if T0 + 20 < int(e[0]) <= T0 + 50)
    assert snap.members["Bob Baker"].state == "paused"
    assert state.snapshot(T0 + 50).members["Bob Baker"].state == "ready"


def test_report_object_has_issue_8_keys() -> None:
    bob = member(T0 + 95, "Bob Baker")
    assert bob.as_report() == {
        "agent": "Bob Baker",
        "state": "ready",
        "since": T0 + 86,
        "pause_reason": None,
        "queues": {
            "sales": {"paused": False, "reason": None},
            "support": {"paused": True, "reason": "Auto-Pause"},
        },
    }


def test_a_link_learnt_late_joins_the_interface_to_the_member() -> None:
    state = FloorState({}, WRAPUP)
    state.apply_all(e for e in events() if int(e[0]) <= T0 + 30)
    assert state.snapshot(T0 + 30).members["PJSIP/2001"].state == "ready"
    state.learn_interface("PJSIP/2001", "Alice Archer")
    snap = state.snapshot(T0 + 30)
    assert "PJSIP/2001" not in snap.members
    alice = snap.members["Alice Archer"]
    assert (alice.state, set(alice.queues)) == ("on_call", {"sales", "support"})


def test_dump_and_load_carry_on_exactly() -> None:
    lines = list(simulate(demo_members(), ["sales", "support", "billing"], T0, 10, seed=4))
    rows = events("\n".join(lines))
    whole = FloorState(wrapup_s={"sales": 10, "support": 10, "billing": 10})
    whole.apply_all(rows)
    half = FloorState(wrapup_s={"sales": 10, "support": 10, "billing": 10})
    half.apply_all(rows[: len(rows) // 2])
    again = FloorState.load(json.loads(json.dumps(half.dump())), {}, whole.wrapup_s)
    again.apply_all(rows[len(rows) // 2 :])
    assert again.dump() == whole.dump()
    now = int(rows[-1][0])
    assert again.snapshot(now) == whole.snapshot(now)
    # Half-way through the day every kind of seat is on the floor.
    states = {m.state for m in half.snapshot(half.last_time).members.values()}
    assert {"on_call", "paused", "ready"} <= states


def test_a_replayed_moment_shows_who_was_ringing_from_the_rings_that_ended_after_it() -> None:
    later = [e for e in events() if int(e[0]) > T0 + 88]
    state = state_at(T0 + 88)
    assert state.rings_seen_later(later, T0 + 88) == 1
    alice = state.snapshot(T0 + 88).members["Alice Archer"]  # CONNECT at +90 rang 4 s
    assert (alice.state, alice.since, alice.call.callid) == ("ringing", T0 + 86, "1795374066.5")
    assert alice.last_event_at == T0 + 60
    state = state_at(T0 + 80)
    state.rings_seen_later([e for e in events() if int(e[0]) > T0 + 80], T0 + 80)
    bob = state.snapshot(T0 + 80).members["Bob Baker"]  # RINGNOANSWER at +86 after 15000 ms
    assert (bob.state, bob.since) == ("ringing", T0 + 71)
    assert state.snapshot(T0 + 80).members["Alice Archer"].state == "ready"  # rings from +86
    # Carrying on from the replayed moment, the ring ends as the log says.
    state.apply_all(e for e in events() if T0 + 80 < int(e[0]) <= T0 + 86)
    assert state.snapshot(T0 + 86).members["Bob Baker"].state == "ready"


def test_signing_in_is_what_the_break_rules_count() -> None:
    """ADDMEMBER|PAUSED signs in (paused from the start); a static member whose first line
    is a PAUSE signs in when that pause ends, as floortui.domain.sign_in says."""
    bob = member(T0 + 20, "Bob Baker")
    assert (bob.state, bob.signed_in_at) == ("paused", T0 + 12)
    state = FloorState()
    state.apply_all(events(f"{T0 + 500}|NONE|billing|Erin Evans|PAUSE|Meeting\n"))
    erin = state.snapshot(T0 + 600).members["Erin Evans"]
    assert (erin.state, erin.signed_in_at) == ("paused", None)
    state.apply_all(events(f"{T0 + 900}|NONE|billing|Erin Evans|UNPAUSE|\n"))
    erin = state.snapshot(T0 + 901).members["Erin Evans"]
    assert (erin.state, erin.signed_in_at) == ("ready", T0 + 900)
