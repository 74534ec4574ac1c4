"""How long drawing a day's QA sample takes on a store of 1,000,000 calls and 500 members.

The store is simulated and imported once (bench_floor_at's builder, kept in
bench/.cache), then every answered call is given a recording row (status ok,
as a centre that records every call; kept in bench/.cache too). The month's
earlier days are drawn first (not timed), so the monthly counts are real.

Each repeat takes a day not yet drawn and times, in turns:

- **floortui**: `floortui.queries.sampling.draw_day` on it: the day's answered
  calls with a usable recording, the month's counts, the draw with boosts,
  hour weights and minimums, sharing out among the reviewers, and the write of
  the new rows;
- **baseline**: the naive SQL window-function draw on the same day's calls:
  ROW_NUMBER() OVER (PARTITION BY member ORDER BY a seeded pseudo-random
  number) joined to the recordings, keeping ratio × calls (1 to 5) per member,
  read into Python; no boosts, monthly minimum, reviewers nor write.

    .venv/bin/python bench/bench_sample.py [--calls 1000000] [--members 500] [--repeat 3]

Prints each run's figures; the last line is ``ratio=<floortui / baseline>`` (medians).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout, installed or not
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_floor_at import CACHE, store_with_calls  # noqa: E402

from floortui.config import parse_config  # noqa: E402
from floortui.config.sampling import SamplingSettings  # noqa: E402
from floortui.domain.workday import day_bounds  # noqa: E402
from floortui.queries.sampling import draw_day  # noqa: E402
from floortui.store.db import open_database  # noqa: E402
from floortui.store.recordings import upsert_recordings  # noqa: E402

BASELINE = """
    WITH day AS (
        SELECT c.callid, c.queue, c.member,
               ((c.id * 2654435761 + :seed) % 4294967296) AS draw_order
        FROM calls c
        WHERE c.entered_at >= :start AND c.entered_at < :end AND c.answered_at IS NOT NULL
          AND c.member IS NOT NULL AND c.talk_s >= 10
          AND EXISTS (SELECT 1 FROM recordings r WHERE r.callid = c.callid AND r.status = 'ok')
    ), ranked AS (
        SELECT callid, queue, member,
               ROW_NUMBER() OVER (PARTITION BY member ORDER BY draw_order) AS n,
               COUNT(*) OVER (PARTITION BY member) AS calls
        FROM day
    )
    SELECT callid, queue, member FROM ranked
    WHERE n <= max(1, min(5, CAST(calls * 0.10 + 0.5 AS INTEGER)))
"""


def recorded_store(calls: int, members: int) -> Path:
    """The simulated store with a recording row (status ok) for every answered call."""
    path = CACHE / f"sample-{calls}-{members}.db"
    if path.exists():
        return path
    source = store_with_calls(calls, members)
    partial = Path(tempfile.mkdtemp()) / "store.db"
    shutil.copy(source, partial)
    db = open_database(partial)
    answered = db.execute("SELECT DISTINCT callid FROM calls WHERE answered_at IS NOT NULL")
    upsert_recordings(db, (
        {"path": f"/var/spool/asterisk/monitor/{callid}.wav", "callid": callid,
         "leg": "mixed", "container": "wav", "codec": "pcm_s16le", "sample_rate": 8000,
         "channels": 1, "status": "ok", "found_at": "2026-12-03T00:00:00+00:00"}
        for (callid,) in answered.fetchall()
    ))  # fmt: skip
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    shutil.move(partial, path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cached = recorded_store(args.calls, args.members)
    work = Path(tempfile.mkdtemp()) / "store.db"
    shutil.copy(cached, work)
    db = open_database(work)
    users = [{"name": f"reviewer{i}", "role": "reviewer"} for i in range(1, 5)]
    config = parse_config({"day": {"timezone": "UTC"}, "users": users})
    settings = SamplingSettings(hour_weights={9: 1.5, 13: 0.5})
    last_day = dt.date.fromtimestamp(db.execute("SELECT max(entered_at) FROM calls").fetchone()[0])
    last_day -= dt.timedelta(days=1)  # the last day is cut short by the simulation's end
    days = [last_day - dt.timedelta(days=i) for i in range(args.repeat)][::-1]
    started = time.perf_counter()
    earlier = days[0].replace(day=1)
    while earlier < days[0]:
        draw_day(db, config, earlier, settings=settings)
        earlier += dt.timedelta(days=1)
    print(f"drew the month's earlier days in {time.perf_counter() - started:.1f} s (not timed)")
    ours, theirs = [], []
    for day in days:
        start, end = day_bounds(day, config.day.tz)
        began = time.perf_counter()
        rows = db.execute(BASELINE, {"seed": 1, "start": start, "end": end}).fetchall()
        theirs.append(time.perf_counter() - began)
        began = time.perf_counter()
        drawn = draw_day(db, config, day, settings=settings)
        ours.append(time.perf_counter() - began)
        began = time.perf_counter()
        again = draw_day(db, config, day, settings=settings)
        redraw = time.perf_counter() - began
        assert again == drawn
        (calls,) = db.execute(
            "SELECT count(*) FROM calls WHERE entered_at >= ? AND entered_at < ?", (start, end)
        ).fetchone()
        print(f"{day}: {calls:,} calls; floortui {ours[-1] * 1000:.0f} ms ({len(drawn):,} rows, "
              f"drawing it again {redraw * 1000:.0f} ms), baseline {theirs[-1] * 1000:.0f} ms "
              f"({len(rows):,} rows)")  # fmt: skip
    (total,) = db.execute("SELECT count(*) FROM calls").fetchone()
    print(f"store: {total:,} calls, {args.members} members")
    print(
        f"floortui: median {statistics.median(ours) * 1000:.0f} ms, "
        f"spread {min(ours) * 1000:.0f}-{max(ours) * 1000:.0f} ms (goal <= 200 ms)"
    )
    print(
        f"baseline: median {statistics.median(theirs) * 1000:.0f} ms, "
        f"spread {min(theirs) * 1000:.0f}-{max(theirs) * 1000:.0f} ms"
    )
    print(f"ratio={statistics.median(ours) / statistics.median(theirs):.2f}")


if __name__ == "__main__":
    main()
