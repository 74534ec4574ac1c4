"""The store, opened when it is first read: after the app's first paint, in a worker.

`floortui run` checks the file (floortui.store.opening.probe), hands the app
one of these and paints the floor; the first worker that reads the store
opens and migrates it, so sqlite_utils and the migration check are never
on the way to the first paint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


class StoreOpener:
    """The store, opened (once, by whichever thread asks first) when it is first needed."""

    def __init__(self, open_store: Callable[[], Database]) -> None:
        self._open = open_store
        self._db: Database | None = None
        self._lock = threading.Lock()

    @property
    def opened(self) -> bool:
        return self._db is not None

    def get(self) -> Database:
        if self._db is None:
            with self._lock:
                if self._db is None:
                    self._db = self._open()
        return self._db
