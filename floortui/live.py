"""Keep a store up to date while the app runs: follow the sources marked `follow`.

Runs in a worker thread with its own database connection (the screens read
through theirs); it reports each import and each source's status through
callbacks, which the app turns into messages for the screens.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from floortui.adapters.follow import Follower
from floortui.adapters.importer import Importer, ImportSummary
from floortui.config import Config
from floortui.store.db import open_database

StatusCallback = Callable[[dict[str, str]], None]


def followed_sources(config: Config) -> list:
    return [source for source in config.sources if source.follow]


def follow_sources(config: Config, stop: threading.Event,
                   on_summary: Callable[[ImportSummary], None],
                   on_status: StatusCallback, poll_s: float = 0.25) -> None:  # fmt: skip
    """Poll every followed source until `stop` is set."""
    db = open_database(config.store.path)
    importer = Importer(db, config)
    followers = [
        Follower(importer, [source.path], source.format, poll_s)
        for source in followed_sources(config)
    ]
    last: dict[str, str] = {}
    try:
        while not stop.is_set():
            for follower in followers:
                for summary in follower.poll():
                    on_summary(summary)
            status = {str(p): s for f in followers for p, s in f.status.items()}
            if status != last:
                on_status(status)
                last = status
            stop.wait(poll_s)
    finally:
        for follower in followers:
            follower.close()
        db.conn.close()
