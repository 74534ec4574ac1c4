"""The recordings folder is the boundary: nothing outside it is read through a symlink."""

from __future__ import annotations

import shutil
from pathlib import Path

from floortui.adapters.recordings import STATUS_REFUSED, scan_recordings
from floortui.store.db import open_database
from tests.conftest import rows
from tests.test_recordings import PCM_WAV


def test_a_symlink_leading_outside_the_folder_is_refused_and_listed(tmp_path: Path) -> None:
    monitor, elsewhere = tmp_path / "monitor", tmp_path / "elsewhere"
    monitor.mkdir()
    elsewhere.mkdir()
    shutil.copy(PCM_WAV, monitor / "1794560455.21.wav")
    shutil.copy(PCM_WAV, elsewhere / "secret.wav")  # a real recording: following would read it
    (monitor / "1794560455.22.wav").symlink_to(elsewhere / "secret.wav")
    (monitor / "1794560455.23.wav").symlink_to(Path("..") / "elsewhere" / "secret.wav")
    (monitor / "inside-link-1794560455.24.wav").symlink_to(monitor / "1794560455.21.wav")
    (monitor / "2026").symlink_to(elsewhere, target_is_directory=True)
    shutil.copy(PCM_WAV, elsewhere / "1794560455.25.wav")  # only reachable through the link

    db = open_database(tmp_path / "floortui.db")
    scan = scan_recordings(db, [monitor])

    refused = rows(db, "SELECT path, status, problem, codec, duration_s FROM recordings"
                       " WHERE status = ? ORDER BY path", (STATUS_REFUSED,))  # fmt: skip
    assert [r["path"] for r in refused] == [
        str(monitor / "1794560455.22.wav"),
        str(monitor / "1794560455.23.wav"),
    ]
    for row in refused:
        assert row["problem"] == (
            f"refused: a symlink leading outside {monitor} (to {elsewhere / 'secret.wav'}); "
            "not followed"
        )
        assert (row["codec"], row["duration_s"]) == (None, None)
    assert [path for path, _ in scan.problems] == [r["path"] for r in refused]
    assert "2 with problems (2 refused)" in scan.describe()
    statuses = dict(db.execute("SELECT callid, status FROM recordings").fetchall())
    assert statuses == {
        "1794560455.21": "ok",
        "1794560455.22": STATUS_REFUSED,
        "1794560455.23": STATUS_REFUSED,
        "1794560455.24": "ok",  # a link that stays inside the folder is read
    }
