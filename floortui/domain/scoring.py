"""A scored form's arithmetic: section scores, the total, critical failure, grades.

The contract (issue 10 §2), kept exact: sums are `Fraction`s (a weight
passed on in thirds stays a third) and the one rounding, half up, gives a
`Decimal`, so a total never depends on binary floats or on Python's
round-half-even `round()` (81.25 is 81.3, never 81.2):

- a section's score is its weight × (points got ÷ points possible) over its
  scored items; an item scored N/A leaves both sums, so its share goes to
  the section's other items;
- a section whose items are all N/A passes its weight to the other sections
  in proportion to their weights (each then counts weight × 100 ÷ the
  weights still scored);
- the total is the sum of the section scores, 0-100, rounded half up to
  one decimal (the section scores shown are rounded the same way, each on
  its own, so they may sum to a tenth off the total);
- any critical item failed (0 points, or "no") makes the evaluation
  `critical_failed`: total 0 and the lowest grade, while
  `total_before_critical` keeps the arithmetic;
- grades come from the bands, the total's from the rounded total, each
  section's from its points got ÷ possible × 100 (its score ÷ the weight it
  counted with × 100).

Pure: no Textual, no SQL; answers are given in, a `Score` comes out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import floor

from floortui.config.rubric import GradeBand, RubricForm, RubricItem

#: An item's answer: points (a yes is 1, a no 0), or None for N/A.
Answer = int | None

_TENTH = Decimal("0.1")
YES, NO, NA = "yes", "no", "na"


class ScoreError(ValueError):
    """Answers the form cannot take; the message is one line naming the item."""


def half_up(value: Decimal | Fraction) -> Decimal:
    """`value` (0 or more) to one decimal, halves rounded up (87.25 → 87.3), exactly."""
    if isinstance(value, Fraction):
        return (Decimal(floor(value * 10 + Fraction(1, 2))) / 10).quantize(_TENTH)
    return value.quantize(_TENTH, rounding=ROUND_HALF_UP)


def grade_of(score: Decimal | Fraction | float, grades: Sequence[GradeBand]) -> str:
    """The first band (from the highest) whose min `score` reaches."""
    value = Fraction(str(score)) if isinstance(score, float) else Fraction(score)
    for band in grades:
        if value >= Fraction(str(band.min)):
            return band.name
    return grades[-1].name


def parse_answer(item: RubricItem, raw: object) -> Answer:
    """An answer as typed or imported: points, yes / no, or na (N/A); ScoreError if unusable."""
    text = str(raw).strip().lower() if raw is not None else ""
    if text in ("na", "n/a"):
        if not item.na_allowed:
            raise ScoreError(f"{item.id}: N/A is not allowed for this item")
        return None
    if item.kind == "yes_no":
        if text in (YES, "y", "1", "true"):
            return 1
        if text in (NO, "n", "0", "false"):
            return 0
        raise ScoreError(f"{item.id}: {raw!r} is not yes, no or na")
    try:
        points = int(text)
    except ValueError:
        raise ScoreError(f"{item.id}: {raw!r} is not points (0-{item.points_max}) or na") from None
    return check_points(item, points)


def check_points(item: RubricItem, points: Answer) -> Answer:
    """`points` if the item can be given them; ScoreError (naming the item) if not."""
    if points is None:
        if not item.na_allowed:
            raise ScoreError(f"{item.id}: N/A is not allowed for this item")
        return None
    if isinstance(points, bool) or not isinstance(points, int):
        raise ScoreError(f"{item.id}: {points!r} is not a whole number of points")
    if not 0 <= points <= item.points_max:
        raise ScoreError(f"{item.id}: {points} points is above its max of {item.points_max}"
                         if points > 0 else f"{item.id}: {points} points is below 0")  # fmt: skip
    return points


def check_answers(form: RubricForm, answers: Mapping[str, Answer], *,
                  complete: bool = True) -> dict[str, Answer]:  # fmt: skip
    """The answers in form order, checked; `complete` requires every item to be answered."""
    known = {item.id: item for _, item in form.items()}
    for item_id in answers:
        if item_id not in known:
            raise ScoreError(f"{item_id}: no such item on the form {form.name!r}")
    checked: dict[str, Answer] = {}
    for item_id, item in known.items():
        if item_id not in answers:
            if complete:
                raise ScoreError(f"{item_id}: not scored yet (points, yes/no or N/A)")
            continue
        checked[item_id] = check_points(item, answers[item_id])
    return checked


@dataclass(frozen=True)
class SectionScore:
    """One section's result: None for score and grade when every item was N/A."""

    name: str
    weight: int
    #: The weight it counted with, after all-N/A sections passed theirs on.
    weight_used: Fraction
    got: int
    possible: int
    score: Decimal | None
    grade: str | None

    @property
    def percent(self) -> Fraction | None:
        """Points got ÷ possible × 100: what its grade is read from."""
        if not self.possible:
            return None
        return Fraction(self.got * 100, self.possible)

    @property
    def exact_score(self) -> Fraction | None:
        if not self.possible:
            return None
        return self.weight_used * self.got / self.possible


@dataclass(frozen=True)
class Score:
    """A form scored: what an evaluation stores and shows."""

    form: str
    total: Decimal
    total_before_critical: Decimal
    grade: str
    critical_failed: bool
    #: Ids of the critical items failed.
    failed_critical: tuple[str, ...]
    sections: tuple[SectionScore, ...]
    #: Item id → points (None: N/A), in form order; items not yet scored are absent.
    items: dict[str, Answer] = field(default_factory=dict)

    def section_scores(self) -> dict[str, float | None]:
        """Section name → score (one decimal), None when all N/A: the report's `sections`."""
        return {s.name: None if s.score is None else float(s.score) for s in self.sections}


def score_form(form: RubricForm, answers: Mapping[str, Answer], grades: Sequence[GradeBand], *,
               complete: bool = True) -> Score:  # fmt: skip
    """Score `answers` on `form` (a draft: `complete=False` leaves unscored items out)."""
    checked = check_answers(form, answers, complete=complete)
    sums = []
    for section in form.sections:
        got = possible = 0
        for item in section.items:
            points = checked.get(item.id)
            if points is None:  # N/A, or not scored yet
                continue
            got += points
            possible += item.points_max
        sums.append((section, got, possible))
    scored_weight = sum(section.weight for section, _, possible in sums if possible)
    sections, total = [], Fraction(0)
    for section, got, possible in sums:
        if not possible:
            sections.append(SectionScore(section.name, section.weight, Fraction(0), got,
                                         possible, None, None))  # fmt: skip
            continue
        # Nothing weighted left to score (only critical items): the total is 0.
        used = Fraction(section.weight * 100, scored_weight) if scored_weight else Fraction(0)
        raw = used * got / possible
        total += raw
        percent = half_up(Fraction(got * 100, possible))
        sections.append(SectionScore(section.name, section.weight, used, got, possible,
                                     half_up(raw), grade_of(percent, grades)))  # fmt: skip
    before = half_up(total)
    failed = tuple(
        item.id for _, item in form.items() if item.critical and checked.get(item.id, 1) == 0
    )
    final = Decimal("0.0") if failed else before
    return Score(form=form.name, total=final, total_before_critical=before,
                 grade=grade_of(final, grades), critical_failed=bool(failed),
                 failed_critical=failed, sections=tuple(sections), items=checked)  # fmt: skip
