"""What a start reads before the floor first paints, in a fresh interpreter.

The break-day rules (break_day, meals, sign_in) are needed only once the first
break board is worked out, and Erlang C once the first hourly table is, both
in workers after the first paint; reading them at import was ~8 ms of every
start (bench/bench_start.py).
"""

from __future__ import annotations

import subprocess
import sys

LATER = (
    "floortui.domain.break_day",
    "floortui.domain.meals",
    "floortui.domain.sign_in",
    "floortui.domain.erlang",
)


def _loaded(code: str) -> set[str]:
    probe = (
        f"{code}\nimport sys\nprint(' '.join(m for m in sys.modules if m.startswith('floortui')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=60)  # fmt: skip
    return set(done.stdout.split())


def test_the_app_and_the_floor_screen_load_without_the_break_day_rules() -> None:
    loaded = _loaded("import floortui.app, floortui.cli, floortui.screens.floor")
    assert "floortui.domain.breaks" in loaded  # the break panel's types
    assert loaded.isdisjoint(LATER)


def test_the_break_rules_load_what_they_use() -> None:
    loaded = _loaded("import floortui.queries.breaks")
    assert {"floortui.domain.breaks", "floortui.domain.break_day"} <= loaded


def test_the_hourly_table_loads_erlang_c_when_it_counts_members_needed() -> None:
    loaded = _loaded(
        "from floortui.domain.queue_hourly import _needed\n"
        "from floortui.domain.queue_today import QueueTargets\n"
        "assert _needed(100, 3600, 180.0, QueueTargets(20, 80)) > 0"
    )
    assert "floortui.domain.erlang" in loaded


def test_the_floor_paints_before_the_store_library_loads() -> None:
    """sqlite_utils (about 50 ms) is read by the worker that opens the store, after the
    first paint: the app, the floor screen and the command line do not need it."""
    probe = (
        "import sys\nimport floortui.app, floortui.cli, floortui.screens.floor\n"
        "from floortui.queries.opening import StoreOpener\n"
        "from floortui.store.opening import probe, writable\n"
        "print('sqlite_utils' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=60)  # fmt: skip
    assert done.stdout.strip() == "False"
