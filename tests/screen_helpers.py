"""Helpers for the screen tests: a followed queue_log the test appends to, and waiting for it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.widgets import DataTable

from floortui.app import FloorApp, make_app
from floortui.config import parse_config
from floortui.store.db import open_database

#: The epoch the followed logs start at (Fri 13 Nov 2026 09:00 UTC).
T0 = 1794560400


def call_lines(n: int, at: int, queue: str = "sales", answered: bool = True,
               ended: bool = True) -> str:  # fmt: skip
    """One call, n-th of the test, entering at `at`, in real queue_log lines."""
    callid = f"{at}.{n}"
    text = f"{at}|{callid}|{queue}|NONE|ENTERQUEUE||0770090{n:04d}|1\n"
    if answered:
        text += f"{at + 2}|{callid}|{queue}|Alice Archer|CONNECT|2|{at}.9{n}|1\n"
        if ended:
            text += f"{at + 30}|{callid}|{queue}|Alice Archer|COMPLETECALLER|2|28|1\n"
    elif ended:
        text += f"{at + 20}|{callid}|{queue}|NONE|ABANDON|1|1|20\n"
    return text


def followed_app(tmp_path: Path, now: Callable[[], float] | None = None,
                 first: str = "", **settings: Any) -> tuple[FloorApp, Path]:  # fmt: skip
    """An app following tmp_path/queue_log, which starts with a QUEUESTART and `first`;
    `settings` are more of config.yaml's sections."""
    log = tmp_path / "queue_log"
    log.write_text(f"{T0}|NONE|NONE|NONE|QUEUESTART|\n" + first)
    config = parse_config(
        {"store": {"path": "store.db"}, "sources": [{"path": "queue_log", "follow": True}],
         **settings},
        base=tmp_path,
    )  # fmt: skip
    clock = {"now": now} if now is not None else {}
    return make_app(config, open_database(config.store.path), **clock), log


def append(log: Path, text: str) -> None:
    with log.open("a") as handle:
        handle.write(text)


async def wait_for(predicate: Callable[[], bool], timeout: float = 8.0) -> bool:
    """Poll `predicate` while the app runs; True as soon as it holds."""
    for _ in range(int(timeout / 0.05)):
        if predicate():
            return True
        await asyncio.sleep(0.05)
    return predicate()


def column(table: DataTable, key: str) -> list[str]:
    """One column's cells, top to bottom, by the column's key (entered, queue, outcome, ...)."""
    return [str(cell) for cell in table.get_column(key)]
