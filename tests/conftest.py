"""Shared fixtures: a fresh store file and a way to import real-format log text into it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from floortui.adapters.importer import Importer, ImportSummary
from floortui.config import Config, parse_config
from floortui.store.db import open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "floortui.db"


@pytest.fixture
def import_log(tmp_path: Path, db_path: Path) -> Callable[..., tuple[Database, ImportSummary]]:
    """Write `text` as a log file and import it; returns the store and the summary."""

    def run(text: str | bytes, config: dict | None = None, name: str = "queue_log",
            fmt: str = "auto") -> tuple[Database, ImportSummary]:  # fmt: skip
        path = tmp_path / name
        if isinstance(text, str):
            path.write_text(text, encoding="utf-8")
        else:
            path.write_bytes(text)
        cfg: Config = parse_config(config or {}, base=tmp_path)
        db = open_database(db_path)
        summary = Importer(db, cfg).import_path(path, fmt)
        return db, summary

    return run


def rows(db: Database, sql: str, params: tuple = ()) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


async def settle(app, pilot) -> None:
    """Let the screen's workers finish and their messages be shown."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


#: `run("import", PATH, ...)` in-process: (exit code, stdout, stderr).
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `floortui ARGS...` in-process, and check no traceback reached the user."""
    from floortui.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return status, out, err

    return run


def one_line(err: str) -> str:
    """The one line a failing command printed (and check it was one line)."""
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n"), err
    return lines[0]
