"""What the review queue asks: a day's sampled calls with their claims, and claim changes.

Reads happen in one read transaction, so a call's status and the progress
line agree while a follower writes. Changes (claim, release, listened,
reviewed) are people's writes through the app's PeopleWriter, made from a
worker thread; the rules (floortui.domain.review) are applied inside the
write's transaction to what the store holds at that moment.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from sqlite_utils import Database

from floortui.config import Config
from floortui.domain.review import (
    LISTENED,
    Claim,
    ClaimPlan,
    ClaimRefused,
    ClaimRules,
    Done,
    SampleRef,
    plan_claim,
    plan_release,
    plan_reviewed,
    plan_touch,
)
from floortui.domain.review_queue import (
    CallerCall,
    ReviewQueue,
    SampledCall,
    build_queue,
    calls_by_caller,
)
from floortui.domain.workday import day_bounds, parse_day
from floortui.queries.sampling import draw_day_rows
from floortui.store import claims as store
from floortui.store.db import read_transaction
from floortui.store.people import PeopleWriter, PersonWrite
from floortui.store.reports import last_event_at

__all__ = [
    "ClaimRefused",
    "caller_calls",
    "claim",
    "draw_today",
    "listened",
    "mark_reviewed",
    "release",
    "review_queue",
    "rules_of",
]


def rules_of(config: Config) -> ClaimRules:
    return ClaimRules.from_settings(config.review)


def _day(config: Config, day: dt.date | None, latest: int | None) -> dt.date:
    if day is not None:
        return day
    now = latest if latest is not None else time.time()
    return parse_day("today", config.day.tz, config.day.day_start_hour, now)


def review_queue(db: Database, config: Config, user: str | None, day: dt.date | None = None,
                 now: float | None = None) -> ReviewQueue:  # fmt: skip
    """The day's review queue for `user` (None: the data's today; `now`: the wall clock)."""
    with read_transaction(db):
        latest = last_event_at(db)
        the_day = _day(config, day, latest)
        name = the_day.isoformat()
        samples = [SampledCall(*row) for row in store.day_samples(db, name)]
        claims = [Claim(*row) for row in store.day_claims(db, name)]
        open_claims = [Claim(*row) for row in store.open_claims(db)]
        done = [Done(*row) for row in store.day_done(db, name)]
    now = time.time() if now is None else now
    return build_queue(the_day, samples, claims, done, user, now, rules_of(config),
                       open_claims, latest)  # fmt: skip


def draw_today(db: Database, config: Config, day: dt.date | None = None) -> int:
    """Draw the day's sample as `floortui sample` does (again: only top-ups); rows it holds."""
    with read_transaction(db):
        the_day = _day(config, day, last_event_at(db))
    return len(draw_day_rows(db, config, the_day))


def caller_calls(db: Database, config: Config, day: dt.date, typed: str) -> list[CallerCall]:
    """The day's queue entries whose caller number holds the typed digits, newest first."""
    start, end = day_bounds(day, config.day.tz, config.day.day_start_hour)
    with read_transaction(db):
        calls = store.day_calls_with_caller(db, start, end)
        sampled = {row[1]: row[0] for row in store.day_samples(db, day.isoformat())}
    found = [CallerCall(*row[:7], bool(row[7]), sampled.get(row[0])) for row in calls]
    return calls_by_caller(found, typed)


Plan = Callable[..., ClaimPlan]


def _decider(plan: Plan, by: str, rules: ClaimRules, **extra) -> store.Decide:
    def decide(sample: tuple | None, open_rows: list[tuple], done: tuple | None,
               now: int) -> ClaimPlan:  # fmt: skip
        ref = SampleRef(sample[0], sample[4], sample[5]) if sample is not None else None
        mark = Done(*done) if done is not None else None
        return plan(ref, [Claim(*row) for row in open_rows], mark, by, now, rules, **extra)

    return decide


def claim(people: PeopleWriter, config: Config, sample_id: int, by: str) -> PersonWrite:
    """`by` claims the sampled call; ClaimRefused (nothing written) says why not."""
    decide = _decider(plan_claim, by, rules_of(config))
    return store.change(people, store.CLAIMED, sample_id, by, decide)


def release(people: PeopleWriter, config: Config, sample_id: int, by: str) -> PersonWrite:
    """The holder gives the call back to the queue."""
    decide = _decider(plan_release, by, rules_of(config))
    return store.change(people, store.RELEASED, sample_id, by, decide)


def mark_reviewed(people: PeopleWriter, config: Config, sample_id: int, by: str) -> PersonWrite:
    """The holder marks the call reviewed: done, and the claim ends as done."""
    decide = _decider(plan_reviewed, by, rules_of(config))
    return store.change(people, store.REVIEWED, sample_id, by, decide)


def listened(people: PeopleWriter, config: Config, sample_id: int, by: str) -> PersonWrite:
    """The holder opened the call to listen: their claim's timeout starts again."""
    decide = _decider(plan_touch, by, rules_of(config), what=LISTENED)
    return store.change(people, store.LISTENED, sample_id, by, decide)
