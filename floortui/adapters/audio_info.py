"""What a recording's header says (AudioInfo), and the error when it cannot be read.

Its own module so each container's header reader (audio_header for the
headerless kinds and MP3, audio_wav for WAV) can use them without importing
the others.
"""

from __future__ import annotations

from dataclasses import dataclass


class AudioHeaderError(Exception):
    """The file is not audio of the kind its name says, or its header is cut short."""


@dataclass(frozen=True)
class AudioInfo:
    """What a recording's header says about it."""

    container: str
    codec: str
    sample_rate: int
    channels: int
    duration_s: float
    #: The header did not give the length (0 or 0xFFFFFFFF, or more than the file holds):
    #: Asterisk fills it in when the recording ends, so the file is most likely still being
    #: written and the duration was worked out from the bytes on disk so far.
    unfinished: bool = False
