"""A WAV recording's codec and length from its chunks (`fmt `, `fact`, `data`), not its audio.

Asterisk writes PCM, µ-law, A-law and GSM 6.10 (wav49) in WAV; other recorders
put IMA or Microsoft ADPCM, G.726, G.722 or MP3 in it. Codec names are
ffmpeg's, so the audio layer hands them straight to its decoder. A data size of
0 or 0xFFFFFFFF (or more than the file holds) is a recording still being
written: Asterisk fills the sizes in when the call ends.
"""

from __future__ import annotations

import os
import struct
from typing import BinaryIO

from floortui.adapters.audio_info import AudioHeaderError, AudioInfo

#: Microsoft's GSM 6.10 in WAV packs two 260-bit frames into 65 bytes.
GSM_MS_BLOCK_BYTES, GSM_MS_BLOCK_SAMPLES = 65, 320
#: WAV chunks before `data` are small (fmt, fact, LIST); more than this is not a recording.
WAV_HEADER_LIMIT = 1024 * 1024

#: WAV format tags → ffmpeg's decoder names. Beyond what Asterisk writes, the compressed
#: kinds other recorders put in WAV (IMA and Microsoft ADPCM, G.726, G.722, MP3).
_WAV_CODECS = {
    0x0001: "pcm",
    0x0002: "adpcm_ms",
    0x0003: "pcm_f",
    0x0006: "pcm_alaw",
    0x0007: "pcm_mulaw",
    0x0011: "adpcm_ima_wav",
    0x0031: "gsm_ms",
    0x0045: "g726",
    0x0055: "mp3",
    0x0064: "g726",
    0x028F: "g722",
}
#: Codecs in blocks of a fixed number of samples (given in the fmt chunk's extra bytes).
_BLOCK_CODECS = ("gsm_ms", "adpcm_ms", "adpcm_ima_wav")
#: Codecs timed by the fmt chunk's bytes a second when there is no fact chunk.
_BYTE_RATE_CODECS = ("g726", "g722", "mp3")
_WAVE_FORMAT_EXTENSIBLE = 0xFFFE
_UNFINISHED_SIZES = (0, 0xFFFFFFFF)


def _read_exact(handle: BinaryIO, count: int, what: str) -> bytes:
    data = handle.read(count)
    if len(data) < count:
        raise AudioHeaderError(f"truncated header: the file ends inside the {what}")
    return data


def read_wav(handle: BinaryIO, size: int) -> AudioInfo:
    head = handle.read(12)
    if len(head) < 4 or head[:4] != b"RIFF":
        if head[:4] == b"RIFX":
            raise AudioHeaderError("big-endian WAV (RIFX) is not something Asterisk writes")
        raise AudioHeaderError("not a WAV file: RIFF header missing")
    if len(head) < 12:
        raise AudioHeaderError("truncated header: the file ends inside the RIFF header")
    if head[8:12] != b"WAVE":
        raise AudioHeaderError(f"not a WAV file: RIFF type is {head[8:12]!r}, not 'WAVE'")
    position = 12
    fmt: tuple[str, int, int, int, int] | None = None
    fact_samples: int | None = None
    while True:
        if position > WAV_HEADER_LIMIT:
            raise AudioHeaderError("no data chunk in the first MiB")
        chunk = handle.read(8)
        if len(chunk) < 8:
            if fmt is None:
                raise AudioHeaderError("truncated header: the file ends before the fmt chunk")
            raise AudioHeaderError("truncated header: the file ends before the data chunk")
        chunk_id, chunk_size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
        position += 8
        if chunk_id == b"data":
            if fmt is None:
                raise AudioHeaderError("no fmt chunk before the data chunk")
            return _wav_info(fmt, fact_samples, chunk_size, size - position)
        if not chunk_id.isascii() or not chunk_id.decode("ascii").isprintable():
            raise AudioHeaderError(f"corrupt WAV header: chunk id {chunk_id!r} at byte {position}")
        if chunk_id in (b"fmt ", b"fact") and chunk_size > 1024:
            # Both are a few dozen bytes; a huge size is corruption, not something to read.
            raise AudioHeaderError(
                f"corrupt WAV header: {chunk_id.decode().strip()} chunk of {chunk_size:,} bytes"
            )
        if chunk_id == b"fmt ":
            fmt = _wav_fmt(_read_exact(handle, chunk_size, "fmt chunk"))
        elif chunk_id == b"fact" and chunk_size >= 4:
            fact_samples = struct.unpack("<I", _read_exact(handle, chunk_size, "fact chunk")[:4])[0]
        else:
            handle.seek(chunk_size, os.SEEK_CUR)
        # RIFF chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
        if chunk_size % 2:
            handle.seek(1, os.SEEK_CUR)
        position += chunk_size + chunk_size % 2


def _wav_fmt(body: bytes) -> tuple[str, int, int, int, int, int]:
    """(codec, channels, sample rate, block align, samples per block, bytes a second) from a
    fmt chunk."""
    if len(body) < 16:
        raise AudioHeaderError("truncated header: fmt chunk shorter than 16 bytes")
    tag, channels, rate, byte_rate, block_align, bits = struct.unpack("<HHIIHH", body[:16])
    extra = body[18:] if len(body) >= 18 else b""
    if tag == _WAVE_FORMAT_EXTENSIBLE:
        if len(extra) < 22:
            raise AudioHeaderError("truncated header: WAVE_FORMAT_EXTENSIBLE fmt chunk too short")
        tag = struct.unpack("<H", extra[6:8])[0]  # the sub-format GUID starts with the tag
    codec = _WAV_CODECS.get(tag)
    if codec is None:
        raise AudioHeaderError(f"unsupported WAV format tag 0x{tag:04X}")
    if channels == 0 or rate == 0:
        raise AudioHeaderError(f"corrupt WAV header: {channels} channels at {rate} Hz")
    if codec == "gsm_ms":
        samples_per_block = GSM_MS_BLOCK_SAMPLES
        if len(extra) >= 2:
            samples_per_block = struct.unpack("<H", extra[:2])[0] or GSM_MS_BLOCK_SAMPLES
        return (codec, channels, rate, block_align or GSM_MS_BLOCK_BYTES, samples_per_block,
                byte_rate)  # fmt: skip
    if codec in _BLOCK_CODECS:
        samples_per_block = struct.unpack("<H", extra[:2])[0] if len(extra) >= 2 else 0
        if not block_align or not samples_per_block:
            raise AudioHeaderError(f"corrupt WAV header: {codec} with no block size")
        return codec, channels, rate, block_align, samples_per_block, byte_rate
    if codec in _BYTE_RATE_CODECS:
        if not byte_rate:
            raise AudioHeaderError(f"corrupt WAV header: {codec} at 0 bytes a second")
        return codec, channels, rate, block_align or 1, 0, byte_rate
    if codec in ("pcm", "pcm_f"):
        if bits == 0 or bits % 8:
            raise AudioHeaderError(f"unsupported WAV sample size: {bits} bits")
        if codec == "pcm":
            codec = "pcm_u8" if bits == 8 else f"pcm_s{bits}le"
        else:
            codec = f"pcm_f{bits}le"
    block = block_align or channels * max(bits // 8, 1)
    return codec, channels, rate, block, 1, byte_rate


def _wav_info(fmt: tuple[str, int, int, int, int, int], fact_samples: int | None,
              declared: int, available: int) -> AudioInfo:  # fmt: skip
    codec, channels, rate, block_align, samples_per_block, byte_rate = fmt
    unfinished = declared in _UNFINISHED_SIZES or declared > available
    data_bytes = available if unfinished else declared
    if fact_samples and not unfinished and (codec in _BLOCK_CODECS or
                                            codec in _BYTE_RATE_CODECS):  # fmt: skip
        # The fact chunk counts the samples actually encoded; the last block is padded.
        duration = fact_samples / rate
    elif codec in _BYTE_RATE_CODECS:
        duration = data_bytes / byte_rate
    else:
        duration = data_bytes // block_align * samples_per_block / rate
    return AudioInfo("wav", codec, rate, channels, duration, unfinished)
