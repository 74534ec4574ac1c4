"""The bundled demo floor (fixtures/) must import cleanly and join up the way a real site's does.

queue_log, Master.csv and the recordings are committed files made by
fixtures/make_fixtures.py; these tests read the committed files, so a change to
the simulator or the CDR renderer that is not followed by a regeneration fails
here (the last test regenerates the logs and compares bytes).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import re
import sys
import wave
from pathlib import Path
from types import ModuleType

import pytest

from floortui.adapters.cdr import interface_of_channel
from floortui.adapters.importer import Importer
from floortui.config import load_config, parse_config
from floortui.store.db import open_database

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
RECORDINGS = FIXTURES / "recordings"
MAX_FIXTURES_BYTES = 15 * 1024 * 1024
#: `<uniqueid>[-in|-out|-transfer].<ext>`, as MixMonitor/Monitor name files by default.
RECORDING_NAME = re.compile(r"^(\d+\.\d+)(?:-(in|out|transfer))?\.(wav|WAV|gsm|ulaw|alaw|mp3)$")
INTERFACE_LIKE = re.compile(r"^(PJSIP|SIP|IAX2|Local)/")


def _make_fixtures() -> ModuleType:
    """fixtures/make_fixtures.py as a module (fixtures/ is not a package); no __pycache__ left."""
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    dont_write, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = dont_write
    return module


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Both demo logs imported into a fresh store with no agents configured.

    Without agents the store must learn every interface ↔ name link from the CDR.
    """
    config = parse_config(
        {
            "day": {"timezone": "Europe/London"},
            "sources": [
                {"path": "fixtures/queue_log", "format": "queue_log",
                 "recordings": ["fixtures/recordings"]},
                {"path": "fixtures/Master.csv", "format": "cdr"},
            ],
        },
        base=ROOT,
    )  # fmt: skip
    db = open_database(tmp_path_factory.mktemp("store") / "floortui.db")
    importer = Importer(db, config)
    summaries = [importer.import_path(source.path) for source in config.sources]
    return db, summaries


def _scalar(db, sql: str, params: tuple = ()):
    return db.execute(sql, params).fetchone()[0]


def test_both_logs_import_with_nothing_set_aside(imported):
    db, (queue_log, cdr) = imported
    assert queue_log.detected.format == "queue_log" and cdr.detected.format == "cdr"
    assert cdr.detected.columns == 17
    assert cdr.set_aside == 0, cdr.reasons
    assert queue_log.set_aside == 3, queue_log.reasons  # the three written broken on purpose
    assert queue_log.imported > 10_000 and cdr.imported > 5_000
    calls = _scalar(db, "SELECT count(DISTINCT callid) FROM calls")
    assert 2_500 <= calls <= 5_000
    assert cdr.linked == calls, "every queue_log call has its CDR rows"
    assert {q for (q,) in db.execute("SELECT DISTINCT queue FROM calls")} == {
        "sales", "support", "billing",
    }  # fmt: skip


def test_the_demo_log_carries_three_broken_lines_for_the_import_panel(imported):
    """A newcomer opening the import panel sees set-aside lines, each with its reason."""
    db, _ = imported
    set_aside = list(
        db.execute(
            "SELECT q.line_number, q.reason FROM quarantine q"
            " JOIN import_sources s ON s.id = q.source_id WHERE s.format = 'queue_log'"
            " ORDER BY q.line_number"
        )
    )
    assert [number for number, _ in set_aside] == [151, 502, 903]
    reasons = [reason for _, reason in set_aside]
    assert reasons[0].startswith("too few fields")
    assert reasons[1] == "binary data, not text"
    assert reasons[2] == "event name 'Enter Queue' is not an event"
    day_start_10 = 1794564000  # 10:00 on the demo day, when `floortui demo` starts
    times = [int(line.split(b"|")[0]) for line in _broken_lines()]
    assert len(times) == 3 and max(times) < day_start_10, "shown from the demo's first screen"


def _broken_lines() -> list[bytes]:
    lines = (FIXTURES / "queue_log").read_bytes().split(b"\n")
    return [lines[number - 1] for number in (151, 502, 903)]


def test_every_queue_row_belongs_to_a_queue_log_call(imported):
    db, _ = imported
    orphans = _scalar(
        db,
        "SELECT count(*) FROM cdr_legs l WHERE l.lastapp = 'Queue'"
        " AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.callid = l.uniqueid)",
    )
    assert orphans == 0
    answered_rows = _scalar(
        db,
        "SELECT count(*) FROM cdr_legs l JOIN calls c ON c.callid = l.uniqueid"
        " AND c.queue = l.accountcode AND c.answered_at = l.answer_at"
        " WHERE l.lastapp = 'Queue' AND l.disposition = 'ANSWERED'",
    )
    answered = _scalar(db, "SELECT count(*) FROM calls WHERE answered_at IS NOT NULL")
    assert answered_rows == answered, "one ANSWERED Queue row per answered stay in a queue"


def test_the_answering_members_leg_carries_connects_member_uniqueid(imported):
    db, _ = imported
    missing = _scalar(
        db,
        "SELECT count(*) FROM calls c WHERE c.member_uniqueid IS NOT NULL AND NOT EXISTS"
        " (SELECT 1 FROM cdr_legs m WHERE m.uniqueid = c.member_uniqueid"
        "  AND m.lastapp = 'AppQueue')",
    )
    assert missing == 0
    mismatched = [
        (channel, dstchannel)
        for channel, dstchannel in db.execute(
            "SELECT m.channel, l.dstchannel FROM calls c"
            " JOIN cdr_legs m ON m.uniqueid = c.member_uniqueid"
            " JOIN cdr_legs l ON l.uniqueid = c.callid AND l.answer_at = c.answered_at"
            " WHERE l.disposition = 'ANSWERED' AND l.lastapp = 'Queue'"
        )
        if channel != dstchannel
    ]
    assert not mismatched[:5]


def test_the_cdr_gives_each_member_one_interface(imported):
    db, _ = imported
    learned = dict(
        db.execute("SELECT interface, member FROM member_interfaces WHERE known_from = 'cdr'")
    )
    assert len(learned) >= 30
    assert len(set(learned.values())) == len(learned), "one interface per member"
    assert {i.split("/")[0] for i in learned} == {"PJSIP", "Local"}
    configured = load_config(ROOT / "config.yaml").interfaces()
    assert {i: configured[i] for i in learned} == learned, "the CDR agrees with config.yaml"
    for table in ("member_pauses", "members"):
        column = "member" if table == "member_pauses" else "name"
        names = [n for (n,) in db.execute(f"SELECT DISTINCT {column} FROM {table}")]
        assert names and not [n for n in names if INTERFACE_LIKE.match(n)], table


def test_master_csv_is_written_the_way_current_cdr_csv_writes_it():
    text = (FIXTURES / "Master.csv").read_text(encoding="utf-8")
    assert '""' in text and ',,"' in text, "doubled quotes in clid; empty answer unquoted"
    rows = list(csv.reader(text.splitlines()))
    assert {len(r) for r in rows} == {17}
    assert re.search(r'","\d{4}-\d\d-\d\d \d\d:\d\d:\d\d",\d+,\d+,"', text), "numbers unquoted"
    ends = [r[11] for r in rows]
    assert ends == sorted(ends), "a row is written when its leg ends"
    assert {r[14] for r in rows} == {"ANSWERED", "NO ANSWER", "BUSY"}
    assert {r[7] for r in rows} == {"Queue", "AppQueue", "Dial"}
    assert {r[15] for r in rows} == {"DOCUMENTATION"}
    no_answer = [r for r in rows if r[7] == "Queue" and r[14] == "NO ANSWER"]
    assert no_answer and all(r[10] == "" for r in no_answer)
    assert any(r[5].endswith(";2") and r[10] == r[9] and r[14] == "NO ANSWER" for r in rows)
    for r in rows:
        if r[7] == "Queue" and r[6]:
            assert interface_of_channel(r[6]) is not None, r[6]


def _recordings() -> list[tuple[Path, re.Match]]:
    files = sorted(RECORDINGS.iterdir())
    named = [(f, RECORDING_NAME.match(f.name)) for f in files]
    assert all(m for _, m in named), [f.name for f, m in named if not m]
    return named  # type: ignore[return-value]


def test_each_recording_is_named_by_an_answered_call(imported):
    db, _ = imported
    named = _recordings()
    assert 30 <= len(named) <= 42
    answered = {c for (c,) in db.execute("SELECT callid FROM calls WHERE answered_at IS NOT NULL")}
    assert {m[1] for _, m in named} <= answered
    legs = {m[2] for _, m in named}
    assert {"in", "out", "transfer", None} == legs
    assert {m[3] for _, m in named} == {"wav", "WAV", "gsm", "ulaw", "alaw", "mp3"}
    sizes = sorted(f.stat().st_size for f, _ in named)
    assert sizes[0] == 0 and 0 < sizes[1] < 44, "one empty and one cut-short recording"
    assert sum(sizes) < 5 * 1024 * 1024


def test_recordings_are_short_telephone_audio():
    checked = 0
    for path, match in _recordings():
        size = path.stat().st_size
        if match[3] == "wav" and size > 1024:
            with wave.open(str(path)) as w:
                assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (8000, 1, 2)
                seconds = w.getnframes() / 8000
        elif match[3] in ("ulaw", "alaw"):
            seconds = size / 8000
        elif match[3] == "gsm":
            seconds = size / 33 * 160 / 8000
        else:
            continue
        assert 3 <= seconds <= 8, (path.name, seconds)
        checked += 1
    assert checked >= 25


def test_fixtures_stay_under_15_mb():
    total = sum(f.stat().st_size for f in FIXTURES.rglob("*") if f.is_file())
    assert total < MAX_FIXTURES_BYTES, f"{total / 1e6:.1f} MB"


def test_regenerating_the_logs_gives_the_same_bytes(tmp_path):
    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    lines, rows, _ = _make_fixtures().write_logs(tmp_path)
    assert lines > 10_000 and rows > 5_000
    for name in ("queue_log", "Master.csv", "roster.csv"):
        assert digest(tmp_path / name) == digest(FIXTURES / name), (
            f"fixtures/{name} is stale: run .venv/bin/python fixtures/make_fixtures.py"
        )
