"""Calibration: a call scored blind by several reviewers; the spread per item and who is
outside the band (±5 points of the group's average total), the session stored."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from floortui.domain.evaluation import EvaluationRefused
from floortui.queries import calibration as cal
from tests.evaluation_store import CALLS, Clock, full_marks, make_store, user

SUPPORT = CALLS[0][0]


@pytest.fixture
def session(tmp_path: Path):
    clock = Clock()
    config, db, writer = make_store(tmp_path, clock)
    quinn = user(config, "Quinn Lee")
    session_id = cal.start_session(db, writer, config, quinn, SUPPORT,
                                   ["Rita Reyes", "Sam Stone", "Una Ueda"])  # fmt: skip
    yield config, db, writer, session_id
    writer.close()


def test_only_a_qa_lead_starts_one_with_two_reviewers_or_more(tmp_path: Path) -> None:
    config, db, writer = make_store(tmp_path)
    with pytest.raises(EvaluationRefused, match="only a QA lead starts a calibration"):
        cal.start_session(db, writer, config, user(config, "Rita Reyes"), SUPPORT,
                          ["Sam Stone", "Una Ueda"])  # fmt: skip
    with pytest.raises(EvaluationRefused, match="at least two reviewers"):
        cal.start_session(db, writer, config, user(config, "Quinn Lee"), SUPPORT, ["Sam Stone"])
    with pytest.raises(EvaluationRefused, match="Tom Reyes is not a reviewer or QA lead"):
        cal.start_session(db, writer, config, user(config, "Quinn Lee"), SUPPORT,
                          ["Sam Stone", "Tom Reyes"])  # fmt: skip
    writer.close()


def test_blind_until_everyone_scored_then_the_spread(session) -> None:
    config, db, writer, session_id = session
    full = full_marks(config, "inbound service")
    # Rita 100; Sam: patient 3, product_knowledge 3 → attitude 38/40 × 40 = 38,
    #   skill 23/25 × 35 = 32.2: total 95.2;
    # Una: patient 1, product_knowledge 1, greeting no → attitude 36/40 × 40 = 36,
    #   skill 21/25 × 35 = 29.4, opening 3/4 × 25 = 18.75: total 84.15 → 84.2.
    cal.score_session(writer, config, user(config, "Rita Reyes"), session_id, full)
    view = cal.session_view(db, config, session_id, "Sam Stone")
    assert view.shows == "none" and view.result is None and view.own is None
    view = cal.session_view(db, config, session_id, "Rita Reyes")
    assert view.shows == "own" and view.result is None and view.own["patient"] == 5
    cal.score_session(writer, config, user(config, "Sam Stone"), session_id,
                      {**full, "patient": 3, "product_knowledge": 3})  # fmt: skip
    with pytest.raises(EvaluationRefused, match="scored this calibration already"):
        cal.score_session(writer, config, user(config, "Sam Stone"), session_id, full)
    with pytest.raises(EvaluationRefused, match="not given to you"):
        cal.score_session(writer, config, user(config, "Quinn Lee"), session_id, full)
    assert cal.session_view(db, config, session_id, "Quinn Lee").result is None
    cal.score_session(writer, config, user(config, "Una Ueda"), session_id,
                      {**full, "patient": 1, "product_knowledge": 1, "greeting": 0})  # fmt: skip
    view = cal.session_view(db, config, session_id, "Quinn Lee")
    result = view.result
    assert view.shows == "all" and view.scored == ["Rita Reyes", "Sam Stone", "Una Ueda"]
    assert result.totals == {"Rita Reyes": 100.0, "Sam Stone": 95.2, "Una Ueda": 84.2}
    # The group's average total: (100 + 95.2 + 84.2) / 3 = 93.133...; ±5: Rita +6.87 and
    # Una -8.93 are outside, Sam +2.07 is inside.
    assert result.mean_total == Fraction("279.4") / 3
    assert result.outside == ["Rita Reyes", "Una Ueda"]
    assert result.spread_total == 15.8
    patient = next(i for i in result.items if i.item == "patient")
    assert patient.points == {"Rita Reyes": 5, "Sam Stone": 3, "Una Ueda": 1}
    assert (patient.mean, patient.spread, patient.deviation("Una Ueda")) == (3, 4, -2)
    greeting = next(i for i in result.items if i.item == "greeting")
    assert greeting.spread == 1 and greeting.mean == Fraction(2, 3)
    assert next(i for i in result.items if i.item == "attentive").spread == 0
    stored = db.execute("SELECT reviewer, total FROM calibration_scores ORDER BY id").fetchall()
    assert stored == [("Rita Reyes", 100.0), ("Sam Stone", 95.2), ("Una Ueda", 84.2)]
    assert db.execute("SELECT started_by, band_points FROM calibration_sessions").fetchall() == [
        ("Quinn Lee", 5.0)
    ]
