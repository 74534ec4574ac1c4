"""One worker convention for every screen that reads the store.

A load runs `fetch` (a `floortui.queries` call, which reads in one read
transaction) in a thread worker that is exclusive per screen and has
`exit_on_error=False`: a SQLite error, a dropped table or a broken file
becomes a line on the screen, never a closed app. A load that a newer one
superseded is dropped twice over: the thread checks `is_cancelled` before it
posts (cancelling a thread worker only sets that flag), and the screen
ignores a result whose generation is not the latest it asked for.

Screens also hear "the store changed" from the app whether or not they are on
top (the app tells every mounted reader), and read again at most once per
`RELOAD_S`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual.message import Message
from textual.worker import get_current_worker

#: The screens share one connection: one read at a time keeps each read's transaction its own.
_READ_LOCK = threading.Lock()


class StoreRead(Message):
    """The answer to one load, or what went wrong, for the screen that asked."""

    bubble = False

    def __init__(self, generation: int, result: Any, error: str | None) -> None:
        super().__init__()
        self.generation, self.result, self.error = generation, result, error


def describe_error(exc: BaseException) -> str:
    """One line a supervisor can read; the store's own words for SQLite errors."""
    if isinstance(exc, sqlite3.Error):
        return f"cannot read the store: {exc}"
    return f"cannot read the store: {type(exc).__name__}: {exc}"


class StoreReader:
    """Mix into a Screen: `read(fetch)` loads, `loaded(result)` shows, `reload()` reads again.

    The app calls `data_changed()` on every mounted reader when a followed log
    brought new lines.
    """

    #: Seconds between "the store changed" and the read it causes (new lines come in bursts).
    RELOAD_S: ClassVar[float] = 1.0
    #: The screen's name in the header's sub-title.
    SCREEN_NAME: ClassVar[str] = ""

    _generation: int = 0
    _reload_pending: bool = False

    def read(self, fetch: Callable[[], Any], description: str) -> None:
        """Run `fetch` in a worker; its answer reaches `loaded` unless a newer read began."""
        self._generation += 1
        self.run_worker(  # type: ignore[attr-defined]
            partial(self._read_in_thread, fetch, self._generation),
            thread=True,
            exclusive=True,
            group="store-read",
            exit_on_error=False,
            description=description,
        )

    def _read_in_thread(self, fetch: Callable[[], Any], generation: int) -> None:
        worker = get_current_worker()
        try:
            with _READ_LOCK:
                if worker.is_cancelled:
                    return
                result, error = fetch(), None
        except Exception as exc:  # any failure to read is shown, never fatal
            result, error = None, describe_error(exc)
        if worker.is_cancelled or generation != self._generation:
            return
        self.post_message(StoreRead(generation, result, error))  # type: ignore[attr-defined]

    def on_store_read(self, message: StoreRead) -> None:
        message.stop()
        if message.generation != self._generation:
            return  # a newer read is on its way
        if message.error is not None:
            self.read_failed(message.error)
        else:
            self.loaded(message.result)

    def loaded(self, result: Any) -> None:
        """Show a fresh answer (each screen draws its own)."""

    def read_failed(self, error: str) -> None:
        """Show why the store could not be read; the screen stays up and reads again later."""
        self.notify(error, severity="error", timeout=8)  # type: ignore[attr-defined]

    def reload(self) -> None:
        """Read again what the screen shows."""

    def data_changed(self) -> None:
        """The store grew: read again, at most once per RELOAD_S."""
        if not self._reload_pending:
            self._reload_pending = True
            self.set_timer(self.RELOAD_S, self._reload_now)  # type: ignore[attr-defined]

    def _reload_now(self) -> None:
        self._reload_pending = False
        self.reload()

    def on_mount(self) -> None:
        app = self.app  # type: ignore[attr-defined]
        readers = getattr(app, "store_readers", None)
        if readers is not None:
            readers.add(self)
        if self.SCREEN_NAME:
            view_only = " · view only" if getattr(app, "read_only", False) else ""
            self.sub_title = f"{self.SCREEN_NAME}{view_only}"

    def on_unmount(self) -> None:
        readers = getattr(self.app, "store_readers", None)  # type: ignore[attr-defined]
        if readers is not None:
            readers.discard(self)
