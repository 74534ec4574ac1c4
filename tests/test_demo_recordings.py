"""The demo records every answered call: each recording lasts its call's talk time, the day
comes in its mix of codecs, nothing is written into fixtures/, and the building happens in
a thread of its own, after the first paint, as the replay reaches each call.

The calls are the bundled demo day's (fixtures/queue_log), derived as the importer does;
durations are read back from the files' own headers by the importer's reader.
"""

from __future__ import annotations

import math
import os
import shutil
import threading
import time
from array import array
from collections import Counter
from pathlib import Path

import pytest

from floortui.adapters.audio_decode import decode
from floortui.adapters.audio_header import read_audio_header
from floortui.adapters.importer import Importer
from floortui.adapters.recordings import scan_recordings
from floortui.config import load_config
from floortui.demo import recorder as recorder_module
from floortui.demo.answered import answered_legs
from floortui.demo.call_audio import KINDS, write_recording
from floortui.demo.conversation import plan_call
from floortui.demo.floor import live_demo, start_replay
from floortui.demo.phrases import phrase_book
from floortui.demo.recorder import codec_for
from floortui.demo.replay import queue_log_lines
from floortui.store.db import open_database

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
#: A replay started at 08:00 has the calls that ended before it to record at once.
EARLY = 8


@pytest.fixture(scope="module")
def config():
    return load_config(ROOT / "config.yaml")


@pytest.fixture(scope="module")
def legs(config):
    return answered_legs(queue_log_lines(FIXTURES / "queue_log"), config.interfaces())


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


def test_a_recording_in_each_codec_lasts_its_calls_talk_time(legs, tmp_path: Path) -> None:
    book = phrase_book()
    # a short call, a typical one, a long one with a hold, one of the longest of the day
    picked = [min(legs, key=lambda leg: abs(leg.talk_s - s)) for s in (9, 180, 600, 2000)]
    assert [leg.talk_s for leg in picked][-1] > 1500
    for leg in picked:
        talk = plan_call(book, leg.callid, leg.queue, leg.member, leg.talk_s)
        for kind in KINDS:
            for path in write_recording(book, talk, kind, tmp_path, f"{leg.stem}{kind}"):
                info = read_audio_header(path)
                assert info.duration_s == pytest.approx(leg.talk_s, abs=0.001), (path, kind)
    seen = Counter(read_audio_header(p).codec for p in tmp_path.iterdir())
    assert set(seen) == {"pcm_s16le", "gsm_ms", "gsm", "pcm_mulaw", "pcm_alaw", "mp3"}


def test_a_built_recording_is_speech_a_reviewer_can_hear(legs, tmp_path: Path) -> None:
    book = phrase_book()
    leg = min(legs, key=lambda leg: abs(leg.talk_s - 60))
    talk = plan_call(book, leg.callid, leg.queue, leg.member, leg.talk_s)
    for kind in ("wav", "gsm", "ulaw", "mp3"):
        (path,) = write_recording(book, talk, kind, tmp_path, f"{leg.callid}{kind}")
        audio = decode(path)
        assert len(audio.pcm) // 2 == leg.talk_s * 8000 or kind == "mp3"
        samples = array("h", audio.pcm)
        rms = math.sqrt(sum(x * x for x in samples) / len(samples))
        assert rms > 500, kind  # speech, not silence
    said = [line["text"] for line in talk.transcript()]
    assert said[0].startswith("Thank you for calling")  # the agent greets first
    assert said[-1] == "Thanks for calling, have a lovely day. Goodbye."


def test_the_day_is_recorded_in_its_mix_of_codecs(legs) -> None:
    kinds = Counter(codec_for(leg) for leg in legs)
    assert set(kinds) == set(KINDS)
    assert kinds["wav"] / len(legs) > 0.6  # mostly MixMonitor's PCM WAV
    assert all(kinds[k] >= 30 for k in ("WAV", "gsm", "ulaw", "alaw", "mp3"))
    assert kinds["in-out"] >= 10
    assert {codec_for(leg) for leg in legs if leg.leg == "transfer"} == {"wav"}


def test_some_calls_carry_forbidden_phrases_and_breaches_for_the_scoring(legs) -> None:
    book = phrase_book()
    found = Counter()
    for leg in legs:
        talk = plan_call(book, leg.callid, leg.queue, leg.member, leg.talk_s)
        categories = {book.named(p.name).category for p in talk.pieces}
        found.update(categories & {"forbidden", "breach", "hold_music", "complaint"})
        assert talk.blocks == leg.talk_s * 25
    share = {kind: n / len(legs) for kind, n in found.items()}
    assert 0.02 < share["forbidden"] < 0.1 and 0.02 < share["breach"] < 0.1
    assert share["hold_music"] > 0.1 and share["complaint"] > 0.05


def test_the_demo_builds_every_answered_calls_recording_outside_fixtures(
    config, legs, tmp_path: Path
) -> None:
    before = _tree(FIXTURES)
    demo, replay = live_demo(config, 10, EARLY, workdir=tmp_path)
    folder = tmp_path / "recordings"
    assert folder in demo.sources[0].recordings  # the app scans the built ones too
    recorder = replay.recorder
    built = recorder.build_due()
    start = replay.start_at
    bundled = {p.name.split("-")[0].rsplit(".", 1)[0] for p in (FIXTURES / "recordings").iterdir()}
    due = [leg for leg in legs if leg.ended_at <= start and leg.callid not in bundled]
    assert built == len(due) >= 10
    for leg in due:
        names = [p for p in folder.glob(f"{leg.stem}*") if not p.name.endswith(".part")]
        assert names, leg
        for path in names:
            if leg.leg or "-transfer" not in path.name:
                assert read_audio_header(path).duration_s == pytest.approx(leg.talk_s, abs=0.001)
    assert not list(folder.glob(".*.part"))
    # As the store sees them: each call's recording lasts the talk the importer derived.
    db = open_database(demo.store.path)
    Importer(db, demo).import_path(FIXTURES / "queue_log", "queue_log")
    scan_recordings(db, [folder])
    pairs = db.execute(
        "SELECT r.duration_s, c.talk_s, r.leg FROM recordings r JOIN calls c"
        " ON c.callid = r.callid AND c.answered_at IS NOT NULL AND c.answered_at ="
        " (SELECT min(answered_at) FROM calls f WHERE f.callid = r.callid)"
        " WHERE r.path LIKE ? AND r.status = 'ok' AND r.leg != 'transfer'",
        (f"{folder}{os.sep}%",),
    ).fetchall()
    assert len(pairs) >= built and all(abs(dur - talk) < 0.001 for dur, talk, _ in pairs)
    db.conn.close()
    assert _tree(FIXTURES) == before  # fixtures/ only ever read


def test_recordings_are_built_off_the_app_thread_after_the_first_paint(
    config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recorder_module, "FIRST_PAINT_S", 0.3)
    demo, replay = live_demo(config, 10, EARLY, workdir=tmp_path)
    open_database(demo.store.path).conn.close()  # the store exists, as `floortui demo` opens it
    began = time.monotonic()
    stop = start_replay(replay)
    try:
        returned = time.monotonic() - began
        folder = tmp_path / "recordings"
        assert not any(folder.iterdir())  # nothing built before the app could paint
        assert returned < 0.3
        recorder = replay.recorder
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not recorder.built:
            time.sleep(0.05)
        assert recorder.built and recorder.threads == {"demo-recorder"}
        assert threading.current_thread().name not in recorder.threads
        db = open_database(demo.store.path)
        while time.monotonic() < deadline:  # the importer's scan links what was built
            linked = db.execute(
                "SELECT count(*) FROM recordings WHERE status = 'ok' AND path LIKE ?",
                (f"{folder}{os.sep}%",),
            ).fetchone()[0]
            if linked >= recorder.built:
                break
            time.sleep(0.1)
        assert linked >= recorder.built > 0
        db.conn.close()
    finally:
        stop.set()


def test_recording_stops_before_the_disk_is_full(config, tmp_path: Path, monkeypatch) -> None:
    _demo, replay = live_demo(config, 10, EARLY, workdir=tmp_path)
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(
        recorder_module.shutil, "disk_usage", lambda _: usage._replace(free=1024**3)
    )
    assert replay.recorder.build_due() == 0 and replay.recorder.disk_full
    assert not any((tmp_path / "recordings").iterdir())
