"""`rubric:`: the centre's written QA standard as scoring forms, and the grade bands.

Our QA rules (issue 10 §1): each indicator is scored and the scores summed
to a total; each indicator's score and the total fall into four grades; the
centre sets the weights and adjusts them as needed; a fatal error fails the
call whatever else was done well. So a form is sections with weights summing
to 100, each section a list of items scored by points (0..max) or yes / no,
each item with the guidance the reviewer reads while scoring, whether N/A
is allowed, and whether failing it is critical (a fatal error).

A form is chosen for a call by its queue (`queues`) or by the member's
project (`campaign`). A rubric that cannot be scored (weights not summing
to 100, the same item id twice in a form, a points item with no max) is a
config error naming the key, like every other config mistake.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from floortui.config.base import _Section

#: The section weights of a form add up to this.
WEIGHTS_TOTAL = 100


def config_error_at(where: tuple[int | str, ...], expected: str, show: bool = True):
    """An error `_describe` reports at `where` below the failing model, "expected ..."."""
    return PydanticCustomError(
        "config_at", "{expected}", {"at": where, "expected": expected, "show": show}
    )


class GradeBand(_Section):
    """One grade: a score (0-100) of at least `min` gets this grade, if no higher one fits."""

    name: str = Field(min_length=1, description="The grade's name, e.g. 优秀 (Excellent).")
    min: float = Field(ge=0, le=100, description="The lowest score (0-100) with this grade.")


#: Our standard's four grades: 优秀 Excellent, 良好 Good, 合格 Pass, 不合格 Fail.
DEFAULT_GRADES = (
    GradeBand(name="优秀", min=90),
    GradeBand(name="良好", min=80),
    GradeBand(name="合格", min=60),
    GradeBand(name="不合格", min=0),
)


class RubricItem(_Section):
    """One indicator the reviewer scores."""

    id: str = Field(min_length=1, description="A short id, unique in its form (CSV columns).")
    label: str = Field(min_length=1, description="What the reviewer checks, in a few words.")
    kind: Literal["points", "yes_no"] = Field(
        "points", description="points: 0..max; yes_no: yes (met, 1 point) or no (0)."
    )
    max: int | None = Field(
        None, ge=1, le=100, description="points: the most points it gives; yes_no: 1 (or unset)."
    )
    guidance: str = Field("", description="What meets the standard: shown beside the item.")
    na_allowed: bool = Field(False, description="The item may be scored N/A (not applicable).")
    critical: bool = Field(
        False, description="A fatal error: 0 points or no fails the whole evaluation."
    )

    @model_validator(mode="after")
    def _has_a_max(self) -> RubricItem:
        if self.kind == "points" and self.max is None:
            raise config_error_at(
                ("max",), "the most points this item gives (a points item needs a max)", False
            )
        if self.kind == "yes_no" and self.max not in (None, 1):
            raise config_error_at(("max",), "1 or no max at all for a yes_no item")
        return self

    @property
    def points_max(self) -> int:
        """The most points it gives: a yes is 1."""
        return 1 if self.kind == "yes_no" else int(self.max or 0)


class RubricSection(_Section):
    """A part of the form with its share of the total."""

    name: str = Field(min_length=1, description="The section's name, e.g. service attitude.")
    weight: int = Field(
        ge=0,
        le=100,
        description="Its share of the 100-point total; 0 for a section of critical items only.",
    )
    items: list[RubricItem] = Field(min_length=1, description="The items scored in it.")


class RubricForm(_Section):
    """One scoring form, for some queues or a campaign."""

    name: str = Field(min_length=1, description="The form's name, e.g. inbound service.")
    queues: list[str] = Field(default_factory=list, description="Queues whose calls it scores.")
    campaign: str | None = Field(
        None, description="A project (agents' project:) whose members' calls it scores."
    )
    sections: list[RubricSection] = Field(min_length=1, description="The form's sections.")

    @model_validator(mode="after")
    def _scorable(self) -> RubricForm:
        weights = [s.weight for s in self.sections]
        if sum(weights) != WEIGHTS_TOTAL:
            shown = " + ".join(str(w) for w in weights)
            raise config_error_at(
                ("sections",),
                f"section weights summing to {WEIGHTS_TOTAL} (they sum to {shown} ="
                f" {sum(weights)})",
                False,
            )
        seen: dict[str, str] = {}
        for s_index, section in enumerate(self.sections):
            for i_index, item in enumerate(section.items):
                where = f"sections[{s_index}].items[{i_index}]"
                if item.id in seen:
                    raise config_error_at(
                        ("sections", s_index, "items", i_index, "id"),
                        f"an item id no other item of the form has, but {seen[item.id]} has it",
                    )
                seen[item.id] = where
        return self

    def items(self) -> list[tuple[RubricSection, RubricItem]]:
        """Every item with its section, in form order."""
        return [(section, item) for section in self.sections for item in section.items]

    def item(self, item_id: str) -> RubricItem | None:
        return next((i for _, i in self.items() if i.id == item_id), None)


class RubricSettings(_Section):
    """The scoring forms and the grade bands."""

    forms: list[RubricForm] = Field(default_factory=list, description="The scoring forms.")
    grades: list[GradeBand] = Field(
        default_factory=lambda: list(DEFAULT_GRADES),
        description="Grades from the highest: a score gets the first whose min it reaches.",
    )

    @model_validator(mode="after")
    def _usable(self) -> RubricSettings:
        names = [f.name for f in self.forms]
        for index, name in enumerate(names):
            if name in names[:index]:
                raise config_error_at(("forms", index, "name"), "a form name no other form has")
        queues: dict[str, str] = {}
        for index, form in enumerate(self.forms):
            for q_index, queue in enumerate(form.queues):
                if queue in queues:
                    raise config_error_at(
                        ("forms", index, "queues", q_index),
                        f"a queue no other form scores, but {queues[queue]!r} scores it",
                    )
                queues[queue] = form.name
        mins = [g.min for g in self.grades]
        if not mins:
            raise config_error_at(("grades",), "at least one grade, the last with min 0", False)
        if any(later >= earlier for earlier, later in pairwise(mins)):
            raise config_error_at(("grades",), "grades from the highest min to the lowest", False)
        if mins[-1] != 0:
            raise config_error_at(
                ("grades", len(mins) - 1, "min"), "0 for the last grade, so every score has one"
            )
        return self

    def form(self, name: str) -> RubricForm | None:
        return next((f for f in self.forms if f.name == name), None)

    def form_for(self, queue: str | None, project: str | None = None) -> RubricForm | None:
        """The form scoring a call of `queue` (or of a member of `project`)."""
        for form in self.forms:
            if queue is not None and queue in form.queues:
                return form
        for form in self.forms:
            if project is not None and form.campaign == project:
                return form
        return None
