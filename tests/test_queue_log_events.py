"""Each queue_log event and each quirk of real logs, as the calls, rings and pauses it makes."""

from __future__ import annotations

import json

from tests.conftest import rows

ALICE = {"agents": [{"name": "Alice Archer", "interface": ["PJSIP/2001", "Local/2001@agents/n"]}]}


def test_answered_call_has_its_times_wait_talk_member_and_caller(import_log):
    db, summary = import_log(
        "1795374500|NONE|NONE|NONE|QUEUESTART|\n"
        "1795374562|1795374562.0|sales|NONE|ENTERQUEUE||3125550143|1\n"
        "1795374564|1795374562.0|sales|Alice Archer|CONNECT|2|1795374562.3|1\n"
        "1795374597|1795374562.0|sales|Alice Archer|COMPLETEAGENT|2|33|1\n"
    )
    assert summary.imported == 4 and summary.set_aside == 0
    (call,) = rows(db, "SELECT * FROM calls")
    assert call["callid"] == "1795374562.0"
    assert call["queue"] == "sales"
    assert (call["entered_at"], call["answered_at"], call["ended_at"]) == (
        1795374562,
        1795374564,
        1795374597,
    )
    assert (call["wait_s"], call["talk_s"], call["ring_s"]) == (2, 33, 1)
    assert call["outcome"] == "COMPLETEAGENT"
    assert call["member"] == "Alice Archer"
    assert call["caller_number"] == "3125550143"
    assert call["member_uniqueid"] == "1795374562.3"


def test_caller_hangup_is_completecaller(import_log):
    db, _ = import_log(
        "100|1.1|sales|NONE|ENTERQUEUE||555|1\n"
        "110|1.1|sales|Bob Baker|CONNECT|10|1.2|3\n"
        "170|1.1|sales|Bob Baker|COMPLETECALLER|10|60|1\n"
    )
    (call,) = rows(db, "SELECT outcome, talk_s, member FROM calls")
    assert call == {"outcome": "COMPLETECALLER", "talk_s": 60, "member": "Bob Baker"}


def test_callers_who_leave_unanswered_keep_their_wait_and_position(import_log):
    db, _ = import_log(
        "100|1.1|sales|NONE|ENTERQUEUE||555|2\n"
        "145|1.1|sales|NONE|ABANDON|1|2|45\n"
        "100|2.1|sales|NONE|ENTERQUEUE||556|1\n"
        "160|2.1|sales|NONE|EXITWITHTIMEOUT|1|1|60\n"
        "100|3.1|sales|NONE|ENTERQUEUE||557|1\n"
        "101|3.1|sales|NONE|EXITEMPTY|1|1|1\n"
        "100|4.1|sales|NONE|ENTERQUEUE||558|3\n"
        "130|4.1|sales|NONE|EXITWITHKEY|5|2|3|30\n"
    )
    calls = rows(db, "SELECT callid, outcome, wait_s, position, original_position, exit_key,"
                     " answered_at FROM calls ORDER BY callid")  # fmt: skip
    assert [(c["callid"], c["outcome"], c["wait_s"]) for c in calls] == [
        ("1.1", "ABANDON", 45),
        ("2.1", "EXITWITHTIMEOUT", 60),
        ("3.1", "EXITEMPTY", 1),
        ("4.1", "EXITWITHKEY", 30),
    ]
    assert calls[0]["position"] == 1 and calls[0]["original_position"] == 2
    assert calls[3]["exit_key"] == "5" and calls[3]["position"] == 2
    assert all(c["answered_at"] is None for c in calls)


def test_transfers_end_the_call_with_talk_time_and_target(import_log):
    db, _ = import_log(
        "100|1.1|sales|NONE|ENTERQUEUE||555|1\n"
        "105|1.1|sales|Alice Archer|CONNECT|5|1.2|2\n"
        "165|1.1|sales|Alice Archer|BLINDTRANSFER|2001|from-internal|5|60|1\n"
        "100|2.1|sales|NONE|ENTERQUEUE||556|1\n"
        "103|2.1|sales|Alice Archer|CONNECT|3|2.2|1\n"
        "203|2.1|sales|Alice Archer|ATTENDEDTRANSFER|BRIDGE|7f3a-bridge|3|100|1\n"
        "100|3.1|sales|NONE|ENTERQUEUE||557|1\n"
        "104|3.1|sales|Alice Archer|CONNECT|4|3.2|1\n"
        "150|3.1|sales|Alice Archer|ATTENDEDTRANSFER|APP|Voicemail|4|46|1\n"
        "100|4.1|sales|NONE|ENTERQUEUE||558|1\n"
        "102|4.1|sales|Alice Archer|CONNECT|2|4.2|1\n"
        "132|4.1|sales|Alice Archer|ATTENDEDTRANSFER|LINK|SIP/a-1|SIP/b-2|2|30|1\n"
        "100|5.1|sales|NONE|ENTERQUEUE||559|1\n"
        "101|5.1|sales|Alice Archer|CONNECT|1|5.2|1\n"
        "121|5.1|sales|Alice Archer|TRANSFER|300|default|1|20\n"
    )
    calls = rows(
        db, "SELECT callid, outcome, wait_s, talk_s, transferred_to FROM calls ORDER BY callid"
    )
    assert calls == [
        {"callid": "1.1", "outcome": "BLINDTRANSFER", "wait_s": 5, "talk_s": 60,
         "transferred_to": "2001@from-internal"},
        {"callid": "2.1", "outcome": "ATTENDEDTRANSFER", "wait_s": 3, "talk_s": 100,
         "transferred_to": "BRIDGE|7f3a-bridge"},
        {"callid": "3.1", "outcome": "ATTENDEDTRANSFER", "wait_s": 4, "talk_s": 46,
         "transferred_to": "APP|Voicemail"},
        {"callid": "4.1", "outcome": "ATTENDEDTRANSFER", "wait_s": 2, "talk_s": 30,
         "transferred_to": "LINK|SIP/a-1|SIP/b-2"},
        {"callid": "5.1", "outcome": "TRANSFER", "wait_s": 1, "talk_s": 20,
         "transferred_to": "300@default"},
    ]  # fmt: skip


def test_same_callid_in_two_queues_is_two_calls(import_log):
    db, _ = import_log(
        "100|1.1|sales|NONE|ENTERQUEUE||555|1\n"
        "104|1.1|sales|Alice Archer|CONNECT|4|1.2|1\n"
        "150|1.1|sales|Alice Archer|BLINDTRANSFER|support|queues|4|46|1\n"
        "151|1.1|support|NONE|ENTERQUEUE||555|1\n"
        "171|1.1|support|Bob Baker|CONNECT|20|1.5|2\n"
        "200|1.1|support|Bob Baker|COMPLETECALLER|20|29|1\n"
    )
    calls = rows(db, "SELECT queue, member, entered_at, wait_s, outcome FROM calls ORDER BY id")
    assert calls == [
        {"queue": "sales", "member": "Alice Archer", "entered_at": 100, "wait_s": 4,
         "outcome": "BLINDTRANSFER"},
        {"queue": "support", "member": "Bob Baker", "entered_at": 151, "wait_s": 20,
         "outcome": "COMPLETECALLER"},
    ]  # fmt: skip


def test_rings_keep_busy_members_and_partial_rings_before_timeout(import_log):
    db, _ = import_log(
        "100|1.1|sales|NONE|ENTERQUEUE||555|1\n"
        "100|1.1|sales|Bob Baker|RINGNOANSWER|0\n"
        "115|1.1|sales|Alice Archer|RINGNOANSWER|15000\n"
        "119|1.1|sales|Carol Chen|RINGNOANSWER|3500\n"
        "119|1.1|sales|NONE|EXITWITHTIMEOUT|1|1|19\n"
        "200|2.1|sales|NONE|ENTERQUEUE||556|1\n"
        "204|2.1|sales|Alice Archer|RINGCANCELED|4000\n"
        "204|2.1|sales|NONE|ABANDON|1|1|4\n"
    )
    rings = rows(db, "SELECT callid, member, event, ring_ms, call_id FROM call_rings ORDER BY id")
    assert [(r["member"], r["event"], r["ring_ms"]) for r in rings] == [
        ("Bob Baker", "RINGNOANSWER", 0),
        ("Alice Archer", "RINGNOANSWER", 15000),
        ("Carol Chen", "RINGNOANSWER", 3500),
        ("Alice Archer", "RINGCANCELED", 4000),
    ]
    call_ids = dict(db.execute("SELECT callid, id FROM calls"))
    assert [r["call_id"] for r in rings] == [call_ids["1.1"]] * 3 + [call_ids["2.1"]]


def test_pauseall_is_not_counted_twice(import_log):
    db, _ = import_log(
        "100|NONE|NONE|Alice Archer|PAUSEALL|Lunch\n"
        "100|NONE|sales|Alice Archer|PAUSE|Lunch\n"
        "100|NONE|support|Alice Archer|PAUSE|Lunch\n"
        "1900|NONE|NONE|Alice Archer|UNPAUSEALL|\n"
        "1900|NONE|sales|Alice Archer|UNPAUSE|\n"
        "1900|NONE|support|Alice Archer|UNPAUSE|\n"
    )
    pauses = rows(
        db, "SELECT queue, started_at, ended_at, reason FROM member_pauses ORDER BY queue"
    )
    assert pauses == [
        {"queue": "sales", "started_at": 100, "ended_at": 1900, "reason": "Lunch"},
        {"queue": "support", "started_at": 100, "ended_at": 1900, "reason": "Lunch"},
    ]


def test_repeated_pause_continues_one_pause_with_the_new_reason(import_log):
    db, _ = import_log(
        "100|1.1|sales|Alice Archer|RINGNOANSWER|15000\n"
        "100|NONE|sales|Alice Archer|PAUSE|Auto-Pause\n"
        "130|NONE|sales|Alice Archer|PAUSE|Break\n"
        "1030|NONE|sales|Alice Archer|UNPAUSE|Break\n"
    )
    (pause,) = rows(db, "SELECT * FROM member_pauses")
    assert (pause["started_at"], pause["ended_at"]) == (100, 1030)
    assert pause["reason"] == "Break"
    assert json.loads(pause["reason_history"]) == [[100, "Auto-Pause"], [130, "Break"]]


def test_unpause_without_pause_makes_no_pause(import_log):
    db, summary = import_log("100|NONE|sales|Alice Archer|UNPAUSE|\n")
    assert summary.imported == 1
    assert rows(db, "SELECT * FROM member_pauses") == []
    assert db.execute("SELECT event FROM queue_log_events").fetchall() == [("UNPAUSE",)]


def test_member_added_paused_by_interface_is_unpaused_by_name(import_log):
    db, _ = import_log(
        "100|MANAGER|sales|PJSIP/2001|ADDMEMBER|PAUSED\n"
        "400|NONE|sales|Alice Archer|UNPAUSE|\n"
        "900|MANAGER|sales|PJSIP/2001|REMOVEMEMBER|\n",
        ALICE,
    )
    (pause,) = rows(db, "SELECT * FROM member_pauses")
    assert pause["member"] == "Alice Archer"
    assert (pause["started_at"], pause["ended_at"]) == (100, 400)
    assert (pause["started_by"], pause["ended_by"], pause["reason"]) == (
        "ADDMEMBER",
        "UNPAUSE",
        None,
    )
    (session,) = rows(db, "SELECT * FROM member_sessions")
    assert session["member"] == "Alice Archer" and session["interface"] == "PJSIP/2001"
    assert (session["added_at"], session["removed_at"], session["added_paused"]) == (100, 900, 1)


def test_interface_and_name_stay_two_members_without_a_mapping(import_log):
    db, _ = import_log(
        "100|MANAGER|sales|PJSIP/2001|ADDMEMBER|PAUSED\n400|NONE|sales|Alice Archer|UNPAUSE|\n"
    )
    (pause,) = rows(db, "SELECT member, ended_at FROM member_pauses")
    assert pause == {"member": "PJSIP/2001", "ended_at": None}
    names = {r[0] for r in db.execute("SELECT name FROM members")}
    assert names == {"PJSIP/2001", "Alice Archer"}


def test_removemember_ends_the_pause_and_the_session(import_log):
    db, _ = import_log(
        "100|MANAGER|sales|Local/2001@agents/n|ADDMEMBER|\n"
        "200|NONE|sales|Alice Archer|PAUSE|Meeting\n"
        "500|MANAGER|sales|Local/2001@agents/n|REMOVEMEMBER|\n",
        ALICE,
    )
    (pause,) = rows(db, "SELECT ended_at, ended_by FROM member_pauses")
    assert pause == {"ended_at": 500, "ended_by": "REMOVEMEMBER"}
    (session,) = rows(db, "SELECT removed_at, ended_by FROM member_sessions")
    assert session == {"removed_at": 500, "ended_by": "REMOVEMEMBER"}


def test_queuestart_closes_what_was_open(import_log):
    db, _ = import_log(
        "100|MANAGER|sales|PJSIP/2001|ADDMEMBER|\n"
        "110|NONE|sales|Alice Archer|PAUSE|Break\n"
        "120|1.1|sales|NONE|ENTERQUEUE||555|1\n"
        "125|2.1|sales|NONE|ENTERQUEUE||556|2\n"
        "126|2.1|sales|Bob Baker|CONNECT|1|2.2|1\n"
        "300|NONE|NONE|NONE|QUEUESTART|\n",
        ALICE,
    )
    calls = rows(db, "SELECT callid, ended_at, outcome, answered_at FROM calls ORDER BY callid")
    assert calls == [
        {"callid": "1.1", "ended_at": 300, "outcome": "QUEUESTART", "answered_at": None},
        {"callid": "2.1", "ended_at": 300, "outcome": "QUEUESTART", "answered_at": 126},
    ]
    assert rows(db, "SELECT ended_at, ended_by FROM member_pauses") == [
        {"ended_at": 300, "ended_by": "QUEUESTART"}
    ]
    assert rows(db, "SELECT removed_at, ended_by FROM member_sessions") == [
        {"removed_at": 300, "ended_by": "QUEUESTART"}
    ]


def test_custom_and_unknown_events_are_kept(import_log):
    db, summary = import_log(
        "100|1.1|sales|NONE|ENTERQUEUE||555|1\n"
        "101|1.1|sales|NONE|DID|18005550100\n"
        "130|1.1|sales|Alice Archer|WRAPUPNOTE|refund promised|ticket 4411\n"
        "131|1.1|NONE|NONE|CONFIGRELOAD|\n"
        "132|NONE|sales|PJSIP/2001|PENALTY|3\n"
        "133|NONE|sales|PJSIP/2001|RINGINUSE|0\n"
    )
    assert summary.imported == 6 and summary.set_aside == 0
    events = [r[0] for r in db.execute("SELECT event FROM queue_log_events ORDER BY id")]
    assert events == ["ENTERQUEUE", "DID", "WRAPUPNOTE", "CONFIGRELOAD", "PENALTY", "RINGINUSE"]
    note = rows(db, "SELECT data FROM queue_log_events WHERE event = 'WRAPUPNOTE'")
    assert note == [{"data": "refund promised|ticket 4411"}]


def test_older_agent_events_open_and_close_sessions(import_log):
    db, _ = import_log(
        "100|NONE|NONE|Agent/1001|AGENTLOGIN|SIP/1001-00000001\n"
        "200|1.1|sales|NONE|ENTERQUEUE||555|1\n"
        "205|1.1|sales|Agent/1001|CONNECT|5|1.2|5\n"
        "265|1.1|sales|Agent/1001|COMPLETEAGENT|5|60|1\n"
        "900|NONE|NONE|Agent/1001|AGENTLOGOFF|SIP/1001-00000001|800\n"
    )
    (session,) = rows(db, "SELECT * FROM member_sessions")
    assert session["member"] == "Agent/1001"
    assert (session["added_at"], session["removed_at"]) == (100, 900)
    assert (session["added_by"], session["ended_by"]) == ("AGENTLOGIN", "AGENTLOGOFF")
    assert rows(db, "SELECT member, talk_s FROM calls") == [{"member": "Agent/1001", "talk_s": 60}]


def test_extra_and_missing_data_fields_are_tolerated(import_log):
    db, summary = import_log(
        "100|1.1|sales|NONE|ENTERQUEUE|\n"  # an older writer: no caller id, no position
        "104|1.1|sales|Alice Archer|CONNECT|4\n"
        "150|1.1|sales|Alice Archer|COMPLETEAGENT|4|46|1|x|y|z|extra7\n"
    )
    assert summary.set_aside == 0
    (call,) = rows(db, "SELECT wait_s, talk_s, caller_number FROM calls")
    assert call == {"wait_s": 4, "talk_s": 46, "caller_number": None}
    (data,) = db.execute("SELECT data FROM queue_log_events WHERE event='COMPLETEAGENT'")
    assert data == ("4|46|1|x|y|z|extra7",)


def test_a_call_begun_before_the_log_is_still_a_call(import_log):
    db, _ = import_log("104|1.1|sales|Alice Archer|CONNECT|4|1.2|1\n"
                       "150|1.1|sales|Alice Archer|COMPLETEAGENT|4|46|1\n")  # fmt: skip
    (call,) = rows(db, "SELECT entered_at, entered_logged, answered_at, talk_s FROM calls")
    assert call == {"entered_at": 100, "entered_logged": 0, "answered_at": 104, "talk_s": 46}


def test_realtime_table_exported_as_csv(import_log):
    text = (
        "id,time,callid,queuename,agent,event,data1,data2,data3,data4,data5\n"
        "1,2026-11-13 08:20:00,1.1,sales,NONE,ENTERQUEUE,,3125550143,1,,\n"
        "2,2026-11-13 08:20:07,1.1,sales,Alice Archer,CONNECT,7,1.2,3,,\n"
        "3,2026-11-13 08:21:07,1.1,sales,Alice Archer,COMPLETEAGENT,7,60,1,,\n"
        "4,not a time,1.1,sales,Alice Archer,PAUSE,Break,,,,\n"
    )
    db, summary = import_log(text, {"day": {"timezone": "Europe/London"}}, name="queue_log.csv")
    assert summary.detected.describe() == "queue_log (realtime table CSV)"
    assert (summary.imported, summary.set_aside) == (3, 1)
    (call,) = rows(db, "SELECT entered_at, wait_s, talk_s, member FROM calls")
    # 08:20 in London in November is 08:20 UTC.
    assert call == {"entered_at": 1794558000, "wait_s": 7, "talk_s": 60, "member": "Alice Archer"}
    assert rows(db, "SELECT line_number FROM quarantine") == [{"line_number": 5}]


def test_realtime_table_exported_without_its_header(import_log):
    text = (
        "1,2026-11-13 08:20:00,1.1,sales,NONE,ENTERQUEUE,,3125550143,1,,\n"
        "2,2026-11-13 08:20:07,1.1,sales,Alice Archer,CONNECT,7,1.2,3,,\n"
        "3,2026-11-13 08:21:07,1.1,sales,Alice Archer,COMPLETEAGENT,7,60,1,,\n"
    )
    db, summary = import_log(text, {"day": {"timezone": "UTC"}}, name="queue_log.csv")
    assert summary.detected.describe() == "queue_log (realtime table CSV without header)"
    assert (summary.imported, summary.set_aside) == (3, 0)
    (call,) = rows(db, "SELECT entered_at, wait_s, talk_s, member, caller_number FROM calls")
    assert call == {"entered_at": 1794558000, "wait_s": 7, "talk_s": 60,
                    "member": "Alice Archer", "caller_number": "3125550143"}  # fmt: skip
    numbers = [r[0] for r in db.execute("SELECT line_number FROM queue_log_events ORDER BY id")]
    assert numbers == [1, 2, 3]
