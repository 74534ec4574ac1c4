"""Properties of a calibration's spread for any reviewers' scores (hypothesis)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from floortui.config.rubric import DEFAULT_GRADES
from floortui.domain.calibration import calibrate
from floortui.domain.scoring import score_form
from tests.test_scoring_properties import forms


@st.composite
def sessions(draw):
    form = draw(forms())
    reviewers = [f"r{n}" for n in range(draw(st.integers(2, 5)))]
    answers = {}
    for reviewer in reviewers:
        answers[reviewer] = {
            item.id: draw(st.one_of(st.none(), st.integers(0, item.points_max))
                          if item.na_allowed else st.integers(0, item.points_max))
            for _, item in form.items()
        }  # fmt: skip
    band = draw(st.sampled_from([0, 2.5, 5, 10]))
    return form, answers, band


@settings(max_examples=200, deadline=None)
@given(sessions())
def test_spread_and_band(session) -> None:
    form, answers, band = session
    totals = {r: float(score_form(form, a, DEFAULT_GRADES).total) for r, a in answers.items()}
    result = calibrate(form, answers, totals, band)
    for item in result.items:
        given_points = [p for p in item.points.values() if p is not None]
        assert item.spread == (max(given_points) - min(given_points) if given_points else 0)
        if given_points:
            assert min(given_points) <= item.mean <= max(given_points)
            assert sum(item.deviation(r) or 0 for r in answers) == 0
    assert result.spread_total == round(max(totals.values()) - min(totals.values()), 1)
    for reviewer in answers:
        outside = abs(Fraction(str(totals[reviewer])) - result.mean_total) > Fraction(str(band))
        assert (reviewer in result.outside) is outside
    if len(set(totals.values())) == 1:
        assert result.outside == []  # everyone agrees: nobody is outside any band
