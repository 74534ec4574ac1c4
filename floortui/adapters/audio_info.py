"""What a recording's header says (AudioInfo), and the error when it cannot be read.

Its own module so each container's header reader (audio_header for the
headerless kinds and MP3, audio_wav for WAV) can use them without importing
the others.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

#: A recording whose header never got its length is taken as finished once its file has not
#: changed for this long. MixMonitor writes every 20 ms while the call is up, so a file this
#: still was left so by a recorder that stopped (Asterisk restarted mid-call) or by one that
#: never fills the sizes in (a recorder writing WAV through a pipe); what it holds is played.
SETTLED_AFTER_S = 600


def left_unfinished(modified_at: float, now: float | None = None) -> bool:
    """Whether a file with an unfinished header is one nobody is writing any more."""
    return (time.time() if now is None else now) - modified_at >= SETTLED_AFTER_S


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
