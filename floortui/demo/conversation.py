"""What is said on a demo call, turn by turn, to fill its talk time exactly.

A call opens with the agent's greeting for the queue and the caller's reason,
sometimes a complaint or an identity check; long calls go on with details,
answers, backchannels and now and then a hold with music; every call that
has the time ends with the closing ("anything else?", "no, thanks", "goodbye").
A few calls carry a forbidden phrase or a compliance breach, for the scoring
to find. The plan is a list of pieces of phrases (whole blocks of 40 ms), so
it adds up to `talk_s` × 25 blocks exactly, in any codec. The same call always
gets the same plan: everything is drawn from a stream seeded by its uniqueid.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass

from floortui.demo.phrases import BLOCKS_PER_S, Phrase, PhraseBook

#: Share of calls with one forbidden phrase, with one compliance breach, opened by a complaint.
FORBIDDEN_SHARE, BREACH_SHARE, COMPLAINT_SHARE = 0.06, 0.05, 0.12
#: A call longer than this (s) may put the caller on hold.
HOLD_AFTER_S = 90


@dataclass(frozen=True)
class Piece:
    """Blocks [first, first + blocks) of a phrase, said by `speaker` (agent, caller, line)."""

    name: str
    first: int
    blocks: int
    speaker: str
    text: str = ""


@dataclass(frozen=True)
class Overlay:
    """A short phrase said over the other side (a caller's "mm-hm"), at block `at`."""

    name: str
    at: int
    speaker: str


@dataclass(frozen=True)
class Conversation:
    pieces: list[Piece]
    overlays: list[Overlay]

    @property
    def blocks(self) -> int:
        return sum(p.blocks for p in self.pieces)

    def transcript(self) -> list[dict]:
        """(start s, speaker, category, text) of each phrase said: what the scoring reads."""
        said, at = [], 0
        for piece in self.pieces:
            if piece.text:
                said.append({"at_s": at / BLOCKS_PER_S, "speaker": piece.speaker,
                             "phrase": piece.name, "text": piece.text})  # fmt: skip
            at += piece.blocks
        return said


def voices_for(member: str | None, callid: str) -> tuple[str, str]:
    """(agent voice, caller voice): a member always sounds the same; callers vary."""
    agent = ("agent_f", "agent_m")[zlib.crc32((member or "").encode()) % 2]
    caller = ("caller_f", "caller_m")[zlib.crc32(callid.encode()) % 2]
    return agent, caller


class _Builder:
    def __init__(self, book: PhraseBook, total: int) -> None:
        self.book, self.total = book, total
        self.pieces: list[Piece] = []
        self.overlays: list[Overlay] = []
        self.used = 0

    @property
    def left(self) -> int:
        return self.total - self.used

    def say(self, phrase: Phrase) -> None:
        blocks = min(phrase.blocks, self.left)
        if blocks > 0:
            self.pieces.append(Piece(phrase.name, 0, blocks, phrase.speaker, phrase.text))
            self.used += blocks

    def quiet(self, blocks: int) -> None:
        self._loop("silence", "line", blocks)

    def music(self, blocks: int) -> None:
        self._loop("hold_music", "line", blocks)

    def _loop(self, name: str, speaker: str, blocks: int) -> None:
        size = self.book.named(name).blocks
        blocks = min(blocks, self.left)
        while blocks > 0:
            take = min(size, blocks)
            self.pieces.append(Piece(name, 0, take, speaker))
            self.used += take
            blocks -= take


def plan_call(book: PhraseBook, callid: str, queue: str, member: str | None,
              talk_s: int) -> Conversation:  # fmt: skip
    """The conversation of one answered call, exactly `talk_s` seconds long."""
    rng = random.Random(zlib.crc32(f"{callid}|{queue}".encode()))
    agent, caller = voices_for(member, callid)
    said = _Builder(book, max(0, talk_s) * BLOCKS_PER_S)

    def pick(category: str, voice: str, for_queue: bool = False) -> Phrase:
        found = book.choices(category, voice=voice, queue=queue if for_queue else None)
        if not for_queue:  # what any queue's agent says, when the category has some
            found = [p for p in found if p.queue is None] or found
        return rng.choice(found)

    def gap(low: float = 0.2, high: float = 0.9) -> None:
        said.quiet(round(rng.uniform(low, high) * BLOCKS_PER_S))

    closing = [pick("closing_offer", agent), pick("closing_answer", caller),
               pick("closing", agent)]  # fmt: skip
    closing_blocks = sum(p.blocks for p in closing) + 4 * 15
    gap(0.3, 0.6)
    said.say(pick("greeting", agent, for_queue=True))
    gap()
    if rng.random() < COMPLAINT_SHARE:
        said.say(pick("complaint", caller))
        gap(0.2, 0.5)
    said.say(pick("question", caller, for_queue=True))
    gap()
    if rng.random() < 0.4:
        said.say(pick("verify", agent))
        gap()
        said.say(pick("verify_answer", caller))
        gap()
    said.say(pick("answer", agent, for_queue=True))
    extras = []
    if rng.random() < FORBIDDEN_SHARE:
        extras.append(pick("forbidden", agent))
    if rng.random() < BREACH_SHARE:
        extras.append(pick("breach", agent))
    held = False
    while said.left > closing_blocks + 2 * BLOCKS_PER_S:
        gap(0.3, 1.5)
        roll = rng.random()
        if extras and roll < 0.3:
            said.say(extras.pop())
        elif not held and talk_s > HOLD_AFTER_S and roll < 0.45:
            held = True
            said.say(pick("hold", agent))
            room = said.left - closing_blocks - 6 * BLOCKS_PER_S
            said.music(min(room, round(rng.uniform(0.15, 0.4) * talk_s) * BLOCKS_PER_S))
            said.say(pick("hold_back", agent))
        elif roll < 0.75:
            said.say(pick("detail", caller))
            at = said.used
            gap()
            answer = pick("answer", agent, for_queue=rng.random() < 0.5)
            said.say(answer)
            if rng.random() < 0.3 and answer.blocks > 40:  # the caller says mm-hm over it
                back = pick("backchannel", caller)
                said.overlays.append(Overlay(back.name, at + answer.blocks // 2, "caller"))
        elif roll < 0.9:
            said.say(pick("backchannel", rng.choice((agent, caller))))
        else:
            gap(1.0, 3.0)  # someone looks something up
    gap(0.3, 0.8)
    for phrase in closing:
        said.say(phrase)
        gap(0.2, 0.5)
    said.quiet(said.left)  # exactly the talk time: the last silence takes what is left
    return Conversation(said.pieces, said.overlays)
