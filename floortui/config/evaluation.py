"""`evaluation:`: what happens to a result after it is submitted.

Our QA rules: results go back to the member promptly (a team leader records
that they went through it with them; results still not fed back after
`feedback_days` are listed), a dispute on the member's behalf is raised
within `dispute_days`, and reviewers are calibrated regularly: one scoring
more than `calibration_band_points` away from the group's total on the same
call reads the standard differently.
"""

from __future__ import annotations

from pydantic import Field

from floortui.config.base import _Section


class EvaluationSettings(_Section):
    """Feedback, disputes and calibration rules for submitted evaluations."""

    feedback_days: int = Field(
        7, ge=1, le=90,
        description="A result not gone through with the member this many days after it was "
        "submitted is listed as feedback overdue.",
    )  # fmt: skip
    dispute_days: int = Field(
        7, ge=0, le=90,
        description="A team leader or supervisor may dispute a result up to this many days "
        "after it was submitted (0: no disputes).",
    )  # fmt: skip
    calibration_band_points: float = Field(
        5.0, ge=0, le=100,
        description="In a calibration, a reviewer whose total is further than this from the "
        "group's average total is outside the band.",
    )  # fmt: skip

    @property
    def feedback_s(self) -> int:
        return self.feedback_days * 86400

    @property
    def dispute_s(self) -> int:
        return self.dispute_days * 86400
