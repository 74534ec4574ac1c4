"""The call centre's shared words: what every layer may name without importing another.

The store filters calls by these, the domain labels them, the config checks
column names against them and the screens offer them as choices. Keeping them
here, with no imports of floortui's own, is what lets adapters → store →
domain → screens stay a one-way street.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every field a CDR row can carry, in cdr_csv's order (the store's column order too).
CDR_FIELDS = (
    "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp",
    "lastdata", "start", "answer", "end", "duration", "billsec", "disposition", "amaflags",
    "uniqueid", "userfield", "peeraccount", "linkedid", "sequence",
)  # fmt: skip

#: Outcome (the call's last event) → words on screen.
OUTCOME_LABELS = {
    "COMPLETEAGENT": "answered, agent hung up",
    "COMPLETECALLER": "answered, caller hung up",
    "ABANDON": "abandoned",
    "EXITWITHTIMEOUT": "timed out",
    "EXITEMPTY": "left: no members",
    "EXITWITHKEY": "left by key",
    "BLINDTRANSFER": "transferred (blind)",
    "ATTENDEDTRANSFER": "transferred (attended)",
    "TRANSFER": "transferred",
    "QUEUESTART": "cut by a PBX restart",
    "REENTERED": "re-entered the queue",
}
#: The outcome filter's choices: label → outcomes it covers (None: still open).
OUTCOME_GROUPS: dict[str, tuple[str | None, ...]] = {
    "answered": (
        "COMPLETEAGENT",
        "COMPLETECALLER",
        "BLINDTRANSFER",
        "ATTENDEDTRANSFER",
        "TRANSFER",
    ),
    "abandoned": ("ABANDON",),
    "timed out": ("EXITWITHTIMEOUT",),
    "left (empty or key)": ("EXITEMPTY", "EXITWITHKEY"),
    "transferred": ("BLINDTRANSFER", "ATTENDEDTRANSFER", "TRANSFER"),
    "in progress": (None,),
}
#: The recording filter's choices.
RECORDING_CHOICES = {"with a recording": True, "without a recording": False}


@dataclass(frozen=True)
class CallFilter:
    """What the Calls screen is narrowed to; None means any."""

    queue: str | None = None
    member: str | None = None
    outcome_group: str | None = None
    since: int | None = None
    until: int | None = None
    text: str | None = None  # callid or caller number, partial
    recording: bool | None = None  # True: with a recording; False: without
