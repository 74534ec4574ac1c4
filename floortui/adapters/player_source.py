"""The PCM a player hands to the audio device: one leg from a moment, at a speed, mixed or one side.

Each file streams: plain PCM and µ-law/A-law WAV at 1× through miniaudio's own
decoder (it opens and seeks in well under a millisecond), everything else (GSM,
MP3, raw µ-law/A-law, any speed other than 1×) through `stream_pcm`, ffmpeg
piping from `-ss` with `atempo` so the pitch stays. An `-in`/`-out` pair is two
streams added sample by sample (clipped, never wrapped).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from floortui.adapters.audio_decode import (
    SAMPLE_BYTES,
    STREAM_CHUNK_BYTES,
    RecordingUnavailable,
    recording_info,
    stream_pcm,
)

if sys.version_info >= (3, 13):  # audioop left the standard library; audioop-lts is the same C
    import audioop  # type: ignore[import-not-found]
else:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop

#: WAV codecs miniaudio's decoder (dr_wav) reads itself, faster to open than an ffmpeg.
_MINIAUDIO_WAV = ("pcm_s16le", "pcm_u8", "pcm_s24le", "pcm_s32le", "pcm_mulaw", "pcm_alaw")
_CHUNK_FRAMES = STREAM_CHUNK_BYTES // SAMPLE_BYTES


def sample_rate_of(path: str | os.PathLike[str]) -> int:
    """The rate the leg plays at (the device is opened at it, so nothing is resampled)."""
    return recording_info(path).sample_rate


def open_pcm(path: str | os.PathLike[str], start_s: float, speed: float,
             sample_rate: int) -> Iterator[bytes]:  # fmt: skip
    """Mono signed 16-bit chunks of `path` from `start_s` at `speed`, at `sample_rate`."""
    info = recording_info(path)
    if speed == 1.0 and info.container == "wav" and info.codec in _MINIAUDIO_WAV:
        return _miniaudio_chunks(path, start_s, sample_rate)
    if info.sample_rate != sample_rate:
        raise RecordingUnavailable(
            f"{Path(path).name}: recorded at {info.sample_rate} Hz, its pair at {sample_rate} Hz"
        )
    return stream_pcm(path, start_s, speed)


def _miniaudio_chunks(path: str | os.PathLike[str], start_s: float,
                      sample_rate: int) -> Iterator[bytes]:  # fmt: skip
    import miniaudio

    name = Path(path).name
    try:
        stream = miniaudio.stream_file(os.fspath(path), miniaudio.SampleFormat.SIGNED16, 1,
                                       sample_rate, frames_to_read=_CHUNK_FRAMES,
                                       seek_frame=int(start_s * sample_rate))  # fmt: skip
    except miniaudio.MiniaudioError as exc:
        raise RecordingUnavailable(f"{name}: cannot decode the recording ({exc})") from None
    return _chunks_of(stream, name)


def _chunks_of(stream, name: str) -> Iterator[bytes]:
    try:
        for samples in stream:
            if len(samples):
                yield samples.tobytes()
    except Exception as exc:  # miniaudio's DecodeError half-way through a damaged file
        raise RecordingUnavailable(f"{name}: cannot decode the recording ({exc})") from None
    finally:
        stream.close()


class LegStream:
    """One leg's PCM from `start_s`: what the device callback reads, `frames` at a time.

    `read` never blocks for long once `prime` has run (ffmpeg runs far ahead of real
    time); `frames_out` counts what was handed over, the player's position.
    """

    def __init__(self, paths: Sequence[str], start_s: float, speed: float,
                 sample_rate: int) -> None:  # fmt: skip
        self.start_s, self.speed, self.sample_rate = start_s, speed, sample_rate
        self.frames_out = 0
        self.finished = False
        self.end_reported = False
        self._pending = bytearray()
        self._streams: list[Iterator[bytes]] = []
        try:
            for path in paths:
                self._streams.append(open_pcm(path, start_s, speed, sample_rate))
        except BaseException:
            self.close()
            raise

    def prime(self) -> None:
        """Decode the first chunk now (in the player's thread), not in the audio callback."""
        self._fill(STREAM_CHUNK_BYTES)

    def read(self, frames: int) -> bytes:
        """Up to `frames` frames; fewer (or none) only at the end of the leg."""
        wanted = frames * SAMPLE_BYTES
        self._fill(wanted)
        data = bytes(self._pending[:wanted])
        del self._pending[:wanted]
        self.frames_out += len(data) // SAMPLE_BYTES
        return data

    def _fill(self, wanted: int) -> None:
        while len(self._pending) < wanted and not self.finished:
            chunks = [next(stream, b"") for stream in self._streams]
            if not any(chunks):
                self.finished = True
                break
            self._pending += _mix(chunks)

    def close(self) -> None:
        for stream in self._streams:
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # a stream_pcm generator kills its ffmpeg
        self._streams = []


def _mix(chunks: list[bytes]) -> bytes:
    """Both sides of a pair in one chunk; the shorter side is padded with silence."""
    if len(chunks) == 1:
        return chunks[0]
    longest = max(len(chunk) for chunk in chunks)
    mixed = chunks[0].ljust(longest, b"\0")
    for chunk in chunks[1:]:
        mixed = audioop.add(mixed, chunk.ljust(longest, b"\0"), SAMPLE_BYTES)
    return mixed
