"""One day's review queue as a reviewer sees it: their sampled calls first, then everyone's.

Each sampled call carries its status (floortui.domain.review.status_of), who
holds it now and how its last claim ended (a timeout shows, so a reviewer
sees why a call they had is back in the queue). Progress is done / due:
the reviewer's own sampled calls, and the whole day's. A complaint is found
by the caller's number (`calls_by_caller`). Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from floortui.domain.review import Claim, ClaimRules, Done, ReviewStatus, live_claim, status_of


@dataclass(frozen=True)
class SampledCall:
    """One row of the day's sample, with its id (what claims refer to)."""

    id: int
    callid: str
    queue: str
    member: str
    reason: str
    reviewer: str | None
    answered_at: int | None
    talk_s: int | None


@dataclass(frozen=True)
class QueueItem:
    """A sampled call in the queue: the call, its status, who has it."""

    call: SampledCall
    status: ReviewStatus
    #: Who holds a live claim on it now.
    holder: str | None
    done: Done | None
    #: The latest claim that ended without the call being done: (who, when, why).
    last_end: tuple[str, int, str] | None
    #: Given to the person looking, or held by them.
    mine: bool


@dataclass(frozen=True)
class ReviewQueue:
    day: dt.date
    user: str | None
    items: list[QueueItem]
    rules: ClaimRules
    #: Live claims the person holds now, on any day.
    holding: int
    #: The store's latest imported line: the data's "now".
    latest_event_at: int | None = None

    @property
    def mine_due(self) -> int:
        return sum(1 for i in self.items if i.call.reviewer == self.user and self.user)

    @property
    def mine_done(self) -> int:
        return sum(
            1 for i in self.items
            if self.user and i.call.reviewer == self.user and i.status is ReviewStatus.DONE
        )  # fmt: skip

    @property
    def day_done(self) -> int:
        return sum(1 for i in self.items if i.status is ReviewStatus.DONE)

    def item(self, sample_id: int) -> QueueItem | None:
        return next((i for i in self.items if i.call.id == sample_id), None)


def build_queue(day: dt.date, samples: Iterable[SampledCall], claims: Sequence[Claim],
                done: Iterable[Done], user: str | None, now: float, rules: ClaimRules,
                open_claims: Sequence[Claim] = (),
                latest_event_at: int | None = None) -> ReviewQueue:  # fmt: skip
    """The day's queue for `user` (None: someone watching), mine first, each by answer time.

    `claims` are every claim on the day's samples, `open_claims` every claim
    not ended on any day (for how many the person holds); `now` is the wall
    clock the claims' times are in.
    """
    done_by = {}
    for mark in done:
        done_by.setdefault(mark.sample_id, mark)
    items = []
    for call in samples:
        holder = live_claim(claims, call.id, now, rules)
        mark = done_by.get(call.id)
        items.append(
            QueueItem(
                call=call,
                status=status_of(holder, mark),
                holder=holder.reviewer if holder else None,
                done=mark,
                last_end=_last_end(claims, call.id, now, rules) if mark is None else None,
                mine=user is not None and user in (call.reviewer, holder and holder.reviewer),
            )
        )
    items.sort(key=lambda i: (not i.mine, i.call.answered_at or 0, i.call.callid))
    holding = sum(1 for c in open_claims if c.reviewer == user and c.is_live(now, rules))
    return ReviewQueue(day, user, items, rules, holding, latest_event_at)


def _last_end(claims: Sequence[Claim], sample_id: int, now: float,
              rules: ClaimRules) -> tuple[str, int, str] | None:  # fmt: skip
    latest = None
    for claim in claims:
        if claim.sample_id != sample_id:
            continue
        ended = claim.ended(now, rules)
        if ended is not None and ended[1] != "done":
            latest = (claim.reviewer, ended[0], ended[1])
    return latest


# -- a complaint: the day's calls of one caller ---------------------------------------------


@dataclass(frozen=True)
class CallerCall:
    """One queue entry of the day from a caller, for "find the call they complain about"."""

    callid: str
    queue: str
    member: str | None
    caller: str
    entered_at: int
    answered_at: int | None
    talk_s: int | None
    recorded: bool
    #: The sample's id when the call was sampled (its claim and status go with it).
    sample_id: int | None = None


def digits_of(number: str | None) -> str:
    """The digits of a phone number as typed or logged: `+44 (0)7700-900 123` → 4407700900123."""
    return "".join(ch for ch in (number or "") if ch.isascii() and ch.isdigit())


def calls_by_caller(calls: Iterable[CallerCall], typed: str) -> list[CallerCall]:
    """The calls whose caller number holds the typed digits (at least three), newest first.

    A complaint gives the number as the customer says it: a leading 0 or +44
    and spaces vary, so the digits typed are looked for anywhere in the number.
    """
    wanted = digits_of(typed)
    if len(wanted) < 3:
        return []
    found = [c for c in calls if wanted in digits_of(c.caller)]
    found.sort(key=lambda c: (-c.entered_at, c.callid))
    return found
