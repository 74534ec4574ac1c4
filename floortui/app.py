"""Wiring only: make_app(config, db) builds the app the CLI runs and the tests drive."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import partial

from sqlite_utils import Database
from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from floortui.adapters.importer import ImportSummary
from floortui.config import Config
from floortui.live import keep_up_to_date
from floortui.screens.calls import CallsScreen
from floortui.screens.help import HelpScreen
from floortui.screens.imports import ImportsScreen


class LiveImported(Message):
    """A followed source imported new lines."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__()
        self.summary = summary


class FollowStatus(Message):
    def __init__(self, status: dict[str, str]) -> None:
        super().__init__()
        self.status = status


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
        self._stop_following = threading.Event()

    def on_mount(self) -> None:
        self.add_mode("calls", lambda: CallsScreen(self.db, self.config))
        self.add_mode("imports", lambda: ImportsScreen(self.db, self.config, self.follow_status))
        self.switch_mode("calls")
        if self.config.sources:
            self.run_worker(self._follow, thread=True, group="follow", name="import sources")

    def _follow(self) -> None:
        keep_up_to_date(
            self.config,
            self._stop_following,
            on_summary=lambda summary: self.post_message(LiveImported(summary)),
            on_status=lambda status: self.post_message(FollowStatus(status)),
        )

    def on_unmount(self) -> None:
        self._stop_following.set()

    async def action_quit(self) -> None:
        self._stop_following.set()  # the follower's thread ends within a poll
        self.exit()

    @on(FollowStatus)
    def follow_status_changed(self, message: FollowStatus) -> None:
        self.follow_status.clear()
        self.follow_status.update(message.status)

    @on(LiveImported)
    def live_imported(self) -> None:
        """New lines are in the store: the screen on show reads again (at most once a second)."""
        refresh = getattr(self.screen, "data_changed", None)
        if refresh is not None:
            refresh()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette offers every floortui key of the screen, by its description."""
        for binding, owner in self._described_bindings(screen):
            yield SystemCommand(
                binding.description,
                f"key: {self.get_key_display(binding)}",
                partial(self.run_action, binding.action, owner),
            )
        yield from super().get_system_commands(screen)

    def _described_bindings(self, screen: Screen) -> list[tuple[Binding, Screen | App]]:
        """The screen's and the app's keys that have a description, each with its owner."""
        seen: dict[str, tuple[Binding, Screen | App]] = {}
        for owner in (screen, self):
            for binding in owner.BINDINGS:
                if isinstance(binding, Binding) and binding.description:
                    seen.setdefault(binding.description, (binding, owner))
        return list(seen.values())

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        keys = [
            (self.get_key_display(binding), binding.description)
            for binding, _ in self._described_bindings(self.screen)
        ]
        self.push_screen(HelpScreen(keys))


def make_app(config: Config, db: Database) -> FloorApp:
    return FloorApp(config, db)
