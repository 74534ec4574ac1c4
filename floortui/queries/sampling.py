"""The day's QA sample, as `floortui sample` and the review queue ask for it.

`draw_day` reads everything a draw depends on in one snapshot under the
store's write lock, lets `floortui.domain.sampling` choose, adds the new
rows and returns the whole day's sample: drawing a day again returns the
same rows, and calls imported since top it up.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping

from sqlite_utils import Database

from floortui.config import Config
from floortui.config.sampling import SamplingSettings
from floortui.domain.sampling import DayContext, Reviewer, SampleRow, draw_sample
from floortui.domain.workday import day_bounds
from floortui.store import samples as store
from floortui.store.db import read_transaction


def sampling_settings(config: Config) -> SamplingSettings:
    """The config's `sampling:` section."""
    return config.sampling


def reviewers_on_duty(config: Config) -> list[Reviewer]:
    """Users with role reviewer; their user name is their member name if they take calls."""
    return [Reviewer(u.name, u.name) for u in config.users if u.role == "reviewer"]


def _rows(stored: list[tuple]) -> list[SampleRow]:
    return [SampleRow(*row) for row in stored]


def draw_day(
    db: Database,
    config: Config,
    day: dt.date,
    *,
    settings: SamplingSettings | None = None,
    recent_averages: Mapping[str, float] | None = None,
    coaching: frozenset[str] = frozenset(),
    clock: Callable[[], float] = time.time,
) -> list[dict]:
    """The day's sample as JSON objects (`call`, `queue`, `agent`, `reason`, `reviewer`),
    by answer time, after adding what the calls imported so far call for.

    `recent_averages` (member → QA %) defaults to the members' standing
    evaluation totals of the last `sampling.low_score_days` days; `coaching`
    is empty until the coaching issue provides it.
    """
    return [row.as_json() for row in draw_day_rows(
        db, config, day, settings=settings, recent_averages=recent_averages,
        coaching=coaching, clock=clock,
    )]  # fmt: skip


def draw_day_rows(
    db: Database,
    config: Config,
    day: dt.date,
    *,
    settings: SamplingSettings | None = None,
    recent_averages: Mapping[str, float] | None = None,
    coaching: frozenset[str] = frozenset(),
    clock: Callable[[], float] = time.time,
) -> list[SampleRow]:
    """`draw_day`'s rows, with answer time and talk (for the review queue)."""
    settings = settings or sampling_settings(config)
    if recent_averages is None:  # the low-score boost: members' recent QA results
        from floortui.queries.evaluations import recent_averages as qa_averages

        recent_averages = qa_averages(db, config, day, settings.low_score_days)
    tz, start_hour = config.day.tz, config.day.day_start_hour
    start, end = day_bounds(day, tz, start_hour)
    name = day.isoformat()
    with store.draw_transaction(db):
        already = _rows(store.day_samples(db, name))
        calls = store.answered_with_recording(db, start, end, settings.min_talk_s)
        ctx = DayContext(
            day=day,
            tz=tz,
            day_start_hour=start_hour,
            agents={a.name: a.hire_date for a in config.agents},
            month_counts=store.month_counts(db, day.replace(day=1).isoformat(), name),
            recent_averages=recent_averages or {},
            coaching=frozenset(coaching),
            reviewers=reviewers_on_duty(config),
            already=already,
        )
        new = draw_sample(settings, calls, ctx)
        if new:
            drawn_at = dt.datetime.fromtimestamp(clock(), dt.UTC).isoformat(timespec="seconds")
            store.add_samples(db, name, (_stored(r) for r in new), settings.seed, drawn_at)
    rows = already + new
    rows.sort(key=lambda r: (r.answered_at or 0, r.callid, r.queue, r.member))
    return rows


def _stored(row: SampleRow) -> tuple:
    return (row.callid, row.queue, row.member, row.reason, row.reviewer, row.answered_at,
            row.talk_s)  # fmt: skip


def day_sample(db: Database, day: dt.date) -> list[SampleRow]:
    """What was drawn for `day`, without drawing (a read-only store can show it)."""
    with read_transaction(db):
        return _rows(store.day_samples(db, day.isoformat()))
