"""Rotated logs logrotate compressed (gzip, xz, bzip2) import like the plain files they were."""

from __future__ import annotations

import bz2
import gzip
import lzma
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from floortui.adapters.follow import Follower
from floortui.adapters.importer import Importer, ImportFailed
from floortui.cli import main
from floortui.config import Config, parse_config
from floortui.store.db import open_database
from tests.conftest import rows
from tests.test_cdr import CUSTOM_COLUMNS, DATA
from tests.test_follow import call_lines, calls, clean_calls

COMPRESSORS = {"gzip": gzip.compress, "xz": lzma.compress, "bzip2": bz2.compress}
SUFFIX = {"gzip": ".gz", "xz": ".xz", "bzip2": ".bz2"}


def _write(path: Path, kind: str, text: str) -> Path:
    path.write_bytes(COMPRESSORS[kind](text.encode()))
    return path


@pytest.mark.parametrize("kind", ["gzip", "xz", "bzip2"])
def test_a_compressed_queue_log_gives_the_calls_the_plain_file_gives(tmp_path, kind):
    lines = call_lines(30)
    expected = clean_calls(tmp_path / "plain", lines)
    log = _write(tmp_path / f"queue_log.2{SUFFIX[kind]}", kind, "".join(lines))
    db = open_database(tmp_path / "store.db")
    summary = Importer(db, Config()).import_path(log)
    assert summary.detected.describe() == f"queue_log (flat file, {kind}-compressed)"
    assert (summary.imported, summary.set_aside) == (90, 0)
    assert calls(db) == expected
    assert rows(db, "SELECT path FROM import_sources") == [{"path": str(log)}]


def test_the_same_lines_plain_and_compressed_are_stored_once(tmp_path):
    """logrotate renames queue_log to queue_log.1, then compresses it a rotation later."""
    text = "".join(call_lines(10))
    (tmp_path / "queue_log.1").write_text(text)
    _write(tmp_path / "queue_log.2.gz", "gzip", text)
    db = open_database(tmp_path / "store.db")
    importer = Importer(db, Config())
    assert importer.import_path(tmp_path / "queue_log.1").imported == 30
    again = importer.import_path(tmp_path / "queue_log.2.gz")
    assert (again.imported, again.resumed_at_line) == (0, 30)
    assert rows(db, "SELECT count(*) AS n FROM queue_log_events") == [{"n": 30}]


def test_a_compressed_file_cut_short_gives_up_the_lines_it_holds(tmp_path):
    """Copied while logrotate was still compressing it: the lines before the cut import, the
    summary says where it ended, and the whole file imported later adds only the rest."""
    lines = call_lines(4000)
    whole = gzip.compress("".join(lines).encode())
    cut = tmp_path / "cut.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    db = open_database(tmp_path / "store.db")
    importer = Importer(db, Config())
    first = importer.import_path(cut)
    assert first.note is not None and "the gzip file ends early (cut short)" in first.note
    assert "the lines before are imported" in first.describe()
    assert 0 < first.imported < len(lines)
    stored = [r["line_number"] for r in rows(db, "SELECT line_number FROM queue_log_events")]
    assert stored == list(range(1, first.imported + 1))  # every line before the cut, in place
    (tmp_path / "queue_log.1.gz").write_bytes(whole)
    rest = importer.import_path(tmp_path / "queue_log.1.gz")
    assert rest.resumed_at_line == first.imported
    assert first.imported + rest.imported == len(lines)
    assert rows(db, "SELECT count(*) AS n FROM queue_log_events") == [{"n": len(lines)}]


def test_a_broken_line_inside_a_compressed_file_is_set_aside_with_its_number(tmp_path):
    lines = call_lines(3)
    lines[4] = "1795374645|not a line\n"
    log = _write(tmp_path / "queue_log.1.gz", "gzip", "".join(lines))
    summary = Importer(open_database(tmp_path / "store.db"), Config()).import_path(log)
    assert (summary.imported, summary.set_aside) == (8, 1)
    db = open_database(tmp_path / "store.db")
    assert [r["line_number"] for r in rows(db, "SELECT line_number FROM quarantine")] == [5]


def test_a_damaged_compressed_file_is_one_clear_line(tmp_path, capsys):
    bad = tmp_path / "queue_log.1.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage, not deflate")
    status = main(["import", str(bad), "--db", str(tmp_path / "store.db")])
    err = capsys.readouterr().err
    assert status != 0
    assert err.strip() == f"floortui import: {bad}: a gzip file that does not expand (damaged)"


def test_a_gzip_cut_inside_its_first_line_says_so(tmp_path, capsys):
    """Found by the property test below: a gzip cut 0.8 % in expands to half a line
    (`1795374600|1795374600.0|`), which is no log of any kind; the message is the
    file's, not a wrong format's."""
    whole = gzip.compress("".join(call_lines(400)).encode())
    cut = next(whole[:n] for n in range(1, len(whole)) if read_start_of(whole[:n], tmp_path))
    assert b"\n" not in read_start_of(cut, tmp_path), "the cut is inside the first line"
    path = tmp_path / "queue_log.gz"
    path.write_bytes(cut)
    status = main(["import", str(path), "--db", str(tmp_path / "store.db")])
    assert status != 0
    assert capsys.readouterr().err.strip() == (
        f"floortui import: {path}: a gzip file that does not expand past its first line "
        "(damaged or cut short)"
    )


def read_start_of(packed: bytes, folder: Path) -> bytes:
    """What floortui expands of the gzip bytes `packed`."""
    from floortui.adapters.compressed import read_start

    probe = folder / "probe.gz"
    probe.write_bytes(packed)
    return read_start(probe, "gzip", 1 << 16)[0]


def test_a_whole_gzip_of_one_line_that_is_no_log_is_the_wrong_kind_not_damaged(tmp_path, capsys):
    path = tmp_path / "notes.gz"
    path.write_bytes(gzip.compress(b"shopping list"))
    status = main(["import", str(path), "--db", str(tmp_path / "store.db")])
    err = capsys.readouterr().err.strip()
    assert status != 0
    assert err.startswith(f"floortui import: {path}: not a queue_log or cdr_csv file"), err


def test_no_room_to_expand_says_so_and_imports_nothing(tmp_path, monkeypatch):
    log = _write(tmp_path / "queue_log.1.gz", "gzip", "".join(call_lines(3)))
    db = open_database(tmp_path / "store.db")

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("floortui.adapters.importer.expand", full_disk)
    with pytest.raises(ImportFailed, match=r"cannot expand the gzip file in .*No space left on"):
        Importer(db, Config()).import_path(log)
    assert rows(db, "SELECT count(*) AS n FROM queue_log_events") == [{"n": 0}]


def test_a_compressed_cdr_and_a_compressed_mapped_csv_import(tmp_path):
    text = (DATA / "cdr_custom_Master.csv").read_text()
    _write(tmp_path / "Master.csv.1.xz", "xz", text)
    config = {
        "day": {"timezone": "UTC"},
        "sources": [{"path": "Master.csv.1.xz", "format": "csv", "columns": CUSTOM_COLUMNS}],
    }
    db = open_database(tmp_path / "store.db")
    summary = Importer(db, parse_config(config, base=tmp_path)).import_path(
        tmp_path / "Master.csv.1.xz"
    )
    assert summary.detected.describe() == "csv (columns mapped in config.yaml, xz-compressed)"
    assert (summary.imported, summary.set_aside, summary.calls) == (14, 0, 14)


def test_a_text_log_that_starts_like_bzip2_is_still_text(tmp_path):
    log = tmp_path / "odd.csv"
    log.write_text("BZh,header\n" + "".join(call_lines(2)))
    db = open_database(tmp_path / "store.db")
    assert Importer(db, Config()).import_path(log).detected.compression is None


def test_a_followed_compressed_file_is_read_whole_once(tmp_path):
    """`import --follow /var/log/asterisk/queue_log*` names the compressed rotations too."""
    log = _write(tmp_path / "queue_log.2.gz", "gzip", "".join(call_lines(5)))
    db = open_database(tmp_path / "store.db")
    follower = Follower(Importer(db, Config()), [log])
    try:
        [summary] = follower.poll()
        assert summary.imported == 15
        assert follower.status[log] == "read whole (compressed: a rotated log, not followed)"
        assert follower.poll() == []  # not read again while it stays the same file
        assert rows(db, "SELECT count(*) AS n FROM queue_log_events") == [{"n": 15}]
    finally:
        follower.close()


_WHOLE = "".join(call_lines(400))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(COMPRESSORS)), keep=st.floats(0.0, 1.0))
def test_wherever_a_compressed_file_is_cut_the_lines_before_it_are_stored(kind, keep):
    """A prefix of the lines, each in its place, or one clear refusal: never a traceback,
    never a line made up."""
    packed = COMPRESSORS[kind](_WHOLE.encode())
    with tempfile.TemporaryDirectory() as folder:
        cut = Path(folder) / f"queue_log{SUFFIX[kind]}"
        cut.write_bytes(packed[: int(len(packed) * keep)])
        db = open_database(Path(folder) / "store.db")
        try:
            summary = Importer(db, Config()).import_path(cut)
        except ImportFailed as exc:
            assert "does not expand" in str(exc) or "empty" in str(exc)
            return
        got = db.execute(
            "SELECT line_number, time, callid, event FROM queue_log_events ORDER BY line_number"
        ).fetchall()
        fields = [line.split("|") for line in _WHOLE.splitlines()]
        assert got == [(n, int(f[0]), f[1], f[4]) for n, f in enumerate(fields[: len(got)], 1)]
        assert summary.imported == len(got)
