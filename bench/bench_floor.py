"""What the live floor costs: CPU seconds per wall second with 1,000 seats ticking at 1 Hz.

    .venv/bin/python bench/bench_floor.py [--seats 1000] [--seconds 30] [--size 200x50]
                                          [--repeat 1]

Each side runs headless in `App.run_test` at a terminal's size for `--seconds`
of wall time; every second 5 % of the seats change state and every seat's
time in state moves on:

- **floortui**: the real app (`make_app`) on an empty store, opened on the
  floor screen, handed each second's `FloorSnapshot` as the follower hands it
  (a `FloorChanged` message); the seat grid draws with the Line API.
- **baseline**: Textual's `DataTable` with the same rows and columns, updating
  the same cells (each changed seat's state, every seat's time) each second,
  inside `batch_update()`.

CPU is `time.process_time()` over the measured seconds (the app's process,
every thread), less the CPU the simulated floor takes to make each second's
changes (`Floor.step`, the same for both sides: about 0.6 ms a second).
Goal: floortui ≤ 0.10 CPU-s/s and ratio ≤ 0.15. The last line is
`ratio=<floortui / baseline>`.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import sys
import tempfile
import time
from pathlib import Path
from types import MappingProxyType

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout, installed or not
    sys.path.insert(0, str(ROOT))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import DataTable, Footer, Header  # noqa: E402

from floortui.domain.floor_snapshot import (  # noqa: E402
    EMPTY,
    CallNow,
    FloorSnapshot,
    MemberState,
    QueueStatus,
)
from floortui.domain.seat_rows import clock, queues_text  # noqa: E402

QUEUES = ("sales", "support", "billing")
TEAMS = ("Red", "Blue", "Green", "Gold")
STATES = ("ready", "ringing", "on_call", "wrapup", "paused")
START = 1795305600


class Floor:
    """1,000 seats; each step, 5 % of them change state (as a busy floor does)."""

    def __init__(self, seats: int, seed: int = 7) -> None:
        self.random = random.Random(seed)
        self.names = [f"Member {i:04d}" for i in range(seats)]
        self.teams = {name: TEAMS[i % len(TEAMS)] for i, name in enumerate(self.names)}
        self.now = START
        self.members = {name: self._member(name, START - self.random.randint(0, 3000))
                        for name in self.names}  # fmt: skip

    def _member(self, name: str, since: int) -> MemberState:
        state = self.random.choice(STATES)
        queues = self.random.sample(QUEUES, self.random.randint(1, 3))
        reason = self.random.choice(("Break", "Lunch", "Auto-Pause")) if state == "paused" else None
        status = MappingProxyType({q: QueueStatus(reason is not None, reason) for q in queues})
        call = CallNow("1.1", queues[0], since, since if state == "on_call" else None)
        return MemberState(
            member=name, state=state, since=since, pause_reason=reason, reason_since=since,
            queues=status, queue_since=EMPTY, paused_since=EMPTY,
            call=call if state in ("ringing", "on_call") else None, wrapup_until=None,
            signed_in_at=START - 7200, last_event_at=since,
        )  # fmt: skip

    def step(self) -> list[str]:
        """One second on: 5 % of the seats change; returns who changed."""
        self.now += 1
        changed = self.random.sample(self.names, max(1, len(self.names) // 20))
        for name in changed:
            self.members[name] = self._member(name, self.now)
        return changed

    def snapshot(self) -> FloorSnapshot:
        return FloorSnapshot(self.now, MappingProxyType(dict(self.members)), self.now)


async def _measure(app: App, floor: Floor, seconds: float, size: tuple[int, int],
                   on_step) -> float:  # fmt: skip
    """CPU seconds per wall second while `on_step` runs once a second for `seconds`."""
    gc.collect()  # the side measured before leaves its app behind: not this side's garbage
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        on_step([])  # the first floor from the log: its first read of the panels comes next
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()  # that read, and the panels it fills, are
        await pilot.pause(0.5)  # the start, not the ticking measured here
        wall0, cpu0 = time.perf_counter(), time.process_time()
        next_at, simulated = wall0, 0.0
        while time.perf_counter() - wall0 < seconds:
            next_at += 1.0
            started = time.thread_time()
            changed = floor.step()  # the simulated floor's second, not either app's work
            simulated += time.thread_time() - started
            on_step(changed)
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0 - simulated
    return cpu / wall


def measure_floortui(seats: int, seconds: float, size: tuple[int, int]) -> float:
    from floortui.app import FloorChanged, make_app
    from floortui.config import parse_config
    from floortui.store.db import open_database

    floor = Floor(seats)
    with tempfile.TemporaryDirectory() as folder:
        agents = [{"name": name, "team": floor.teams[name]} for name in floor.names]
        config = parse_config({"store": {"path": "store.db"}, "agents": agents}, base=Path(folder))
        app = make_app(config, open_database(config.store.path), now=lambda: floor.now)

        def on_step(_changed: list[str]) -> None:
            app.post_message(FloorChanged(floor.snapshot()))

        return asyncio.run(_measure(app, floor, seconds, size, on_step))


class TableApp(App):
    """The baseline: every seat a DataTable row, its cells updated in place."""

    def __init__(self, floor: Floor) -> None:
        super().__init__()
        self.floor = floor

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="seats")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("member", "team", "state", "time", "ans", "break", "queues"):
            table.add_column(key, key=key)
        for name in self.floor.names:
            table.add_row(*self._cells(name), key=name)
        table.focus()

    def _cells(self, name: str) -> tuple[str, ...]:
        member = self.floor.members[name]
        now = self.floor.now
        return (name, self.floor.teams[name], member.state, clock(now - member.since), "0", "-",
                queues_text(member))  # fmt: skip

    def update(self, changed: list[str]) -> None:
        table = self.query_one(DataTable)
        members, now = self.floor.members, self.floor.now
        with self.batch_update():
            for name in changed:
                table.update_cell(name, "state", members[name].state)
                table.update_cell(name, "queues", queues_text(members[name]))
            for name in self.floor.names:
                table.update_cell(name, "time", clock(now - members[name].since))


def measure_datatable(seats: int, seconds: float, size: tuple[int, int]) -> float:
    floor = Floor(seats)
    app = TableApp(floor)
    return asyncio.run(_measure(app, floor, seconds, size, app.update))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seats", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--size", default="200x50", help="terminal columns x lines")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per side, in turns; each side's lowest is kept")  # fmt: skip
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    size = (width, height)
    print(f"{args.seats} seats, 5 % changing each second, {args.seconds:g} s at 1 Hz, "
          f"{width}x{height}")  # fmt: skip
    runs: dict[str, list[float]] = {"ours": [], "base": []}
    for _ in range(max(1, args.repeat)):  # in turns: a machine that slows favours neither
        runs["ours"].append(measure_floortui(args.seats, args.seconds, size))
        runs["base"].append(measure_datatable(args.seats, args.seconds, size))
    ours, base = min(runs["ours"]), min(runs["base"])
    shown = ", ".join(f"{v:.3f}" for v in runs["ours"])
    print(f"floortui seat grid: {ours:.3f} CPU-s per wall second (runs: {shown})")
    shown = ", ".join(f"{v:.3f}" for v in runs["base"])
    print(f"baseline DataTable: {base:.3f} CPU-s per wall second (runs: {shown})")
    print(f"goal: floortui <= 0.10 CPU-s/s and ratio <= 0.15: "
          f"{'met' if ours <= 0.10 and ours / base <= 0.15 else 'NOT met'}")  # fmt: skip
    print(f"ratio={ours / base:.3f}")


if __name__ == "__main__":
    main()
