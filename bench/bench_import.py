"""How fast floortui imports a queue_log, next to the fastest naive import.

The baseline is what anyone would write in ten lines: sqlite3 in WAL mode, one
10-column table, ``executemany`` over the file's lines split on ``|``, one commit.
floortui does much more per line (keeps raw lines, derives calls, rings, pauses,
commits resumable batches), so the figure that matters is the ratio of the two
speeds on the same machine and file, which survives slow laptops and busy CI.

    .venv/bin/python bench/bench_import.py [--lines N] [--repeat K] [--seed S]

The last line printed is ``ratio=<floortui lines/s / baseline lines/s>``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout, installed or not
    sys.path.insert(0, str(ROOT))

import floortui.demo.simulate as sim  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"
QUEUES = ["sales", "support", "billing"]
START = 1795305600  # a Monday, 00:00 UTC
COLUMNS = ("time", "callid", "queuename", "agent", "event", "data1", "data2", "data3", "data4",
           "data5")  # fmt: skip


def cached_log(lines: int, seed: int) -> Path:
    """The simulated log for (lines, seed), made once and kept in bench/.cache.

    The hash of the simulator's sources (every demo module it is made of) is
    part of the name, so a changed simulator never serves a stale file.
    """
    sources = sorted(Path(sim.__file__).parent.glob("*.py"))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:10]
    path = CACHE / f"queue_log-{lines}-seed{seed}-{digest}"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.glob(f"queue_log-{lines}-seed{seed}-*"):
        stale.unlink()
    started = time.perf_counter()
    members = sim.demo_members()
    tmp = path.with_suffix(".partial")
    sim.write_queue_log(tmp, sim.simulate(members, QUEUES, START, 24, seed=seed, max_lines=lines))
    os.replace(tmp, path)  # never leave a half-written file under the real name
    print(f"generated {lines:,} lines in {time.perf_counter() - started:.1f} s -> {path}")
    return path


def baseline_import(log: Path, db: Path) -> None:
    """The ten-line import: read, split, pad/truncate to 10 fields, executemany, commit."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute(f"CREATE TABLE queue_log ({', '.join(COLUMNS)})")
    pad = [""] * len(COLUMNS)

    def rows():
        with open(log, encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("|")
                yield (fields + pad)[:10] if len(fields) < 10 else fields[:10]

    con.executemany(f"INSERT INTO queue_log VALUES ({', '.join('?' * len(COLUMNS))})", rows())
    con.commit()
    con.close()


def floortui_import(log: Path, db: Path) -> None:
    """The real thing, end to end through the command line, in this process."""
    from floortui.cli import main

    code = main(["import", str(log), "--db", str(db), "--format", "queue_log"])
    if code:
        raise SystemExit(f"floortui import exited with {code}")


def timed(run: Callable[[Path, Path], None], log: Path, workdir: Path, i: int) -> float:
    """One run into a fresh database file; its seconds."""
    db = workdir / f"{run.__name__}-{i}.db"
    started = time.perf_counter()
    run(log, db)
    elapsed = time.perf_counter() - started
    for leftover in workdir.glob(f"{db.name}*"):
        leftover.unlink()
    return elapsed


def best_times(log: Path, workdir: Path, repeat: int) -> tuple[float, float]:
    """Best of ``repeat`` runs per side, the two sides taking turns.

    Taking turns keeps a machine that slows down or speeds up during the
    benchmark (a shared VM does) from favouring whichever side ran first.
    """
    base = ours = float("inf")
    for i in range(repeat):
        base = min(base, timed(baseline_import, log, workdir, i))
        ours = min(ours, timed(floortui_import, log, workdir, i))
    return base, ours


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000, help="log size (1,000,000)")
    parser.add_argument("--repeat", type=int, default=3, help="best of K runs per side (3)")
    parser.add_argument("--seed", type=int, default=1, help="simulator seed (1)")
    parser.add_argument("--tmp", type=Path, default=None, help="where the databases go")
    parser.add_argument(
        "--baseline-only", action="store_true", help="time the sqlite3 baseline alone"
    )
    args = parser.parse_args(argv)
    if args.lines < 1 or args.repeat < 1:
        parser.error("--lines and --repeat must be at least 1")

    source = cached_log(args.lines, args.seed)
    with tempfile.TemporaryDirectory(prefix="floortui-bench-", dir=args.tmp) as tmp:
        workdir = Path(tmp)
        log = workdir / "queue_log"
        shutil.copyfile(source, log)
        size_mb = log.stat().st_size / 1e6
        print(f"queue_log: {args.lines:,} lines, {size_mb:.1f} MB, seed {args.seed}")

        if args.baseline_only:
            base_s = min(timed(baseline_import, log, workdir, i) for i in range(args.repeat))
            print(f"baseline sqlite3: {base_s:.2f} s, {args.lines / base_s:,.0f} lines/s")
            return 0
        base_s, ours_s = best_times(log, workdir, args.repeat)
        base_lps, ours_lps = args.lines / base_s, args.lines / ours_s

    best = f"best of {args.repeat}" if args.repeat > 1 else "one run"
    print(f"lines:    {args.lines:,} ({best} each)")
    print(f"baseline: {base_s:7.2f} s {base_lps:12,.0f} lines/s  (sqlite3 executemany, WAL)")
    print(f"floortui: {ours_s:7.2f} s {ours_lps:12,.0f} lines/s  (floortui import, in-process)")
    print(f"ratio={ours_lps / base_lps:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
