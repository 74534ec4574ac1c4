"""A demo call's recording, written in one of the codecs a real Asterisk day holds.

The conversation (floortui.demo.conversation) is mixed with pydub: each
side's phrases at its own level, a caller's "mm-hm" laid over the agent.
Then it is written as Asterisk names and encodes it: `<uniqueid>.wav` (PCM,
MixMonitor's default), `.WAV` (GSM in WAV, monitor format wav49), `.gsm`,
`.ulaw`, `.alaw` (raw 8 kHz), `.mp3`, or a stereo Monitor pair
`-in.wav` / `-out.wav` (the caller's side, the agent's side). GSM is joined
from the phrase pack's GSM blocks (the PyPI ffmpeg cannot encode GSM), so
overlays are left out there; MP3 goes through imageio-ffmpeg's ffmpeg.

A file appears whole: it is written under a name no scanner takes for a
recording and renamed into place, so the importer never reads half a file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
import wave
from collections.abc import Iterable
from pathlib import Path

from floortui.demo.conversation import Conversation, Piece
from floortui.demo.phrases import BLOCK_SAMPLES, PCM_BLOCK, RATE, PhraseBook

if sys.version_info >= (3, 13):  # audioop left the standard library; audioop-lts is the same C
    import audioop  # type: ignore[import-not-found]
else:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop

with warnings.catch_warnings():  # pydub warns at import when no ffmpeg is on PATH: none needed
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

KINDS = ("wav", "WAV", "gsm", "ulaw", "alaw", "mp3", "in-out")
#: Level of each side in the mix (dB): the caller comes down the line a little quieter.
GAIN_DB = {"agent": 0.0, "caller": -4.0, "line": -6.0}
OVERLAY_GAIN_DB = -8.0


def _segment(pcm: bytes) -> AudioSegment:
    return AudioSegment(data=pcm, sample_width=2, frame_rate=RATE, channels=1)


#: Whole phrases at their side's level, made once: (phrase, speaker) -> PCM.
_LEVELLED: dict[tuple[str, str], bytes] = {}


def _levelled(book: PhraseBook, name: str, first: int, blocks: int, speaker: str) -> bytes:
    gain = GAIN_DB.get(speaker, 0.0)
    if not gain or name == "silence":
        return book.pcm(name, first, blocks)
    key = (name, speaker)
    pcm = _LEVELLED.get(key)
    if pcm is None:
        pcm = _LEVELLED[key] = _segment(book.pcm(name)).apply_gain(gain).raw_data
    return pcm[first * PCM_BLOCK : (first + blocks) * PCM_BLOCK]


def _side(book: PhraseBook, pieces: Iterable[Piece], keep: set[str] | None) -> bytearray:
    """The pieces as PCM, each side at its level; sides not in `keep` are silence."""
    out = bytearray()
    for piece in pieces:
        if keep is not None and piece.speaker not in keep:
            out += bytes(piece.blocks * BLOCK_SAMPLES * 2)
        else:
            out += _levelled(book, piece.name, piece.first, piece.blocks, piece.speaker)
    return out


def mix(book: PhraseBook, talk: Conversation, keep: set[str] | None = None) -> bytes:
    """The conversation as mono 8 kHz PCM (only the `keep` sides, if given).

    An overlay is mixed by pydub over just the stretch it covers, so a long
    call costs no more to mix than a short one per overlay.
    """
    pcm = _side(book, talk.pieces, keep)
    for overlay in talk.overlays:
        if keep is not None and overlay.speaker not in keep:
            continue
        start = overlay.at * BLOCK_SAMPLES * 2
        over = _segment(book.pcm(overlay.name)).apply_gain(OVERLAY_GAIN_DB)
        end = min(len(pcm), start + len(over.raw_data))
        if start >= end:
            continue
        under = _segment(bytes(pcm[start:end]))
        pcm[start:end] = under.overlay(over).raw_data  # overlay keeps the stretch's length
    return bytes(pcm)


def _wav49_header(blocks: int) -> bytes:
    """A GSM 6.10 WAV header as sox writes it (format 0x31, 320 samples in 65 bytes)."""
    data = blocks * 65
    fmt = (
        (0x31).to_bytes(2, "little") + (1).to_bytes(2, "little") + RATE.to_bytes(4, "little")
        + (1625).to_bytes(4, "little") + (65).to_bytes(2, "little") + (0).to_bytes(2, "little")
        + (2).to_bytes(2, "little") + (BLOCK_SAMPLES).to_bytes(2, "little")
    )  # fmt: skip
    fact = (blocks * BLOCK_SAMPLES).to_bytes(4, "little")
    body = b"WAVE" + b"fmt " + len(fmt).to_bytes(4, "little") + fmt
    body += b"fact" + (4).to_bytes(4, "little") + fact + b"data" + data.to_bytes(4, "little")
    return b"RIFF" + (len(body) + data).to_bytes(4, "little") + body


def _put(path: Path, data: bytes) -> Path:
    """Write `data` to `path` whole: into a hidden .part file, then renamed into place."""
    part = path.with_name(f".{path.name}.part")
    part.write_bytes(data)
    os.replace(part, path)
    return path


def _put_wav(path: Path, pcm: bytes) -> Path:
    part = path.with_name(f".{path.name}.part")
    with wave.open(str(part), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm)
    os.replace(part, path)
    return path


def _mp3(pcm: bytes, path: Path) -> Path:
    import imageio_ffmpeg

    part = path.with_name(f".{path.name}.part")
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-f", "s16le",
         "-ar", str(RATE), "-ac", "1", "-i", "-", "-c:a", "libmp3lame", "-b:a", "16k",
         "-bitexact", "-f", "mp3", str(part)],
        input=pcm, check=True, capture_output=True,
    )  # fmt: skip
    os.replace(part, path)
    return path


def write_recording(book: PhraseBook, talk: Conversation, kind: str, folder: Path,
                    stem: str) -> list[Path]:  # fmt: skip
    """Write the call as `kind` under the names Asterisk gives it; the files written."""
    if kind == "gsm":
        data = b"".join(book.gsm(p.name, p.first, p.blocks) for p in talk.pieces)
        return [_put(folder / f"{stem}.gsm", data)]
    if kind == "WAV":
        data = b"".join(book.wav49(p.name, p.first, p.blocks) for p in talk.pieces)
        return [_put(folder / f"{stem}.WAV", _wav49_header(talk.blocks) + data)]
    if kind == "in-out":  # Monitor's pair: what came in from the caller, what went out
        caller = mix(book, talk, keep={"caller"})
        agent = mix(book, talk, keep={"agent", "line"})
        return [_put_wav(folder / f"{stem}-in.wav", caller),
                _put_wav(folder / f"{stem}-out.wav", agent)]  # fmt: skip
    pcm = mix(book, talk)
    if kind == "wav":
        return [_put_wav(folder / f"{stem}.wav", pcm)]
    if kind == "ulaw":
        return [_put(folder / f"{stem}.ulaw", audioop.lin2ulaw(pcm, 2))]
    if kind == "alaw":
        return [_put(folder / f"{stem}.alaw", audioop.lin2alaw(pcm, 2))]
    if kind == "mp3":
        return [_mp3(pcm, folder / f"{stem}.mp3")]
    raise ValueError(f"a demo recording is one of {', '.join(KINDS)}, not {kind!r}")
