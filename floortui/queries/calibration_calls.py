"""Calibration sessions as the screens list them: which calls, for whom, how far along.

Reads only (the writes are floortui.queries.calibration's): every session as
a viewer may see it (blind until all have scored), and the session on a call
that the viewer is to score or has scored.
"""

from __future__ import annotations

from sqlite_utils import Database

from floortui.config import Config
from floortui.queries.calibration import SessionView, session_view
from floortui.store import evaluations_calibration as store
from floortui.store.db import read_transaction


def sessions_for(db: Database, config: Config, viewer: str | None) -> list[SessionView]:
    """Every session, newest first, as `viewer` may see it."""
    with read_transaction(db):
        ids = [row[0] for row in store.sessions(db)]
        return [session_view(db, config, session_id, viewer) for session_id in ids]


def session_of_call(db: Database, config: Config, callid: str,
                    viewer: str | None) -> SessionView | None:  # fmt: skip
    """The newest session on the call given to `viewer`; None when there is none."""
    with read_transaction(db):
        ids = [row[0] for row in store.sessions(db) if row[1] == callid]
        for session_id in ids:
            view = session_view(db, config, session_id, viewer)
            if viewer in view.reviewers:
                return view
    return None
