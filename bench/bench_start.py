"""Cold start to the first painted floor on a store of 1,000,000 calls, against a bare app.

    .venv/bin/python bench/bench_start.py [--calls 1000000] [--members 1000] [--repeat 5]

Each side is a fresh Python process (so imports count), started in turns
`--repeat` times; the ratio is of each side's best, and every run is printed
so the spread shows (the machine is shared):

- **floortui**: `floortui --config config.yaml run`, through the command line as a
  supervisor starts it, headless at 200x50; the process exits as soon as the
  floor screen has painted once. The config is the repo's config.yaml (store,
  day, queues, 40 agents, users, floor, breaks with its roster) with its
  `sources:` left out and its store path set to the bench's store, so the
  app opens the store as `floortui run --db` does: nothing to import. The
  floor itself loads in a worker, so nothing heavy (no reading of the
  store's history) may come before that first paint.
- **baseline**: a bare Textual app (Header, a Static, Footer), same size, same
  exit on the first paint.

Before timing, floortui's modules are compiled to bytecode as `pip install` does
for an installed copy (hash-checked .pyc in floortui's __pycache__, so an edited
source is never run stale): Textual's are, and this checkout's environment sets
PYTHONDONTWRITEBYTECODE, which would otherwise have every floortui start
compile its ~55 modules from source (about 30-45 ms) while the baseline does not;
`--from-source` measures that way.

The store is made once and kept in bench/.cache (as bench_floor_at.py makes it).
Goal ≤ 2×; the last line is `ratio=<floortui / baseline>`.
"""

from __future__ import annotations

import argparse
import compileall
import py_compile
import re
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
import floortui.app
from floortui.screens.floor import FloorScreen

class Timed(floortui.app.FloorApp):
    def on_mount(self):  # Textual calls FloorApp's on_mount too
        self.call_after_refresh(self.painted)

    def painted(self):
        assert isinstance(self.screen, FloorScreen), self.screen
        print(f"{time.time() - float(sys.argv[2]):.3f} {time.perf_counter() - started:.3f} "
              f"{time.process_time():.3f}")
        self.exit()

    def run(self, **_):  # the command line's run(), headless at a terminal's size
        return super().run(headless=True, size=(200, 50))

floortui.app.FloorApp = Timed  # make_app builds this one
from floortui.cli import main
sys.exit(main(["--config", sys.argv[1], "run"]))
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
        print(f"{time.time() - float(sys.argv[1]):.3f} {time.perf_counter() - started:.3f} "
              f"{time.process_time():.3f}")
        self.exit()

Bare().run(headless=True, size=(200, 50))
"""


def _start(code: str, *args: str) -> tuple[float, float, float]:
    """(seconds from launching the process to its first paint, from its first line to it,
    CPU seconds the process had used by then).

    Timed by the child at its paint against the launch time it is given: the
    process may go on afterwards (a worker finishing the floor's load), which
    is not start-up.
    """
    done = subprocess.run([sys.executable, "-c", code, *args, repr(time.time())], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"the child failed: {done.stderr.strip().splitlines()[-1:]}")
    launched, inside, cpu = lines[-1].split()
    return float(launched), float(inside), float(cpu)


def bench_config(folder: Path, store: Path) -> Path:
    """The repo's config.yaml in `folder`, without its sources, on `store`; its roster beside it."""
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    text, found = re.subn(r"(?ms)^sources:\n.*?(?=^\S)", "", text)
    if not found or "\n  path: floortui.db\n" not in text:
        raise SystemExit("config.yaml changed: bench_config needs its sources: and store.path")
    text = text.replace("\n  path: floortui.db\n", f"\n  path: {store}\n")
    (folder / "fixtures").mkdir(exist_ok=True)
    shutil.copy(ROOT / "fixtures" / "roster.csv", folder / "fixtures" / "roster.csv")
    config = folder / "config.yaml"
    config.write_text(text, encoding="utf-8")
    return config


def _spread(runs: list[tuple[float, float, float]]) -> str:
    return " ".join(f"{run[0]:.3f}" for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--from-source", action="store_true",
        help="do not compile floortui's bytecode first (as this checkout runs)",
    )  # fmt: skip
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
    config = str(bench_config(work.parent, work))
    if not args.from_source:
        checked = py_compile.PycInvalidationMode.CHECKED_HASH
        compileall.compile_dir(ROOT / "floortui", quiet=1, invalidation_mode=checked)
    _start(CHILD_FLOORTUI, config)  # the first start upgrades the copy, untimed
    ours, base = [], []
    for _ in range(args.repeat):
        ours.append(_start(CHILD_FLOORTUI, config))
        base.append(_start(CHILD_BARE))
    best_ours, best_base = min(ours), min(base)
    print(f"floortui: first floor painted {best_ours[0]:.3f} s after the process started "
          f"({best_ours[1]:.3f} s after its first line)")  # fmt: skip
    print(f"baseline bare Textual app: {best_base[0]:.3f} s ({best_base[1]:.3f} s)")
    print(f"every run, floortui: {_spread(ours)}; baseline: {_spread(base)}")
    cpu_ours, cpu_base = min(run[2] for run in ours), min(run[2] for run in base)
    print(f"CPU seconds to the first paint (less shaken by other work on the machine): "
          f"floortui {cpu_ours:.3f}, baseline {cpu_base:.3f}, "
          f"ratio {cpu_ours / cpu_base:.2f}")  # fmt: skip
    ratio = best_ours[0] / best_base[0]
    print(f"goal: <= 2x the bare app: {'met' if ratio <= 2 else 'NOT met'}")
    print(f"ratio={ratio:.2f}")


if __name__ == "__main__":
    main()
