"""The review queue's rules: who may claim a sampled call, when a claim ends, what is done.

A **claim** locks a sampled call to one person while they listen and score
it. Our rules, one by one:

- a call claimed by someone else (a claim still live) cannot be claimed;
- a call already done cannot be claimed;
- nobody holds more than `max_open_claims` live claims at once;
- nobody reviews their own calls (a reviewer who also takes calls under
  their member name), as the sample never gives them any;
- a claim is **stale** once nobody has touched it (claimed it, listened to
  it, and with the next issue scored it) for the timeout: it stops holding
  the call at once, and the next change anyone makes records it as ended by
  `timeout` at the moment it went stale;
- only the holder releases a claim or marks the call reviewed; marking it
  reviewed ends the claim as `done`.

A sample's **status** is `done` when something says it was reviewed (a `Done`:
the reviewer's "mark reviewed", or an evaluation of the call submitted, each
with its own `how`), else `in progress` while a live claim holds it, else
`new`. Pure: times are given in, nothing is read or written here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from floortui.config.review import ReviewSettings

#: `Done.how` of a call its reviewer marked reviewed...
MARKED_REVIEWED = "marked reviewed"
#: ...and of a call whose evaluation was submitted (the store's EVALUATION_SUBMITTED).
EVALUATED = "evaluation submitted"
LISTENED = "listened"


class ReviewStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in progress"
    DONE = "done"


class ClaimRefused(Exception):
    """A claim change the rules refuse; the message is one line for the reviewer."""


@dataclass(frozen=True)
class ClaimRules:
    max_open_claims: int = 3
    timeout_s: int = 30 * 60

    @classmethod
    def from_settings(cls, settings: ReviewSettings) -> ClaimRules:
        return cls(settings.max_open_claims, settings.claim_timeout_s)


@dataclass(frozen=True)
class Claim:
    """One claim as stored: who holds which sample since when, and how it ended, if it did."""

    id: int
    sample_id: int
    reviewer: str
    claimed_at: int
    last_activity_at: int
    ended_at: int | None = None
    why: str | None = None
    ended_by: str | None = None

    @property
    def is_open(self) -> bool:
        """Not ended by a stored row (it may still be stale)."""
        return self.ended_at is None

    def stale_at(self, rules: ClaimRules) -> int:
        return self.last_activity_at + rules.timeout_s

    def is_live(self, now: float, rules: ClaimRules) -> bool:
        """Still holding the call: not ended, and touched within the timeout."""
        return self.is_open and now < self.stale_at(rules)

    def ended(self, now: float, rules: ClaimRules) -> tuple[int, str] | None:
        """(when, why) the claim stopped holding the call: as stored, or stale since."""
        if self.ended_at is not None:
            return self.ended_at, self.why or ""
        if not self.is_live(now, rules):
            return self.stale_at(rules), "timeout"
        return None


@dataclass(frozen=True)
class Done:
    """A sample reviewed: by whom, when, and how it was decided (`MARKED_REVIEWED`, ...)."""

    sample_id: int
    by: str
    at: int
    how: str = MARKED_REVIEWED


@dataclass(frozen=True)
class SampleRef:
    """What the rules need of a sample: its id, the member heard, the reviewer given it."""

    id: int
    member: str
    reviewer: str | None = None


@dataclass(frozen=True)
class ClaimPlan:
    """What one change writes (the store's ClaimPlan)."""

    timeouts: tuple[tuple[int, int], ...] = ()
    new_claim: bool = False
    end: tuple[int, str] | None = None
    done: str | None = None
    touch: int | None = None
    touch_what: str = ""


def status_of(live: Claim | None, done: Done | None) -> ReviewStatus:
    """A sample's status from what decides it: reviewed beats claimed beats nothing."""
    if done is not None:
        return ReviewStatus.DONE
    if live is not None:
        return ReviewStatus.IN_PROGRESS
    return ReviewStatus.NEW


def live_claim(claims: Iterable[Claim], sample_id: int, now: float,
               rules: ClaimRules) -> Claim | None:  # fmt: skip
    """The claim holding `sample_id` now, if one does."""
    for claim in claims:
        if claim.sample_id == sample_id and claim.is_live(now, rules):
            return claim
    return None


def stale_claims(open_claims: Iterable[Claim], now: float,
                 rules: ClaimRules) -> tuple[tuple[int, int], ...]:  # fmt: skip
    """(claim id, the moment it went stale) of each open claim nobody touched in time."""
    return tuple(
        (c.id, c.stale_at(rules)) for c in open_claims if c.is_open and not c.is_live(now, rules)
    )


def _check_sample(sample: SampleRef | None) -> SampleRef:
    if sample is None:
        raise ClaimRefused("that sampled call is not in the store")
    return sample


def plan_claim(sample: SampleRef | None, open_claims: Sequence[Claim], done: Done | None,
               by: str, now: float, rules: ClaimRules) -> ClaimPlan:  # fmt: skip
    """Claim the sample for `by`, or refuse and say why."""
    sample = _check_sample(sample)
    timeouts = stale_claims(open_claims, now, rules)
    if done is not None:
        raise ClaimRefused(f"already done: reviewed by {done.by}")
    if sample.member == by:
        raise ClaimRefused("this is one of your own calls: another reviewer listens to it")
    holder = live_claim(open_claims, sample.id, now, rules)
    if holder is not None:
        if holder.reviewer == by:
            raise ClaimRefused("you have this call claimed already")
        raise ClaimRefused(f"claimed by {holder.reviewer}: pick another call")
    mine = [c for c in open_claims if c.reviewer == by and c.is_live(now, rules)]
    if len(mine) >= rules.max_open_claims:
        raise ClaimRefused(
            f"you hold {len(mine)} claims, the most at once ({rules.max_open_claims}):"
            " finish or release one (u) first"
        )
    return ClaimPlan(timeouts=timeouts, new_claim=True)


def _held_by(sample: SampleRef, open_claims: Sequence[Claim], by: str, now: float,
             rules: ClaimRules, doing: str) -> Claim:  # fmt: skip
    holder = live_claim(open_claims, sample.id, now, rules)
    if holder is None:
        raise ClaimRefused(f"not claimed: claim it (c) before you {doing}")
    if holder.reviewer != by:
        raise ClaimRefused(f"claimed by {holder.reviewer}: only they can {doing}")
    return holder


def plan_release(sample: SampleRef | None, open_claims: Sequence[Claim], done: Done | None,
                 by: str, now: float, rules: ClaimRules) -> ClaimPlan:  # fmt: skip
    """The holder gives the call back to the queue."""
    sample = _check_sample(sample)
    holder = _held_by(sample, open_claims, by, now, rules, "release it")
    return ClaimPlan(timeouts=stale_claims(open_claims, now, rules), end=(holder.id, "released"))


def plan_reviewed(sample: SampleRef | None, open_claims: Sequence[Claim], done: Done | None,
                  by: str, now: float, rules: ClaimRules) -> ClaimPlan:  # fmt: skip
    """The holder marks the call reviewed: it is done, and the claim ends as done."""
    sample = _check_sample(sample)
    if done is not None:
        raise ClaimRefused(f"already done: reviewed by {done.by}")
    holder = _held_by(sample, open_claims, by, now, rules, "mark it reviewed")
    return ClaimPlan(
        timeouts=stale_claims(open_claims, now, rules),
        end=(holder.id, "done"),
        done=MARKED_REVIEWED,
    )


def plan_touch(sample: SampleRef | None, open_claims: Sequence[Claim], done: Done | None,
               by: str, now: float, rules: ClaimRules,
               what: str = LISTENED) -> ClaimPlan:  # fmt: skip
    """The holder did something with the call (listened): the claim's timeout starts again."""
    sample = _check_sample(sample)
    holder = _held_by(sample, open_claims, by, now, rules, "work on it")
    return ClaimPlan(
        timeouts=stale_claims(open_claims, now, rules), touch=holder.id, touch_what=what
    )
