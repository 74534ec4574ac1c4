"""`review:`: how the QA review queue shares the day's sample among the people who listen.

A claim locks a sampled call to one reviewer while they listen and score it,
so two reviewers never score the same call. Our rules: at most
`max_open_claims` calls held at once by one person (a reviewer works through
their queue, not hoards it), and a claim nobody has touched for
`claim_timeout_minutes` goes back to the queue (someone went to lunch with
three calls claimed).
"""

from __future__ import annotations

from pydantic import Field

from floortui.config.base import _Section


class ReviewSettings(_Section):
    """The review queue's claim rules."""

    max_open_claims: int = Field(
        3,
        ge=1,
        le=100,
        description="At most this many sampled calls claimed at once by one person; done "
        "or released calls do not count.",
    )
    claim_timeout_minutes: int = Field(
        30,
        ge=1,
        le=24 * 60,
        description="A claim with no activity (claimed, listened to, scored) for this many "
        "minutes is released, recorded as released by timeout.",
    )

    @property
    def claim_timeout_s(self) -> int:
        return self.claim_timeout_minutes * 60
