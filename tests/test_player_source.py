"""A leg decodes ahead of the device: the audio callback never waits on a slow file or ffmpeg.

The callback runs against the sound card's clock; had it waited on ffmpeg (a
busy machine, a recording on a slow share), the device would have run dry and
the reviewer heard a stutter. These tests hold the source back on purpose and
check what the callback gets, how fast, and that nothing is lost or reordered.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from floortui.adapters import player_source
from floortui.adapters.audio_decode import RecordingUnavailable, decode
from floortui.adapters.player_source import AHEAD_S, LegStream

pytestmark = pytest.mark.timeout(30)

GSM = Path(__file__).resolve().parent.parent / "fixtures" / "recordings" / "1794568355.1876.gsm"
CHUNK = 320  # 20 ms at 8 kHz


def _numbered(count: int) -> list[bytes]:
    """Chunks that say where they came from, so order and loss show."""
    return [i.to_bytes(2, "little") * (CHUNK // 2) for i in range(count)]


def _source(chunks: list[bytes], pulled: list[int], delay_s: float = 0.0,
            fail_after: int | None = None) -> Iterator[bytes]:  # fmt: skip
    for index, chunk in enumerate(chunks):
        if fail_after is not None and index == fail_after:
            raise RecordingUnavailable("call.wav: cannot decode the recording (damaged frame)")
        time.sleep(delay_s)
        pulled.append(index)
        yield chunk


def _stream(monkeypatch, source: Iterator[bytes]) -> LegStream:
    monkeypatch.setattr(player_source, "open_pcm", lambda *args: source)
    stream = LegStream(["call.wav"], 0.0, 1.0, 8000)
    stream.prime()
    return stream


def _drain(stream: LegStream, frames: int = 160, timeout: float = 10.0) -> bytes:
    """What a device asking every so often gets, up to the end of the leg."""
    out = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        data = stream.read(frames)
        out += data
        if not data and stream.finished:
            return out
        if not data:
            time.sleep(0.002)
    raise AssertionError("the leg never ended")


def test_a_slow_source_never_makes_the_callback_wait(monkeypatch) -> None:
    chunks = _numbered(20)
    stream = _stream(monkeypatch, _source(chunks, [], delay_s=0.05))
    took = []
    for _ in range(10):
        started = time.perf_counter()
        stream.read(800)  # 100 ms: far more than the source has made
        took.append(time.perf_counter() - started)
    assert max(took) < 0.01, "a read waited for the decoder"
    assert stream.underruns > 0, "the device was short and nothing counted it"
    stream.close()


def test_what_a_slow_source_makes_is_all_handed_over_in_order(monkeypatch) -> None:
    chunks = _numbered(30)
    stream = _stream(monkeypatch, _source(chunks, [], delay_s=0.005))
    heard = _drain(stream, frames=400)
    assert heard == b"".join(chunks)
    assert stream.frames_out == 30 * CHUNK // 2


def test_only_a_little_is_decoded_ahead_of_the_device(monkeypatch) -> None:
    pulled: list[int] = []
    chunks = _numbered(2000)  # 40 s of audio
    stream = _stream(monkeypatch, _source(chunks, pulled))
    time.sleep(0.3)
    ahead = len(pulled) * CHUNK / 16000
    assert AHEAD_S <= ahead <= AHEAD_S + 0.1, "the decoder should stop about 2 s ahead"
    stream.read(4000)  # the device plays half a second
    time.sleep(0.3)
    assert len(pulled) * CHUNK / 16000 == pytest.approx(ahead + 0.5, abs=0.05)
    stream.close()


def test_damage_half_way_is_raised_after_the_sound_before_it(monkeypatch) -> None:
    chunks = _numbered(10)
    stream = _stream(monkeypatch, _source(chunks, [], fail_after=6))
    heard = b""
    with pytest.raises(RecordingUnavailable, match="damaged frame"):
        for _ in range(100):
            heard += stream.read(160)
            time.sleep(0.001)
    assert heard == b"".join(chunks[:6]), "the good part before the damage is heard"


def test_an_unreadable_file_is_raised_when_play_is_pressed(monkeypatch) -> None:
    with pytest.raises(RecordingUnavailable, match="damaged frame"):
        _stream(monkeypatch, _source(_numbered(3), [], fail_after=0))


def _ffmpeg_children() -> list[str]:
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except OSError:  # a thread that ended meanwhile
            continue
        for pid in children:
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"ffmpeg" in command:
                found.append(pid)
    return found


def test_a_closed_stream_leaves_no_ffmpeg_behind() -> None:
    before = _ffmpeg_children()
    stream = LegStream([str(GSM)], 0.0, 1.0, 8000)
    stream.prime()
    assert len(_ffmpeg_children()) == len(before) + 1 or stream.finished
    first = stream.read(800)
    assert first and first == decode(GSM).pcm[: len(first)]
    stream.close()
    deadline = time.monotonic() + 5
    while _ffmpeg_children() != before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _ffmpeg_children() == before, "a seek left its ffmpeg running"
