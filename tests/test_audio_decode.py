"""Decoding the recordings Asterisk writes, each kind from a real file, and every bad file.

The demo's recordings (fixtures/recordings) are spoken phrases encoded the way
Asterisk's formats are: PCM WAV, GSM in WAV (wav49), raw GSM, raw µ-law and
A-law, and MP3. Each decodes to the length its header gives, at its own rate,
and streaming from a moment gives the same samples as decoding it whole.
"""

from __future__ import annotations

import itertools
import math
import shutil
import struct
from pathlib import Path

import pytest

from floortui.adapters.audio_decode import (
    RecordingUnavailable,
    decode,
    recording_info,
    stream_pcm,
)

RECORDINGS = Path(__file__).resolve().parent.parent / "fixtures" / "recordings"
KINDS = {
    "pcm wav": "1794564826.1073.wav",
    "gsm in wav": "1794562642.684.WAV",
    "raw gsm": "1794568355.1876.gsm",
    "raw ulaw": "1794561511.541.ulaw",
    "raw alaw": "1794575344.4115.alaw",
    "mp3": "1794573263.3382.mp3",
    "mp3 at 16 kHz": "1794590187.8809.mp3",
}
CODECS = {
    "pcm wav": "pcm_s16le", "gsm in wav": "gsm_ms", "raw gsm": "gsm", "raw ulaw": "pcm_mulaw",
    "raw alaw": "pcm_alaw", "mp3": "mp3", "mp3 at 16 kHz": "mp3",
}  # fmt: skip


def _samples(pcm: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(pcm) // 2}h", pcm))


def _correlation(a: list[int], b: list[int]) -> float:
    n = min(len(a), len(b))
    a, b = a[:n], b[:n]
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))
    return dot / norm if norm else 0.0


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_decodes_to_its_length_at_its_own_rate(kind: str) -> None:
    path = RECORDINGS / KINDS[kind]
    audio = decode(path)
    assert audio.info.codec == CODECS[kind], "the codec comes from the file, not its name"
    assert audio.sample_rate == (16000 if "16 kHz" in kind else 8000)
    # The header's length, to a frame (MP3's encoder delay and GSM's 20 ms frames).
    assert audio.duration_s == pytest.approx(audio.info.duration_s, abs=0.06)
    assert audio.duration_s > 2, "these are spoken phrases, seconds long"
    loud = max(abs(s) for s in _samples(audio.pcm))
    assert loud > 3000, "speech, not silence"


@pytest.mark.parametrize("kind", KINDS)
def test_streaming_from_the_start_gives_the_decoded_samples(kind: str) -> None:
    path = RECORDINGS / KINDS[kind]
    whole = _samples(decode(path).pcm)
    streamed = _samples(b"".join(stream_pcm(path)))
    assert abs(len(streamed) - len(whole)) <= 1152, "at most an MP3 frame apart"
    assert _correlation(whole, streamed) >= 0.99


@pytest.mark.parametrize("kind", ["pcm wav", "raw gsm", "raw ulaw", "mp3"])
def test_streaming_from_a_moment_starts_there(kind: str) -> None:
    path = RECORDINGS / KINDS[kind]
    whole = _samples(decode(path).pcm)
    from_one_s = _samples(b"".join(stream_pcm(path, start_s=1.0)))
    assert len(from_one_s) == pytest.approx(len(whole) - 8000, abs=1200)
    # The stream at 1.0 s lines up with the decoded audio from sample 8000 (±a frame).
    best = max(_correlation(whole[8000 + shift :], from_one_s) for shift in range(-320, 321, 4))
    assert best >= 0.95


def test_faster_keeps_the_pitch_and_shortens_the_call() -> None:
    """1.5x: two thirds of the length; a tone's frequency (zero crossings) stays."""
    path = RECORDINGS / KINDS["pcm wav"]
    whole = _samples(decode(path).pcm)
    fast = _samples(b"".join(stream_pcm(path, speed=1.5)))
    assert len(fast) == pytest.approx(len(whole) / 1.5, rel=0.03)

    def crossings_per_s(samples: list[int]) -> float:
        loud = [s for s in samples if abs(s) > 500]
        changes = sum(1 for a, b in itertools.pairwise(loud) if (a < 0) != (b < 0))
        return changes / (len(loud) / 8000)

    assert crossings_per_s(fast) == pytest.approx(crossings_per_s(whole), rel=0.15)


def test_a_missing_recording_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(RecordingUnavailable, match=r"^gone\.wav: the recording is not there"):
        decode(tmp_path / "gone.wav")


def test_an_empty_recording_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty.gsm").write_bytes(b"")
    with pytest.raises(RecordingUnavailable, match=r"^empty\.gsm: the recording is empty$"):
        decode(tmp_path / "empty.gsm")


def test_a_recording_still_being_written_is_said_so(tmp_path: Path) -> None:
    """MixMonitor writes the WAV header's sizes when the call ends: 0 until then."""
    source = (RECORDINGS / KINDS["pcm wav"]).read_bytes()
    data = source.index(b"data")
    growing = bytearray(source[: data + 8 + 16000])
    growing[4:8] = b"\0\0\0\0"
    growing[data + 4 : data + 8] = b"\0\0\0\0"
    (tmp_path / "live.wav").write_bytes(bytes(growing))
    with pytest.raises(RecordingUnavailable, match="still being written"):
        decode(tmp_path / "live.wav")


@pytest.mark.parametrize("kind", ["gsm in wav", "mp3"])
def test_a_corrupt_recording_is_one_line_never_a_traceback(tmp_path: Path, kind: str) -> None:
    source = RECORDINGS / KINDS[kind]
    broken = tmp_path / source.name
    shutil.copy(source, broken)
    broken.write_bytes(bytes(broken.stat().st_size))  # a disk error: the same size, all zeros
    with pytest.raises(RecordingUnavailable) as caught:
        decode(broken)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(source.name)


def test_not_audio_at_all_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.wav").write_text("this is a text file, not a recording\n")
    with pytest.raises(RecordingUnavailable, match=r"^notes\.wav: "):
        recording_info(tmp_path / "notes.wav")


def test_the_demos_broken_recordings_are_one_line_each() -> None:
    """fixtures/recordings holds a 0-byte WAV and one cut short inside its header."""
    with pytest.raises(
        RecordingUnavailable, match=r"^1794558547\.186\.wav: the recording is empty$"
    ):
        decode(RECORDINGS / "1794558547.186.wav")
    with pytest.raises(RecordingUnavailable, match=r"^1794572984\.3283\.wav: truncated header"):
        decode(RECORDINGS / "1794572984.3283.wav")
    with pytest.raises(RecordingUnavailable):
        next(stream_pcm(RECORDINGS / "1794572984.3283.wav"))
