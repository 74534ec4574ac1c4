"""Calibration: one call scored blind by several reviewers, and how far apart they read it.

Our QA rules: reviewers are calibrated regularly so they read the standard
the same way. A QA lead gives a call to several reviewers; each scores it
without seeing the others (blind: nothing of the group shows until everyone
has scored); then per item each reviewer's points against the group's
average and the spread (highest − lowest), and per reviewer the total
against the group's average total: further than the band (±5 points by
default) is outside it. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from floortui.config.rubric import RubricForm
from floortui.config.users import UserSettings
from floortui.domain.evaluation import QA_LEAD, SCORERS, EvaluationRefused
from floortui.domain.scoring import Answer


def check_start(user: UserSettings, reviewers: Sequence[str],
                scorers: Sequence[str]) -> None:  # fmt: skip
    """A QA lead gives the call to two or more reviewers (users who score)."""
    if user.role != QA_LEAD:
        raise EvaluationRefused("only a QA lead starts a calibration")
    if len(set(reviewers)) < 2:
        raise EvaluationRefused("a calibration needs at least two reviewers")
    for name in reviewers:
        if name not in scorers:
            raise EvaluationRefused(f"{name} is not a reviewer or QA lead under users:")


def check_score(user: UserSettings, reviewers: Sequence[str], scored: Sequence[str]) -> None:
    if user.role not in SCORERS or user.name not in reviewers:
        raise EvaluationRefused("this calibration was not given to you")
    if user.name in scored:
        raise EvaluationRefused("you scored this calibration already; scores are final")


@dataclass(frozen=True)
class ItemSpread:
    item: str
    label: str
    #: reviewer → points (None: N/A)
    points: dict[str, Answer]
    #: The group's average points over those who scored it (None: all N/A).
    mean: Fraction | None
    #: Highest − lowest points given (0 when fewer than two scored it).
    spread: int

    def deviation(self, reviewer: str) -> Fraction | None:
        points = self.points.get(reviewer)
        if points is None or self.mean is None:
            return None
        return points - self.mean


@dataclass(frozen=True)
class Calibration:
    """A session's outcome, shown once every reviewer has scored."""

    items: list[ItemSpread]
    #: reviewer → total (0-100)
    totals: dict[str, float]
    mean_total: Fraction
    spread_total: float
    band_points: float
    #: Reviewers whose total is further than the band from the group's average.
    outside: list[str]

    def deviation(self, reviewer: str) -> Fraction:
        return Fraction(str(self.totals[reviewer])) - self.mean_total


def calibrate(form: RubricForm, answers: Mapping[str, Mapping[str, Answer]],
              totals: Mapping[str, float], band_points: float) -> Calibration:  # fmt: skip
    """The spread per item and per total of every reviewer's scores (`answers`: reviewer →
    item → points), and who is outside ±`band_points` of the group's average total."""
    reviewers = list(answers)
    items = []
    for _, item in form.items():
        points = {r: answers[r].get(item.id) for r in reviewers}
        given = [p for p in points.values() if p is not None]
        mean = Fraction(sum(given), len(given)) if given else None
        spread = max(given) - min(given) if len(given) > 1 else 0
        items.append(ItemSpread(item.id, item.label, points, mean, spread))
    values = {r: float(totals[r]) for r in reviewers}
    mean_total = sum((Fraction(str(v)) for v in values.values()), Fraction(0)) / max(len(values), 1)
    band = Fraction(str(band_points))
    outside = [r for r in reviewers if abs(Fraction(str(values[r])) - mean_total) > band]
    spread_total = max(values.values()) - min(values.values()) if values else 0.0
    return Calibration(items, values, mean_total, round(spread_total, 1), band_points, outside)


def blind_view(reviewers: Sequence[str], scored: Sequence[str], viewer: str | None) -> str:
    """What `viewer` may see of the session: `all` once everyone scored, else `own` (a
    reviewer who scored sees only their own) or `none`."""
    if set(reviewers) <= set(scored):
        return "all"
    return "own" if viewer in scored else "none"


@dataclass(frozen=True)
class SessionView:
    """A session as `viewer` may see it: blind until everyone has scored."""

    id: int
    callid: str
    form: str
    reviewers: list[str]
    scored: list[str]
    #: `all`, `own` or `none` (floortui.domain.calibration.blind_view)
    shows: str
    #: The viewer's own answers once they scored.
    own: dict[str, Answer] | None
    #: The spread, only once every reviewer has scored.
    result: Calibration | None
