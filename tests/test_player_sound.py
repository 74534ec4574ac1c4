"""Sound really comes out: floortui's player into a PulseAudio null sink, captured with parec.

Real telephone audio (Debian's Asterisk prompts, PCM WAV and GSM, and µ-law
made from them with the bundled ffmpeg) is played through the player exactly
as the listen screen plays it; what the sink's monitor heard must match the
decoded samples (normalised cross-correlation ≥ 0.99), and a seek and 1.5×
must land where they should. Skipped, with the reason, where PulseAudio or the
prompts are not installed (scripts/bootstrap installs them as root on Debian).
"""

from __future__ import annotations

import itertools
import math
import struct
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from floortui.adapters.audio_decode import decode, ffmpeg, stream_pcm
from floortui.adapters.player import Player
from floortui.domain.listening import Leg
from tests import sound
from tests.sound import Capture, prompt_folder

if sys.version_info >= (3, 13):
    import audioop  # type: ignore[import-not-found]
else:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop

pytestmark = [pytest.mark.timeout(90), pytest.mark.realtime]
pulse, capture = sound.pulse, sound.capture  # the fixtures, for this module
RATE = 8000
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "recordings"
SHORT, LONG = "conf-getpin", "queue-periodic-announce"  # 2.4 s and 7.8 s of speech


def _prompt(name: str, extension: str) -> Path:
    folder = prompt_folder()
    assert folder is not None
    return folder / f"{name}.{extension}"


def _convert(source: Path, target: Path, *options: str) -> Path:
    subprocess.run([ffmpeg(), "-nostdin", "-loglevel", "error", "-y", "-i", str(source),
                    *options, str(target)], check=True, timeout=30)  # fmt: skip
    return target


def _samples(pcm: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(pcm) // 2}h", pcm[: len(pcm) // 2 * 2]))


def _correlation(a: bytes, b: bytes) -> float:
    x, y = _samples(a), _samples(b)
    n = min(len(x), len(y))
    x, y = x[:n], y[:n]
    norm = math.sqrt(sum(v * v for v in x) * sum(v * v for v in y))
    return sum(p * q for p, q in zip(x, y, strict=True)) / norm if norm else 0.0


def _loudest_half_second(pcm: bytes, after_s: float = 0.0) -> int:
    """The sample offset of the loudest 0.5 s of speech (a distinctive stretch to align on)."""
    step, width = RATE // 10, RATE // 2
    starts = range(int(after_s * RATE), len(pcm) // 2 - width, step)
    return max(starts, key=lambda s: audioop.rms(pcm[s * 2 : (s + width) * 2], 2))


def _align(captured: bytes, reference: bytes) -> int:
    """Where in `captured` the reference's first sample falls (found on a loud stretch)."""
    anchor = _loudest_half_second(reference)
    piece = reference[anchor * 2 : (anchor + RATE // 2) * 2]
    found, _ = audioop.findfit(captured, piece)
    return found - anchor


def _play(player: Player, leg: Leg, capture: Capture, timeout: float = 20.0) -> bytes:
    """Play one leg from where the player stands to its end; what the sink heard meanwhile."""
    heard, _ = _play_timed(player, leg, capture, timeout)
    return heard


def _play_timed(player: Player, leg: Leg, capture: Capture,
                timeout: float = 20.0) -> tuple[bytes, float]:  # fmt: skip
    """What the sink heard, and the seconds from pressing play to the player reporting the end."""
    player.load([leg])
    ready = player.wait_for(lambda s: s.duration_s == leg.duration_s and not s.ended, 5)
    assert ready.unavailable is None, ready.unavailable
    mark = capture.mark()
    pressed = time.monotonic()
    player.play()
    assert player.wait_for(lambda s: s.playing, 5).playing
    ended = player.wait_for(lambda s: s.ended or s.problem is not None, timeout)
    took = time.monotonic() - pressed
    assert ended.ended, ended
    capture.wait_for_bytes(RATE, 3, mark=capture.mark())  # the last periods reach the monitor
    return capture.since(mark), took


def _leg(path: Path) -> Leg:
    return Leg("call", (("mixed", str(path)),), decode(path).duration_s)


@pytest.fixture
def player():
    made = Player()
    try:
        yield made
    finally:
        made.close(wait=3)


@pytest.mark.parametrize("kind", ["pcm wav", "raw gsm", "gsm in wav", "raw ulaw", "ulaw in wav"])
def test_what_the_speaker_plays_is_the_recording(kind, player, capture, tmp_path) -> None:
    wav = _prompt(SHORT, "wav")
    path = {
        "pcm wav": lambda: wav,
        "raw gsm": lambda: _prompt(SHORT, "gsm"),
        # The bundled ffmpeg has no GSM encoder: the demo's wav49 recording.
        "gsm in wav": lambda: FIXTURES / "1794562642.684.WAV",
        "raw ulaw": lambda: _convert(wav, tmp_path / "call.ulaw", "-f", "mulaw"),
        "ulaw in wav": lambda: _convert(wav, tmp_path / "call.wav", "-c:a", "pcm_mulaw"),
    }[kind]()
    reference = decode(path).pcm
    heard = _play(player, _leg(path), capture)
    start = _align(heard, reference)
    assert start >= 0, "the sound began before play was pressed"
    played = heard[start * 2 : start * 2 + len(reference)]
    assert len(played) == len(reference), "the end of the recording was not heard"
    correlation = _correlation(played, reference)
    assert correlation >= 0.99, f"{correlation:.3f}; the decoder fell behind {player.underruns}×"


def test_a_seek_lands_where_asked(player, capture) -> None:
    path = _prompt(LONG, "wav")
    reference = decode(path).pcm
    # A moment in the middle of a word: had the seek landed early, the word's start is heard.
    target = _loudest_half_second(reference, after_s=2.5) + RATE // 4
    player.load([_leg(path)])
    player.seek_to(target / RATE)
    assert player.wait_for(lambda s: s.position_s > 0, 5).position_s == pytest.approx(target / RATE)
    mark = capture.mark()
    player.play()
    player.wait_for(lambda s: s.position_s > target / RATE + 1.0, 10)
    player.pause()
    capture.wait_for_bytes(RATE // 2, 3, mark=capture.mark())
    heard = capture.since(mark)
    following = reference[target * 2 : (target + RATE // 2) * 2]
    at, _ = audioop.findfit(heard, following)
    assert _correlation(heard[at * 2 :], following) >= 0.99
    before = heard[max(0, at - RATE // 4) * 2 : at * 2]
    skipped = reference[(target - RATE // 4) * 2 : target * 2]
    assert audioop.rms(before, 2) < audioop.rms(skipped, 2) * 0.05, "heard what came before"


def test_one_and_a_half_times_is_faster_and_keeps_the_pitch(player, capture, tmp_path) -> None:
    path = _prompt(LONG, "wav")
    duration = decode(path).duration_s
    player.load([_leg(path)])
    player.set_speed(1.5)
    assert player.wait_for(lambda s: s.speed == 1.5, 5).speed == 1.5
    heard, took = _play_timed(player, _leg(path), capture)
    assert took == pytest.approx(duration / 1.5, abs=0.6)
    sped_up = b"".join(stream_pcm(path, 0.0, 1.5))  # ffmpeg's atempo, decoded whole
    start = _align(heard, sped_up)
    correlation = _correlation(heard[start * 2 : start * 2 + len(sped_up)], sped_up)
    assert correlation >= 0.99, f"{correlation:.3f}; the decoder fell behind {player.underruns}×"
    # A 440 Hz tone stays 440 Hz at 1.5x: the pitch is kept.
    tone = tmp_path / "tone.wav"
    subprocess.run([ffmpeg(), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=8000:duration=3", "-ac", "1", str(tone)],
                   check=True, timeout=30)  # fmt: skip
    heard = _play(player, _leg(tone), capture)
    loud = [i for i, v in enumerate(_samples(heard)) if abs(v) > 1000]
    middle = _samples(heard)[loud[0] + RATE // 4 : loud[-1] - RATE // 4]
    crossings = sum(1 for a, b in itertools.pairwise(middle) if a < 0 <= b)
    assert crossings / (len(middle) / RATE) == pytest.approx(440, abs=5)


def test_no_pulseaudio_server_means_one_line_and_no_sound(monkeypatch) -> None:
    from floortui.adapters import audio_output

    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent/floortui-no-server")
    monkeypatch.setattr(audio_output, "has_sound_card", lambda: False)
    player = Player()
    try:
        player.load([_leg(FIXTURES / "1794564826.1073.wav")])
        status = player.wait_for(lambda s: s.unavailable is not None, 5)
        assert status.unavailable == (
            "playback unavailable: no PulseAudio server is running and there is no sound card"
        )
    finally:
        player.close(wait=3)
