"""How fast FloorState follows queue_log events, and what a snapshot of the floor costs.

The follower feeds every imported event to a FloorState and the floor screen
takes a snapshot each second, so both must be cheap: a million events in a
few seconds, and a snapshot of 1,000 seats far under a frame.

    .venv/bin/python bench/bench_floor_state.py [--lines 1000000] [--members 1000]

Prints events per second, the cost of a first snapshot (every member built), of
an unchanged one, and of a 1 Hz tick where 5 % of the members change.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout, installed or not
    sys.path.insert(0, str(ROOT))

from floortui.demo.simulate import demo_members, simulate  # noqa: E402
from floortui.domain.floor_state import FloorState  # noqa: E402

QUEUES = ["sales", "support", "billing"]
START = 1795305600


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=1000)
    args = parser.parse_args()
    members = demo_members(args.members, QUEUES, ["Red", "Blue", "Green", "Gold"], seed=7)
    links = {m.interface: m.name for m in members}
    rows = []
    for line in simulate(members, QUEUES, START, 24, seed=2, calls_per_hour=6 * args.members,
                         max_lines=args.lines):  # fmt: skip
        fields = line.split("|")
        rows.append([fields[0], *fields[1:5], "|".join(fields[5:]) or None])
    state = FloorState(links, dict.fromkeys(QUEUES, 10))
    started = time.perf_counter()
    state.apply_all(rows)
    spent = time.perf_counter() - started
    print(f"apply {len(rows):,} events: {spent:.2f} s ({len(rows) / spent:,.0f} events/s)")
    now = state.last_time
    started = time.perf_counter()
    snap = state.snapshot(now)
    print(f"first snapshot of {len(snap.members):,} members: "
          f"{(time.perf_counter() - started) * 1000:.1f} ms")  # fmt: skip
    started = time.perf_counter()
    state.snapshot(now + 1)
    print(f"unchanged snapshot: {(time.perf_counter() - started) * 1000:.2f} ms")
    member_rows = [r for r in rows if r[3] != "NONE"]
    per_tick = max(1, len(snap.members) // 20)  # 5 % of the floor changes each second
    ticks = min(100, len(member_rows) // per_tick)
    started = time.perf_counter()
    for i in range(ticks):
        state.apply_all(member_rows[i * per_tick : (i + 1) * per_tick])
        state.snapshot(now + 2 + i)
    tick_ms = (time.perf_counter() - started) * 1000 / ticks
    print(f"1 Hz tick ({per_tick} member events + snapshot): {tick_ms:.2f} ms")


if __name__ == "__main__":
    main()
