"""Properties of the scoring arithmetic that hold for any form and any answers (hypothesis)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from floortui.config.rubric import DEFAULT_GRADES, RubricForm
from floortui.domain.scoring import score_form


@st.composite
def forms(draw) -> RubricForm:
    """A valid form: 1-4 sections whose weights sum to 100, 1-4 items each."""
    count = draw(st.integers(1, 4))
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=count - 1, max_size=count - 1)))
    weights = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    sections, n = [], 0
    for s_index, weight in enumerate(weights):
        items = []
        for _ in range(draw(st.integers(1, 4))):
            n += 1
            yes_no = draw(st.booleans())
            item = {"id": f"i{n}", "label": f"item {n}", "na_allowed": draw(st.booleans()),
                    "critical": draw(st.integers(0, 9)) == 0}  # fmt: skip
            if yes_no:
                item["kind"] = "yes_no"
            else:
                item["max"] = draw(st.integers(1, 10))
            items.append(item)
        sections.append({"name": f"s{s_index}", "weight": weight, "items": items})
    return RubricForm.model_validate({"name": "any", "sections": sections})


@st.composite
def scored(draw) -> tuple[RubricForm, dict]:
    form = draw(forms())
    answers = {}
    for _, item in form.items():
        choices = st.integers(0, item.points_max)
        if item.na_allowed:
            choices = st.one_of(st.none(), choices)
        answers[item.id] = draw(choices)
    return form, answers


@settings(max_examples=300, deadline=None)
@given(scored())
def test_totals_stay_within_0_and_100(case) -> None:
    form, answers = case
    score = score_form(form, answers, DEFAULT_GRADES)
    assert Decimal(0) <= score.total <= score.total_before_critical <= Decimal(100)
    assert score.total == score.total_before_critical or score.critical_failed
    if score.critical_failed:
        assert score.total == 0 and score.grade == "不合格"


@settings(max_examples=300, deadline=None)
@given(scored())
def test_the_sections_add_up_to_the_total(case) -> None:
    form, answers = case
    score = score_form(form, answers, DEFAULT_GRADES)
    raw = sum((s.exact_score for s in score.sections if s.possible), Fraction(0))
    assert abs(raw - Fraction(score.total_before_critical)) <= Fraction(1, 20)
    used = sum((s.weight_used for s in score.sections), Fraction(0))
    if any(s.possible and s.weight for s in score.sections):
        assert used == 100  # the weights still scored share all 100


@settings(max_examples=300, deadline=None)
@given(scored(), st.data())
def test_na_of_an_item_never_changes_the_other_sections_relative_scores(case, data) -> None:
    form, answers = case
    allowed = [
        item.id for _, item in form.items() if item.na_allowed and answers[item.id] is not None
    ]
    assume(allowed)
    chosen = data.draw(st.sampled_from(allowed))
    before = score_form(form, answers, DEFAULT_GRADES)
    after = score_form(form, {**answers, chosen: None}, DEFAULT_GRADES)
    home = next(s.name for s in form.sections if any(i.id == chosen for i in s.items))
    others = [(b, a) for b, a in zip(before.sections, after.sections, strict=True)
              if b.name != home]  # fmt: skip
    for b, a in others:
        assert a.percent == b.percent and a.grade == b.grade
    # Between any two other sections, the weights they count with keep their ratio.
    for (b1, a1), (b2, a2) in pairwise(others):
        assert b1.weight_used * a2.weight_used == a1.weight_used * b2.weight_used


@settings(max_examples=300, deadline=None)
@given(scored(), st.data())
def test_more_points_never_lower_the_total(case, data) -> None:
    form, answers = case
    raisable = [item for _, item in form.items()
                if answers[item.id] is not None and answers[item.id] < item.points_max]  # fmt: skip
    assume(raisable)
    item = data.draw(st.sampled_from(raisable))
    before = score_form(form, answers, DEFAULT_GRADES)
    after = score_form(form, {**answers, item.id: answers[item.id] + 1}, DEFAULT_GRADES)
    assert after.total_before_critical >= before.total_before_critical


@settings(max_examples=200, deadline=None)
@given(forms())
def test_full_marks_are_100(form) -> None:
    score = score_form(form, {i.id: i.points_max for _, i in form.items()}, DEFAULT_GRADES)
    scored_weight = sum(s.weight for s in form.sections)
    assert score.total == (100 if scored_weight else 0) and not score.critical_failed
