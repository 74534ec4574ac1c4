"""Call recordings as PCM: whole (for the waveform) or streamed from a moment (for playback).

Asterisk writes PCM WAV (and `wav16`), GSM 6.10 (raw `.gsm`, or in WAV as
`wav49`), raw and WAV-wrapped µ-law and A-law, headerless signed linear (`.sln`,
`.sln16`…), G.722, G.729, and MP3; other recorders' compressed WAV (IMA and
Microsoft ADPCM, G.726, G.722, MP3 in WAV) is read too. The codec is read from the file itself
(floortui.adapters.audio_header), never guessed from the name alone, and
decoded with the ffmpeg that installs from PyPI (imageio-ffmpeg), so a
machine with no system ffmpeg plays every kind:

- PCM WAV is read directly (pydub, no ffmpeg: 18 ms for 10 minutes);
- raw µ-law / A-law is headerless 8 kHz: decoded by `audioop` (a few ms; ffmpeg
  would assume 44.1 kHz and play it five times too fast); signed linear is
  already PCM, at the rate its name gives;
- GSM, G.722, G.729 and MP3 go through ffmpeg (pydub is always given the codec, so it never
  looks for the `ffprobe` that the PyPI ffmpeg does not ship).

Everything is mono signed 16-bit at the file's own rate. A recording that is
missing, empty, cut short, still being written or not audio raises
`RecordingUnavailable` with one line a reviewer can read.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from floortui.adapters.audio_header import (
    SLIN_RATES,
    AudioHeaderError,
    AudioInfo,
    read_audio_header,
)
from floortui.adapters.audio_info import left_unfinished

if sys.version_info >= (3, 13):  # audioop left the standard library; audioop-lts is the same C
    import audioop  # type: ignore[import-not-found]
else:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop

#: Bytes per sample: everything is decoded to signed 16-bit.
SAMPLE_BYTES = 2
#: How much PCM a stream hands over at a time: 20 ms at 8 kHz.
STREAM_CHUNK_BYTES = 320
#: Speeds a reviewer can listen at, the pitch kept (ffmpeg's atempo takes 0.5 to 100).
SLOWEST, FASTEST = 0.5, 4.0

#: Integer PCM in WAV that pydub reads itself, with no ffmpeg at all.
_PLAIN_PCM = ("pcm_u8", "pcm_s16le", "pcm_s24le", "pcm_s32le")
_ffmpeg_lock = threading.Lock()
_ffmpeg_path: str | None = None


class RecordingUnavailable(Exception):
    """The recording cannot be played; the message is one line for the screen."""


@dataclass(frozen=True)
class DecodedAudio:
    """A recording as mono signed 16-bit PCM at its own sample rate."""

    pcm: bytes
    sample_rate: int
    info: AudioInfo

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / SAMPLE_BYTES / self.sample_rate


def ffmpeg() -> str:
    """The ffmpeg binary imageio-ffmpeg ships (found once)."""
    global _ffmpeg_path
    with _ffmpeg_lock:
        if _ffmpeg_path is None:
            try:
                import imageio_ffmpeg
            except ImportError as exc:  # pragma: no cover - a broken install
                raise RecordingUnavailable(
                    f"no decoder: imageio-ffmpeg is missing ({exc})"
                ) from None
            _ffmpeg_path = imageio_ffmpeg.get_ffmpeg_exe()
    return _ffmpeg_path


def _whole_samples(raw: bytes) -> bytes:
    """Signed linear as it is; a last odd byte (a recording cut mid-sample) is dropped."""
    return raw[: len(raw) // SAMPLE_BYTES * SAMPLE_BYTES]


#: Headerless formats decoded in-process: the container → raw bytes to 16-bit PCM.
_RAW_LINEAR = {
    "mulaw": lambda raw: audioop.ulaw2lin(raw, SAMPLE_BYTES),
    "alaw": lambda raw: audioop.alaw2lin(raw, SAMPLE_BYTES),
    **dict.fromkeys(SLIN_RATES, _whole_samples),
}


def recording_info(path: str | os.PathLike[str]) -> AudioInfo:
    """What the file's header says, or RecordingUnavailable saying why it cannot be played."""
    name = Path(path).name
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        raise RecordingUnavailable(
            f"{name}: the recording is not there (moved or deleted?)"
        ) from None
    except OSError as exc:
        raise RecordingUnavailable(f"{name}: cannot read the recording ({exc.strerror})") from None
    if stat.st_size == 0:
        raise RecordingUnavailable(f"{name}: the recording is empty")
    try:
        info = read_audio_header(path)
    except AudioHeaderError as exc:
        raise RecordingUnavailable(f"{name}: {exc}") from None
    except OSError as exc:
        raise RecordingUnavailable(f"{name}: cannot read the recording ({exc.strerror})") from None
    if info.unfinished and not left_unfinished(stat.st_mtime):
        raise RecordingUnavailable(
            f"{name}: the recording is still being written (call in progress?)"
        )
    return info


def decode(path: str | os.PathLike[str]) -> DecodedAudio:
    """The whole recording as PCM (the waveform's source); ~0.5 s for 10 min of GSM or MP3."""
    info = recording_info(path)
    name = Path(path).name
    try:
        if info.container in _RAW_LINEAR:
            raw = Path(path).read_bytes()
            return DecodedAudio(_RAW_LINEAR[info.container](raw), info.sample_rate, info)
        if info.unfinished:  # a header left without its sizes: pydub would read no audio
            pcm = b"".join(stream_pcm(path, chunk_bytes=1 << 16))
            return DecodedAudio(pcm, info.sample_rate, info)
        return DecodedAudio(_decode_with_pydub(path, info), info.sample_rate, info)
    except RecordingUnavailable:
        raise
    except OSError as exc:
        raise RecordingUnavailable(f"{name}: cannot read the recording ({exc.strerror})") from None
    except Exception as exc:  # ffmpeg's refusal of a corrupt file, in one line
        raise RecordingUnavailable(f"{name}: cannot decode the {info.codec} audio "
                                   f"({_first_line(exc)})") from None  # fmt: skip


def _decode_with_pydub(path: str | os.PathLike[str], info: AudioInfo) -> bytes:
    with warnings.catch_warnings():  # pydub warns at import when no ffmpeg is on PATH
        warnings.simplefilter("ignore", RuntimeWarning)
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg()
    if info.container == "wav" and info.codec in _PLAIN_PCM:
        segment = AudioSegment.from_file(os.fspath(path), format="wav")
    else:  # the codec is always given: pydub then never runs the ffprobe PyPI lacks
        segment = AudioSegment.from_file(os.fspath(path), format=info.container,
                                         codec=info.codec)  # fmt: skip
    segment = segment.set_channels(1).set_sample_width(SAMPLE_BYTES)
    if segment.frame_rate != info.sample_rate:
        segment = segment.set_frame_rate(info.sample_rate)
    return segment.raw_data


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    lines = [line for line in text if line.strip() and not line.startswith(" ")]
    return (lines[-1] if lines else type(exc).__name__)[:160]


def input_arguments(path: str | os.PathLike[str], info: AudioInfo) -> list[str]:
    """ffmpeg's input options for the file: headerless formats say their rate (8 kHz)."""
    if info.container in ("mulaw", "alaw", "gsm"):
        return ["-f", info.container, "-ar", str(info.sample_rate), "-ac", "1",
                "-i", os.fspath(path)]  # fmt: skip
    if info.container in SLIN_RATES:
        return ["-f", "s16le", "-ar", str(info.sample_rate), "-ac", "1", "-i", os.fspath(path)]
    if info.container in ("g722", "g729"):
        return ["-f", info.container, "-i", os.fspath(path)]
    return ["-i", os.fspath(path)]


#: Where ffmpeg's WAV demuxer seeks to the wrong place (G.722 in WAV lands at twice the time
#: asked): decode from the start and drop what comes before the moment (0.3 s to reach the
#: end of a 10-minute call, against milliseconds for a seek that jumps).
_SEEK_BY_DECODING = {("wav", "g722")}


def stream_command(path: str | os.PathLike[str], info: AudioInfo, start_s: float = 0.0,
                   speed: float = 1.0) -> list[str]:  # fmt: skip
    """The ffmpeg command that writes the recording's PCM from `start_s` at `speed`
    (pitch kept, by atempo) to its standard output, as fast as it can."""
    if not SLOWEST <= speed <= FASTEST:
        raise ValueError(f"speed {speed} is not between {SLOWEST} and {FASTEST}")
    command = [ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error"]
    seek = ["-ss", f"{start_s:.3f}"] if start_s > 0 else []
    if (info.container, info.codec) in _SEEK_BY_DECODING:
        command += [*input_arguments(path, info), *seek]
    else:
        command += [*seek, *input_arguments(path, info)]
    if speed != 1.0:
        command += ["-af", f"atempo={speed:g}"]
    return [*command, "-ac", "1", "-ar", str(info.sample_rate), "-f", "s16le", "-"]


def stream_pcm(path: str | os.PathLike[str], start_s: float = 0.0, speed: float = 1.0,
               chunk_bytes: int = STREAM_CHUNK_BYTES) -> Iterator[bytes]:  # fmt: skip
    """PCM chunks from `start_s` at `speed`, decoded as they are asked for (playback streams:
    the first chunk of a 10-minute GSM call comes in tens of milliseconds, not after the
    whole file). Closing the iterator stops ffmpeg."""
    info = recording_info(path)
    if info.container in _RAW_LINEAR and speed == 1.0:
        yield from _stream_raw(path, info, start_s, chunk_bytes)
        return
    process = subprocess.Popen(stream_command(path, info, start_s, speed), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)  # fmt: skip
    try:
        assert process.stdout is not None
        while True:
            chunk = process.stdout.read(chunk_bytes)
            if not chunk:
                break
            yield chunk
        process.wait(timeout=5)
        if process.returncode:
            error = (process.stderr.read() if process.stderr else b"").decode(errors="replace")
            raise RecordingUnavailable(
                f"{Path(path).name}: cannot decode the {info.codec} audio"
                f" ({_first_line(Exception(error)) or 'ffmpeg failed'})"
            )
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


def _stream_raw(path: str | os.PathLike[str], info: AudioInfo, start_s: float,
                chunk_bytes: int) -> Iterator[bytes]:  # fmt: skip
    """Raw µ-law / A-law (one byte a sample, decoded by audioop as it is read) or signed
    linear (two, as they are) at speed 1."""
    to_linear = _RAW_LINEAR[info.container]
    width = 1 if info.container in ("mulaw", "alaw") else SAMPLE_BYTES
    with open(path, "rb") as handle:
        handle.seek(int(start_s * info.sample_rate) * width)
        while True:
            raw = handle.read(chunk_bytes // SAMPLE_BYTES * width)
            if not raw:
                return
            yield to_linear(raw)
