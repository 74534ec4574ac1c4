"""How long "every member's state at T" takes from a store, early and late in its history.

A store of about `--calls` simulated calls is imported once (kept in bench/.cache),
its floor checkpoints are built (what the first use on an old store pays), then
`floor_state_at` runs at random times in the first and in the last day. The point
is the two medians: the same, however much history comes before T. The baseline in
the same run is replaying every stored event up to T, what a store without
checkpoints would have to do to be exact.

    .venv/bin/python bench/bench_floor_at.py [--calls 60000] [--members 120] [--samples 40]

The last line printed is ``ratio=<median late / median early>`` (about 1: no growth).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout, installed or not
    sys.path.insert(0, str(ROOT))

from floortui.adapters.importer import Importer  # noqa: E402
from floortui.demo.simulate import demo_members, simulate, write_queue_log  # noqa: E402
from floortui.domain.floor_state import FloorState  # noqa: E402
from floortui.queries.floor import build_checkpoints, floor_state_at, replay_until  # noqa: E402
from floortui.store import floor as floor_store  # noqa: E402
from floortui.store.db import open_database  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"
QUEUES = ["sales", "support", "billing"]
START = 1795305600  # a midnight, UTC
WRAPUP = dict.fromkeys(QUEUES, 10)
CALLS_PER_HOUR = 600


def store_with_calls(calls: int, members: int) -> Path:
    """A store with about `calls` calls (kept in bench/.cache), without checkpoints."""
    path = CACHE / f"floor-at-{calls}-{members}.db"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    per_hour = CALLS_PER_HOUR * members / 120
    hours = calls / (per_hour * 13 / 24)  # the floor is staffed ~13 h a day
    folder = Path(tempfile.mkdtemp())
    log = folder / "queue_log"
    floor = demo_members(members, QUEUES, ["Red", "Blue", "Green", "Gold"], seed=7)
    lines = simulate(floor, QUEUES, START, hours, seed=3, calls_per_hour=per_hour)
    write_queue_log(log, lines)
    partial = folder / "store.db"
    db = open_database(partial)
    summary = Importer(db).import_path(log)
    print(summary.describe())
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()  # everything in the one file before it moves
    shutil.move(partial, path)
    return path


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=60_000)
    parser.add_argument("--members", type=int, default=120)
    parser.add_argument("--samples", type=int, default=40)
    args = parser.parse_args()
    cached = store_with_calls(args.calls, args.members)
    work = Path(tempfile.mkdtemp()) / "store.db"
    shutil.copy(cached, work)
    db = open_database(work)
    calls = db.execute("SELECT count(*) FROM calls").fetchone()[0]
    events, first, last = db.execute(
        "SELECT count(*), min(time), max(time) FROM queue_log_events"
    ).fetchone()
    print(f"store: {calls:,} calls, {events:,} events over {(last - first) / 86400:.1f} days")
    seconds, written = timed(lambda: build_checkpoints(db, wrapup_s=WRAPUP))
    print(f"build_checkpoints on the old store: {written} checkpoints in {seconds:.2f} s")
    size = db.execute("SELECT max(length(state_json)) FROM floor_checkpoints").fetchone()[0]
    print(f"largest checkpoint: {size / 1024:.0f} KiB")
    rng = random.Random(1)
    early = [first + 8 * 3600 + rng.randrange(12 * 3600) for _ in range(args.samples)]
    late = [last - 16 * 3600 + rng.randrange(12 * 3600) for _ in range(args.samples)]
    medians = []
    for name, times in (("first day", early), ("last day", late)):
        spent = [timed(lambda t=t: floor_state_at(db, t, wrapup_s=WRAPUP))[0] for t in times]
        medians.append(statistics.median(spent))
        print(f"floor_state_at, {name}: median {medians[-1] * 1000:.1f} ms,"
              f" max {max(spent) * 1000:.1f} ms")  # fmt: skip
    links = floor_store.interfaces(db)

    def replay_all(t: int) -> None:
        replay_until(FloorState(links, WRAPUP), floor_store.events_after(db, 0), t)

    seconds, _ = timed(lambda: replay_all(late[0]))
    print(f"baseline, replaying every event up to a time in the last day: {seconds:.2f} s")
    snapshot_s, _ = timed(
        lambda: floor_state_at(db, late[0], wrapup_s=WRAPUP).state.snapshot(late[0])
    )
    print(f"floor_state_at + snapshot: {snapshot_s * 1000:.1f} ms")
    print(f"ratio={medians[1] / medians[0]:.2f}")


if __name__ == "__main__":
    main()
