"""Recordings on disk: header durations and codecs, file names to calls, problems, rescans.

The files in tests/data/audio/ are real audio made by tests/data/audio/make_audio.sh
(espeak-ng, sox, ffmpeg) plus two of Asterisk's own prompts; expected.txt holds what
ffprobe and ffmpeg said about each one when they were made, so these tests check the
header reader against ffmpeg without needing ffmpeg installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
from pathlib import Path

import pytest
from sqlite_utils import Database

from floortui.adapters.audio_header import AudioHeaderError, read_audio_header
from floortui.adapters.importer import Importer
from floortui.adapters.recordings import (
    RecordingName,
    parse_recording_name,
    scan_recordings,
)
from floortui.config import Config
from floortui.store.db import open_database
from floortui.store.recordings import count_linked, recordings_for_call
from tests.conftest import rows

AUDIO = Path(__file__).parent / "data" / "audio"
MONITOR = AUDIO / "monitor"
DAY = MONITOR / "2026" / "11" / "13"
PCM_WAV = DAY / "1794560455.21.wav"
#: The fixture recording whose header sizes are not filled in yet.
WRITING = MONITOR / "1794561300.65.wav"


def just_written() -> float:
    """A scan's clock a second after WRITING was last written to (however old the checkout)."""
    return WRITING.stat().st_mtime + 1


def _ffmpeg_says() -> list[tuple[str, dict[str, str]]]:
    """expected.txt: per file, ffprobe's fields and ffmpeg's decoded length."""
    entries = []
    for line in (AUDIO / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, *fields = line.split("\t")
        values: dict[str, str] = {}
        for part in "|".join(fields).split("|"):
            key, _, value = part.partition("=")
            if value:
                values[key.strip()] = value.strip()
        entries.append((name, values))
    return entries


FFMPEG = _ffmpeg_says()


def test_expected_values_cover_every_kind_of_file() -> None:
    """The table below must exercise each container and codec Asterisk writes."""
    codecs = {values["codec_name"] for _name, values in FFMPEG}
    assert codecs == {"pcm_s16le", "gsm_ms", "gsm", "pcm_mulaw", "pcm_alaw", "mp3"}
    assert len(FFMPEG) == 16


@pytest.mark.parametrize(("name", "ffmpeg"), FFMPEG, ids=[name for name, _ in FFMPEG])
def test_header_agrees_with_ffmpeg(name: str, ffmpeg: dict[str, str]) -> None:
    info = read_audio_header(AUDIO / name)
    assert info.container == ffmpeg["format_name"]
    assert info.codec == ffmpeg["codec_name"]
    assert info.sample_rate == int(ffmpeg["sample_rate"])
    assert info.channels == int(ffmpeg["channels"])
    # ffmpeg's decoded length: samples it decoded / rate. For GSM in WAV it decodes whole
    # 320-sample blocks (2.68 s) while the fact chunk and ffprobe say 2.665 s; both are in.
    assert info.duration_s == pytest.approx(float(ffmpeg["decoded_s"]), abs=0.05)


@pytest.mark.parametrize(
    ("name", "codec", "seconds"),
    [
        # 42,684 bytes - 44-byte header = 42,640 bytes / 2 bytes a sample / 8000 Hz
        ("1794560455.21.wav", "pcm_s16le", 2.665),
        # fact chunk: 21,320 samples (67 blocks of 65 bytes hold 21,440) / 8000 Hz
        ("1794560486.23.WAV", "gsm_ms", 2.665),
        # 4,422 bytes / 33 = 134 frames × 160 samples / 8000 Hz
        ("1794560497.25.gsm", "gsm", 2.68),
        # 21,320 bytes / 8000 bytes a second
        ("1794560615.30.ulaw", "pcm_mulaw", 2.665),
        # Info header: 40 frames × 576 = 23,040 samples (ffprobe's 2.88 s), less the LAME
        # tag's encoder delay and padding = 21,359 samples, what ffmpeg decodes
        ("q-sales-20261113-090640-1794560800.40.mp3", "mp3", 2.669875),
        # data chunk 25,734 bytes of µ-law / 8000 Hz
        ("1794560900.45-in.wav", "pcm_mulaw", 3.21675),
    ],
)
def test_durations_worked_out_by_hand(name: str, codec: str, seconds: float) -> None:
    info = read_audio_header(DAY / name)
    assert (info.codec, info.unfinished) == (codec, False)
    assert info.duration_s == pytest.approx(seconds, abs=0.001)


def test_mp3_without_xing_header_is_timed_by_its_bitrate() -> None:
    # 5,553 bytes - 45-byte ID3v2 tag = 5,508 bytes × 8 / 24 kbit/s = 1.836 s (ffprobe too)
    info = read_audio_header(MONITOR / "1794561600.80.mp3")
    assert info.duration_s == pytest.approx(1.836, abs=0.001)


def test_id3v1_tag_at_the_end_is_not_counted_as_audio(tmp_path: Path) -> None:
    path = tmp_path / "1794561600.80.mp3"
    tag = b"TAG" + b"call 1794561600.80".ljust(125, b"\0")
    path.write_bytes((MONITOR / "1794561600.80.mp3").read_bytes() + tag)
    # 128 bytes more at 24 kbit/s would be 0.043 s: the tolerance is tighter than that
    assert read_audio_header(path).duration_s == pytest.approx(1.836, abs=0.001)


def test_vbr_mp3_ignores_the_id3v1_tag_and_reads_the_xing_frame_count() -> None:
    info = read_audio_header(MONITOR / "1794561500.75.mp3")
    assert (AUDIO / "monitor" / "1794561500.75.mp3").read_bytes()[-128:].startswith(b"TAG")
    assert (info.sample_rate, info.duration_s) == (16000, pytest.approx(3.21675, abs=0.001))


def _chunks(wav: bytes) -> dict[bytes, bytes]:
    """A simple WAV's chunks by id (the test files have only even-sized fmt/fact chunks)."""
    chunks, at = {}, 12
    while at < len(wav):
        chunk_id, size = wav[at : at + 4], struct.unpack("<I", wav[at + 4 : at + 8])[0]
        chunks[chunk_id] = wav[at + 8 : at + 8 + size]
        at += 8 + size + size % 2
    return chunks


def _wav(*chunks: tuple[bytes, bytes], riff_size: int | None = None) -> bytes:
    body = b"WAVE"
    for chunk_id, data in chunks:
        body += chunk_id + struct.pack("<I", len(data)) + data + b"\0" * (len(data) % 2)
    return b"RIFF" + struct.pack("<I", len(body) if riff_size is None else riff_size) + body


def test_odd_sized_list_chunk_before_data_is_skipped_with_its_pad_byte(tmp_path: Path) -> None:
    chunks = _chunks(PCM_WAV.read_bytes())
    info_list = b"INFOISFT\x07\x00\x00\x00floor!\x00"  # 19 bytes: one pad byte follows
    path = tmp_path / "1794560455.21.wav"
    fmt, data = chunks[b"fmt "], chunks[b"data"]
    path.write_bytes(_wav((b"fmt ", fmt), (b"LIST", info_list), (b"data", data)))
    assert path.read_bytes()[12 + 8 + 16 + 8 + 19] == 0  # the pad byte is there
    assert read_audio_header(path).duration_s == pytest.approx(2.665, abs=0.001)


def test_ffmpeg_wav_with_list_chunk_reads() -> None:
    wav = (DAY / "1794560455.21-transfer.wav").read_bytes()
    assert wav.index(b"LIST") < wav.index(b"data")
    # 24,870 bytes of data / 2 / 8000 Hz
    assert read_audio_header(DAY / "1794560455.21-transfer.wav").duration_s == pytest.approx(
        1.554375, abs=0.001
    )


@pytest.mark.parametrize("declared", [0, 0xFFFFFFFF])
def test_wav_still_being_written_is_timed_by_its_size(tmp_path: Path, declared: int) -> None:
    chunks = _chunks(PCM_WAV.read_bytes())
    half = chunks[b"data"][: len(chunks[b"data"]) // 2]
    wav = _wav((b"fmt ", chunks[b"fmt "]), (b"data", half), riff_size=declared)
    data_at = wav.index(b"data")
    wav = wav[: data_at + 4] + struct.pack("<I", declared) + wav[data_at + 8 :]
    path = tmp_path / "1794561300.65.wav"
    path.write_bytes(wav)
    info = read_audio_header(path)
    assert info.unfinished
    assert info.duration_s == pytest.approx(2.665 / 2, abs=0.001)


def test_wav_cut_short_mid_data_is_unfinished(tmp_path: Path) -> None:
    path = tmp_path / "1794560455.21.wav"
    path.write_bytes(PCM_WAV.read_bytes()[: 44 + 8000])
    info = read_audio_header(path)
    assert (info.unfinished, info.duration_s) == (True, 0.5)


def test_committed_half_written_wav() -> None:
    info = read_audio_header(MONITOR / "1794561300.65.wav")
    # RIFF and data sizes are 0 in the file; 28,030 bytes of data / 2 / 8000 Hz
    assert (info.unfinished, info.duration_s) == (True, pytest.approx(1.751875, abs=0.001))


def _mp3_frames(path: Path) -> tuple[bytes, bytes]:
    """(the first frame's 4-byte header, the audio from that frame on) of an ID3v2'd MP3."""
    data = path.read_bytes()
    tag = 10 + ((data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9])
    return data[tag : tag + 4], data[tag:]


def test_vbri_header_gives_the_frame_count(tmp_path: Path) -> None:
    header, audio = _mp3_frames(MONITOR / "1794561600.80.mp3")  # MPEG-2 L3 16 kHz 24 kbit/s
    frame = bytearray(108)  # 72 × 24000 / 16000 bytes, header included
    frame[:4] = header
    frame[36:54] = b"VBRI" + struct.pack(">HHHII", 1, 0, 75, len(audio), 50)
    path = tmp_path / "1794561600.80.mp3"
    path.write_bytes(bytes(frame) + audio)
    assert read_audio_header(path).duration_s == pytest.approx(50 * 576 / 16000)


def test_large_id3v2_tag_is_skipped(tmp_path: Path) -> None:
    source = MONITOR / "1794561500.75.mp3"
    padding = 200_000  # more than the window the reader searches for a frame
    syncsafe = bytes((padding >> shift) & 0x7F for shift in (21, 14, 7, 0))
    path = tmp_path / "1794561500.75.mp3"
    path.write_bytes(b"ID3\x04\x00\x00" + syncsafe + b"\0" * padding + source.read_bytes())
    assert read_audio_header(path).duration_s == pytest.approx(3.21675, abs=0.001)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("1794561200.60.wav", None, "not a WAV file: RIFF header missing"),
        ("1794561100.55.wav", b"", "empty file"),
        ("a.wav", b"RIFF\x00\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00", "truncated header"),
        ("a.wav", b"RIFF\x00\x00", "truncated header"),
        ("a.wav", b"RIFF\x24\x00\x00\x00WAVE", "truncated header"),
        ("a.wav", b"RIFF\x24\x00\x00\x00AVI LIST", "RIFF type is b'AVI '"),
        ("a.wav", _wav((b"data", b"\0" * 8)), "no fmt chunk before the data chunk"),
        (
            "a.wav",
            _wav((b"fmt ", struct.pack("<HHIIHH", 0x161, 1, 8000, 1000, 1, 0)), (b"data", b"")),
            "unsupported WAV format tag 0x0161",  # Windows Media Audio
        ),
        (
            "a.wav",
            b"RIFF\x24\x00\x00\x00WAVEfmt \xff\xff\xff\x7f" + b"\0" * 16,
            "corrupt WAV header: fmt chunk of 2,147,483,647 bytes",
        ),
        ("a.gsm", bytes(range(66)), "not a GSM file"),
        ("a.mp3", bytes(range(256)) * 4, "not an MP3 file: no MPEG audio frame header found"),
        ("a.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x05abcde", "truncated header"),
    ],
)
def test_header_errors_say_what_is_wrong(tmp_path: Path, name: str, content: bytes | None,
                                         message: str) -> None:  # fmt: skip
    path = MONITOR / name if content is None else tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(AudioHeaderError, match=message.replace("(", r"\(")):
        read_audio_header(path)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("1794560455.21.wav", ("1794560455.21", "mixed")),
        ("1794560486.23.WAV", ("1794560486.23", "mixed")),
        ("1794560900.45-in.wav", ("1794560900.45", "in")),
        ("1794560900.45-out.wav", ("1794560900.45", "out")),
        ("1794560455.21-transfer.wav", ("1794560455.21", "transfer")),
        ("q-sales-20261113-091500-1794560455.21.wav", ("1794560455.21", "mixed")),
        ("out-2001-20261113-091000-1794561000.50.al", ("1794561000.50", "mixed")),
        ("q-sales-20261113-091500-1794560455.21-in.GSM", ("1794560455.21", "in")),
        ("20261113-091500-979000000.7.mp3", ("979000000.7", "mixed")),  # a 2001 uniqueid
        ("auth-thankyou.wav", None),
        ("20261113-091500.wav", None),
        ("1794560455.21.txt", None),
        ("1794560455.21", None),
    ],
)
def test_file_names_to_call_and_leg(name: str, expected: tuple[str, str] | None) -> None:
    assert parse_recording_name(Path(name)) == (expected and RecordingName(*expected))


# Calls for every recording in monitor/ except 1794561400.70.ul, which has none.
CALLIDS = [
    "1794560455.21", "1794560486.23", "1794560497.25", "1794560615.30", "1794560800.40",
    "1794560900.45", "1794561000.50", "1794561100.55", "1794561200.60", "1794561300.65",
    "1794561500.75", "1794561600.80", "1794561700.85",
]  # fmt: skip


def _import_calls(db: Database, tmp_path: Path) -> None:
    """Answered calls in queue_log for CALLIDS, imported by the real importer."""
    lines = []
    for n, callid in enumerate(CALLIDS):
        start = int(callid.split(".")[0])
        member_uid = f"{start + 3}.{100 + n}"
        lines += [
            f"{start}|{callid}|sales|NONE|ENTERQUEUE||31255501{n:02d}|1",
            f"{start + 3}|{callid}|sales|Alice Archer|CONNECT|3|{member_uid}|2",
            f"{start + 60}|{callid}|sales|Alice Archer|COMPLETECALLER|3|57|1",
        ]
    path = tmp_path / "queue_log"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Importer(db, Config()).import_path(path)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_database(tmp_path / "floortui.db")


def test_every_naming_form_links_to_its_call(db: Database, tmp_path: Path) -> None:
    _import_calls(db, tmp_path)
    scan = scan_recordings(db, [MONITOR], now_s=just_written())
    assert (scan.found, scan.new, scan.linked, scan.writing) == (16, 16, 15, 1)
    assert scan.describe() == (
        f"recordings in {MONITOR}: 16 found, 16 new, 15 linked to a call; "
        "2 with problems (1 empty, 1 unreadable); 1 still being written"
    )
    legs = {
        callid: [(Path(r["path"]).name, r["leg"]) for r in recordings_for_call(db, callid)]
        for callid in ("1794560455.21", "1794560900.45", "1794560800.40", "1794561000.50")
    }
    assert legs == {
        "1794560455.21": [
            ("1794560455.21.wav", "mixed"),
            ("1794560455.21-transfer.wav", "transfer"),
        ],
        "1794560900.45": [("1794560900.45-in.wav", "in"), ("1794560900.45-out.wav", "out")],
        "1794560800.40": [("q-sales-20261113-090640-1794560800.40.mp3", "mixed")],
        "1794561000.50": [("out-2001-20261113-091000-1794561000.50.al", "mixed")],
    }
    view = rows(db, "SELECT * FROM calls_with_recordings ORDER BY callid, path")
    assert len(view) == 15
    assert {r["callid"] for r in view} == set(CALLIDS)
    assert {(r["queue"], r["member"]) for r in view} == {("sales", "Alice Archer")}
    by_name = {Path(r["path"]).name: r for r in view}
    assert by_name["1794560486.23.WAV"]["codec"] == "gsm_ms"
    assert by_name["1794560497.25.gsm"]["duration_s"] == pytest.approx(2.68)
    assert "1794561400.70.ul" not in by_name
    assert count_linked(db) == 15
    stored = rows(db, "SELECT * FROM recordings WHERE path LIKE '%1794561400.70.ul'")[0]
    assert (stored["callid"], stored["codec"], stored["status"]) == (
        "1794561400.70",
        "pcm_mulaw",
        "ok",
    )


def test_recordings_scanned_before_the_calls_link_once_calls_arrive(
    db: Database, tmp_path: Path
) -> None:
    assert scan_recordings(db, [MONITOR]).linked == 0
    _import_calls(db, tmp_path)
    assert count_linked(db) == 15
    rescan = scan_recordings(db, [MONITOR])
    assert (rescan.new, rescan.changed, rescan.linked) == (0, 0, 15)


def test_problem_files_are_stored_and_listed_without_raising(db: Database) -> None:
    scan = scan_recordings(db, [MONITOR], now_s=just_written())
    assert scan.problems == [
        (str(MONITOR / "1794561100.55.wav"), "empty: 0 bytes"),
        (str(MONITOR / "1794561200.60.wav"), "unreadable: not a WAV file: RIFF header missing"),
    ]
    stored = {
        Path(r["path"]).name: (r["status"], r["duration_s"])
        for r in rows(db, "SELECT path, status, duration_s FROM recordings")
    }
    assert stored["1794561100.55.wav"] == ("empty", None)
    assert stored["1794561200.60.wav"] == ("unreadable", None)
    assert stored["1794561300.65.wav"] == ("writing", pytest.approx(1.751875))


def test_rescan_adds_nothing_then_only_what_changed(db: Database, tmp_path: Path) -> None:
    monitor = tmp_path / "monitor"
    shutil.copytree(MONITOR, monitor)
    first = scan_recordings(db, [monitor])
    again = scan_recordings(db, [monitor])
    assert (again.found, again.new, again.changed, again.gone) == (16, 0, 0, 0)
    assert again.problems == first.problems  # still listed, from what the store kept
    assert db.execute("SELECT count(*) FROM recordings").fetchone()[0] == 16

    shutil.copy(PCM_WAV, monitor / "1794569000.90-in.wav")
    grown = monitor / "1794561300.65.wav"
    with open(grown, "ab") as handle:  # Asterisk appends 1 s more and finishes the header
        handle.write(b"\0" * 16000)
    wav = bytearray(grown.read_bytes())
    wav[4:8] = struct.pack("<I", len(wav) - 8)
    wav[40:44] = struct.pack("<I", len(wav) - 44)
    grown.write_bytes(wav)
    (monitor / "1794561100.55.wav").unlink()
    third = scan_recordings(db, [monitor])
    assert (third.found, third.new, third.changed, third.gone, third.writing) == (16, 1, 1, 1, 0)
    assert "1 no longer on disk" in third.describe()
    finished = rows(db, "SELECT status, duration_s FROM recordings WHERE path = ?", (str(grown),))
    assert finished == [{"status": "ok", "duration_s": pytest.approx(2.751875)}]
    gone = rows(db, "SELECT status, problem FROM recordings WHERE path LIKE '%1794561100.55.wav'")
    assert gone == [{"status": "missing", "problem": "missing: no longer on disk"}]
    assert scan_recordings(db, [monitor]).gone == 0  # told once


def test_vanished_file_and_missing_folder_are_reported_not_raised(
    db: Database, tmp_path: Path
) -> None:
    monitor = tmp_path / "monitor"
    monitor.mkdir()
    shutil.copy(PCM_WAV, monitor)
    (monitor / "1794569100.95.wav").symlink_to(monitor / "deleted-before-it-was-read.wav")
    scan = scan_recordings(db, [monitor, tmp_path / "nope", PCM_WAV])
    vanished = str(monitor / "1794569100.95.wav")
    assert scan.problems == [(vanished, "missing: vanished while scanning")]
    assert scan.directory_problems == [
        (str(tmp_path / "nope"), "directory not found"),
        (str(PCM_WAV), "is not a directory"),
    ]
    assert scan.describe() == (
        "recordings in 3 folders: 2 found, 2 new, 0 linked to a call; "
        f"1 with problems (1 missing); {tmp_path / 'nope'}: directory not found; "
        f"{PCM_WAV}: is not a directory"
    )


def test_only_missing_folders_is_one_clear_line(db: Database, tmp_path: Path) -> None:
    scan = scan_recordings(db, [tmp_path / "monitor"])
    assert scan.describe() == f"recordings: {tmp_path / 'monitor'}: directory not found"


def test_files_without_a_uniqueid_are_skipped_and_named(db: Database) -> None:
    scan = scan_recordings(db, [AUDIO / "real"])
    assert scan.found == 0
    prompts = ("auth-thankyou.gsm", "auth-thankyou.wav")
    assert scan.unnamed == [str(AUDIO / "real" / name) for name in prompts]
    assert scan.describe().endswith("2 without a uniqueid in the name skipped")


def _fingerprints(folder: Path) -> dict[str, tuple[int, str]]:
    return {
        str(p): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_scanning_never_changes_a_recording(db: Database, tmp_path: Path) -> None:
    monitor = tmp_path / "monitor"
    shutil.copytree(MONITOR, monitor)
    os.utime(monitor / "1794561300.65.wav", ns=(1_794_561_300_000_000_000,) * 2)
    before = _fingerprints(monitor)
    scan_recordings(db, [monitor])
    scan_recordings(db, [monitor])
    assert _fingerprints(monitor) == before


def test_asterisks_other_formats_are_found_and_timed_by_their_names(
    db: Database, tmp_path: Path
) -> None:
    _import_calls(db, tmp_path)
    folder = tmp_path / "monitor"
    folder.mkdir()
    # One second each: signed linear at 16 kHz, µ-law written as Asterisk's "pcm", G.722.
    (folder / f"{CALLIDS[0]}.sln16").write_bytes(bytes(32000))
    (folder / f"{CALLIDS[1]}.pcm").write_bytes(b"\xff" * 8000)
    (folder / f"{CALLIDS[2]}.g722").write_bytes(bytes(8000))
    scan = scan_recordings(db, [folder])
    assert (scan.found, scan.linked) == (3, 3)
    stored = {
        Path(r["path"]).suffix: (r["codec"], r["sample_rate"], r["duration_s"])
        for r in rows(db, "SELECT * FROM recordings")
    }
    assert stored == {
        ".sln16": ("pcm_s16le", 16000, 1.0),
        ".pcm": ("pcm_mulaw", 8000, 1.0),
        ".g722": ("g722", 16000, 1.0),
    }


@pytest.mark.parametrize(
    ("tag", "extra", "problem"),
    [
        (0x11, b"", "corrupt WAV header: adpcm_ima_wav with no block size"),
        (0x45, b"", "corrupt WAV header: g726 at 0 bytes a second"),
    ],
)
def test_a_compressed_wav_that_cannot_be_timed_says_why(tmp_path, tag, extra, problem) -> None:
    byte_rate = 0 if tag == 0x45 else 4000
    fmt = struct.pack("<HHIIHH", tag, 1, 8000, byte_rate, 256, 4) + extra
    path = tmp_path / "a.wav"
    path.write_bytes(_wav((b"fmt ", fmt), (b"data", b"\0" * 256)))
    with pytest.raises(AudioHeaderError, match=problem):
        read_audio_header(path)
