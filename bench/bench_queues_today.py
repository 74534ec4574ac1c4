"""How long the queue panel's day figures and the hourly table take on a big store.

`queues_today` (floortui.queries.queues_today) is read when new calls are stored,
in a worker: every queue's figures for the day so far and its hours, in one read
transaction. It must stay far under a second however long the store's history:
the day's calls are found through `calls_entered_at`, the sessions and pauses
through their own scans. The baseline in the same run is the bare minimum any
such figure needs: counting the day's calls per queue through the same index.
The second figure is the 1 Hz tick: every queue's line from a 1,000-seat
snapshot, in memory.

    .venv/bin/python bench/bench_queues_today.py [--db STORE] [--calls 1000000] [--samples 7]

`--db` reads an existing store (copied first, never written); otherwise a store of
about `--calls` simulated calls is made once and kept in bench/.cache (as
bench_floor_at.py does; a million calls take minutes to simulate and import).
The last line printed is ``ratio=<queues_today median / baseline median>``.
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

from bench.bench_floor_at import store_with_calls  # noqa: E402
from floortui.config import parse_config  # noqa: E402
from floortui.domain.queue_today import queue_lines  # noqa: E402
from floortui.domain.workday import day_bounds, working_day_of  # noqa: E402
from floortui.queries.floor import floor_snapshot_at  # noqa: E402
from floortui.queries.queues_today import queues_today  # noqa: E402
from floortui.store.db import open_database  # noqa: E402

CONFIG = {
    "queues": {
        "sales": {"service_level_s": 20, "wrapuptime": 10},
        "support": {"service_level_s": 30, "wrapuptime": 10},
        "billing": {"service_level_s": 20, "wrapuptime": 10},
    },
    "day": {"timezone": "UTC", "day_start_hour": 6},
}


def timed(fn, samples: int) -> tuple[float, object]:
    """Median seconds of `samples` runs, and the last result."""
    spent, result = [], None
    for _ in range(samples):
        started = time.perf_counter()
        result = fn()
        spent.append(time.perf_counter() - started)
    return statistics.median(spent), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="an existing store to read (copied first)")
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=7)
    args = parser.parse_args()
    source = args.db or store_with_calls(args.calls, args.members)
    work = Path(tempfile.mkdtemp()) / "store.db"
    shutil.copy(source, work)
    db = open_database(work)
    config = parse_config(CONFIG)
    calls, last = db.execute("SELECT count(*), max(entered_at) FROM calls").fetchone()
    # 21:00 on the last whole day: a full day's calls so far, 15 hours of table
    last_day = working_day_of(last, config.day.tz, 6) - dt.timedelta(days=1)
    start, _ = day_bounds(last_day, config.day.tz, 6)
    now = start + 15 * 3600
    today_calls = db.execute(
        "SELECT count(*) FROM calls WHERE entered_at >= ? AND entered_at <= ?", (start, now)
    ).fetchone()[0]
    print(f"store: {calls:,} calls; the day so far: {today_calls:,} calls")
    timed(lambda: queues_today(db, config, now), 1)  # warm the page cache

    def baseline() -> list:
        sql = ("SELECT queue, (entered_at - ?) / 3600, count(*) FROM calls"
               " WHERE entered_at >= ? AND entered_at <= ? GROUP BY 1, 2")  # fmt: skip
        return db.execute(sql, (start, start, now)).fetchall()

    base_s, _ = timed(baseline, args.samples)
    print(f"baseline, the day's calls counted per queue and hour: {base_s * 1000:.1f} ms")
    ours_s, today = timed(lambda: queues_today(db, config, now), args.samples)
    hours = len(today.all_hours)
    print(f"queues_today (figures + hourly table, {len(today.queues)} queues, {hours} hours):"
          f" median {ours_s * 1000:.1f} ms")  # fmt: skip
    snapshot = floor_snapshot_at(db, now, None, config.wrapup_s())
    tick_s, lines = timed(lambda: queue_lines(today.queues, snapshot, now), 50)
    print(f"1 Hz tick, every queue's line from {len(snapshot.members):,} seats:"
          f" {tick_s * 1000:.2f} ms ({len(lines)} lines)")  # fmt: skip
    print(f"ratio={ours_s / base_s:.2f}")


if __name__ == "__main__":
    main()
