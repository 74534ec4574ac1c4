"""What a start reads before the floor first paints, in a fresh interpreter.

The break-day rules (break_day, meals, sign_in) are needed only once the first
break board is worked out, in the worker after the first paint; reading them
at import was ~6 ms of every start (bench/bench_start.py).
"""

from __future__ import annotations

import subprocess
import sys

LATER = ("floortui.domain.break_day", "floortui.domain.meals", "floortui.domain.sign_in")


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
