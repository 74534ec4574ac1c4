"""Keep a store up to date while the app runs: import the config's sources, follow some.

Runs in a worker thread with its own database connection (the screens read
through theirs); it reports each import and each source's status through
callbacks, which the app turns into messages for the screens.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from floortui.adapters.follow import Follower
from floortui.adapters.importer import Importer, ImportFailed, ImportSummary
from floortui.adapters.recordings import scan_recordings
from floortui.config import Config
from floortui.store.db import open_database

StatusCallback = Callable[[dict[str, str]], None]


def followed_sources(config: Config) -> list:
    return [source for source in config.sources if source.follow]


def keep_up_to_date(config: Config, stop: threading.Event,
                    on_summary: Callable[[ImportSummary], None],
                    on_status: StatusCallback, poll_s: float = 0.25) -> None:  # fmt: skip
    """Import what is new in every configured source, then follow those marked `follow`.

    A source that cannot be read is reported in its status, not raised: the
    app stays up on whatever the store already holds.
    """
    db = open_database(config.store.path)
    importer = Importer(db, config)
    status: dict[str, str] = {}
    followers = [
        Follower(importer, [source.path], source.format, poll_s)
        for source in followed_sources(config)
    ]
    try:
        for source in config.sources:
            if source.follow:
                continue
            try:
                summary = importer.import_path(source.path, source.format)
            except ImportFailed as exc:
                status[str(source.path)] = f"cannot read: {exc}"
                continue
            status[str(source.path)] = "imported"
            if summary.imported or summary.set_aside:
                on_summary(summary)
        folders = [folder for source in config.sources for folder in source.recordings]
        if folders:
            scan_recordings(db, folders)
        on_status(dict(status))
        while followers and not stop.is_set():
            for follower in followers:
                for summary in follower.poll():
                    on_summary(summary)
            now = status | {str(p): s for f in followers for p, s in f.status.items()}
            if now != status:
                on_status(dict(now))
                status = now
            stop.wait(poll_s)
    finally:
        for follower in followers:
            follower.close()
        db.conn.close()
