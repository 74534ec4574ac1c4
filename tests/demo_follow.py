"""The demo day replayed into a followed copy of its queue_log, on a clock a test moves.

For the done-when tests of the live screens (ten minutes of the demo, no key): the
demo's own Replay writes the day's lines into the copy as the injected wall clock
passes them; the app follows the copy as `floortui run` follows a live log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from floortui.app import FloorApp, make_app
from floortui.config import Config, load_config
from floortui.demo.floor import demo_config
from floortui.demo.replay import Replay, day_start, queue_log_lines
from floortui.store.db import open_database

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class FollowedDemo:
    config: Config
    lines: list  # the day's lines as written, oldest first
    replay: Replay
    wall: list[float]  # the injected wall clock's seconds

    def advance(self, seconds: float) -> int:
        """Move the clock on and write the lines it passed; the data's now."""
        self.wall[0] += seconds
        self.replay.step()
        return int(self.replay.now())

    def app(self) -> FloorApp:
        return make_app(self.config, open_database(self.config.store.path), now=self.replay.now)


def followed_demo(tmp_path: Path) -> FollowedDemo:
    """The demo from 10:00, its queue_log followed (no recordings), nothing written yet past
    10:00."""
    config = demo_config(load_config(ROOT / "config.yaml"), tmp_path)
    fixture = next(s for s in config.sources if s.format == "queue_log")
    copy = tmp_path / "queue_log"
    copy.touch()
    source = fixture.model_copy(update={"path": copy, "follow": True, "recordings": []})
    config = config.model_copy(update={"sources": [source]})
    lines = sorted(queue_log_lines(fixture.path), key=lambda line: line.at)
    wall = [0.0]
    replay = Replay({copy: lines}, day_start(lines, 10, config.day.tz), 1.0, lambda: wall[0])
    replay.step()
    return FollowedDemo(config, lines, replay, wall)
