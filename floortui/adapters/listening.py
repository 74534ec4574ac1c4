"""The listen screen's audio: a player, and each recording's waveform decoded once.

The app hands one of these to the listen screen (screens never import
adapters): `player()` makes the player (floortui.adapters.player) that streams
to the audio output, `waveform(paths)` decodes a leg whole (in the screen's
worker: 0.5 s for ten minutes of GSM) and keeps its peaks, so going back to a
leg or opening the call again shows the waveform at once. A file that changed
on disk (a recording still being written) is decoded again.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

from floortui.adapters.audio_decode import RecordingUnavailable, decode
from floortui.adapters.audio_output import Device, open_output
from floortui.adapters.player import Player
from floortui.domain.listening import Waveform, louder_of
from floortui.domain.waveform import peaks

#: Peaks kept per recording; the widget fits them to its width.
WAVEFORM_RESOLUTION = 1200
#: Recordings whose waveform is kept (a reviewer's day is a few dozen calls).
CACHED_RECORDINGS = 64


class AudioServices:
    """Players and cached waveforms for the listen screens of one app."""

    def __init__(self, open_device: Callable[[int], Device] = open_output) -> None:
        self._open_device = open_device
        self._cache: OrderedDict[tuple, Waveform] = OrderedDict()
        self._lock = threading.Lock()

    def player(self) -> Player:
        return Player(self._open_device)

    def waveform(self, paths: Sequence[str]) -> Waveform:
        """The leg's peaks (both sides of a pair: the louder in each column), or the problem."""
        sides = []
        duration = 0.0
        for path in paths:
            found = self._one(path)
            if found.problem:
                return found
            sides.append(found.peaks)
            duration = max(duration, found.duration_s)
        return Waveform(louder_of(*sides) if len(sides) > 1 else sides[0], duration)

    def _one(self, path: str) -> Waveform:
        try:
            stat = os.stat(path)
            key = (path, stat.st_size, stat.st_mtime_ns)
        except OSError:
            key = (path, None, None)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        try:
            audio = decode(path)
            found = Waveform(tuple(peaks(audio.pcm, WAVEFORM_RESOLUTION)), audio.duration_s)
        except RecordingUnavailable as exc:
            return Waveform(problem=str(exc))
        with self._lock:
            self._cache[key] = found
            while len(self._cache) > CACHED_RECORDINGS:
                self._cache.popitem(last=False)
        return found
