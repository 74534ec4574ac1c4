"""A call's latest result as the scoring form shows it again, for a correction.

The form is filled from the latest revision's items (points, or None for
N/A), item comments and pins, so a correction starts from what is stored;
saving it makes a new revision (floortui.queries.evaluations.revise).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from floortui.domain.evaluation import StoredRevision, revisions_of
from floortui.domain.scoring import Answer
from floortui.store import evaluations as store
from floortui.store.db import read_transaction


@dataclass(frozen=True)
class LatestResult:
    """The latest revision of a call's evaluation and what it scored."""

    revision: StoredRevision
    answers: dict[str, Answer]
    comments: dict[str, str]
    pins: tuple[tuple[int, str], ...]


def latest_result(db: Database, callid: str) -> LatestResult | None:
    """The call's latest revision with its items and pins; None when never evaluated."""
    with read_transaction(db):
        revisions = revisions_of(store.call_revisions(db, callid))
        if not revisions:
            return None
        latest = revisions[-1]
        items = store.revision_items(db, [latest.id])
        pins = store.revision_pins(db, latest.id)
    answers = {item: points for _, item, _section, points, _max, _comment in items}
    comments = {item: comment for _, item, _s, _p, _m, comment in items if comment}
    return LatestResult(latest, answers, comments, tuple((int(a), str(t)) for a, t in pins))
