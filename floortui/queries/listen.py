"""What the listen screen asks: one call's recordings, as the legs a reviewer hears in order."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from floortui.domain.listening import Leg, legs_of
from floortui.store.db import read_transaction
from floortui.store.recordings import recordings_for_call


@dataclass(frozen=True)
class ListenCall:
    """A call (the caller's uniqueid) and its legs: the whole call or its in/out pair first,
    then other legs (a transfer) by name."""

    callid: str
    legs: tuple[Leg, ...]


def listen_call(db: Database, callid: str) -> ListenCall:
    with read_transaction(db):
        return ListenCall(callid, tuple(legs_of(recordings_for_call(db, callid))))
