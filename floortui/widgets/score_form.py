"""The scoring form beside the player: the rubric's items, scored with the keyboard.

The reviewer moves with `↑` `↓`, scores the highlighted item with a digit
(its points, 0 up to its max), `y` / `n` (a yes/no item, or a points item's
max / 0), `x` (N/A, where the item allows it) and `⌫` (not scored yet); the
total and grade (floortui.domain.scoring, the same arithmetic a submitted
evaluation is stored with) follow every key. `c` asks for a comment on the
item, `m` pins a comment to the playhead, `S` submits. The widget stores
nothing: it posts `Changed` after each answer (the screen saves the draft)
and `CommentRequested`, `PinRequested`, `SubmitRequested` for the screen to
act on; a form that cannot be submitted yet says which item is missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from floortui.config.rubric import GradeBand, RubricForm, RubricItem
from floortui.domain.scoring import Answer, Score, ScoreError, half_up, score_form


def answer_text(item: RubricItem, answer: Answer | None, scored: bool) -> str:
    """`4/5`, `yes`, `no`, `N/A`, or `–` for an item not scored yet."""
    if not scored:
        return "–"
    if answer is None:
        return "N/A"
    if item.kind == "yes_no":
        return "yes" if answer else "no"
    return f"{answer}/{item.points_max}"


def total_text(score: Score, scored: int, items: int) -> str:
    """The form's bottom line: the total and grade once every item is scored; before that,
    the points so far out of the weight of the sections begun (a draft's total would pass
    the unscored sections' weight on, as all-N/A ones do, and read 100 after one item)."""
    if score.critical_failed:
        failed = ", ".join(score.failed_critical)
        return (f"critical failed ({failed}): total 0 (before {score.total_before_critical})"
                f" · {score.grade} · {scored} of {items} scored")  # fmt: skip
    if scored < items:
        begun = [s for s in score.sections if s.possible]
        got = sum((Fraction(s.weight * s.got, s.possible) for s in begun), Fraction(0))
        return (f"so far {half_up(got)} of {sum(s.weight for s in begun)}"
                f" · {scored} of {items} scored")  # fmt: skip
    return f"total {score.total} · {score.grade} · {scored} of {items} scored"


class FormItems(OptionList):
    """The form's items under their sections' headings; the keys score the highlighted one."""

    BINDINGS = [
        *(Binding(str(n), f"points({n})", f"{n} points", show=False) for n in range(10)),
        Binding("y", "answer('yes')", "Yes / max", tooltip="Yes, or the item's full points"),
        Binding("n", "answer('no')", "No / 0", tooltip="No, or 0 points"),
        Binding("x", "answer('na')", "N/A", tooltip="Not applicable (where the item allows)"),
        Binding("backspace", "answer('clear')", "Unscore", show=False),
        Binding("c", "comment", "Comment", tooltip="A comment on the highlighted item"),
        Binding("m", "pin", "Pin", tooltip="A comment pinned to the playhead's time"),
        Binding("S", "submit", "Submit", tooltip="Submit the evaluation (scored items checked)"),
    ]

    def action_points(self, points: int) -> None:
        self.parent_form.score_highlighted(points)

    def action_answer(self, what: str) -> None:
        self.parent_form.score_highlighted(what)

    def action_comment(self) -> None:
        item = self.parent_form.highlighted_item()
        if item is not None:
            self.post_message(ScoreForm.CommentRequested(item.id))

    def action_pin(self) -> None:
        self.post_message(ScoreForm.PinRequested())

    def action_submit(self) -> None:
        self.parent_form.request_submit()

    @property
    def parent_form(self) -> ScoreForm:
        return self.query_ancestor(ScoreForm)


class ScoreForm(Vertical):
    """A rubric form being scored; `answers` (item id → points, None for N/A) and
    `comments` (item id → text) are what a draft stores."""

    DEFAULT_CSS = """
    ScoreForm { height: 1fr; border: round $primary; }
    ScoreForm FormItems { height: 1fr; border: none; }
    ScoreForm #form-guidance { height: auto; max-height: 6; color: $text-muted; padding: 0 1; }
    ScoreForm #form-total { height: 1; padding: 0 1; text-style: bold; }
    ScoreForm #form-total.-failed { color: $text-error; }
    """

    class Changed(Message):
        """An answer changed: the screen saves the draft."""

        def __init__(self, answers: dict[str, Answer], score: Score) -> None:
            super().__init__()
            self.answers, self.score = answers, score

    class CommentRequested(Message):
        def __init__(self, item_id: str) -> None:
            super().__init__()
            self.item_id = item_id

    class PinRequested(Message):
        """`m`: a comment at the playhead (the screen knows the time)."""

    class SubmitRequested(Message):
        def __init__(self, score: Score) -> None:
            super().__init__()
            self.score = score

    def __init__(self, form: RubricForm, grades: Sequence[GradeBand],
                 answers: Mapping[str, Answer] | None = None,
                 comments: Mapping[str, str] | None = None,
                 *, id: str | None = None) -> None:  # fmt: skip
        super().__init__(id=id)
        self.form, self.grades = form, tuple(grades)
        self.answers: dict[str, Answer] = dict(answers or {})
        self.comments: dict[str, str] = dict(comments or {})
        self._items = [item for _, item in form.items()]
        self.border_title = f"Score: {form.name}"

    def compose(self) -> ComposeResult:
        yield FormItems(*self._options(), id="form-items")
        yield Static("", id="form-guidance")
        yield Static("", id="form-total")

    def on_mount(self) -> None:
        items = self.query_one(FormItems)
        first = next((i for i, key in enumerate(self._keys()) if key is not None), None)
        items.highlighted = first
        self._show_total()

    # -- what it shows --------------------------------------------------------------

    def _keys(self) -> list[str | None]:
        """Each option's item id, None for a section heading."""
        keys: list[str | None] = []
        for section in self.form.sections:
            keys.append(None)
            keys.extend(item.id for item in section.items)
        return keys

    def _options(self) -> list[Option]:
        score = self.score()
        by_name = {s.name: s for s in score.sections}
        options = []
        for section in self.form.sections:
            result = by_name[section.name]
            figure = "" if result.score is None else f" · {result.score} {result.grade}"
            options.append(Option(Content.from_markup(
                f"[b]$name[/b] [$text-muted]{section.weight} %{figure}[/]", name=section.name),
                disabled=True))  # fmt: skip
            for item in section.items:
                options.append(Option(self._item_line(item)))
        return options

    def _item_line(self, item: RubricItem) -> Content:
        scored = item.id in self.answers
        answer = answer_text(item, self.answers.get(item.id), scored)
        mark = "[$text-error]![/]" if item.critical else " "
        note = " [$text-muted]✎[/]" if self.comments.get(item.id) else ""
        colour = "$text-success" if scored else "$text-muted"
        return Content.from_markup(f"{mark} $label  [{colour}]$answer[/]{note}",
                                   label=item.label, answer=answer)  # fmt: skip

    def _redraw(self) -> None:
        items = self.query_one(FormItems)
        highlighted = items.highlighted
        items.set_options(self._options())
        items.highlighted = highlighted
        self._show_total()

    def _show_total(self) -> None:
        score = self.score()
        total = self.query_one("#form-total", Static)
        total.update(total_text(score, len(self.answers), len(self._items)))
        total.set_class(score.critical_failed, "-failed")
        item = self.highlighted_item()
        guidance = self.query_one("#form-guidance", Static)
        if item is None:
            guidance.update("")
            return
        how = f"0-{item.points_max} points" if item.kind == "points" else "y yes / n no"
        if item.na_allowed:
            how += ", x N/A"
        words = [item.guidance or item.label, f"({how})"]
        if self.comments.get(item.id):
            words.append(f"comment: {self.comments[item.id]}")
        guidance.update(Content(" ".join(words)))

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._show_total()

    # -- scoring --------------------------------------------------------------------

    def score(self) -> Score:
        """The arithmetic on what is scored so far (a draft: unscored items left out)."""
        return score_form(self.form, self.answers, self.grades, complete=False)

    def highlighted_item(self) -> RubricItem | None:
        index = self.query_one(FormItems).highlighted
        keys = self._keys()
        if index is None or index >= len(keys) or keys[index] is None:
            return None
        return self.form.item(keys[index])

    def score_highlighted(self, what: int | str) -> None:
        """A key on the highlighted item: points, `yes`, `no`, `na` or `clear`."""
        item = self.highlighted_item()
        if item is None:
            return
        if what == "clear":
            self.answers.pop(item.id, None)
        else:
            answer = self._answer(item, what)
            if isinstance(answer, str):  # why the key cannot score this item
                self.notify(answer, severity="warning")
                return
            self.answers[item.id] = answer
        self._redraw()
        self.post_message(self.Changed(dict(self.answers), self.score()))
        if what != "clear":
            self._move_on()

    def _answer(self, item: RubricItem, what: int | str) -> Answer | str:
        if what == "na":
            return None if item.na_allowed else f"{item.label}: N/A is not allowed here"
        if what == "yes":
            return item.points_max
        if what == "no":
            return 0
        assert isinstance(what, int)
        if what > item.points_max:
            return f"{item.label}: at most {item.points_max} points"
        if item.kind == "yes_no" and what not in (0, 1):
            return f"{item.label}: y or n"
        return what

    def _move_on(self) -> None:
        """After a score, the next item not scored yet (the reviewer keeps listening)."""
        keys = self._keys()
        items = self.query_one(FormItems)
        start = (items.highlighted or 0) + 1
        for index in range(start, len(keys)):
            if keys[index] is not None and keys[index] not in self.answers:
                items.highlighted = index
                return

    def set_comment(self, item_id: str, text: str) -> None:
        """A comment typed for an item (empty removes it)."""
        if text.strip():
            self.comments[item_id] = text.strip()
        else:
            self.comments.pop(item_id, None)
        self._redraw()
        self.post_message(self.Changed(dict(self.answers), self.score()))

    def request_submit(self) -> None:
        """`S`: every item must be scored (points, yes/no or N/A) before it is submitted."""
        try:
            score = score_form(self.form, self.answers, self.grades, complete=True)
        except ScoreError as exc:
            self.notify(f"not submitted: {exc}", severity="warning")
            missing = next((k for k in self._keys() if k and k not in self.answers), None)
            if missing is not None:
                self.query_one(FormItems).highlighted = self._keys().index(missing)
            return
        self.post_message(self.SubmitRequested(score))
