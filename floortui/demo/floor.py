"""`floortui demo`: the bundled demo floor, replayed live into a temporary store.

The config's sources (fixtures/queue_log and fixtures/Master.csv) are replayed
into copies in a temporary folder, which the app follows like a PBX's live
logs; the bundled recordings are read where they are, and every other
answered call gets a recording built as the replay ends it, in the
temporary folder's `recordings/` (floortui.demo.recorder). fixtures/ is never
written to.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from floortui.config import Config
from floortui.demo.recorder import DemoRecorder, start_recorder
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


def live_demo(config: Config, speed: float, start_hour: int,
              workdir: Path | None = None) -> tuple[Config, Replay]:  # fmt: skip
    """A config whose sources are followed copies, and the replay that fills them (with the
    recorder that records the replayed calls, started by `start_replay`).

    Options that cannot replay are a ValueError before any folder is made.
    """
    check_options(speed, start_hour)
    config = demo_config(config, workdir)
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
    sources, replay.recorder = _recorded(config, sources, timed, replay, workdir)
    return config.model_copy(update={"sources": sources}), replay


def _recorded(config: Config, sources: list, timed: dict[Path, list[TimedLine]],
              replay: Replay, workdir: Path) -> tuple[list, DemoRecorder | None]:  # fmt: skip
    """The sources with the built recordings' folder added to the queue_log's, and the
    recorder that fills it; (sources, None) when no source is a queue_log."""
    index = next((i for i, s in enumerate(sources) if s.format != "cdr"), None)
    if index is None:
        return sources, None
    folder, transcripts = workdir / "recordings", workdir / "transcripts"
    folder.mkdir(exist_ok=True)
    transcripts.mkdir(exist_ok=True)
    bundled = [f for s in config.sources for f in s.recordings]
    recorder = DemoRecorder(
        timed[sources[index].path], folder, replay.now, config.store.path,
        interfaces=config.interfaces(), bundled=bundled,
        transcripts=transcripts,
    )  # fmt: skip
    source = sources[index]
    sources = list(sources)
    sources[index] = source.model_copy(update={"recordings": [*source.recordings, folder]})
    return sources, recorder


def start_replay(replay: Replay) -> threading.Event:
    """Write what is due now, then keep appending in a background thread; the calls'
    recordings are built in another (after the first paint, as the replay ends each call)."""
    stop = threading.Event()
    replay.step()
    threading.Thread(target=replay.run, args=(stop,), name="demo-replay", daemon=True).start()
    if replay.recorder is not None:
        start_recorder(replay.recorder, stop)
    return stop
