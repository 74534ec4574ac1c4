"""The review queue's claim rules, one by one, on a real store file and the people's writer.

Each test claims, releases or marks sampled calls the way the screen does
(floortui.queries.review_queue) and reads back what the store holds: who and
when, how a claim ended, and that `samples` never changed.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from floortui.config import parse_config
from floortui.domain.review import ClaimRefused, ReviewStatus
from floortui.queries.review_queue import (
    claim,
    listened,
    mark_reviewed,
    release,
    review_queue,
)
from floortui.store.db import open_database
from floortui.store.people import PeopleWriter
from floortui.store.samples import add_samples, draw_transaction
from tests.conftest import rows

DAY = dt.date(2026, 11, 13)
T = 1794600000  # the wall clock of the first claim
LENA, ARJUN = "Lena Wolff", "Arjun Mehta"


class Clock:
    def __init__(self) -> None:
        self.now = float(T)

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def config():
    return parse_config(
        {
            "review": {"max_open_claims": 2, "claim_timeout_minutes": 30},
            "users": [{"name": LENA, "role": "reviewer"}, {"name": ARJUN, "role": "reviewer"}],
        }
    )


@pytest.fixture
def store(db_path: Path) -> Database:
    """Four sampled calls of the 13th: three of members, one of Arjun's own (he takes calls)."""
    db = open_database(db_path)
    sampled = [
        (f"1794560{n}.1", "sales", member, "ratio 10 %", reviewer, 1794560000 + n * 600, 60 + n)
        for n, (member, reviewer) in enumerate(
            [("Alice Archer", LENA), ("Bob Brown", LENA), ("Cora Cole", ARJUN), (ARJUN, LENA)]
        )
    ]
    with draw_transaction(db):
        add_samples(db, DAY.isoformat(), sampled, 0, "2026-11-13T18:00:00+00:00")
    return db


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def people(db_path: Path, store: Database, clock: Clock) -> PeopleWriter:
    writer = PeopleWriter(db_path, clock=clock)
    yield writer
    writer.close()


def _ids(db: Database) -> list[int]:
    return [r["id"] for r in rows(db, "SELECT id FROM samples ORDER BY id")]


def _claims(db: Database) -> list[dict]:
    return rows(
        db,
        "SELECT c.sample_id, c.reviewer, c.claimed_at, e.ended_at, e.why, e.ended_by"
        " FROM review_claims c LEFT JOIN review_claim_ends e ON e.claim_id = c.id ORDER BY c.id",
    )


def _writes(db: Database) -> int:
    return db.execute("SELECT count(*) FROM person_writes").fetchone()[0]


def test_a_claim_stores_who_and_when(store, people, config) -> None:
    first = _ids(store)[0]
    written = claim(people, config, first, LENA)
    assert (written.kind, written.written_by, written.written_at) == ("review.claimed", LENA, T)
    assert _claims(store) == [
        {"sample_id": first, "reviewer": LENA, "claimed_at": T, "ended_at": None, "why": None,
         "ended_by": None},
    ]  # fmt: skip
    queue = review_queue(store, config, ARJUN, DAY, now=T + 60)
    item = queue.item(first)
    assert (item.status, item.holder) == (ReviewStatus.IN_PROGRESS, LENA)


def test_nobody_claims_a_call_another_reviewer_holds(store, people, config) -> None:
    first = _ids(store)[0]
    claim(people, config, first, LENA)
    before = _writes(store)
    with pytest.raises(ClaimRefused, match="claimed by Lena Wolff"):
        claim(people, config, first, ARJUN)
    with pytest.raises(ClaimRefused, match="already"):
        claim(people, config, first, LENA)
    assert _writes(store) == before  # a refused claim writes nothing, not even the audit row
    assert [c["reviewer"] for c in _claims(store)] == [LENA]


def test_open_claims_are_limited_per_reviewer(store, people, config) -> None:
    one, two, three, _ = _ids(store)
    claim(people, config, one, LENA)
    claim(people, config, two, LENA)
    with pytest.raises(ClaimRefused, match="you hold 2 claims, the most at once"):
        claim(people, config, three, LENA)
    claim(people, config, three, ARJUN)  # the limit is each person's own
    release(people, config, one, LENA)
    claim(people, config, one, LENA)  # a released claim no longer counts
    assert [(c["reviewer"], c["why"]) for c in _claims(store)] == [
        (LENA, "released"), (LENA, None), (ARJUN, None), (LENA, None),
    ]  # fmt: skip


def test_an_untouched_claim_is_released_by_timeout(store, people, config, clock) -> None:
    first = _ids(store)[0]
    claim(people, config, first, LENA)
    clock.now = T + 29 * 60
    with pytest.raises(ClaimRefused, match="claimed by Lena"):
        claim(people, config, first, ARJUN)
    clock.now = T + 31 * 60
    queue = review_queue(store, config, ARJUN, DAY, now=clock.now)
    assert queue.item(first).status is ReviewStatus.NEW  # stale: the call is free at once
    assert queue.item(first).last_end == (LENA, T + 30 * 60, "timeout")
    claim(people, config, first, ARJUN)
    assert _claims(store) == [
        {"sample_id": first, "reviewer": LENA, "claimed_at": T, "ended_at": T + 30 * 60,
         "why": "timeout", "ended_by": "floortui"},
        {"sample_id": first, "reviewer": ARJUN, "claimed_at": T + 31 * 60, "ended_at": None,
         "why": None, "ended_by": None},
    ]  # fmt: skip


def test_listening_starts_the_timeout_again(store, people, config, clock) -> None:
    first = _ids(store)[0]
    claim(people, config, first, LENA)
    clock.now = T + 20 * 60
    listened(people, config, first, LENA)
    clock.now = T + 45 * 60  # 45 min after the claim, 25 after listening: still hers
    with pytest.raises(ClaimRefused, match="claimed by Lena"):
        claim(people, config, first, ARJUN)
    clock.now = T + 51 * 60
    claim(people, config, first, ARJUN)
    assert _claims(store)[0]["ended_at"] == T + 50 * 60


def test_a_stale_claim_does_not_count_toward_the_limit(store, people, config, clock) -> None:
    one, two, three, _ = _ids(store)
    claim(people, config, one, LENA)
    claim(people, config, two, LENA)
    clock.now = T + 40 * 60
    claim(people, config, three, LENA)
    assert [(c["sample_id"], c["why"]) for c in _claims(store)] == [
        (one, "timeout"), (two, "timeout"), (three, None),
    ]  # fmt: skip


def test_only_the_holder_releases_or_marks_reviewed(store, people, config) -> None:
    first = _ids(store)[0]
    with pytest.raises(ClaimRefused, match="not claimed"):
        mark_reviewed(people, config, first, LENA)
    claim(people, config, first, LENA)
    with pytest.raises(ClaimRefused, match="only they can release"):
        release(people, config, first, ARJUN)
    with pytest.raises(ClaimRefused, match="only they can mark"):
        mark_reviewed(people, config, first, ARJUN)


def test_marking_reviewed_makes_the_call_done_and_ends_the_claim(store, people, config,
                                                                 clock) -> None:  # fmt: skip
    first = _ids(store)[0]
    claim(people, config, first, LENA)
    clock.now = T + 300
    mark_reviewed(people, config, first, LENA)
    assert _claims(store)[0]["why"] == "done" and _claims(store)[0]["ended_at"] == T + 300
    assert rows(store, "SELECT done_by, done_at, how FROM review_done") == [
        {"done_by": LENA, "done_at": T + 300, "how": "marked reviewed"}
    ]
    with pytest.raises(ClaimRefused, match="already done: reviewed by Lena"):
        claim(people, config, first, ARJUN)
    queue = review_queue(store, config, LENA, DAY, now=clock.now)
    assert queue.item(first).status is ReviewStatus.DONE
    assert (queue.mine_done, queue.mine_due, queue.day_done, len(queue.items)) == (1, 3, 1, 4)


def test_nobody_reviews_their_own_call(store, people, config) -> None:
    own = _ids(store)[3]  # Arjun took this call himself
    with pytest.raises(ClaimRefused, match="one of your own calls"):
        claim(people, config, own, ARJUN)
    claim(people, config, own, LENA)


def test_claims_never_alter_the_sample(store, people, config, clock) -> None:
    before = rows(store, "SELECT * FROM samples ORDER BY id")
    one, two, three, _ = _ids(store)
    claim(people, config, one, LENA)
    listened(people, config, one, LENA)
    mark_reviewed(people, config, one, LENA)
    claim(people, config, two, ARJUN)
    release(people, config, two, ARJUN)
    claim(people, config, three, ARJUN)
    clock.now = T + 3600
    claim(people, config, two, LENA)  # records Arjun's stale claim on three as timed out
    assert rows(store, "SELECT * FROM samples ORDER BY id") == before
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.execute("UPDATE review_claims SET reviewer = 'someone else'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.execute("DELETE FROM review_claim_ends")


def test_the_queue_lists_my_calls_first(store, people, config) -> None:
    ids = _ids(store)
    claim(people, config, ids[0], ARJUN)  # one of Lena's calls, held by Arjun
    queue = review_queue(store, config, ARJUN, DAY, now=T + 60)
    assert [(i.call.id, i.mine) for i in queue.items] == [
        (ids[0], True), (ids[2], True), (ids[1], False), (ids[3], False),
    ]  # fmt: skip
    assert (queue.holding, queue.mine_due) == (1, 1)
    watching = review_queue(store, config, None, DAY, now=T + 60)
    assert not any(i.mine for i in watching.items)
