"""Replay the demo day into temporary copies of its logs, so the app has a live floor.

The fixtures hold one finished day. The demo starts that day at a chosen hour:
everything logged before it is written at once, and from then on each line is
appended when the replayed clock reaches its time, `speed` times faster than
real time, exactly as a PBX appends to queue_log and Master.csv. The app
follows the copies; fixtures/ is only ever read.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class TimedLine:
    at: int  # epoch seconds when the PBX wrote it
    text: str  # the line, with its newline


def queue_log_lines(path: Path) -> list[TimedLine]:
    """queue_log lines with their epochs (the first field)."""
    lines = []
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        for line in handle:
            head = line.split("|", 1)[0]
            if head.isdigit():
                lines.append(TimedLine(int(head), line))
    return lines


def cdr_lines(path: Path, tz: ZoneInfo) -> list[TimedLine]:
    """Master.csv rows with the time their leg ended (when Asterisk writes a CDR)."""
    lines = []
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        for line in handle:
            row = next(csv.reader([line]), [])
            if len(row) < 12 or not row[11]:
                continue
            end = dt.datetime.strptime(row[11][:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz)
            lines.append(TimedLine(int(end.timestamp()), line))
    return lines


def check_options(speed: float, start_hour: int) -> None:
    """ValueError, in the words of `floortui demo`'s options, for a replay that cannot run.

    A speed of 0 would never write a line and a negative one would run the day
    backwards; an hour past 23 is not on the day.
    """
    if not 0 <= start_hour <= 23:
        raise ValueError(f"--start is the hour the replay starts at, 0 to 23, not {start_hour}")
    if not (speed > 0 and math.isfinite(speed)):
        raise ValueError(
            "--speed is how many times faster than real time to replay, above 0 "
            f"(1 is real time), not {speed:g}"
        )


class Replay:
    """Appends each source's lines to its copy when the replayed clock reaches them."""

    def __init__(self, sources: dict[Path, list[TimedLine]], start_at: int, speed: float,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        check_options(speed, 0)
        self.sources = {
            target: sorted(lines, key=lambda x: x.at) for target, lines in sources.items()
        }
        self.start_at = start_at
        self.speed = speed
        self.clock = clock
        self._began = clock()
        self._written = dict.fromkeys(self.sources, 0)
        #: Records the replayed calls alongside (floortui.demo.recorder); None: no recordings.
        self.recorder = None

    def now(self) -> int:
        """The replayed day's current time."""
        return self.start_at + int((self.clock() - self._began) * self.speed)

    def step(self) -> int:
        """Append every line that is due; returns how many were written."""
        now = self.now()
        written = 0
        for target, lines in self.sources.items():
            start = index = self._written[target]
            while index < len(lines) and lines[index].at <= now:
                index += 1
            if index > start:
                with open(target, "a", encoding="utf-8", newline="") as handle:
                    handle.write("".join(line.text for line in lines[start:index]))
                self._written[target] = index
                written += index - start
        return written

    def finished(self) -> bool:
        return all(self._written[t] == len(lines) for t, lines in self.sources.items())

    def run(self, stop: threading.Event, tick_s: float = 0.2) -> None:
        """Step until the day is replayed or `stop` is set."""
        while not stop.is_set() and not self.finished():
            self.step()
            stop.wait(tick_s)


def day_start(lines: list[TimedLine], hour: int, tz: ZoneInfo) -> int:
    """Epoch of `hour`:00 on the day the lines begin, in the centre's timezone."""
    check_options(1, hour)
    first = dt.datetime.fromtimestamp(min(line.at for line in lines), tz)
    return int(first.replace(hour=hour, minute=0, second=0, microsecond=0).timestamp())
