"""A recording whose header sizes were never filled in, left so by a recorder that stopped.

Asterisk fills a WAV's sizes in when the call ends; a restart mid-call leaves them 0, and
a recorder writing WAV through a pipe leaves them 0xFFFFFFFF for good. While the file
grows it is "still being written"; once it has not changed for SETTLED_AFTER_S it is a
finished recording, timed by its size, scanned as usable, decoded and played whole.
"""

from __future__ import annotations

import os
import struct
import time
from pathlib import Path

import pytest

from floortui.adapters.audio_decode import RecordingUnavailable, decode, recording_info, stream_pcm
from floortui.adapters.audio_info import SETTLED_AFTER_S
from floortui.adapters.player_source import open_pcm
from floortui.adapters.recordings import scan_recordings
from floortui.store.db import open_database
from tests.conftest import rows
from tests.test_recordings import PCM_WAV

DATA_AT = 44  # the fixture's data starts after a plain 44-byte header


def _unfinished(folder: Path, declared: int, age_s: float) -> Path:
    """PCM_WAV with its RIFF and data sizes set to `declared`, last written `age_s` ago."""
    wav = bytearray(PCM_WAV.read_bytes())
    assert wav[36:40] == b"data"
    wav[4:8] = struct.pack("<I", declared)
    wav[40:44] = struct.pack("<I", declared)
    path = folder / "1794560455.21.wav"
    path.write_bytes(bytes(wav))
    when = time.time() - age_s
    os.utime(path, (when, when))
    return path


def _samples() -> bytes:
    return PCM_WAV.read_bytes()[DATA_AT:]


@pytest.mark.parametrize("declared", [0, 0xFFFFFFFF])
def test_a_recording_still_growing_is_not_played(tmp_path, declared):
    path = _unfinished(tmp_path, declared, age_s=30)
    with pytest.raises(RecordingUnavailable, match="still being written"):
        recording_info(path)


@pytest.mark.parametrize("declared", [0, 0xFFFFFFFF])
def test_a_recording_left_unfinished_plays_whole(tmp_path, declared):
    path = _unfinished(tmp_path, declared, age_s=SETTLED_AFTER_S + 60)
    expected = _samples()
    info = recording_info(path)
    assert info.unfinished and info.duration_s == pytest.approx(len(expected) / 2 / 8000)
    assert decode(path).pcm == expected  # every sample, where pydub alone read none
    second = 8000 * 2
    assert b"".join(stream_pcm(path, 1.0)) == expected[second:]
    assert b"".join(open_pcm(path, 1.0, 1.0, 8000)) == expected[second:]


def test_the_scan_calls_it_being_written_then_usable_once_it_stops_changing(tmp_path):
    folder = tmp_path / "monitor"
    folder.mkdir()
    path = _unfinished(folder, 0, age_s=0)
    written = path.stat().st_mtime
    db = open_database(tmp_path / "floortui.db")
    growing = scan_recordings(db, [folder], now_s=written + 60)
    assert growing.writing == 1
    stored = "SELECT status, duration_s, problem FROM recordings"
    [row] = rows(db, stored)
    assert row["status"] == "writing"

    stopped = scan_recordings(db, [folder], now_s=written + SETTLED_AFTER_S + 1)
    assert (stopped.writing, stopped.changed, stopped.problems) == (0, 1, [])
    [row] = rows(db, stored)
    assert row["status"] == "ok"
    assert row["duration_s"] == pytest.approx(len(_samples()) / 2 / 8000)
    assert row["problem"] == (
        "header never finalised (unchanged for 10 min: the recorder stopped); "
        "length from the file size"
    )
