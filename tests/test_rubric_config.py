"""`rubric:`: the demo's two forms from our standard, a rubric that cannot score named by key,
and `floortui rubric show`'s JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from floortui.config import ConfigError, load_config, parse_config

CONFIG = Path(__file__).parents[1] / "config.yaml"


def _form(**changes) -> dict:
    form = {
        "name": "f",
        "queues": ["support"],
        "sections": [
            {"name": "a", "weight": 60, "items": [{"id": "x", "label": "X", "max": 5}]},
            {"name": "b", "weight": 40, "items": [{"id": "y", "label": "Y", "kind": "yes_no"}]},
        ],
    }
    form.update(changes)
    return form


def _message(rubric: dict) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config({"rubric": rubric})
    return str(caught.value).removeprefix("config.yaml: ")


def test_the_demo_forms_are_our_standard() -> None:
    rubric = load_config(CONFIG).rubric
    inbound, outbound = rubric.form("inbound service"), rubric.form("outbound sales")
    counts = {s.name: len(s.items) for s in inbound.sections}
    assert counts == {"service attitude": 8, "handling skill": 5, "opening and closing": 4,
                      "critical": 2}  # fmt: skip
    assert [i.id for _, i in inbound.items() if i.critical] == [
        "no_serious_violation", "no_false_registration",
    ]  # fmt: skip
    forbidden = inbound.item("no_forbidden_tone").guidance
    for phrase in ("這事不歸我們管,我也不知道", "我不清楚", "不能辦,我也沒辦法",
                   "我們向來都這樣的", "不是已經跟你講過了嗎,還要問"):  # fmt: skip
        assert phrase in forbidden
    assert "您好" in inbound.item("polite_phrases").guidance
    critical = [i.id for _, i in outbound.items() if i.critical]
    assert critical == ["no_sign_up_after_refusal", "not_elderly_or_child", "clear_consent",
                        "one_account_holder"]  # fmt: skip
    consent = outbound.item("clear_consent").guidance
    assert "嗯" in consent and "Accepted consent phrases" in consent
    assert outbound.item("no_forced_selling") is not None
    assert rubric.form_for("sales") is outbound
    assert rubric.form_for("support") is inbound and rubric.form_for("billing") is inbound
    assert [(g.name, g.min) for g in rubric.grades] == [
        ("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0),
    ]  # fmt: skip


def test_defaults_when_no_rubric() -> None:
    rubric = parse_config({}).rubric
    assert rubric.forms == []
    assert [g.name for g in rubric.grades] == ["优秀", "良好", "合格", "不合格"]


@pytest.mark.parametrize(
    ("rubric", "message"),
    [
        ({"forms": [_form(sections=[
            {"name": "a", "weight": 60, "items": [{"id": "x", "label": "X", "max": 5}]},
            {"name": "b", "weight": 30, "items": [{"id": "y", "label": "Y", "max": 5}]}])]},
         "rubric.forms[0].sections: expected section weights summing to 100 (they sum to "
         "60 + 30 = 90)"),
        ({"forms": [_form(sections=[
            {"name": "a", "weight": 60, "items": [{"id": "x", "label": "X", "max": 5}]},
            {"name": "b", "weight": 40, "items": [{"id": "x", "label": "Y", "max": 5}]}])]},
         "rubric.forms[0].sections[1].items[0].id = 'x': expected an item id no other item of "
         "the form has, but sections[0].items[0] has it"),
        ({"forms": [_form(sections=[
            {"name": "a", "weight": 100, "items": [{"id": "x", "label": "X"}]}])]},
         "rubric.forms[0].sections[0].items[0].max: expected the most points this item gives "
         "(a points item needs a max)"),
        ({"forms": [_form(sections=[
            {"name": "a", "weight": 100, "items": [{"id": "x", "label": "X", "max": 0}]}])]},
         "rubric.forms[0].sections[0].items[0].max = 0: expected a number of at least 1"),
        ({"forms": [_form(sections=[
            {"name": "a", "weight": 100, "items": [{"id": "x", "label": "X", "kind": "stars",
                                                    "max": 3}]}])]},
         "rubric.forms[0].sections[0].items[0].kind = 'stars': expected points or yes_no"),
        ({"forms": [_form(), _form(name="g")]},
         "rubric.forms[1].queues[0] = 'support': expected a queue no other form scores, but "
         "'f' scores it"),
        ({"forms": [_form(), _form(queues=[])]},
         "rubric.forms[1].name = 'f': expected a form name no other form has"),
        ({"grades": [{"name": "pass", "min": 60}]},
         "rubric.grades[0].min = 60: expected 0 for the last grade, so every score has one"),
        ({"grades": [{"name": "ok", "min": 50}, {"name": "top", "min": 90},
                     {"name": "no", "min": 0}]},
         "rubric.grades: expected grades from the highest min to the lowest"),
        ({"forms": [_form(sections=[
            {"name": "a", "weight": 100, "items": [{"id": "x", "label": "X", "max": 5,
                                                    "weigth": 2}]}])]},
         "rubric.forms[0].sections[0].items[0].weigth: unknown key (check the spelling; see "
         "config.yaml's comments)"),
    ],
)  # fmt: skip
def test_a_rubric_that_cannot_score_names_its_key(rubric: dict, message: str) -> None:
    assert _message(rubric) == message


def test_rubric_show_json_is_the_contract(run) -> None:
    status, out, _ = run("--config", str(CONFIG), "rubric", "show", "--format", "json")
    assert status == 0
    shown = json.loads(out)
    assert set(shown) == {"forms", "grades"}
    assert shown["grades"][0] == {"name": "优秀", "min": 90}
    form = shown["forms"][0]
    assert set(form) == {"name", "queues", "sections"}
    assert form["name"] == "inbound service" and form["queues"] == ["support", "billing"]
    section = form["sections"][2]
    assert set(section) == {"name", "weight", "items"} and section["weight"] == 25
    assert section["items"][0] == {"id": "gives_number", "label": "Gives their number clearly",
                                   "kind": "yes_no", "max": 1, "critical": False,
                                   "na_allowed": False}  # fmt: skip


def test_rubric_show_one_form_and_a_table(run) -> None:
    status, out, _ = run("--config", str(CONFIG), "rubric", "show", "--form", "outbound sales",
                         "--format", "json")  # fmt: skip
    assert status == 0 and [f["name"] for f in json.loads(out)["forms"]] == ["outbound sales"]
    status, out, _ = run("--config", str(CONFIG), "rubric", "show")
    assert status == 0 and "no_forced_selling" in out and "CRITICAL" in out
    assert "优秀 ≥ 90" in out


def test_rubric_show_an_unknown_form_is_one_line(run) -> None:
    status, _, err = run("--config", str(CONFIG), "rubric", "show", "--form", "nope")
    assert status == 2
    assert err == ("floortui rubric: no form 'nope' under rubric.forms (forms: 'inbound service',"
                   " 'outbound sales')\n")  # fmt: skip
