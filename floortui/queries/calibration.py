"""Calibration as the QA lead and the reviewers ask for it: start a session on a call, score
it blind, and the spread once everyone has scored.

People's writes through the app's `PeopleWriter`; refusals raise
`EvaluationRefused` (or `ScoreError` for answers the form cannot take), and
nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlite_utils import Database

from floortui.config import Config
from floortui.config.users import UserSettings
from floortui.domain.calibration import (
    SessionView,
    blind_view,
    calibrate,
    check_score,
    check_start,
)
from floortui.domain.evaluation import SCORERS, EvaluationRefused
from floortui.domain.scoring import Answer, score_form
from floortui.queries.evaluations import form_for_call
from floortui.store import evaluations_calibration as store
from floortui.store.db import read_transaction
from floortui.store.people import PeopleWriter, PersonWrite


def start_session(
    db: Database,
    people: PeopleWriter,
    config: Config,
    user: UserSettings,
    callid: str,
    reviewers: Sequence[str],
) -> int:
    """A QA lead gives the call to `reviewers` to score blind; the session's id."""
    scorers = [u.name for u in config.users if u.role in SCORERS]
    check_start(user, reviewers, scorers)
    _, _, form = form_for_call(db, config, callid)
    written = store.start(
        people, callid, form.name, reviewers, config.evaluation.calibration_band_points, user.name
    )
    return written.payload["session_id"]


def score_session(
    people: PeopleWriter,
    config: Config,
    user: UserSettings,
    session_id: int,
    answers: Mapping[str, Answer],
) -> PersonWrite:
    """`user`'s blind score of the session's call: final once given."""
    session = store.session(people.conn, session_id)
    if session is None:
        raise EvaluationRefused("no such calibration in the store")
    form = config.rubric.form(session[2])
    if form is None:
        raise EvaluationRefused(f"the form {session[2]!r} is no longer under rubric.forms")
    score = score_form(form, answers, config.rubric.grades)

    def check(found: tuple | None, reviewers: list[str], scored: list[str]) -> None:
        check_score(user, reviewers, scored)

    return store.add_score(
        people,
        session_id,
        dict(score.items),
        float(score.total),
        float(score.total_before_critical),
        user.name,
        check,
    )


def session_view(db: Database, config: Config, session_id: int, viewer: str | None) -> SessionView:
    with read_transaction(db):
        session = store.session(db, session_id)
        if session is None:
            raise EvaluationRefused("no such calibration in the store")
        reviewers = store.session_reviewers(db, session_id)
        scores = store.session_scores(db, session_id)
    scored = [row[0] for row in scores]
    shows = blind_view(reviewers, scored, viewer)
    own = next((row[1] for row in scores if row[0] == viewer), None)
    result = None
    form = config.rubric.form(session[2])
    if shows == "all" and form is not None:
        answers = {row[0]: row[1] for row in scores}
        totals = {row[0]: row[2] for row in scores}
        result = calibrate(form, answers, totals, session[3])
    return SessionView(session[0], session[1], session[2], reviewers, scored, shows, own, result)
