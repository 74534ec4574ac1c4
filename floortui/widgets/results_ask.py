"""A few lines asked for at once (feedback's date and note, a remark's kind and what the
customer said, a reason): Enter goes to the next line, Enter on the last gives them all,
Escape gives None. Nothing is checked here: the rules refuse in one line what they refuse."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label


class AskFields(ModalScreen[tuple[str, ...] | None]):
    """`fields`: (label, default, suggestions) each; the answer is one string a field."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    AskFields { align: center middle; }
    AskFields > Vertical { width: 72; height: auto; border: thick $accent; background: $surface;
                           padding: 1 2; }
    AskFields #title { text-style: bold; margin-bottom: 1; }
    """

    def __init__(self, title: str,
                 fields: Sequence[tuple[str, str, Sequence[str]]]) -> None:  # fmt: skip
        super().__init__()
        self.title_text = title
        self.fields = list(fields)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, id="title")
            for index, (label, default, suggestions) in enumerate(self.fields):
                yield Label(label)
                suggester = SuggestFromList(suggestions) if suggestions else None
                yield Input(value=default, id=f"field-{index}", suggester=suggester)

    def on_mount(self) -> None:
        self.query_one("#field-0", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        at = inputs.index(event.input)
        if at + 1 < len(inputs):
            inputs[at + 1].focus()
            return
        self.dismiss(tuple(field.value for field in inputs))

    def action_cancel(self) -> None:
        self.dismiss(None)
