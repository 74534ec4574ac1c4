"""The PCM a player hands to the audio device: one leg from a moment, at a speed, mixed or one side.

Each file streams: plain PCM and µ-law/A-law WAV at 1× through miniaudio's own
decoder (it opens and seeks in well under a millisecond), everything else (GSM,
MP3, raw µ-law/A-law, any speed other than 1×) through `stream_pcm`, ffmpeg
piping from `-ss` with `atempo` so the pitch stays. An `-in`/`-out` pair is two
streams added sample by sample (clipped, never wrapped). A leg decodes ahead in
its own thread; the device callback only takes what is ready.
"""

from __future__ import annotations

import os
import sys
import threading
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
#: How far ahead of the device a leg is decoded: what the callback has in hand while the
#: disk or ffmpeg is slow. Two seconds is 32 kB at 8 kHz; a seek throws it away.
AHEAD_S = 2.0
#: What play waits to have decoded before the device is given the stream: more than the
#: device's buffer. ffmpeg decodes it in a few milliseconds once it has started.
PRIME_S = 0.25


def sample_rate_of(path: str | os.PathLike[str]) -> int:
    """The rate the leg plays at (the device is opened at it, so nothing is resampled)."""
    return recording_info(path).sample_rate


def open_pcm(path: str | os.PathLike[str], start_s: float, speed: float,
             sample_rate: int) -> Iterator[bytes]:  # fmt: skip
    """Mono signed 16-bit chunks of `path` from `start_s` at `speed`, at `sample_rate`."""
    info = recording_info(path)
    # miniaudio reads no audio from a header left without its sizes; ffmpeg reads to the end
    if (speed == 1.0 and info.container == "wav" and info.codec in _MINIAUDIO_WAV
            and not info.unfinished):  # fmt: skip
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

    A decoder thread keeps up to `AHEAD_S` of PCM ready, so the callback only copies
    bytes: a recording on a slow share, or ffmpeg held up on a busy machine, never
    makes the callback wait (it did, and the sound ran dry mid-call). When nothing
    is ready the callback gets less, the device plays silence and `underruns`
    counts it; `frames_out` counts what was handed over, the player's position.
    """

    def __init__(self, paths: Sequence[str], start_s: float, speed: float,
                 sample_rate: int) -> None:  # fmt: skip
        self.start_s, self.speed, self.sample_rate = start_s, speed, sample_rate
        self.frames_out = 0
        self.underruns = 0
        self.end_reported = False
        self._ahead_bytes = max(STREAM_CHUNK_BYTES, int(AHEAD_S * sample_rate) * SAMPLE_BYTES)
        self._ready = bytearray()
        self._changed = threading.Condition()
        self._decoded_all = False
        self._error: Exception | None = None
        self._stopping = False
        self._decoder: threading.Thread | None = None
        self._streams: list[Iterator[bytes]] = []
        try:
            for path in paths:
                self._streams.append(open_pcm(path, start_s, speed, sample_rate))
        except BaseException:
            self._close_sources()
            raise

    @property
    def finished(self) -> bool:
        """Everything was decoded (what is still ready will be handed over, then the end)."""
        return self._decoded_all or self._error is not None

    def prime(self, timeout: float = 10.0) -> None:
        """Start the decoder and wait (in the player's thread) for `PRIME_S` of PCM, so the
        device's first periods are sound even if ffmpeg then stalls (a cold start pages its
        code in from disk); a file that cannot be read raises here."""
        self._decoder = threading.Thread(target=self._decode, name="floortui-decoder", daemon=True)
        self._decoder.start()
        primed = int(PRIME_S * self.sample_rate) * SAMPLE_BYTES
        with self._changed:
            self._changed.wait_for(lambda: len(self._ready) >= primed or self.finished, timeout)
            if self._error is not None and not self._ready:
                raise self._error

    def read(self, frames: int) -> bytes:
        """Up to `frames` frames of what is ready, never waiting; fewer at the end of the leg
        or when the decoder is behind. A file damaged half-way raises once the sound before
        the damage has all been handed over."""
        wanted = frames * SAMPLE_BYTES
        with self._changed:
            data = bytes(self._ready[:wanted])
            del self._ready[:wanted]
            if len(data) < wanted:
                if self._error is not None and not data:
                    raise self._error
                if not self.finished:
                    self.underruns += 1
            self._changed.notify_all()
        self.frames_out += len(data) // SAMPLE_BYTES
        return data

    def _decode(self) -> None:
        """The decoder thread: keep `AHEAD_S` ready; close the sources when done or stopped
        (here, so a source is never closed while it is being read)."""
        try:
            while True:
                with self._changed:
                    self._changed.wait_for(
                        lambda: self._stopping or len(self._ready) < self._ahead_bytes
                    )
                    if self._stopping:
                        return
                chunks = [next(stream, b"") for stream in self._streams]
                with self._changed:
                    if not any(chunks):
                        self._decoded_all = True
                        return
                    self._ready += _mix(chunks)
                    self._changed.notify_all()
        except Exception as exc:  # a file damaged half-way: raised to the callback, in time
            with self._changed:
                self._error = exc
        finally:
            self._close_sources()
            with self._changed:
                self._changed.notify_all()

    def close(self) -> None:
        """Stop decoding; the decoder thread closes the sources (a stream_pcm kills its ffmpeg)."""
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._decoder is None:
            self._close_sources()

    def _close_sources(self) -> None:
        streams, self._streams = self._streams, []
        for stream in streams:
            close = getattr(stream, "close", None)
            if close is not None:
                close()


def _mix(chunks: list[bytes]) -> bytes:
    """Both sides of a pair in one chunk; the shorter side is padded with silence."""
    if len(chunks) == 1:
        return chunks[0]
    longest = max(len(chunk) for chunk in chunks)
    mixed = chunks[0].ljust(longest, b"\0")
    for chunk in chunks[1:]:
        mixed = audioop.add(mixed, chunk.ljust(longest, b"\0"), SAMPLE_BYTES)
    return mixed
