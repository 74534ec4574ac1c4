"""Submitted results that cannot be quietly changed: submit, drafts, revisions with reasons,
triggers refusing UPDATE and DELETE, and the audit of who did what when."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from floortui.domain.evaluation import EvaluationRefused
from floortui.domain.scoring import ScoreError
from floortui.queries import evaluations as q
from floortui.store.people import PersonWriteFailed
from tests.evaluation_store import CALLS, Clock, full_marks, make_store, user

SUPPORT, SALES, OWN, SUPPORT_BOB = (c[0] for c in CALLS)


@pytest.fixture
def store(tmp_path: Path):
    clock = Clock()
    config, db, writer = make_store(tmp_path, clock)
    yield config, db, writer, clock
    writer.close()


def test_a_submitted_evaluation_is_stored_with_its_arithmetic(store) -> None:
    config, db, writer, clock = store
    answers = full_marks(config, "inbound service")
    answers.update(polite_phrases=3, corrects_errors=None)  # 38 - 2 of 35 → 33/35 of 40
    written = q.submit(db, writer, config, user(config, "Rita Reyes"), SUPPORT, answers,
                       comment="good call", item_comments={"polite_phrases": "no 再見"},
                       pins=[(61500, "forgot the closing")])  # fmt: skip
    # service attitude 33/35 × 40 = 37.714... ; the rest full: 37.714 + 35 + 25 = 97.7
    [row] = q.report_rows(db, None, None)
    assert row["total"] == 97.7 and row["grade"] == "优秀" and row["revision"] == 1
    assert (
        row["call"] == SUPPORT
        and row["agent"] == "Alice Archer"
        and row["form"] == ("inbound service")
    )
    assert row["items"]["corrects_errors"] is None and row["items"]["polite_phrases"] == 3
    assert row["sections"]["service attitude"] == 37.7
    [revision] = q.history(db, SUPPORT)
    assert (revision.submitted_by, revision.submitted_at) == ("Rita Reyes", clock.now)
    assert written.kind == "evaluation.submitted" and written.written_by == "Rita Reyes"
    pins = db.execute("SELECT at_ms, text FROM evaluation_pins").fetchall()
    assert pins == [(61500, "forgot the closing")]


def test_the_form_is_chosen_by_the_calls_queue(store) -> None:
    config, db, _writer, _ = store
    assert q.form_for_call(db, config, SALES)[2].name == "outbound sales"
    assert q.form_for_call(db, config, SUPPORT)[2].name == "inbound service"
    with pytest.raises(EvaluationRefused, match="no call 'nope' in the store"):
        q.form_for_call(db, config, "nope")


def test_who_may_submit(store) -> None:
    config, db, writer, _ = store
    answers = full_marks(config, "inbound service")
    with pytest.raises(EvaluationRefused, match="only reviewers and QA leads submit"):
        q.submit(db, writer, config, user(config, "Tom Reyes"), SUPPORT, answers)
    with pytest.raises(EvaluationRefused, match="one of your own calls"):
        q.submit(db, writer, config, user(config, "Rita Reyes"), OWN, answers)
    q.submit(db, writer, config, user(config, "Rita Reyes"), SUPPORT, answers)
    with pytest.raises(EvaluationRefused, match="already evaluated by Rita Reyes: correct it"):
        q.submit(db, writer, config, user(config, "Sam Stone"), SUPPORT, answers)
    incomplete = dict(answers)
    del incomplete["greeting"]
    with pytest.raises(ScoreError, match="greeting: not scored yet"):
        q.submit(db, writer, config, user(config, "Sam Stone"), SUPPORT_BOB, incomplete)
    assert len(q.report_rows(db, None, None)) == 1  # nothing else was written


def test_the_triggers_refuse_changes_in_place(store) -> None:
    config, db, writer, _ = store
    rita = user(config, "Rita Reyes")
    q.save_draft(writer, rita, SUPPORT, "inbound service", {"greeting": 1})
    q.submit(db, writer, config, rita, SUPPORT, full_marks(config, "inbound service"),
             pins=[(1000, "hold")])  # fmt: skip
    conn = sqlite3.connect(db.conn.execute("PRAGMA database_list").fetchone()[2])
    for sql in ("UPDATE evaluations SET total = 100", "DELETE FROM evaluations",
                "UPDATE evaluation_items SET points = 0", "DELETE FROM evaluation_items",
                "UPDATE evaluation_sections SET score = 0", "DELETE FROM evaluation_drafts",
                "UPDATE evaluation_drafts SET answers = '{}'", "DELETE FROM evaluation_pins",
                "DELETE FROM person_writes"):  # fmt: skip
        with pytest.raises(sqlite3.IntegrityError, match=r"never changed in place|append-only"):
            conn.execute(sql)
    conn.close()
    assert q.report_rows(db, None, None)[0]["total"] == 100.0


def test_a_correction_is_a_new_revision_with_a_reason(store) -> None:
    config, db, writer, clock = store
    answers = full_marks(config, "inbound service")
    q.submit(db, writer, config, user(config, "Rita Reyes"), SUPPORT, answers)
    evaluation = q.history(db, SUPPORT)[0].evaluation_id
    with pytest.raises(EvaluationRefused, match=r"only Rita Reyes \(who scored it\) or a QA lead"):
        q.revise(db, writer, config, user(config, "Sam Stone"), evaluation, answers, "why")
    with pytest.raises(EvaluationRefused, match="a correction needs a reason"):
        q.revise(db, writer, config, user(config, "Rita Reyes"), evaluation, answers, "  ")
    clock.now += 600
    q.revise(db, writer, config, user(config, "Quinn Lee"), evaluation,
             {**answers, "no_false_registration": 0}, "the ticket was never raised")  # fmt: skip
    first, second = q.history(db, SUPPORT)
    assert (first.revision, first.total, first.reason) == (1, 100.0, None)
    assert (second.revision, second.total, second.total_before_critical) == (2, 0.0, 100.0)
    assert second.critical_failed and second.grade == "不合格"
    assert (second.reason, second.submitted_by, second.reviewer) == (
        "the ticket was never raised", "Quinn Lee", "Rita Reyes",
    )  # fmt: skip
    assert second.submitted_at == first.submitted_at + 600
    assert [r["revision"] for r in q.report_rows(db, None, None)] == [1, 2]
    kinds = [w.kind for w in writer.history(subject=SUPPORT)]
    assert kinds == ["evaluation.submitted", "evaluation.revised"]


def test_drafts_save_by_themselves_and_go_once_submitted(store) -> None:
    config, db, writer, clock = store
    rita = user(config, "Rita Reyes")
    q.save_draft(writer, rita, SUPPORT, "inbound service", {"greeting": 1},
                 {"items": {"greeting": "ok"}})  # fmt: skip
    clock.now += 30
    q.save_draft(writer, rita, SUPPORT, "inbound service", {"greeting": 1, "patient": 4})
    form, answers, comments, saved_at = q.draft(db, SUPPORT, "Rita Reyes")
    assert (form, answers, comments, saved_at) == (
        "inbound service", {"greeting": 1, "patient": 4}, {}, clock.now,
    )  # fmt: skip
    assert q.draft(db, SUPPORT, "Sam Stone") is None
    q.submit(db, writer, config, rita, SUPPORT, full_marks(config, "inbound service"))
    assert q.draft(db, SUPPORT, "Rita Reyes") is None
    saved = [w for w in writer.history("evaluation.draft_saved")]
    assert [(w.written_by, w.subject) for w in saved] == [("Rita Reyes", SUPPORT)] * 2


def test_a_store_that_cannot_take_the_write_keeps_nothing(store, tmp_path: Path) -> None:
    config, db, writer, _ = store
    writer.close()
    with pytest.raises((PersonWriteFailed, sqlite3.ProgrammingError)):
        q.submit(db, writer, config, user(config, "Rita Reyes"), SUPPORT,
                 full_marks(config, "inbound service"))  # fmt: skip
    assert q.history(db, SUPPORT) == []


def test_two_reviewers_submitting_at_once_make_one_evaluation(store) -> None:
    """Each reads the call's revisions inside its own write: the second sees the first's."""
    import threading

    from floortui.store.people import PeopleWriter

    config, db, writer, _ = store
    other = PeopleWriter.for_store(db)
    answers = full_marks(config, "inbound service")
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def submit(people, name: str) -> None:
        start.wait()
        try:
            q.submit(db, people, config, user(config, name), SUPPORT_BOB, answers)
            outcomes.append("submitted")
        except EvaluationRefused as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=submit, args=(writer, "Rita Reyes")),
               threading.Thread(target=submit, args=(other, "Sam Stone"))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    other.close()
    assert sorted(outcomes)[-1] == "submitted" and len(outcomes) == 2
    assert sorted(outcomes)[0].startswith("already evaluated by ")
    assert [r.revision for r in q.history(db, SUPPORT_BOB)] == [1]
