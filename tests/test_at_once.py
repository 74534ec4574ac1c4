"""A repaint handed to the screen's next frame at once (widgets/at_once): no message on its
way, the change on the screen all the same; any other refresh goes Textual's way."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.message_pump import MessagePump
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from floortui.screens._frames import PromptFrames
from floortui.widgets.at_once import RefreshAtOnce


class Word(RefreshAtOnce, Static):
    """A line whose word is changed in place, then refreshed."""

    def __init__(self) -> None:
        super().__init__()
        self.word = "first"

    def render(self) -> str:
        return self.word


class FramesScreen(PromptFrames, Screen):
    def compose(self) -> ComposeResult:
        yield Word()


class WordApp(App):
    def on_mount(self) -> None:
        self.push_screen(FramesScreen())


def _shown(app: App) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def _posted(monkeypatch) -> list[tuple[str, str]]:
    """(to whom, what) of every message posted from now on."""
    posted: list[tuple[str, str]] = []
    real = MessagePump.post_message

    def post(pump: MessagePump, message) -> bool:
        posted.append((type(pump).__name__, type(message).__name__))
        return real(pump, message)

    monkeypatch.setattr(MessagePump, "post_message", post)
    return posted


async def test_a_repaint_posts_nothing_and_is_drawn_in_the_next_frame(monkeypatch) -> None:
    app = WordApp()
    async with app.run_test(size=(30, 3)) as pilot:
        await pilot.pause()
        word = app.screen.query_one(Word)
        assert "first" in _shown(app)
        posted = _posted(monkeypatch)
        word.word = "second"
        word.refresh()
        assert posted == [], "no Prompt to the widget, no Update to the screen"
        assert word in app.screen._dirty_widgets
        await asyncio.sleep(0.05)
        assert "second" in _shown(app)
        assert not app.screen._dirty_widgets, "the frame drew it"


async def test_under_a_modal_or_hidden_it_goes_textuals_way(monkeypatch) -> None:
    app = WordApp()
    async with app.run_test(size=(30, 3)) as pilot:
        await pilot.pause()
        screen = app.screen
        word = screen.query_one(Word)
        await app.push_screen(ModalScreen())
        await pilot.pause()
        posted = _posted(monkeypatch)
        word.refresh()
        assert ("Word", "Prompt") in posted, "a screen under another: as Textual does"
        app.pop_screen()
        await pilot.pause()
        posted.clear()
        word.refresh(layout=True)
        assert ("Word", "Prompt") in posted, "a layout: as Textual does"
        await pilot.pause()
        word.display = False
        await pilot.pause()
        word.refresh()
        assert word not in screen._dirty_widgets, "hidden: not drawn"
