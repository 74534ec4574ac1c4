"""Cold start to the first painted floor on a store of 1,000,000 calls, against a bare app.

    .venv/bin/python bench/bench_start.py [--calls 1000000] [--members 1000] [--repeat 3]

Each side is a fresh Python process (so imports count), started in turns
`--repeat` times, each one's best kept:

- **floortui**: `make_app` on the store (as `floortui run --db` opens it, no
  sources), headless at 200x50; the process exits as soon as the floor screen
  has painted once. The floor itself loads in a worker, so nothing heavy (no
  reading of the store's history) may come before that first paint.
- **baseline**: a bare Textual app (Header, a Static, Footer), same size, same
  exit on the first paint.

The store is made once and kept in bench/.cache (as bench_floor_at.py makes it).
Goal ≤ 2×; the last line is `ratio=<floortui / baseline>`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent

CHILD_FLOORTUI = """
import sys, time
started = time.perf_counter()
from floortui.app import FloorApp
from floortui.config import parse_config
from floortui.screens.floor import FloorScreen
from floortui.store.db import open_for_reading

class Timed(FloorApp):
    def on_mount(self):  # Textual calls FloorApp's on_mount too
        self.call_after_refresh(self.painted)

    def painted(self):
        assert isinstance(self.screen, FloorScreen), self.screen
        print(f"{time.time() - float(sys.argv[2]):.3f} {time.perf_counter() - started:.3f}")
        self.exit()

db, _ = open_for_reading(sys.argv[1])
Timed(parse_config({"store": {"path": sys.argv[1]}}), db).run(headless=True, size=(200, 50))
"""

CHILD_BARE = """
import sys, time
started = time.perf_counter()
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("a bare app")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        print(f"{time.time() - float(sys.argv[1]):.3f} {time.perf_counter() - started:.3f}")
        self.exit()

Bare().run(headless=True, size=(200, 50))
"""


def _start(code: str, *args: str) -> tuple[float, float]:
    """(seconds from launching the process to its first paint, from its first line to it).

    Timed by the child at its paint against the launch time it is given: the
    process may go on afterwards (a worker finishing the floor's load), which
    is not start-up.
    """
    done = subprocess.run([sys.executable, "-c", code, *args, repr(time.time())], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"the child failed: {done.stderr.strip().splitlines()[-1:]}")
    launched, inside = lines[-1].split()
    return float(launched), float(inside)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    from bench_floor_at import store_with_calls

    cached = store_with_calls(args.calls, args.members)
    work = Path(tempfile.mkdtemp()) / "store.db"
    shutil.copy(cached, work)
    import sqlite3

    with sqlite3.connect(work) as conn:
        calls = conn.execute("SELECT count(*) FROM calls").fetchone()[0]
    print(f"store: {calls:,} calls ({work.stat().st_size / 2**20:.0f} MiB)")
    _start(CHILD_FLOORTUI, str(work))  # the first start upgrades the copy, untimed
    ours, base = [], []
    for _ in range(args.repeat):
        ours.append(_start(CHILD_FLOORTUI, str(work)))
        base.append(_start(CHILD_BARE))
    best_ours, best_base = min(ours), min(base)
    print(f"floortui: first floor painted {best_ours[0]:.3f} s after the process started "
          f"({best_ours[1]:.3f} s after its first line)")  # fmt: skip
    print(f"baseline bare Textual app: {best_base[0]:.3f} s ({best_base[1]:.3f} s)")
    ratio = best_ours[0] / best_base[0]
    print(f"goal: <= 2x the bare app: {'met' if ratio <= 2 else 'NOT met'}")
    print(f"ratio={ratio:.2f}")


if __name__ == "__main__":
    main()
