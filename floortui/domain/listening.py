"""Listening to a call: its legs in order, where the playhead is, speeds, volume, typed times.

Pure logic shared by the player (floortui.adapters.player) and the listen
screen, so the rules a reviewer relies on (a transfer plays its legs one after
the other, an `-in`/`-out` pair is one leg heard mixed or one side at a time,
a typed `1:30` means ninety seconds) are tested without a sound card or a
terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

#: Speeds a reviewer steps through with `-` and `+`; ffmpeg's atempo keeps the pitch.
SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
#: Volume steps, as a factor on the samples (1.0: as recorded).
VOLUME_STEP, LOUDEST = 0.1, 1.0
#: A pair heard as one: both sides together.
BOTH = "both"
#: The store's leg names for the two halves of a Monitor pair and for a one-file call.
IN, OUT, MIXED = "in", "out", "mixed"
#: Recording statuses that mean the file cannot be played (adapters.recordings).
_PROBLEMS = {
    "empty": "the recording is empty",
    "unreadable": "the recording cannot be read",
    "missing": "the recording is not there",
    "refused": "the recording is outside the folder",
    "writing": "the recording is still being written (call in progress?)",
}


@dataclass(frozen=True)
class Leg:
    """One stretch of the call to play: one file, or an `-in`/`-out` pair heard together."""

    label: str
    #: (side, path) in order: (("mixed", p),) or (("in", p1), ("out", p2)).
    sides: tuple[tuple[str, str], ...]
    duration_s: float
    #: Why this leg cannot be played, as the store knows it (None: it should play).
    problem: str | None = None

    @property
    def is_pair(self) -> bool:
        return len(self.sides) > 1

    def side_choices(self) -> tuple[str, ...]:
        """What `s` steps through: both, then each side; a single file has only itself."""
        if not self.is_pair:
            return (self.sides[0][0],)
        return (BOTH, *(side for side, _ in self.sides))

    def paths_for(self, side: str) -> list[str]:
        """The files to play for `side` (both: every side, mixed together)."""
        if side == BOTH or not self.is_pair:
            return [path for _, path in self.sides]
        chosen = [path for name, path in self.sides if name == side]
        return chosen or [path for _, path in self.sides]

    @property
    def first_path(self) -> str:
        return self.sides[0][1]


def legs_of(recordings: Iterable[Mapping[str, Any]]) -> list[Leg]:
    """A call's recordings (rows with path, leg, duration_s, status, problem) as legs in the
    order they are heard: the whole call (or its in/out pair) first, then the other legs
    (a transfer) by name, as the store lists them."""
    rows = list(recordings)
    pair = {row["leg"]: row for row in rows if row["leg"] in (IN, OUT)}
    legs: list[Leg] = []
    pair_added = False
    for row in rows:
        if row["leg"] in (IN, OUT):
            if pair_added:
                continue
            pair_added = True
            if len(pair) == 2:
                sides = tuple((side, pair[side]["path"]) for side in (IN, OUT))
                duration = max(_duration(pair[IN]), _duration(pair[OUT]))
                problem = _problem(pair[IN]) or _problem(pair[OUT])
                legs.append(Leg("in + out", sides, duration, problem))
                continue
        legs.append(Leg(_label(row["leg"]), ((row["leg"], row["path"]),), _duration(row),
                        _problem(row)))  # fmt: skip
    return legs


def _label(leg: str) -> str:
    return "call" if leg == MIXED else leg


def _duration(row: Mapping[str, Any]) -> float:
    return float(row.get("duration_s") or 0.0)


def _problem(row: Mapping[str, Any]) -> str | None:
    status = row.get("status") or "ok"
    if status == "ok":
        return None
    if status == "writing":  # the scanner's words are for the import summary
        return _PROBLEMS[status]
    return row.get("problem") or _PROBLEMS.get(status, f"the recording is {status}")


def faster(speed: float) -> float:
    """The next speed up from `speed` (2× stays 2×)."""
    return next((s for s in SPEEDS if s > speed + 1e-9), SPEEDS[-1])


def slower(speed: float) -> float:
    """The next speed down from `speed` (0.75× stays 0.75×)."""
    return next((s for s in reversed(SPEEDS) if s < speed - 1e-9), SPEEDS[0])


def clamp_speed(speed: float) -> float:
    return min(SPEEDS[-1], max(SPEEDS[0], speed))


def clamp_volume(volume: float) -> float:
    return round(min(LOUDEST, max(0.0, volume)), 2)


def clamp_position(position_s: float, duration_s: float) -> float:
    """A seek never goes before the start nor past the end of the leg."""
    return min(max(0.0, duration_s), max(0.0, position_s))


def elapsed_s(start_s: float, frames_played: int, speed: float, sample_rate: int) -> float:
    """Where the playhead is in the recording: each frame handed to the device at `speed`
    stands for `speed` frames of the recording (atempo keeps the pitch, not the length)."""
    return start_s + frames_played * speed / sample_rate


_CLOCK = re.compile(r"(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)")
_UNITS = re.compile(r"(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+(?:\.\d+)?)m)?\s*(?:(\d+(?:\.\d+)?)s?)?")


def parse_time(text: str) -> float:
    """A typed moment in the recording: `90`, `1:30`, `1:02:03`, `1m30s`, `2m`, `45s`.

    ValueError says what was expected, for the screen's one line.
    """
    cleaned = text.strip().lower()
    clock = _CLOCK.fullmatch(cleaned)
    if clock:
        hours, minutes, seconds = clock.groups()
        if float(seconds) >= 60:
            raise ValueError(f"{text.strip()!r}: seconds go up to 59 (type 90, 1:30 or 1m30s)")
        return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    units = _UNITS.fullmatch(cleaned)
    if cleaned and units and any(units.groups()):
        hours, minutes, seconds = (float(part or 0) for part in units.groups())
        return hours * 3600 + minutes * 60 + seconds
    raise ValueError(f"{text.strip() or 'nothing'!r} is not a time: type 90, 1:30 or 1m30s")


def clock_text(seconds: float) -> str:
    """`m:ss` (or `h:mm:ss`) for elapsed / total."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class PlayerStatus:
    """What the player is doing, as the screen shows it (an immutable snapshot)."""

    leg: int = 0
    legs: int = 0
    position_s: float = 0.0
    duration_s: float = 0.0
    playing: bool = False
    ended: bool = False
    speed: float = 1.0
    volume: float = 1.0
    side: str = BOTH
    #: "playback unavailable: …" when there is no audio output (navigation still works).
    unavailable: str | None = None
    #: Why the current leg cannot be played (missing, corrupt, …), one line.
    problem: str | None = None


class Playback(Protocol):
    """What the listen screen asks of a player; every call returns at once."""

    def load(self, legs: Sequence[Leg], leg: int = 0) -> None: ...
    def play(self) -> None: ...
    def pause(self) -> None: ...
    def toggle(self) -> None: ...
    def seek_by(self, seconds: float) -> None: ...
    def seek_to(self, seconds: float) -> None: ...
    def set_speed(self, speed: float) -> None: ...
    def set_volume(self, volume: float) -> None: ...
    def set_side(self, side: str) -> None: ...
    def go_to_leg(self, leg: int) -> None: ...
    def status(self) -> PlayerStatus: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class Waveform:
    """A leg's peaks at a fixed resolution (the widget fits them to its width), or why not."""

    peaks: tuple[float, ...] = ()
    duration_s: float = 0.0
    problem: str | None = None


def fit_peaks(peaks: Sequence[float], columns: int) -> list[float]:
    """`peaks` shown in `columns`: each column the loudest of the peaks it covers, so a short
    shout stays visible however narrow the terminal."""
    if columns < 1:
        return []
    count = len(peaks)
    if count == 0:
        return [0.0] * columns
    fitted = []
    for column in range(columns):
        start = column * count // columns
        end = max(start + 1, (column + 1) * count // columns)
        fitted.append(max(peaks[start:end]))
    return fitted


def louder_of(*sides: Sequence[float]) -> tuple[float, ...]:
    """One waveform for an in/out pair: the louder side in each column."""
    return tuple(max(values) for values in zip(*sides, strict=False))


@dataclass(frozen=True)
class Marker:
    """A moment to see on the waveform (a reviewer's comment, from the scoring form)."""

    position_s: float
    label: str = ""
