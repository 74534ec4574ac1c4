"""Keep a store up to date while the app runs: import the config's sources, follow some.

Runs in a worker thread with its own database connection (the screens read
through theirs); it reports each import and each source's status through
callbacks, which the app turns into messages for the screens.

`follow_sources` is the one follow loop: the app (through keep_up_to_date) and
`floortui import --follow` both poll their followers with it, so a change to
how following paces itself or reports happens once.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence

from sqlite_utils import Database

from floortui.adapters.follow import Follower
from floortui.adapters.importer import Importer, ImportFailed, ImportSummary
from floortui.adapters.recordings import scan_recordings
from floortui.config import Config
from floortui.domain.floor_snapshot import FloorSnapshot
from floortui.queries.floor import LiveFloor
from floortui.store.db import (
    StoreError,
    database_file,
    open_database,
    open_for_reading,
    store_problem,
)

StatusCallback = Callable[[dict[str, str]], None]
SummaryCallback = Callable[[ImportSummary], None]
FloorCallback = Callable[[FloorSnapshot], None]


def followed_sources(config: Config) -> list:
    return [source for source in config.sources if source.follow]


def follow_sources(followers: Sequence[Follower], stop: threading.Event,
                   on_summary: SummaryCallback, on_status: StatusCallback | None = None,
                   poll_s: float = 0.25, on_poll: Callable[[], None] | None = None,
                   status: dict[str, str] | None = None) -> None:  # fmt: skip
    """Poll every follower until `stop` is set; each pass starts poll_s after the last ended.

    `on_summary` gets each import that added or set aside lines; `on_status`
    gets every source's status (path → what its follower does), `status` with
    the followers' entries over it, whenever one changed; `on_poll` runs after
    each pass over the followers, when what the store holds is as new as it gets.

    A store that fails (disk full, read-only) shows in the status of the paths
    it could not take, and the next pass tries again: every batch committed
    stays, and what was not is read again from the stored offset.
    """
    shown = dict(status or {})
    problems: dict[str, str] = {}
    while not stop.is_set():
        for follower in followers:
            paths = [str(path) for path in follower.status]
            try:
                summaries = follower.poll()
            except sqlite3.Error as exc:
                problems.update(dict.fromkeys(paths, f"cannot import: {store_problem(exc)}"))
                continue
            for path in paths:
                problems.pop(path, None)
            for summary in summaries:
                on_summary(summary)
        now = shown | {str(path): state for f in followers for path, state in f.status.items()}
        now |= problems
        if now != shown:
            shown = now
            if on_status is not None:
                on_status(dict(now))
        if on_poll is not None:
            on_poll()
        stop.wait(poll_s)


def live_floor(db: Database, config: Config) -> LiveFloor:
    """The floor kept from `db` by the config's wrap-up times and members."""
    return LiveFloor(db, config.wrapup_s(), members=[member.name for member in config.agents])


def floor_as_stored(store: Database, config: Config) -> FloorSnapshot | None:
    """The floor as the store last saw it, read on a connection of this thread's own.

    For a store nothing follows (view only, or no sources): the app's own
    connection belongs to its screens. None for a store held only in memory.
    """
    path = database_file(store)
    if path is None:
        return None
    db, _ = open_for_reading(path)
    try:
        return live_floor(db, config).start()
    finally:
        db.conn.close()


def keep_up_to_date(config: Config, stop: threading.Event,
                    on_summary: SummaryCallback, on_status: StatusCallback,
                    poll_s: float = 0.25, on_poll: Callable[[], None] | None = None,
                    on_floor: FloorCallback | None = None,
                    on_caught_up: Callable[[], None] | None = None) -> None:  # fmt: skip
    """Import what is new in every configured source, then follow those marked `follow`.

    A source that cannot be read is reported in its status, not raised: the
    app stays up on whatever the store already holds. `on_poll` runs after
    each pass over the followed sources. `on_floor` gets the floor's
    immutable snapshot once the sources are read, then after every pass that
    stored new events: the floor is kept in memory from the events just
    stored (by id, one short read), never re-read from the whole day.
    `on_caught_up` runs once, when every source has been read to its end: until
    then the floor is what the store held, which may be hours behind the log.
    """
    try:
        db = open_database(config.store.path)
    except StoreError as exc:  # read-only, full, or not a store: say so next to each source
        on_status({str(source.path): f"cannot import: {exc}" for source in config.sources})
        return
    importer = Importer(db, config)
    status: dict[str, str] = {}
    followers = [
        Follower(importer, [source.path], source.format) for source in followed_sources(config)
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
            except sqlite3.Error as exc:
                status[str(source.path)] = f"cannot import: {store_problem(exc)}"
                continue
            status[str(source.path)] = "imported"
            if summary.imported or summary.set_aside:
                on_summary(summary)
        folders = [folder for source in config.sources for folder in source.recordings]
        if folders:
            scan_recordings(db, folders)
        on_status(dict(status))
        floor = live_floor(db, config) if on_floor is not None else None
        if floor is not None:
            on_floor(floor.start())
            floor.checkpoint()

        caught_up = False

        def after_poll() -> None:
            nonlocal caught_up
            if floor is not None:
                seen = floor.last_event_id
                snapshot = floor.poll()
                if floor.last_event_id != seen:
                    on_floor(snapshot)
                    floor.checkpoint()
            if not caught_up:
                caught_up = True
                if on_caught_up is not None:
                    on_caught_up()
            if on_poll is not None:
                on_poll()

        if followers:
            follow_sources(followers, stop, on_summary, on_status, poll_s, after_poll, status)
        elif on_caught_up is not None:
            on_caught_up()
    finally:
        for follower in followers:
            follower.close()
        db.conn.close()
