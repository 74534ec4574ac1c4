"""`floortui demo`: the bundled demo floor, replayed live into a temporary store.

The config's sources (fixtures/queue_log and fixtures/Master.csv) are replayed
into copies in a temporary folder, which the app follows like a PBX's live
logs; recordings are read where they are. fixtures/ is never written to.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from floortui.config import Config
from floortui.demo.replay import (
    Replay,
    TimedLine,
    cdr_lines,
    check_options,
    day_start,
    queue_log_lines,
)


def demo_config(config: Config, workdir: Path | None = None) -> Config:
    """The config with its store moved into a fresh temporary folder."""
    workdir = workdir or Path(tempfile.mkdtemp(prefix="floortui-demo-"))
    store = config.store.model_copy(update={"path": workdir / "demo.db"})
    return config.model_copy(update={"store": store})


def live_demo(config: Config, speed: float, start_hour: int) -> tuple[Config, Replay]:
    """A config whose sources are followed copies, and the replay that fills them.

    Options that cannot replay are a ValueError before any folder is made.
    """
    check_options(speed, start_hour)
    config = demo_config(config)
    workdir = config.store.path.parent
    tz = config.day.tz
    timed: dict[Path, list[TimedLine]] = {}
    sources = []
    for source in config.sources:
        target = workdir / source.path.name
        target.touch()
        if source.format == "cdr":
            timed[target] = cdr_lines(source.path, tz)
        else:
            timed[target] = queue_log_lines(source.path)
        sources.append(source.model_copy(update={"path": target, "follow": True}))
    every_line = [line for lines in timed.values() for line in lines]
    start = day_start(every_line, start_hour, tz) if every_line else 0
    replay = Replay(timed, start, speed)
    return config.model_copy(update={"sources": sources}), replay


def start_replay(replay: Replay) -> threading.Event:
    """Write what is due now, then keep appending in a background thread."""
    stop = threading.Event()
    replay.step()
    threading.Thread(target=replay.run, args=(stop,), name="demo-replay", daemon=True).start()
    return stop
