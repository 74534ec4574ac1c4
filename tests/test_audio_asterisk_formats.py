"""The rest of what Asterisk's MixMonitor can be told to write, by the names Asterisk gives them.

format_pcm writes µ-law as `.pcm`, `.ulaw`, `.ul`, `.mu` or `.ulw` and A-law as
`.alaw`, `.al` or `.alw`; format_sln writes headerless signed linear as `.sln`
or `.raw` (8 kHz) and `.sln16`, `.sln48`… at the rate in the name; format_wav's
`wav16` is 16 kHz PCM WAV; format_g722 and format_g729 write the raw codec
frames. Each is made here from the demo's PCM recording with the bundled
ffmpeg (or, for G.729, which ffmpeg cannot encode, from its frame layout), and
each must decode to the samples it holds, at its own rate, whole and streamed.
"""

from __future__ import annotations

import math
import struct
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from floortui.adapters.audio_decode import decode, ffmpeg, recording_info, stream_pcm
from floortui.adapters.player_source import open_pcm

if sys.version_info >= (3, 13):
    import audioop  # type: ignore[import-not-found]
else:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop

SOURCE = Path(__file__).resolve().parent.parent / "fixtures" / "recordings" / "1794564826.1073.wav"


def _made(tmp_path: Path, name: str, *options: str) -> Path:
    target = tmp_path / name
    subprocess.run([ffmpeg(), "-nostdin", "-loglevel", "error", "-y", "-i", str(SOURCE),
                    *options, str(target)], check=True, timeout=30)  # fmt: skip
    return target


def _correlation(a: bytes, b: bytes) -> float:
    n = min(len(a), len(b)) // 2
    x = struct.unpack(f"<{n}h", a[: n * 2])
    y = struct.unpack(f"<{n}h", b[: n * 2])
    norm = math.sqrt(sum(v * v for v in x) * sum(v * v for v in y))
    return sum(p * q for p, q in zip(x, y, strict=True)) / norm if norm else 0.0


@pytest.fixture(scope="module")
def reference() -> bytes:
    return decode(SOURCE).pcm


@pytest.mark.parametrize("name", ["call.sln", "call.raw"])
def test_signed_linear_is_the_samples_as_they_are(tmp_path, reference, name) -> None:
    path = tmp_path / name
    path.write_bytes(reference)
    audio = decode(path)
    assert (audio.sample_rate, audio.info.codec) == (8000, "pcm_s16le")
    assert audio.pcm == reference
    assert audio.info.duration_s == pytest.approx(len(reference) / 2 / 8000)
    assert b"".join(stream_pcm(path, 1.0)) == reference[16000:], "streamed from 1 s"


def test_a_signed_linear_rate_is_in_its_name(tmp_path) -> None:
    path = _made(tmp_path, "call.sln16", "-ar", "16000", "-f", "s16le")
    audio = decode(path)
    assert audio.sample_rate == 16000
    assert audio.info.duration_s == pytest.approx(decode(SOURCE).duration_s, abs=0.01)
    assert b"".join(stream_pcm(path)) == audio.pcm
    cd_rate = tmp_path / "call.sln44"
    cd_rate.write_bytes(bytes(44100 * 2))
    assert (recording_info(cd_rate).sample_rate, recording_info(cd_rate).duration_s) == (44100, 1)


def test_a_signed_linear_cut_mid_sample_drops_the_half_sample(tmp_path, reference) -> None:
    path = tmp_path / "call.sln"
    path.write_bytes(reference[:8001])
    assert decode(path).pcm == reference[:8000]


@pytest.mark.parametrize("name", ["call.pcm", "call.mu", "call.ulw", "call.alw"])
def test_every_name_asterisk_gives_mu_law_and_a_law(tmp_path, reference, name) -> None:
    law = "alaw" if name.endswith(".alw") else "mulaw"
    path = _made(tmp_path, name, "-f", law)
    to_law, from_law = {"mulaw": (audioop.lin2ulaw, audioop.ulaw2lin),
                        "alaw": (audioop.lin2alaw, audioop.alaw2lin)}[law]  # fmt: skip
    expected = from_law(to_law(reference, 2), 2)
    audio = decode(path)
    assert audio.info.codec == f"pcm_{law}"
    assert _correlation(audio.pcm, expected) > 0.999
    assert b"".join(open_pcm(path, 0.0, 1.0, 8000)) == audio.pcm


def test_wav16_is_a_16_khz_wav(tmp_path) -> None:
    path = _made(tmp_path, "call.wav16", "-ar", "16000", "-f", "wav")
    audio = decode(path)
    assert (audio.sample_rate, audio.info.container) == (16000, "wav")
    assert audio.info.duration_s == pytest.approx(decode(SOURCE).duration_s, abs=0.01)


def test_g722_is_wideband_and_sounds_like_the_call(tmp_path) -> None:
    path = _made(tmp_path, "call.g722", "-ar", "16000", "-c:a", "g722", "-f", "g722")
    audio = decode(path)
    assert (audio.sample_rate, audio.info.codec) == (16000, "g722")
    duration = decode(SOURCE).duration_s
    assert audio.info.duration_s == pytest.approx(duration, abs=0.01)
    assert len(audio.pcm) / 2 / 16000 == pytest.approx(duration, abs=0.01)
    wideband = decode(_made(tmp_path, "call16.wav", "-ar", "16000")).pcm
    # G.722 is lossy and delays the sound a little: find the best lag in the first 5 ms.
    best = max(_correlation(audio.pcm[lag * 2 :], wideband) for lag in range(0, 80, 2))
    assert best > 0.9
    assert b"".join(stream_pcm(path)) == audio.pcm
    assert len(b"".join(stream_pcm(path, 0.0, 1.5))) / 2 / 16000 == pytest.approx(
        duration / 1.5, abs=0.05
    )


def test_g729_frames_decode_to_ten_milliseconds_each(tmp_path) -> None:
    # ffmpeg cannot encode G.729: 200 frames of 10 bytes (any bits decode: it is a vocoder).
    path = tmp_path / "call.g729"
    path.write_bytes(bytes(range(256)) * 7 + bytes(208))
    audio = decode(path)
    assert (audio.sample_rate, audio.info.codec) == (8000, "g729")
    assert audio.info.duration_s == pytest.approx(2.0)
    assert len(audio.pcm) == 2 * 8000 * 2


# Other recorders put compressed audio in WAV: (ffmpeg encoder options, tag, rate).
COMPRESSED_WAV = {
    "ima adpcm": (("-c:a", "adpcm_ima_wav"), "adpcm_ima_wav", 8000),
    "ms adpcm": (("-c:a", "adpcm_ms"), "adpcm_ms", 8000),
    "g726": (("-c:a", "g726", "-b:a", "32k"), "g726", 8000),
    "g722": (("-ar", "16000", "-c:a", "g722"), "g722", 16000),
    "mp3": (("-c:a", "libmp3lame", "-b:a", "16k"), "mp3", 8000),
}


@pytest.mark.parametrize("kind", COMPRESSED_WAV)
def test_compressed_audio_in_wav_is_timed_by_its_fact_chunk_and_plays(tmp_path, kind) -> None:
    options, codec, rate = COMPRESSED_WAV[kind]
    path = _made(tmp_path, "call.wav", *options)
    info = recording_info(path)
    assert (info.codec, info.sample_rate) == (codec, rate)
    # The source's 52,758 samples at 8 kHz (MP3 counts its frames' 53,863 samples).
    assert info.duration_s == pytest.approx(53863 / 8000 if kind == "mp3" else 52758 / 8000)
    audio = decode(path)
    assert len(audio.pcm) / 2 / rate == pytest.approx(info.duration_s, abs=0.05)
    # From a moment: the rest of the call, sounding as decoded whole once the codec's state
    # has settled (an ADPCM stream entered mid-way), within 5 ms of the moment asked.
    streamed = b"".join(stream_pcm(path, 2.0))
    assert len(streamed) / 2 / rate == pytest.approx(info.duration_s - 2.0, abs=0.05)
    settled, at, near = rate // 10 * 2, 2 * rate * 2, rate // 200
    piece = streamed[settled : settled + rate]  # half a second
    best = max(_correlation(piece, audio.pcm[at + settled + lag * 2 :]) for lag in
               range(-near, near + 1))  # fmt: skip
    assert best > 0.95
