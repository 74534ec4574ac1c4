"""The player's rules with a stand-in device the test pulls frames from, as miniaudio would.

Real files from fixtures/recordings; what is checked is what a reviewer
notices: where the playhead is, what they hear (the samples handed over), that a
transfer's legs follow each other, that a missing output is one line.
"""

from __future__ import annotations

import statistics
import struct
import time
from pathlib import Path

import pytest

from floortui.adapters.audio_decode import decode
from floortui.adapters.player import PlaybackUnavailable, Player
from floortui.domain.listening import BOTH, IN, OUT, Leg, PlayerStatus

pytestmark = pytest.mark.timeout(30)

RECORDINGS = Path(__file__).resolve().parent.parent / "fixtures" / "recordings"
PCM = RECORDINGS / "1794564826.1073.wav"
GSM = RECORDINGS / "1794568355.1876.gsm"
PAIR_IN = RECORDINGS / "1794569411.2159-in.wav"
PAIR_OUT = RECORDINGS / "1794569411.2159-out.wav"
CORRUPT = RECORDINGS / "1794572984.3283.wav"


class PulledDevice:
    """Stands in for miniaudio's device: the test asks for periods of frames."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.feed = None
        self.closed = False

    def start(self, feed) -> None:
        self.feed = feed

    def close(self) -> None:
        self.closed = True

    def pull(self, frames: int) -> bytes:
        return self.feed.send(frames)


@pytest.fixture
def devices() -> list[PulledDevice]:
    return []


@pytest.fixture
def player(devices: list[PulledDevice]):
    def open_device(rate: int) -> PulledDevice:
        devices.append(PulledDevice(rate))
        return devices[-1]

    made = Player(open_device)
    yield made
    made.close(wait=2)


def leg(path: Path, label: str = "call") -> Leg:
    return Leg(label, (("mixed", str(path)),), decode(path).duration_s)


def settle(player: Player, test, timeout: float = 5.0) -> PlayerStatus:
    status = player.wait_for(test, timeout)
    assert test(status), status
    return status


def pull_seconds(device: PulledDevice, seconds: float, quiet_s: float = 0.3) -> bytes:
    """What `seconds` of periods hand over, pulled faster than real time; a device keeps
    asking while the decoder catches up, so this gives up only after `quiet_s` of nothing
    (the end, a pause)."""
    wanted = int(seconds * device.rate)
    out = b""
    quiet_since = None
    while len(out) < wanted * 2:
        chunk = device.pull(min(160, wanted - len(out) // 2))
        if chunk:
            out += chunk
            quiet_since = None
            continue
        quiet_since = quiet_since or time.monotonic()
        if time.monotonic() - quiet_since > quiet_s:
            break
        time.sleep(0.001)
    return out


def playing(player: Player) -> PlayerStatus:
    player.play()
    return settle(player, lambda s: s.playing)


def test_the_samples_handed_over_are_the_recording_and_the_position_follows_them(
    player, devices
) -> None:
    player.load([leg(PCM)])
    playing(player)
    heard = pull_seconds(devices[-1], 2.0)
    assert heard == decode(PCM).pcm[: len(heard)]
    assert player.status().position_s == pytest.approx(2.0, abs=0.001)
    player.pause()
    settle(player, lambda s: not s.playing)
    assert devices[-1].pull(160) == b"", "paused: silence, and the position stays"
    assert player.status().position_s == pytest.approx(2.0, abs=0.001)


def test_seeks_land_where_asked_and_stay_inside_the_recording(player, devices) -> None:
    duration = decode(PCM).duration_s
    player.load([leg(PCM)])
    player.seek_by(5)
    settle(player, lambda s: s.position_s == 5.0)
    player.seek_by(-30)
    settle(player, lambda s: s.position_s == 0.0)
    player.seek_by(30)
    settle(player, lambda s: s.position_s == pytest.approx(duration))
    player.seek_to(3.25)
    playing(player)
    heard = pull_seconds(devices[-1], 0.5)
    start = int(3.25 * 8000) * 2
    assert heard == decode(PCM).pcm[start : start + len(heard)]
    assert player.status().position_s == pytest.approx(3.75, abs=0.001)


def test_a_burst_of_keys_moves_by_each_of_them(player) -> None:
    player.load([leg(PCM)])
    for _ in range(3):
        player.seek_by(1)
    settle(player, lambda s: s.position_s == 3.0)


def test_speed_restarts_where_the_playhead_is_and_counts_recording_time(player, devices) -> None:
    player.load([leg(GSM)])
    playing(player)
    pull_seconds(devices[-1], 1.0)
    player.set_speed(1.5)
    settle(player, lambda s: s.speed == 1.5)
    assert player.status().position_s == pytest.approx(1.0, abs=0.03)
    pull_seconds(devices[-1], 1.0)  # one second heard at 1.5× is 1.5 s of the call
    assert player.status().position_s == pytest.approx(2.5, abs=0.05)
    player.set_speed(9)
    assert settle(player, lambda s: s.speed != 1.5).speed == 2.0


def test_the_end_is_noticed_and_play_again_starts_over(player, devices) -> None:
    player.load([leg(GSM)])
    playing(player)
    pull_seconds(devices[-1], 60)
    ended = settle(player, lambda s: s.ended)
    assert not ended.playing and ended.position_s == pytest.approx(ended.duration_s)
    player.play()
    again = settle(player, lambda s: s.playing)
    assert again.position_s == 0.0 and not again.ended


def test_a_transfer_plays_its_legs_one_after_the_other(player, devices) -> None:
    player.load([leg(GSM, "call"), leg(PCM, "transfer")])
    playing(player)
    first, then = decode(GSM).pcm, decode(PCM).pcm
    heard = pull_seconds(devices[-1], len(first) / 2 / 8000 + 0.5)
    second = settle(player, lambda s: s.leg == 1 and s.playing)
    assert second.legs == 2 and second.duration_s == pytest.approx(decode(PCM).duration_s)
    assert heard[: len(first)] == first
    assert heard[len(first) :] == then[: len(heard) - len(first)], "the transfer follows on"
    assert len(heard) - len(first) == 4000 * 2
    player.go_to_leg(0)
    assert settle(player, lambda s: s.leg == 0).position_s == 0.0


def _samples(pcm: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(pcm) // 2}h", pcm))


def test_an_in_out_pair_is_heard_mixed_or_one_side(player, devices) -> None:
    pair = Leg("in + out", ((IN, str(PAIR_IN)), (OUT, str(PAIR_OUT))), decode(PAIR_IN).duration_s)
    player.load([pair])
    assert settle(player, lambda s: s.legs == 1).side == BOTH
    playing(player)
    mixed = _samples(pull_seconds(devices[-1], 1.0))
    side_in, side_out = _samples(decode(PAIR_IN).pcm), _samples(decode(PAIR_OUT).pcm)
    expected = [max(-32768, min(32767, a + b)) for a, b in zip(side_in, side_out, strict=False)]
    assert mixed == expected[: len(mixed)]
    player.set_side(OUT)
    settle(player, lambda s: s.side == OUT)
    only_out = _samples(pull_seconds(devices[-1], 0.5))
    assert only_out == side_out[8000 : 8000 + len(only_out)]


def test_volume_scales_what_is_heard(player, devices) -> None:
    player.load([leg(PCM)])
    player.set_volume(0.5)
    settle(player, lambda s: s.volume == 0.5)
    playing(player)
    quiet = _samples(pull_seconds(devices[-1], 0.5))
    full = _samples(decode(PCM).pcm[: len(quiet) * 2])
    assert max(map(abs, quiet)) == pytest.approx(max(map(abs, full)) / 2, abs=1)


def test_no_audio_output_is_one_line_and_navigation_still_works() -> None:
    def no_output(rate: int):
        raise PlaybackUnavailable("playback unavailable: no PulseAudio server is running")

    player = Player(no_output)
    try:
        player.load([leg(PCM)])
        status = settle(player, lambda s: s.unavailable is not None)
        assert status.unavailable == "playback unavailable: no PulseAudio server is running"
        player.play()
        player.seek_by(5)
        status = settle(player, lambda s: s.position_s == 5.0)
        assert not status.playing
    finally:
        player.close(wait=2)


def test_miniaudio_with_no_server_says_why_in_one_line(monkeypatch) -> None:
    from floortui.adapters import audio_output as player_module

    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent/floortui-test-socket")
    monkeypatch.setattr(player_module, "has_sound_card", lambda: False)
    with pytest.raises(PlaybackUnavailable) as raised:
        player_module.open_output(8000)
    message = str(raised.value)
    assert message.startswith("playback unavailable: ") and "\n" not in message


def test_a_corrupt_recording_is_one_line_and_the_next_leg_still_plays(player, devices) -> None:
    broken = Leg("call", (("mixed", str(CORRUPT)),), 0.0)
    player.load([broken, leg(PCM, "transfer")])
    player.play()
    status = settle(player, lambda s: s.problem is not None)
    assert "1794572984.3283.wav" in status.problem and "\n" not in status.problem
    player.go_to_leg(1)
    settle(player, lambda s: s.leg == 1 and s.problem is None)
    playing(player)
    assert pull_seconds(devices[-1], 0.2) == decode(PCM).pcm[:3200]


def test_calls_from_the_screen_return_at_once_while_the_player_works(player) -> None:
    player.load([leg(GSM)])
    took = []
    for _ in range(200):
        started = time.perf_counter()
        player.seek_by(0.1)
        player.status()
        took.append(time.perf_counter() - started)
    # The median, not the sum: a busy machine stalls a few calls, but a seek that waited for
    # the stream to restart (ffmpeg, tens of ms) would make every call slow.
    assert statistics.median(took) < 0.005
    settle(player, lambda s: s.position_s == pytest.approx(min(20.0, s.duration_s)))
