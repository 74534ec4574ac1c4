"""After a result: feedback to the member (and who is overdue), complaints and praise judged
by QA, disputes within the configured days answered by a revision or a rejection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from floortui.domain.evaluation import EvaluationRefused
from floortui.queries import evaluations as q
from floortui.queries import evaluations_followup as f
from tests.evaluation_store import (
    CALLS,
    DAY_S,
    Clock,
    full_marks,
    make_store,
    score_support_then_sales,
    user,
)

SUPPORT, SALES, OWN, SUPPORT_BOB = (c[0] for c in CALLS)


@pytest.fixture
def scored(tmp_path: Path):
    """The store with Rita's evaluation of Alice's support call (100) and Bob's sales call."""
    clock = Clock()
    config, db, writer = make_store(tmp_path, clock)
    score_support_then_sales(db, writer, config, clock)
    alice = q.history(db, SUPPORT)[0].evaluation_id
    bob = q.history(db, SALES)[0].evaluation_id
    yield config, db, writer, clock, alice, bob
    writer.close()


def test_feedback_by_the_members_team_leader_and_the_overdue_list(scored) -> None:
    config, db, writer, clock, alice, bob = scored
    tom, hana = user(config, "Tom Reyes"), user(config, "Hana Sato")
    assert f.overdue_feedback(db, config, int(clock.now)) == []  # not 7 days yet
    clock.now += 7 * DAY_S - 1  # the sales result was submitted a minute after the support one
    due = f.overdue_feedback(db, config, int(clock.now))
    assert [(d.result.callid, d.days_waiting) for d in due] == [(SUPPORT, 7)]
    clock.now += 1
    due = f.overdue_feedback(db, config, int(clock.now))
    assert [(d.result.callid, d.days_waiting) for d in due] == [(SUPPORT, 7), (SALES, 7)]
    with pytest.raises(EvaluationRefused, match="Bob Baker is not in your teams \\(Red\\)"):
        f.record_feedback(writer, config, tom, bob, dt.date(2026, 11, 20), "went through it")
    with pytest.raises(EvaluationRefused, match="only the member's team leader or a supervisor"):
        f.record_feedback(writer, config, user(config, "Sam Stone"), alice, dt.date(2026, 11, 20),
                          "x")  # fmt: skip
    f.record_feedback(writer, config, tom, alice, dt.date(2026, 11, 20), "went through it")
    f.record_feedback(writer, config, hana, bob, dt.date(2026, 11, 20), "ok")
    assert f.overdue_feedback(db, config, int(clock.now)) == []
    [write] = writer.history("evaluation.fed_back", str(alice))
    assert (write.written_by, write.written_at, write.payload["fed_back_on"]) == (
        "Tom Reyes", clock.now, "2026-11-20",
    )  # fmt: skip


def test_complaints_and_praise_judged_by_qa(scored) -> None:
    config, db, writer, _clock, _alice, _bob = scored
    tom, rita = user(config, "Tom Reyes"), user(config, "Rita Reyes")
    with pytest.raises(EvaluationRefused, match="only a supervisor or a team leader logs"):
        f.log_remark(writer, rita, SUPPORT, "complaint", "rude")
    with pytest.raises(EvaluationRefused, match="needs what the customer said"):
        f.log_remark(writer, tom, SUPPORT, "praise", " ")
    f.log_remark(writer, tom, SUPPORT, "complaint", "the agent hung up on me")
    f.log_remark(writer, user(config, "Hana Sato"), SUPPORT, "praise", "very patient")
    complaint, praise = f.remarks(db, SUPPORT)
    with pytest.raises(EvaluationRefused, match="only a reviewer or a QA lead judges"):
        f.judge_remark(writer, tom, complaint[0], False, "no")
    with pytest.raises(EvaluationRefused, match="a judgement needs a reason"):
        f.judge_remark(writer, rita, complaint[0], False, "")
    f.judge_remark(writer, rita, complaint[0], False, "the recording shows the caller hung up")
    f.judge_remark(writer, user(config, "Quinn Lee"), praise[0], True, "patient throughout")
    with pytest.raises(EvaluationRefused, match="already judged by Rita Reyes"):
        f.judge_remark(writer, rita, complaint[0], True, "changed my mind")
    complaint, praise = f.remarks(db, SUPPORT)
    assert complaint[2:5] == ("complaint", "the agent hung up on me", "Tom Reyes")
    assert complaint[6:9] == (0, "the recording shows the caller hung up", "Rita Reyes")
    assert praise[6] == 1 and praise[8] == "Quinn Lee"


def test_a_dispute_answered_by_a_revision_keeps_its_comments_and_pins(scored) -> None:
    config, db, writer, _clock, alice, _bob = scored
    f.raise_dispute(writer, config, user(config, "Tom Reyes"), alice, "the hold was asked for")
    [dispute] = f.disputes(db, alice)
    answers = {**full_marks(config, "inbound service"), "answers_promptly": 3}
    f.answer_dispute(writer, config, user(config, "Quinn Lee"), dispute[0], "announced late",
                     answers, item_comments={"answers_promptly": "hold at 1:10"},
                     pins=[(70000, "the hold")])  # fmt: skip
    [dispute] = f.disputes(db, alice)
    pins = db.execute("SELECT at_ms, text FROM evaluation_pins WHERE revision_id = ?",
                      [dispute[6]]).fetchall()  # fmt: skip
    comments = db.execute("SELECT item, comment FROM evaluation_items WHERE revision_id = ?"
                          " AND comment != ''", [dispute[6]]).fetchall()  # fmt: skip
    assert pins == [(70000, "the hold")]
    assert comments == [("answers_promptly", "hold at 1:10")]


def test_a_dispute_within_the_days_answered_by_a_new_revision(scored) -> None:
    config, db, writer, clock, alice, _bob = scored
    tom, rita, quinn = (
        user(config, "Tom Reyes"),
        user(config, "Rita Reyes"),
        user(config, "Quinn Lee"),
    )
    with pytest.raises(EvaluationRefused, match="only a team leader or a supervisor disputes"):
        f.raise_dispute(writer, config, rita, alice, "unfair")
    with pytest.raises(EvaluationRefused, match="a dispute needs a reason"):
        f.raise_dispute(writer, config, tom, alice, "")
    f.raise_dispute(writer, config, tom, alice, "the caller asked for the hold")
    with pytest.raises(EvaluationRefused, match="already disputed"):
        f.raise_dispute(writer, config, tom, alice, "again")
    [dispute] = f.disputes(db, alice)
    with pytest.raises(EvaluationRefused, match=r"only Rita Reyes \(who scored it\) or a QA lead"):
        f.answer_dispute(writer, config, user(config, "Sam Stone"), dispute[0], "no")
    answers = {**full_marks(config, "inbound service"), "answers_promptly": 3}
    clock.now += 3600
    f.answer_dispute(writer, config, quinn, dispute[0], "the hold was announced late", answers)
    [dispute] = f.disputes(db, alice)
    assert dispute[5] == "revised" and dispute[7] == "the hold was announced late"
    first, second = q.history(db, SUPPORT)
    assert second.id == dispute[6] and second.revision == 2 and second.source == "dispute"
    assert second.reason == "the hold was announced late" and second.submitted_by == "Quinn Lee"
    assert first.total == 100.0 and second.total == 98.0  # 38/40 × 40 + 35 + 25
    with pytest.raises(EvaluationRefused, match="already answered by Quinn Lee"):
        f.answer_dispute(writer, config, rita, dispute[0], "late")


def test_a_dispute_rejected_and_one_too_late(scored) -> None:
    config, db, writer, clock, alice, bob = scored
    hana = user(config, "Hana Sato")
    f.raise_dispute(writer, config, hana, bob, "the customer agreed clearly")
    [dispute] = f.disputes(db, bob)
    f.answer_dispute(writer, config, user(config, "Rita Reyes"), dispute[0],
                     "the consent was 嗯 with no re-confirmation")  # fmt: skip
    [dispute] = f.disputes(db, bob)
    assert (dispute[5], dispute[6], dispute[8]) == ("rejected", None, "Rita Reyes")
    assert len(q.history(db, SALES)) == 1  # the result stands as it was
    clock.now += 7 * DAY_S + 1
    with pytest.raises(EvaluationRefused, match="too late: a result may be disputed within 7 days"):
        f.raise_dispute(writer, config, hana, alice, "late")


def test_a_correction_keeps_the_feedback_clock_of_the_first_submission(scored) -> None:
    config, db, writer, clock, alice, _bob = scored
    clock.now += 3 * DAY_S
    answers = {**full_marks(config, "inbound service"), "greeting": 0}
    q.revise(db, writer, config, user(config, "Rita Reyes"), alice, answers, "no greeting")
    clock.now += 4 * DAY_S - 1  # 7 days after revision 1, 4 after revision 2
    due = f.overdue_feedback(db, config, int(clock.now))
    # (the sales result, a minute younger, is not due yet)
    assert [(d.result.callid, d.result.revision, d.days_waiting) for d in due] == [
        (SUPPORT, 2, 7),
    ]  # fmt: skip
