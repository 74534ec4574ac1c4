"""What a supervisor sees when they point floortui at the wrong thing: one line, never a traceback.

Each case runs the command line as a user would and checks the exit code, that
stderr is exactly one line naming the file, and that nothing half-imported is
left in the store.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import subprocess
import sys
import wave
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.conftest import Run, one_line

QUEUE_LOG = Path(__file__).parent / "data" / "handworked" / "queue_log"


@pytest.fixture(autouse=True)
def _away_from_the_repo_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty folder, as `floortui` would with no ./config.yaml."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "floortui.db"


def _count(db_file: Path, table: str) -> int:
    return Database(db_file)[table].count if db_file.exists() else 0


def test_a_missing_file(run: Run, tmp_path: Path, db_file: Path) -> None:
    path = tmp_path / "queue_log.2026-11-13"
    status, out, err = run("import", str(path), "--db", str(db_file))
    assert status == 1
    assert out == ""
    assert one_line(err) == f"floortui import: {path}: no such file"


def test_a_directory(run: Run, tmp_path: Path, db_file: Path) -> None:
    folder = tmp_path / "asterisk"
    folder.mkdir()
    status, out, err = run("import", str(folder), "--db", str(db_file))
    assert status == 1
    line = one_line(err)
    assert str(folder) in line and "is a directory" in line
    assert out == ""


def _random_bytes_with_nuls() -> bytes:
    data = bytearray(random.Random(20261113).randbytes(16 * 1024))
    data[100:140] = bytes(40)
    return bytes(data)


def _wav_recording() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        noise = random.Random(2001)
        samples = (noise.randrange(-3000, 3000) for _ in range(8000))
        recording.writeframes(b"".join(s.to_bytes(2, "little", signed=True) for s in samples))
    return buffer.getvalue()


BINARY = {
    "random.bin": _random_bytes_with_nuls,
    # compressed logs import (tests/test_import_compressed.py); compressed audio does not
    "call-1794560400.101.wav.gz": lambda: gzip.compress(_wav_recording(), mtime=0),
    "call-1794560400.101.wav": _wav_recording,
}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_a_binary_file(run: Run, tmp_path: Path, db_file: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BINARY[name]())
    status, out, err = run("import", str(path), "--db", str(db_file))
    assert status == 1
    line = one_line(err)
    assert line.startswith(f"floortui import: {path}: ")
    if name != "call-1794560400.101.wav":
        assert "binary data, not a text log" in line
    assert out == ""
    assert _count(db_file, "queue_log_events") == 0


NOT_LOGS = {
    "README.md": (
        "# Floor notes\n\nThe sales queue opens at 08:00. Ask Carol about coaching.\n"
        "- breaks: 10:30, 12:30, 15:00\n"
    ),
    "README.txt": "Floor notes\r\nThe sales queue opens at 08:00.\r\nAsk Carol, or Bob.\r\n",
    # Old Mac line endings: one long "line" full of carriage returns.
    "notes.txt": "Floor notes\rThe sales queue opens at 08:00.\rAsk Carol, or Bob.\r",
}


@pytest.mark.parametrize("name", sorted(NOT_LOGS))
def test_a_text_file_that_is_not_a_log(run: Run, tmp_path: Path, db_file: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(NOT_LOGS[name].encode("utf-8"))
    status, out, err = run("import", str(path), "--db", str(db_file))
    assert status == 1
    line = one_line(err)
    assert line.startswith(f"floortui import: {path}: not a queue_log or cdr_csv file")
    assert out == ""
    assert _count(db_file, "queue_log_events") == 0


def test_a_queue_log_read_as_cdr(run: Run, tmp_path: Path, db_file: Path) -> None:
    path = tmp_path / "queue_log"
    path.write_bytes(QUEUE_LOG.read_bytes())
    status, out, err = run("import", str(path), "--format", "cdr", "--db", str(db_file))
    assert status == 1
    assert one_line(err) == (
        f"floortui import: {path}: asked to read it as cdr, but it looks like queue_log (flat file)"
    )
    assert out == ""
    assert _count(db_file, "queue_log_events") == 0


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file(run: Run, tmp_path: Path, db_file: Path) -> None:
    path = tmp_path / "queue_log"
    path.write_bytes(QUEUE_LOG.read_bytes())
    path.chmod(0)
    try:
        status, out, err = run("import", str(path), "--db", str(db_file))
    finally:
        path.chmod(0o644)
    assert status == 1
    line = one_line(err)
    assert str(path) in line and "permission denied" in line
    assert out == ""


@pytest.mark.parametrize(
    ("flag", "value"),
    [("--from", "yesterday"), ("--to", "13/11/2026 08:30"), ("--from", "2026-13-01")],
)
def test_a_bad_report_time(run: Run, db_file: Path, flag: str, value: str) -> None:
    status, out, err = run("report", "queues", flag, value, "--db", str(db_file))
    assert status == 2
    assert one_line(err) == (
        f"floortui report: {value!r} is not a time: "
        "give a Unix epoch or an ISO time like 2026-11-13T08:30"
    )
    assert out == ""
    assert not db_file.exists(), "a mistyped time must fail before the store is touched"


def test_one_missing_file_does_not_stop_the_others(run: Run, tmp_path: Path, db_file: Path) -> None:
    lines = QUEUE_LOG.read_bytes().splitlines(keepends=True)
    morning, afternoon = tmp_path / "queue_log.1", tmp_path / "queue_log"
    morning.write_bytes(b"".join(lines[:30]))
    afternoon.write_bytes(b"".join(lines[30:]))
    missing = tmp_path / "queue_log.2"

    status, out, err = run(
        "import", str(morning), str(missing), str(afternoon), "--db", str(db_file)
    )
    assert status == 1
    assert one_line(err) == f"floortui import: {missing}: no such file"
    summaries = out.splitlines()
    assert [s.split(": ")[0] for s in summaries[:2]] == [str(morning), str(afternoon)]
    assert summaries[-1] == f"total: {len(lines)} lines imported, 0 set aside"
    assert _count(db_file, "import_sources") == 2
    assert _count(db_file, "queue_log_events") == len(lines)


def test_the_installed_command_showsone_line(tmp_path: Path) -> None:
    """The real `floortui` script, as a user runs it from a shell."""
    binary = tmp_path / "random.bin"
    binary.write_bytes(_random_bytes_with_nuls())
    for path in (tmp_path / "missing.log", binary):
        result = subprocess.run(
            [str(Path(sys.executable).with_name("floortui")), "import", str(path)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert "Traceback" not in result.stdout + result.stderr
        assert result.returncode == 1
        assert one_line(result.stderr).startswith(f"floortui import: {path}: ")


def test_an_import_in_which_every_file_failed_leaves_no_store(
    run: Run, tmp_path: Path, db_file: Path
) -> None:
    """A typo in every path must not leave an empty store that `report` then reads as 'no calls'."""
    notes = tmp_path / "README.md"
    notes.write_text(NOT_LOGS["README.md"], encoding="utf-8")
    missing = tmp_path / "queue_log.2"
    status, out, err = run("import", str(missing), str(notes), "--db", str(db_file))
    assert out == ""
    assert status == 1
    assert [line.split(": ")[1] for line in err.splitlines()] == [str(missing), str(notes)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]
    status, _, err = run("report", "queues", "--db", str(db_file))
    assert status == 1 and "no store at" in err


def test_a_failed_file_keeps_a_store_that_was_there(
    run: Run, tmp_path: Path, db_file: Path
) -> None:
    assert run("import", str(QUEUE_LOG), "--db", str(db_file))[0] == 0
    status, _, _ = run("import", str(tmp_path / "missing"), "--db", str(db_file))
    assert status == 1
    assert _count(db_file, "queue_log_events") == 74
