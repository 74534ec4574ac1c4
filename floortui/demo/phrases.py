"""The demo's bundled speech (fixtures/phrases/): short phrases, each three ways, by block.

`fixtures/make_fixtures.py --phrases-only` writes one pack of 8 kHz phrases
as PCM WAV, raw GSM and GSM in WAV (wav49), every phrase starting on a block
of 320 samples (40 ms: two raw GSM frames of 33 bytes, one wav49 block of 65
bytes), and `phrases.json` with each phrase's category, speaker, voice, text
and blocks. A recording in any of those codecs is then a join of blocks: the
demo needs no GSM encoder of its own (the PyPI ffmpeg has none).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

#: Where make_fixtures.py writes the pack, beside the demo's logs.
PHRASES = Path(__file__).resolve().parents[2] / "fixtures" / "phrases"
RATE = 8000
BLOCK_SAMPLES = 320
BLOCKS_PER_S = RATE // BLOCK_SAMPLES  # 25
PCM_BLOCK = BLOCK_SAMPLES * 2
GSM_BLOCK = 66  # two 33-byte frames of 160 samples
WAV49_BLOCK = 65  # one Microsoft GSM block of 320 samples


class PhrasesMissing(Exception):
    """The phrase pack is not there or not readable; the message is one line."""


@dataclass(frozen=True)
class Phrase:
    name: str
    category: str
    speaker: str  # agent, caller or line (silence, hold music)
    voice: str | None
    queue: str | None
    text: str
    block: int
    blocks: int


def _wav_data(raw: bytes) -> bytes:
    """The data chunk of a WAV file's bytes."""
    position = 12
    while position + 8 <= len(raw):
        chunk, size = raw[position : position + 4], int.from_bytes(raw[position + 4 : position + 8],
                                                                   "little")  # fmt: skip
        position += 8
        if chunk == b"data":
            return raw[position : position + size]
        position += size + size % 2
    raise PhrasesMissing("the phrase pack's WAV has no data chunk")


class PhraseBook:
    """The pack, read once: a phrase's blocks as PCM, raw GSM or wav49 bytes."""

    def __init__(self, folder: Path = PHRASES) -> None:
        self.folder = folder
        try:
            manifest = json.loads((folder / "phrases.json").read_text(encoding="utf-8"))
            self._pcm = _wav_data((folder / "phrases.wav").read_bytes())
            self._gsm = (folder / "phrases.gsm").read_bytes()
            self._wav49 = _wav_data((folder / "phrases-wav49.WAV").read_bytes())
        except (OSError, ValueError) as exc:
            raise PhrasesMissing(f"{folder}: the demo's phrases cannot be read ({exc})") from None
        self.phrases = {p["name"]: Phrase(**p) for p in manifest["phrases"]}

    def named(self, name: str) -> Phrase:
        return self.phrases[name]

    def choices(self, category: str, *, voice: str | None = None,
                queue: str | None = None) -> list[Phrase]:  # fmt: skip
        """The phrases of a category, in a voice, for a queue (or for any queue)."""
        found = [
            p for p in self.phrases.values()
            if p.category == category and (voice is None or p.voice == voice)
        ]  # fmt: skip
        if queue is not None:
            fitting = [p for p in found if p.queue == queue]
            found = fitting or [p for p in found if p.queue is None] or found
        return found

    def pcm(self, name: str, first: int = 0, blocks: int | None = None) -> bytes:
        return self._slice(self._pcm, PCM_BLOCK, name, first, blocks)

    def gsm(self, name: str, first: int = 0, blocks: int | None = None) -> bytes:
        return self._slice(self._gsm, GSM_BLOCK, name, first, blocks)

    def wav49(self, name: str, first: int = 0, blocks: int | None = None) -> bytes:
        return self._slice(self._wav49, WAV49_BLOCK, name, first, blocks)

    def _slice(self, pack: bytes, size: int, name: str, first: int,
               blocks: int | None) -> bytes:  # fmt: skip
        phrase = self.phrases[name]
        count = phrase.blocks - first if blocks is None else blocks
        if first < 0 or count < 0 or first + count > phrase.blocks:
            raise ValueError(f"{name} has {phrase.blocks} blocks, not {first}+{count}")
        start = (phrase.block + first) * size
        return pack[start : start + count * size]


_books: dict[Path, PhraseBook] = {}
_lock = threading.Lock()


def phrase_book(folder: Path = PHRASES) -> PhraseBook:
    """The pack in `folder`, read on first use and shared."""
    with _lock:
        if folder not in _books:
            _books[folder] = PhraseBook(folder)
        return _books[folder]
