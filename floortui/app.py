"""Wiring only: make_app(config, db) builds the app the CLI runs and the tests drive."""

from __future__ import annotations

from sqlite_utils import Database
from textual.app import App
from textual.binding import Binding

from floortui.config import Config
from floortui.screens.calls import CallsScreen
from floortui.screens.help import HelpScreen
from floortui.screens.imports import ImportsScreen


class FloorApp(App):
    TITLE = "floortui"
    BINDINGS = [
        Binding("c", "switch_mode('calls')", "Calls", show=True),
        Binding("i", "switch_mode('imports')", "Imports", show=True),
        Binding("question_mark", "help", "Help", show=True),
        Binding("q", "quit", "Quit", show=True),
    ]

    def __init__(self, config: Config, db: Database) -> None:
        super().__init__()
        self.config = config
        self.db = db
        #: source path → what its follower is doing, shown on the import panel
        self.follow_status: dict[str, str] = {}

    def on_mount(self) -> None:
        self.add_mode("calls", lambda: CallsScreen(self.db, self.config))
        self.add_mode("imports", lambda: ImportsScreen(self.db, self.config, self.follow_status))
        self.switch_mode("calls")

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        keys: dict[str, str] = {}
        for binding in [*self.screen.BINDINGS, *self.BINDINGS]:
            if isinstance(binding, Binding) and binding.description:
                keys.setdefault(binding.description, self.get_key_display(binding))
        self.push_screen(HelpScreen([(key, what) for what, key in keys.items()]))


def make_app(config: Config, db: Database) -> FloorApp:
    return FloorApp(config, db)
