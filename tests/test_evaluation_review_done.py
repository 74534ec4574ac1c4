"""The review queue counts a sampled call done when its evaluation is submitted (as well as
when marked reviewed), and the reviewer's claim on it ends, freeing a place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from floortui.domain.review import EVALUATED, ClaimRefused, ReviewStatus
from floortui.queries import evaluations as q
from floortui.queries import review_queue as rq
from floortui.store import samples
from floortui.store.claims import EVALUATION_SUBMITTED
from tests.evaluation_store import CALLS, NINE, Clock, full_marks, make_store, user

DAY = dt.date(2026, 11, 13)


@pytest.fixture
def sampled(tmp_path: Path):
    clock = Clock()
    config, db, writer = make_store(tmp_path, clock)
    with samples.draw_transaction(db):
        rows = [(callid, queue, member, "ratio", "Rita Reyes", NINE + 6 + i * 300, 120)
                for i, (callid, queue, member) in enumerate(CALLS)]  # fmt: skip
        samples.add_samples(db, DAY.isoformat(), rows, 0, "2026-11-13T10:00:00+00:00")
    yield config, db, writer, clock
    writer.close()


def _status(db, config, clock, callid: str):
    queue = rq.review_queue(db, config, "Rita Reyes", DAY, now=clock.now)
    return queue, next(i for i in queue.items if i.call.callid == callid)


def test_a_submitted_evaluation_makes_the_sample_done(sampled) -> None:
    config, db, writer, clock = sampled
    callid = CALLS[0][0]
    queue, item = _status(db, config, clock, callid)
    rq.claim(writer, config, item.call.id, "Rita Reyes")
    queue, item = _status(db, config, clock, callid)
    assert item.status is ReviewStatus.IN_PROGRESS and queue.holding == 1
    clock.now += 60
    q.submit(db, writer, config, user(config, "Rita Reyes"), callid,
             full_marks(config, "inbound service"))  # fmt: skip
    queue, item = _status(db, config, clock, callid)
    assert item.status is ReviewStatus.DONE and item.done.how == EVALUATED == EVALUATION_SUBMITTED
    assert (item.done.by, item.done.at) == ("Rita Reyes", clock.now)
    assert queue.holding == 0 and queue.mine_done == 1 and queue.day_done == 1
    with pytest.raises(ClaimRefused, match="already done: reviewed by Rita Reyes"):
        rq.claim(writer, config, item.call.id, "Sam Stone")


def test_marked_reviewed_still_counts_and_comes_first(sampled) -> None:
    config, db, writer, clock = sampled
    callid = CALLS[3][0]
    _, item = _status(db, config, clock, callid)
    rq.claim(writer, config, item.call.id, "Rita Reyes")
    rq.mark_reviewed(writer, config, item.call.id, "Rita Reyes")
    clock.now += 60
    q.submit(db, writer, config, user(config, "Rita Reyes"), callid,
             full_marks(config, "inbound service"))  # fmt: skip
    _, item = _status(db, config, clock, callid)
    assert item.status is ReviewStatus.DONE and item.done.how == "marked reviewed"
