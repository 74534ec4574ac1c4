"""The player: a call's recordings through a real audio output, driven from the listen screen.

miniaudio plays from a generator that this player feeds (PulseAudio when a
server runs, ALSA when the machine has a sound card); the PCM streams
(adapters.player_source), so the first samples of a 10-minute GSM call reach
the device in tens of milliseconds. Every public method only queues a command
and returns: the player's own thread opens devices and streams (the slow
parts), the device's callback hands over PCM, and `status()` reads the last
published snapshot. So the Textual event loop never waits on audio.

The position is what was handed to the device (frames × speed from where the
stream started), not a wall clock: pausing, seeking and a stalled decoder never
make it drift. A speed change or a side toggle restarts the stream at the
current position. With no audio output, positions, seeks and legs still work
and `status().unavailable` says why ("playback unavailable: …"), one line.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from floortui.adapters.audio_decode import SAMPLE_BYTES, RecordingUnavailable
from floortui.adapters.audio_output import Device, PlaybackUnavailable, open_output
from floortui.adapters.player_source import LegStream, sample_rate_of
from floortui.domain.listening import (
    BOTH,
    Leg,
    PlayerStatus,
    clamp_position,
    clamp_speed,
    clamp_volume,
    elapsed_s,
)

if sys.version_info >= (3, 13):  # audioop left the standard library; audioop-lts is the same C
    import audioop  # type: ignore[import-not-found]
else:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop


class Player:
    """Plays legs one after the other; thread-safe, and no method waits on audio."""

    def __init__(self, open_device: Callable[[int], Device] = open_output) -> None:
        self._open_device = open_device
        self._commands: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._lock = threading.Lock()  # the stream and the numbers the callback moves
        self._legs: list[Leg] = []
        self._state = PlayerStatus()
        self._published = self._state
        self._stream: LegStream | None = None
        self._device: Device | None = None
        self._device_rate: int | None = None
        self._closed = threading.Event()
        #: perf_counter() of the first samples handed to the device after the last play,
        #: seek or restart (what bench_play measures from the key).
        self.first_samples_at: float | None = None
        #: How many times the device has asked for samples: it flows once this grows.
        self.periods_served = 0
        self._underruns_before = 0
        self._thread = threading.Thread(target=self._run, name="floortui-player", daemon=True)
        self._thread.start()

    # -- the screen's side: queue a command, return ---------------------------------------

    def load(self, legs: Sequence[Leg], leg: int = 0) -> None:
        self._send("load", (list(legs), leg))

    def play(self) -> None:
        self._send("play")

    def pause(self) -> None:
        self._send("pause")

    def toggle(self) -> None:
        self._send("toggle")

    def seek_by(self, seconds: float) -> None:
        self._send("seek_by", seconds)

    def seek_to(self, seconds: float) -> None:
        self._send("seek_to", seconds)

    def set_speed(self, speed: float) -> None:
        self._send("speed", speed)

    def set_volume(self, volume: float) -> None:
        self._send("volume", volume)

    def set_side(self, side: str) -> None:
        self._send("side", side)

    def go_to_leg(self, leg: int) -> None:
        self._send("leg", leg)

    @property
    def underruns(self) -> int:
        """Periods the decoder was behind the device (silence was played): since this
        player was made, over every stream it has played."""
        with self._lock:
            stream = self._stream
            return self._underruns_before + (stream.underruns if stream is not None else 0)

    def status(self) -> PlayerStatus:
        """The latest snapshot (no lock: published by assignment)."""
        return self._published

    def close(self, wait: float = 0.0) -> None:
        """Stop playing and let the device go; `wait` seconds for it (0: return at once)."""
        if not self._closed.is_set():
            self._send("close")
        if wait:
            self._thread.join(wait)

    def wait_for(self, test: Callable[[PlayerStatus], bool], timeout: float) -> PlayerStatus:
        """Poll the status until `test` holds or `timeout` passes (tests, benches)."""
        deadline = time.monotonic() + timeout
        status = self.status()
        while not test(status) and time.monotonic() < deadline:
            time.sleep(0.005)
            status = self.status()
        return status

    def _send(self, command: str, argument: Any = None) -> None:
        self._commands.put((command, argument))

    # -- the player's thread ----------------------------------------------------------------

    def _run(self) -> None:
        while True:
            batch = [self._commands.get()]
            while True:  # a burst of keys (→ → →) opens one stream, not three
                try:
                    batch.append(self._commands.get_nowait())
                except queue.Empty:
                    break
            restart = False
            for command, argument in batch:
                if command == "close":
                    self._shut_down()
                    return
                try:
                    restart = self._apply(command, argument) or restart
                except Exception as exc:  # never a traceback from the player's thread
                    self._set(problem=_one_line(exc), playing=False)
                    restart = False
            if restart and self._state.playing:
                self._start_stream()
            self._publish()

    def _apply(self, command: str, argument: Any) -> bool:
        """Change the state for one command; True when the stream must (re)start."""
        state = self._state
        if command == "load":
            legs, leg = argument
            self._drop_stream()
            self._legs = legs
            self._set(leg=0, legs=len(legs), playing=False, ended=False, position_s=0.0)
            self._enter_leg(min(max(0, leg), max(0, len(legs) - 1)))
            if legs and not self._state.problem:
                self._ensure_device()  # opened now, so the first key plays at once
            return False
        if not self._legs:
            return False
        if command == "toggle":
            command = "pause" if state.playing else "play"
        if command == "play":
            if state.ended:
                self._enter_leg(0)
            if self._state.problem or not self._ensure_device():
                return False
            self._set(playing=True)
            return self._stream is None
        if command == "pause":
            self._freeze()
            self._set(playing=False)
            return False
        if command in ("seek_by", "seek_to"):
            self._freeze()
            target = self._state.position_s + argument if command == "seek_by" else argument
            self._drop_stream()
            self._set(position_s=clamp_position(target, self._state.duration_s), ended=False)
            return True
        if command == "speed":
            self._restart_at_position(speed=clamp_speed(argument))
            return True
        if command == "side":
            choices = self._legs[state.leg].side_choices()
            self._restart_at_position(side=argument if argument in choices else choices[0])
            return True
        if command == "volume":
            with self._lock:
                self._state = replace(self._state, volume=clamp_volume(argument))
            return False
        if command == "leg":
            if 0 <= argument < len(self._legs) and argument != state.leg:
                self._drop_stream()
                self._enter_leg(argument)
                return True
            return False
        if command == "ended":
            return self._leg_ended(argument)
        raise ValueError(f"unknown player command {command!r}")

    def _enter_leg(self, leg: int) -> None:
        """Go to the start of leg `leg`: its duration, its side, and any problem it has."""
        chosen = self._legs[leg] if self._legs else None
        if chosen is None:
            self._set(leg=0, duration_s=0.0, problem=None)
            return
        side = self._state.side if self._state.side in chosen.side_choices() else BOTH
        if side not in chosen.side_choices():
            side = chosen.side_choices()[0]
        problem = f"{Path(chosen.first_path).name}: {chosen.problem}" if chosen.problem else None
        self._set(leg=leg, duration_s=chosen.duration_s, position_s=0.0, ended=False,
                  side=side, problem=problem)  # fmt: skip

    def _leg_ended(self, stream: LegStream) -> bool:
        if stream is not self._stream:
            return False  # a stream replaced since: its end means nothing now
        self._drop_stream()
        if self._state.leg + 1 < len(self._legs):  # a transfer: the next leg follows
            self._enter_leg(self._state.leg + 1)
            return True
        self._set(playing=False, ended=True, position_s=self._state.duration_s)
        return False

    def _restart_at_position(self, **changes: Any) -> None:
        self._freeze()
        self._drop_stream()
        self._set(**changes)

    def _freeze(self) -> None:
        """Take the position the device has reached into the state (before the stream goes)."""
        with self._lock:
            self._state = self._with_position(self._state)

    def _ensure_device(self) -> bool:
        rate = self._leg_rate()
        if rate is None:
            return False
        if self._device is not None and self._device_rate == rate:
            return True
        self._close_device()
        try:
            device = self._open_device(rate)
            feed = self._feed()
            next(feed)
            device.start(feed)
        except PlaybackUnavailable as exc:
            self._set(unavailable=str(exc), playing=False)
            return False
        except Exception as exc:
            self._set(unavailable=f"playback unavailable: {_one_line(exc)}", playing=False)
            return False
        self._device, self._device_rate = device, rate
        self._set(unavailable=None)
        return True

    def _leg_rate(self) -> int | None:
        leg = self._legs[self._state.leg]
        try:
            return sample_rate_of(leg.paths_for(self._state.side)[0])
        except RecordingUnavailable as exc:
            self._set(problem=str(exc), playing=False)
            return None

    def _start_stream(self) -> None:
        """Open the leg's stream at the position and hand it to the callback."""
        state = self._state
        leg = self._legs[state.leg]
        if not self._ensure_device():
            return
        try:
            stream = LegStream(leg.paths_for(state.side), state.position_s, state.speed,
                               self._device_rate or 8000)  # fmt: skip
            stream.prime()
        except RecordingUnavailable as exc:
            self._set(problem=str(exc), playing=False)
            return
        self._replace_stream(stream)

    def _drop_stream(self) -> None:
        self._replace_stream(None)

    def _replace_stream(self, stream: LegStream | None) -> None:
        with self._lock:
            old, self._stream = self._stream, stream
            if stream is not None:
                self.first_samples_at = None
            if old is not None:
                self._underruns_before += old.underruns
        if old is not None:
            old.close()

    def _shut_down(self) -> None:
        self._closed.set()
        self._freeze()
        self._set(playing=False)
        self._close_device()
        self._drop_stream()
        self._publish()

    def _close_device(self) -> None:
        device, self._device, self._device_rate = self._device, None, None
        if device is not None:
            with contextlib.suppress(Exception):  # a device already gone (server stopped)
                device.close()

    # -- the device's callback thread ----------------------------------------------------------

    def _feed(self):
        """The generator miniaudio calls for each period: `frames` in, PCM (or silence) out."""
        frames = yield b""
        while True:
            frames = yield self._hand_over(frames)

    def _hand_over(self, frames: int) -> bytes:
        self.periods_served += 1
        try:
            with self._lock:
                stream = self._stream
                if stream is None or not self._state.playing:
                    return b""
                data = stream.read(frames)
                if data and self.first_samples_at is None:
                    self.first_samples_at = time.perf_counter()
                ended = stream.finished and not data and not stream.end_reported
                if ended:
                    stream.end_reported = True
                volume = self._state.volume
                self._published = self._with_position(self._state)
            if ended:
                self._send("ended", stream)
            if data and volume != 1.0:
                data = audioop.mul(data, SAMPLE_BYTES, volume)
            return data
        except Exception as exc:  # a file damaged half-way: a line on the screen, silence
            with self._lock:
                self._state = replace(self._with_position(self._state), playing=False,
                                      problem=_one_line(exc))  # fmt: skip
                self._published = self._state
            return b""

    # -- state ---------------------------------------------------------------------------------

    def _with_position(self, state: PlayerStatus) -> PlayerStatus:
        """`state` with the position the device has reached (call with the lock held)."""
        stream = self._stream
        if stream is None or not stream.frames_out:
            return state
        position = elapsed_s(stream.start_s, stream.frames_out, stream.speed, stream.sample_rate)
        return replace(state, position_s=clamp_position(position, state.duration_s))

    def _set(self, **changes: Any) -> None:
        with self._lock:
            if self._stream is not None and "position_s" not in changes:
                self._state = self._with_position(self._state)
            self._state = replace(self._state, **changes)

    def _publish(self) -> None:
        with self._lock:
            self._published = self._with_position(self._state)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[-1] if text else type(exc).__name__)[:200]
