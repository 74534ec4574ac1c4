"""Duration and codec of a call recording, read from its header without decoding the audio.

Scanning a monitor folder of thousands of recordings must be cheap and must
work on a machine without ffmpeg, so this reads only the few bytes that say
how long a file is: a WAV's `fmt `/`data` chunks (floortui.adapters.audio_wav),
the first MPEG frame header (and its Xing/Info/VBRI header), or, for the
headerless kinds (GSM, µ-law, A-law, signed linear, G.722, G.729), the file
size. Container and codec use ffmpeg's names (`ffprobe -show_format
-show_streams`), so the audio layer can hand them straight to ffmpeg, which
cannot guess a headerless format on its own.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from floortui.adapters.audio_info import AudioHeaderError, AudioInfo
from floortui.adapters.audio_wav import read_wav

#: Recording extensions Asterisk writes (lower-cased) → the container they hold.
#: The names are Asterisk's own (format_wav, format_pcm, format_sln, format_g722, format_g729).
CONTAINERS: dict[str, str] = {
    ".wav": "wav",  # PCM, or GSM 6.10 when Asterisk's format is wav49 (written as .WAV)
    ".wav16": "wav",  # 16 kHz PCM WAV
    ".gsm": "gsm",
    **dict.fromkeys((".ulaw", ".ul", ".pcm", ".mu", ".ulw"), "mulaw"),  # "pcm" is µ-law
    **dict.fromkeys((".alaw", ".al", ".alw"), "alaw"),
    **dict.fromkeys((".sln", ".raw"), "slin"),  # signed linear 16-bit, 8 kHz
    **{f".sln{rate}": f"slin{rate}" for rate in (12, 16, 24, 32, 44, 48, 96, 192)},
    ".g722": "g722",
    ".g729": "g729",
    ".mp3": "mp3",
}

#: Headerless signed linear: its rate is in its name (`.sln16` is 16 kHz; `.sln44` 44.1 kHz).
SLIN_RATES: dict[str, int] = {
    "slin": 8000,
    **{f"slin{k}": 1000 * k for k in (12, 16, 24, 32, 48, 96, 192)},
    "slin44": 44100,
}
#: Headerless compressed telephone codecs: (sample rate, bytes a second). G.722 is 16 kHz
#: audio at 64 kbit/s (Asterisk's SDP says 8000, the audio is wideband); G.729 8 kbit/s.
CODED_RAW: dict[str, tuple[int, int]] = {"g722": (16000, 8000), "g729": (8000, 1000)}

#: Headerless telephone audio: 8000 samples a second, one channel, by definition.
TELEPHONE_RATE = 8000
GSM_FRAME_BYTES, GSM_FRAME_SAMPLES = 33, 160

#: How far into an MP3 (after any ID3v2 tag) to look for the first frame.
MP3_SYNC_WINDOW = 64 * 1024


def container_for(path: Path) -> str | None:
    """The container a recording's extension stands for (any case), or None if it is not one."""
    return CONTAINERS.get(path.suffix.lower())


def read_audio_header(path: str | os.PathLike[str]) -> AudioInfo:
    """Read `path`'s header (opened read-only); AudioHeaderError says why it cannot be read.

    OSError (missing, permission denied) passes through: that is about the file
    system, not the audio, and the caller reports it in its own words.
    """
    path = Path(path)
    container = container_for(path)
    if container is None:
        raise AudioHeaderError(f"not a recording: unknown extension {path.suffix!r}")
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        return read_audio_handle(handle, size, container)


def read_audio_handle(handle: BinaryIO, size: int, container: str) -> AudioInfo:
    """Read the header of an open file of `size` bytes holding `container` (see CONTAINERS)."""
    if size == 0:
        raise AudioHeaderError("empty file (0 bytes)")
    if container == "wav":
        return read_wav(handle, size)
    if container == "mp3":
        return _read_mp3(handle, size)
    if container == "gsm":
        return _read_raw_gsm(handle, size)
    if container in ("mulaw", "alaw"):
        return AudioInfo(container, f"pcm_{container}", TELEPHONE_RATE, 1, size / TELEPHONE_RATE)
    if container in SLIN_RATES:
        rate = SLIN_RATES[container]
        return AudioInfo(container, "pcm_s16le", rate, 1, size // 2 / rate)
    if container in CODED_RAW:
        rate, per_second = CODED_RAW[container]
        return AudioInfo(container, container, rate, 1, size / per_second)
    raise AudioHeaderError(f"unknown container {container!r}")


# --- raw GSM -----------------------------------------------------------------------------------


def _read_raw_gsm(handle: BinaryIO, size: int) -> AudioInfo:
    first = handle.read(1)
    # Every GSM 6.10 frame starts with the 4-bit signature 0xD (Asterisk checks the same).
    if not first or first[0] >> 4 != 0xD:
        raise AudioHeaderError("not a GSM file: the first frame lacks the 0xD signature")
    frames = size // GSM_FRAME_BYTES
    return AudioInfo(
        "gsm",
        "gsm",
        TELEPHONE_RATE,
        1,
        frames * GSM_FRAME_SAMPLES / TELEPHONE_RATE,
        unfinished=size % GSM_FRAME_BYTES != 0,
    )


# --- MP3 ---------------------------------------------------------------------------------------

_BITRATES_KBPS = {
    (1, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (1, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (1, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (2, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (2, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (2, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_SAMPLE_RATES = {1: (44100, 48000, 32000), 2: (22050, 24000, 16000), 25: (11025, 12000, 8000)}
_MPEG_VERSIONS = {0b00: 25, 0b10: 2, 0b11: 1}  # 0b01 is reserved


@dataclass(frozen=True)
class _MpegFrame:
    version: int  # 1, 2 or 25 (MPEG 2.5)
    layer: int
    bitrate_kbps: int
    sample_rate: int
    channels: int
    length: int  # bytes, header included

    @property
    def samples(self) -> int:
        if self.layer == 1:
            return 384
        if self.layer == 3 and self.version != 1:
            return 576
        return 1152

    @property
    def side_info_bytes(self) -> int:
        """Where a Xing/Info header sits after the 4-byte frame header (layer III)."""
        if self.version == 1:
            return 32 if self.channels == 2 else 17
        return 17 if self.channels == 2 else 9


def _mpeg_frame(header: bytes) -> _MpegFrame | None:
    """The frame a 4-byte header describes, or None if these bytes are not a valid header."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version = _MPEG_VERSIONS.get((header[1] >> 3) & 0b11)
    layer = 4 - ((header[1] >> 1) & 0b11)
    bitrate_index = header[2] >> 4
    rate_index = (header[2] >> 2) & 0b11
    if version is None or layer == 4 or bitrate_index in (0, 15) or rate_index == 3:
        return None  # reserved values, or free format (which no PBX writes)
    bitrate = _BITRATES_KBPS[(min(version, 2), layer)][bitrate_index] * 1000
    rate = _SAMPLE_RATES[version][rate_index]
    padding = (header[2] >> 1) & 1
    channels = 1 if header[3] >> 6 == 0b11 else 2
    if layer == 1:
        length = (12 * bitrate // rate + padding) * 4
    elif layer == 3 and version != 1:
        length = 72 * bitrate // rate + padding
    else:
        length = 144 * bitrate // rate + padding
    return _MpegFrame(version, layer, bitrate // 1000, rate, channels, length)


def _skip_id3v2(handle: BinaryIO) -> int:
    """Offset of the audio after an ID3v2 tag (0 without one): the tag may hold cover art."""
    head = handle.read(10)
    if len(head) == 10 and head[:3] == b"ID3" and all(b < 0x80 for b in head[6:10]):
        tag_size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
        footer = 10 if head[5] & 0x10 else 0
        return 10 + tag_size + footer
    return 0


def _read_mp3(handle: BinaryIO, size: int) -> AudioInfo:
    start = _skip_id3v2(handle)
    handle.seek(start)
    window = handle.read(MP3_SYNC_WINDOW)
    if not window:
        raise AudioHeaderError("truncated header: nothing after the ID3v2 tag")
    offset, frame = _first_frame(window)
    audio_start = start + offset
    body = window[offset : offset + frame.length]
    codec = f"mp{frame.layer}"
    vbr = _xing(frame, body) or _vbri(body)
    if vbr is not None:
        frames, delay, padding = vbr
        samples = max(frames * frame.samples - delay - padding, 0)
        return AudioInfo(
            "mp3", codec, frame.sample_rate, frame.channels, samples / frame.sample_rate
        )
    # Constant bitrate: every frame the same size, so the byte count gives the length.
    end = size
    handle.seek(max(size - 128, 0))
    if handle.read(3) == b"TAG":  # ID3v1 tag at the end
        end -= 128
    audio_bytes = max(end - audio_start, 0)
    duration = audio_bytes * 8 / (frame.bitrate_kbps * 1000)
    return AudioInfo("mp3", codec, frame.sample_rate, frame.channels, duration)


def _first_frame(window: bytes) -> tuple[int, _MpegFrame]:
    """The first frame header that the next frame confirms (a lone 0xFFE pattern is noise)."""
    offset = window.find(b"\xff")
    while 0 <= offset < len(window) - 3:
        frame = _mpeg_frame(window[offset : offset + 4])
        if frame is not None:
            following = offset + frame.length
            if following + 4 > len(window):
                return offset, frame  # a file of a single frame, or the window's end
            after = _mpeg_frame(window[following : following + 4])
            if after is not None and (after.version, after.layer, after.sample_rate) == (
                frame.version,
                frame.layer,
                frame.sample_rate,
            ):
                return offset, frame
        offset = window.find(b"\xff", offset + 1)
    raise AudioHeaderError("not an MP3 file: no MPEG audio frame header found")


def _xing(frame: _MpegFrame, body: bytes) -> tuple[int, int, int] | None:
    """(frames, encoder delay, padding) from a Xing/Info header and its LAME tag."""
    at = 4 + frame.side_info_bytes
    if body[at : at + 4] not in (b"Xing", b"Info") or len(body) < at + 8:
        return None
    flags = struct.unpack(">I", body[at + 4 : at + 8])[0]
    if not flags & 0x1 or len(body) < at + 12:
        return None  # no frame count: fall back to the bitrate
    frames = struct.unpack(">I", body[at + 8 : at + 12])[0]
    lame = at + 8 + 4 + (4 if flags & 0x2 else 0) + (100 if flags & 0x4 else 0)
    lame += 4 if flags & 0x8 else 0
    delay = padding = 0
    # LAME's tag after the Xing fields holds the encoder delay and padding (12 bits each);
    # gapless players and ffmpeg drop them, so the length matches what was recorded.
    if body[lame : lame + 4] in (b"LAME", b"Lavc", b"Lavf") and len(body) >= lame + 24:
        packed = body[lame + 21 : lame + 24]
        delay = (packed[0] << 4) | (packed[1] >> 4)
        padding = ((packed[1] & 0x0F) << 8) | packed[2]
    return frames, delay, padding


def _vbri(body: bytes) -> tuple[int, int, int] | None:
    """(frames, 0, 0) from a Fraunhofer VBRI header, always 32 bytes after the frame header."""
    at = 36
    if body[at : at + 4] != b"VBRI" or len(body) < at + 18:
        return None
    frames = struct.unpack(">I", body[at + 14 : at + 18])[0]
    return frames, 0, 0
