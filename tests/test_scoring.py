"""The scoring arithmetic on examples worked out by hand (tests/data/scoring/scoring_cases.yaml),
and on the demo's own forms."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from floortui.config import load_config
from floortui.config.rubric import DEFAULT_GRADES, RubricForm
from floortui.domain.scoring import (
    ScoreError,
    grade_of,
    half_up,
    parse_answer,
    score_form,
)

DATA = yaml.safe_load(
    (Path(__file__).parent / "data" / "scoring" / "scoring_cases.yaml").read_text("utf-8")
)
FORM = RubricForm.model_validate(DATA["form"])
CONFIG = load_config(Path(__file__).parents[1] / "config.yaml")


def answers_of(form: RubricForm, typed: dict) -> dict:
    return {item_id: parse_answer(form.item(item_id), raw) for item_id, raw in typed.items()}


@pytest.mark.parametrize("case", DATA["cases"], ids=[c["name"] for c in DATA["cases"]])
def test_a_hand_worked_case(case: dict) -> None:
    score = score_form(FORM, answers_of(FORM, case["answers"]), DEFAULT_GRADES)
    assert float(score.total) == case["total"]
    assert float(score.total_before_critical) == case["total_before_critical"]
    assert score.grade == case["grade"]
    assert score.critical_failed is case["critical_failed"]
    assert list(score.failed_critical) == case.get("failed_critical", [])
    assert score.section_scores() == case["sections"]
    assert {s.name: s.grade for s in score.sections} == case["section_grades"]


def test_half_up_is_not_round() -> None:
    assert half_up(Decimal("81.25")) == Decimal("81.3")
    assert round(81.25, 1) == 81.2  # what round() would have shown
    assert half_up(Decimal("78.125")) == Decimal("78.1")
    assert half_up(Decimal("0.05")) == Decimal("0.1")


def test_grades_from_the_bands() -> None:
    assert [grade_of(v, DEFAULT_GRADES) for v in (100, 90, 89.9, 80, 79.9, 60, 59.9, 0)] == [
        "优秀", "优秀", "良好", "良好", "合格", "合格", "不合格", "不合格",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("item", "raw", "message"),
    [
        ("a1", "6", "a1: 6 points is above its max of 5"),
        ("a1", "-1", "a1: -1 points is below 0"),
        ("a1", "na", "a1: N/A is not allowed for this item"),
        ("a1", "lots", "a1: 'lots' is not points (0-5) or na"),
        ("b1", "maybe", "b1: 'maybe' is not yes, no or na"),
    ],
)
def test_an_answer_the_item_cannot_take(item: str, raw: str, message: str) -> None:
    with pytest.raises(ScoreError) as caught:
        parse_answer(FORM.item(item), raw)
    assert str(caught.value) == message


def test_a_submitted_form_needs_every_item_and_only_its_items() -> None:
    full = answers_of(FORM, DATA["cases"][0]["answers"])
    missing = dict(full)
    del missing["c2"]
    with pytest.raises(ScoreError, match="c2: not scored yet"):
        score_form(FORM, missing, DEFAULT_GRADES)
    with pytest.raises(ScoreError, match="zz: no such item on the form 'handworked'"):
        score_form(FORM, {**full, "zz": 1}, DEFAULT_GRADES)
    draft = score_form(FORM, {"a1": 5, "a3": 5}, DEFAULT_GRADES, complete=False)
    # A draft scores what was scored so far: A 10/15 counts the whole 100.
    assert float(draft.total) == 66.7 and draft.grade == "合格"


def test_the_demo_inbound_form_a_false_registration_fails_a_perfect_call() -> None:
    form = CONFIG.rubric.form("inbound service")
    answers = {item.id: item.points_max for _, item in form.items()}
    assert float(score_form(form, answers, CONFIG.rubric.grades).total) == 100.0
    answers["no_false_registration"] = 0
    score = score_form(form, answers, CONFIG.rubric.grades)
    assert (float(score.total), float(score.total_before_critical), score.grade) == (
        0.0, 100.0, "不合格",
    )  # fmt: skip


def test_the_demo_sales_form_with_na_items() -> None:
    # language 20/20 × 30 = 30; attitude: re_explains and same_tone N/A, 4 items 16/20 × 45 = 36;
    # knowledge 5+4 = 9/10 × 25 = 22.5. Total 88.5: 良好.
    form = CONFIG.rubric.form("outbound sales")
    answers = {item.id: item.points_max for _, item in form.items()}
    answers.update(re_explains=None, same_tone_after_refusal=None, answers_fees=4, friendly=4,
                   never_impatient=4, no_forced_selling=4, answers_accurately=4)  # fmt: skip
    score = score_form(form, answers, CONFIG.rubric.grades)
    assert float(score.total) == 88.5 and score.grade == "良好"
    assert score.section_scores() == {"language": 30.0, "attitude": 36.0, "knowledge": 22.5,
                                      "critical": 0.0}  # fmt: skip
