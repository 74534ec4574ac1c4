"""The demo's call recorder: every answered call gets its recording as the replay ends it.

A real centre records every call, so the demo does too: when the replayed
clock passes a call's end (when Asterisk closes a MixMonitor file), its
recording is built from the bundled phrases (floortui.demo.call_audio) into
the demo's temporary folder, in the day's mix of codecs, lasting exactly the
call's talk time. The folder is then scanned by the importer's own
`scan_recordings`, so the store links the new files as it would a PBX's.

Building runs in a background thread at a lower CPU priority, after the
first paint: the floor shows at once, the day's first hours of recordings
(everything before the replay's start hour) follow within seconds, and the
rest appear as the replay reaches them. Calls that already have a bundled
recording (fixtures/recordings, the bad-input cases included) keep theirs.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from floortui.demo.replay import TimedLine

if TYPE_CHECKING:
    from floortui.demo.answered import AnsweredLeg

# What the recorder needs beyond this module (the deriver, pydub, the scan) loads in its
# own thread: `floortui demo` reads no more before the first paint than it did without it.

#: The day's mix of codecs, by share of calls (per 100): mostly MixMonitor's PCM WAV.
CODEC_MIX = (("wav", 66), ("WAV", 7), ("gsm", 7), ("ulaw", 6), ("alaw", 6), ("mp3", 6),
             ("in-out", 2))  # fmt: skip
#: Scan for the new files after this many recordings, or this long, whichever comes first.
SCAN_EVERY_FILES, SCAN_EVERY_S = 25, 1.0
#: Recording stops while the demo's folder has less free space than this: a whole day is
#: about 9 GB (192 hours of talk, mostly 16 kB/s PCM), and a full disk helps nobody.
MIN_FREE_BYTES = 2 * 1024**3
#: Seconds to let the app paint before the first recording is built.
FIRST_PAINT_S = 1.0
#: The bundled phrase pack (floortui.demo.phrases.PHRASES, not imported until needed).
PHRASES = Path(__file__).resolve().parents[2] / "fixtures" / "phrases"


def codec_for(leg: AnsweredLeg) -> str:
    """The codec a call is recorded in: the same every run, the day's mix over many calls.

    A transferred caller's second leg is always PCM WAV, as MixMonitor's extra file is.
    """
    if leg.leg:
        return "wav"
    roll = zlib.crc32(leg.callid.encode()) % 100
    for kind, share in CODEC_MIX:
        if roll < share:
            return kind
        roll -= share
    return "wav"


def recorded_callids(folders: Iterable[Path]) -> set[str]:
    """The calls that already have a recording file (any state) in `folders`."""
    from floortui.adapters.recordings import parse_recording_name

    found = set()
    for folder in folders:
        for path in Path(folder).rglob("*"):
            name = parse_recording_name(path) if path.is_file() else None
            if name is not None:
                found.add(name.callid)
    return found


class DemoRecorder:
    """Builds each answered call's recording once the replayed clock reaches its end."""

    def __init__(self, lines: list[TimedLine], folder: Path, now: Callable[[], int],
                 store_path: Path | None, *, interfaces: dict[str, str] | None = None,
                 bundled: Sequence[Path] = (), phrases: Path = PHRASES,
                 transcripts: Path | None = None) -> None:  # fmt: skip
        self.lines = lines
        self.folder = folder
        self.now = now
        self.store_path = store_path
        self.interfaces = interfaces or {}
        #: Folders of recordings that come with the day: their calls keep their own.
        self.bundled = list(bundled)
        self.phrases = phrases
        #: Where each call's transcript (JSON: who said what, when) goes; None: nowhere.
        self.transcripts = transcripts
        self.legs: list[AnsweredLeg] | None = None
        self.built = 0
        self.files: list[Path] = []
        #: The threads that built recordings (so a test can tell it was not the app's).
        self.threads: set[str] = set()
        #: Set when recording stopped for want of free space (the calls after have none).
        self.disk_full = False
        self._next = 0
        self._db = None

    def prepare(self) -> list[AnsweredLeg]:
        """Derive the day's answered calls (once): about 50 ms for the demo day."""
        from floortui.demo.answered import answered_legs

        if self.legs is None:
            skip = recorded_callids(self.bundled)
            self.legs = [leg for leg in answered_legs(self.lines, self.interfaces)
                         if leg.callid not in skip]  # fmt: skip
        return self.legs

    def build_due(self, limit: int | None = None) -> int:
        """Build the recordings of calls ended by now (at most `limit`); how many were built."""
        # pydub and the phrases load here, in the recorder's thread, never before the first paint.
        from floortui.demo.call_audio import write_recording
        from floortui.demo.conversation import plan_call
        from floortui.demo.phrases import phrase_book

        legs = self.prepare()
        book = phrase_book(self.phrases)
        now = self.now()
        built = 0
        self.threads.add(threading.current_thread().name)
        while self._next < len(legs) and legs[self._next].ended_at <= now:
            if limit is not None and built >= limit:
                break
            if built % 10 == 0 and shutil.disk_usage(self.folder).free < MIN_FREE_BYTES:
                self.disk_full = True
                break
            leg = legs[self._next]
            talk = plan_call(book, leg.callid, leg.queue, leg.member, leg.talk_s)
            self.files += write_recording(book, talk, codec_for(leg), self.folder, leg.stem)
            if self.transcripts is not None:
                text = json.dumps({"call": leg.callid, "queue": leg.queue, "agent": leg.member,
                                   "talk_s": leg.talk_s, "said": talk.transcript()})  # fmt: skip
                (self.transcripts / f"{leg.stem}.json").write_text(text, encoding="utf-8")
            self._next += 1
            built += 1
        self.built += built
        return built

    def finished(self) -> bool:
        return self.legs is not None and self._next >= len(self.legs)

    def scan(self) -> None:
        """Let the store link what was built (the importer's own scan of the folder)."""
        from floortui.adapters.recordings import scan_recordings
        from floortui.store.db import open_database

        if self.store_path is None:
            return
        if self._db is None:
            self._db = open_database(self.store_path)
        scan_recordings(self._db, [self.folder])

    def run(self, stop: threading.Event, tick_s: float = 0.25) -> None:
        """Build and scan until the day is recorded or `stop` is set; never raises."""
        _lower_priority()
        if stop.wait(FIRST_PAINT_S):
            return
        try:
            last_scan, pending = time.monotonic(), 0
            while not stop.is_set():
                pending += self.build_due(limit=SCAN_EVERY_FILES)
                due = pending >= SCAN_EVERY_FILES or time.monotonic() - last_scan >= SCAN_EVERY_S
                if pending and due:
                    self.scan()
                    last_scan, pending = time.monotonic(), 0
                if (self.finished() or self.disk_full) and not pending:
                    return
                if not pending or not due:
                    stop.wait(tick_s)
        except Exception:  # a demo without new recordings still runs
            return
        finally:
            if self._db is not None:
                self._db.conn.close()
                self._db = None


def _lower_priority() -> None:
    """Let the app's thread win the CPU: this thread only (Linux niceness is per thread)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def start_recorder(recorder: DemoRecorder, stop: threading.Event) -> threading.Thread:
    thread = threading.Thread(target=recorder.run, args=(stop,), name="demo-recorder",
                              daemon=True)  # fmt: skip
    thread.start()
    return thread
