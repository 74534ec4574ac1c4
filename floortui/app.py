"""Wiring only: make_app(config, db) builds the app the CLI runs and the tests drive."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from floortui.config import Config
from floortui.config.users import UserSettings
from floortui.domain.dataclock import DataClock
from floortui.domain.floor_snapshot import FloorSnapshot
from floortui.queries.opening import StoreOpener
from floortui.screens.floor import FloorScreen
from floortui.screens.help import HelpScreen

if TYPE_CHECKING:
    from sqlite_utils import Database

    from floortui.adapters.importer import ImportSummary

#: The palette's own commands that a floortui key already offers (ours has the keys' help).
_REPLACED_SYSTEM_COMMANDS = {"keys", "quit"}


class LiveImported(Message):
    """A followed source imported new lines."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__()
        self.summary = summary


class FloorChanged(Message):
    """The floor's state changed: every member's state, immutable, as of the newest event."""

    def __init__(self, snapshot: FloorSnapshot) -> None:
        super().__init__()
        self.snapshot = snapshot


class FollowStatus(Message):
    def __init__(self, status: dict[str, str]) -> None:
        super().__init__()
        self.status = status


class FloorApp(App):
    TITLE = "floortui"
    BINDINGS = [
        Binding("f", "show_floor", "Floor", show=True,
                tooltip="Go to the floor: every seat, its state and time in it, live"),
        Binding("c", "show_calls", "Calls", show=True,
                tooltip="Go to the list of calls, newest first, with the keyboard on it"),
        Binding("i", "switch_mode('imports')", "Imports", show=True,
                tooltip="Go to the import panel: each source, its progress, its set-aside lines"),
        Binding("l", "show_mode('lost')", "Lost calls", show=False,
                tooltip="Go to the day's lost calls: who to call back, peaks by hour"),
        Binding("L", "show_mode('shift')", "Shift log", show=False,
                tooltip="Go to the shift log: breaks, alerts and notes of the day, with who"),
        Binding("R", "show_mode('review')", "Review queue", show=False,
                tooltip="Go to the review queue: the day's sampled calls, claim, listen, review"),
        Binding("E", "show_mode('results')", "Results", show=False,
                tooltip="Go to the QA results: history, feedback, disputes, complaints and praise"),
        Binding("question_mark", "help", "Help", show=True,
                tooltip="List every key of this screen and what it does"),
        Binding("q", "quit", "Quit", show=True,
                tooltip="Leave floortui (followed logs stop being imported until next time)"),
    ]  # fmt: skip

    def __init__(self, config: Config, db: Database | StoreOpener, read_only: bool = False,
                 now: Callable[[], float] | None = None, user: UserSettings | None = None,
                 at: int | None = None) -> None:  # fmt: skip
        super().__init__()
        self.config = config
        #: The store, or how to open it: `floortui run` opens it in the first worker that
        #: reads it, so its import and migration check come after the first paint.
        self._store = db if isinstance(db, StoreOpener) else None
        self._db = None if isinstance(db, StoreOpener) else db
        self.read_only = read_only
        #: Who is acting: every write a person makes from the app names them.
        self.user = user
        #: The moment the floor opens at (`floortui run --at T`); None: live.
        self.start_at = at
        self._people = None
        self._listening = None
        if user is not None:
            self.title = f"floortui · {user.name} ({user.role.replace('_', ' ')})"
        if read_only:
            self.sub_title = "view only"
        elif user is None:  # an unlisted person watches; their actions are not written
            self.sub_title = "watching only"
        #: The data's "now" for the header clock and running waits (see domain/dataclock.py).
        followed = any(source.follow for source in config.sources)
        self.data_clock = DataClock(now, speed=1.0 if followed else 0.0)
        #: Every mounted screen that shows the store; each hears "the store changed".
        self.store_readers: weakref.WeakSet = weakref.WeakSet()
        #: Every mounted floor screen; each is handed the new floor as it comes.
        self.floor_watchers: weakref.WeakSet = weakref.WeakSet()
        #: source path → what its follower is doing, shown on the import panel
        self.follow_status: dict[str, str] = {}
        #: Every member's state as of the newest event; screens draw from it with no SQL.
        self.floor: FloorSnapshot | None = None
        #: Who works when (config breaks.roster), read once at start; None: no roster.
        self.roster = None
        #: False until every followed source has been read to its end: the floor may be
        #: hours behind the log until then, so no break alert is raised or logged.
        self.floor_caught_up = not (config.sources and not read_only)
        self._stop_following = threading.Event()

    @property
    def db(self) -> Database:
        """The store (opened now, by this thread, if it was not yet)."""
        if self._db is None:
            assert self._store is not None
            self._db = self._store.get()
        return self._db

    @property
    def people(self):
        """The writer of people's writes (PeopleWriter), opened on first use; None when
        view-only or when nobody listed under users: is acting (watching only)."""
        if self._people is None and not self.read_only and self.user is not None:
            from floortui.queries.people import writer_for

            self._people = writer_for(self.db)
        return self._people

    @property
    def listening(self):
        """The listen screen's audio (adapters.listening.AudioServices: a player on the audio
        output, waveforms decoded once), made on first use; screens never import adapters."""
        if self._listening is None:
            from floortui.adapters.listening import AudioServices

            self._listening = AudioServices()
        return self._listening

    def on_mount(self) -> None:
        self.add_mode("floor", lambda: FloorScreen(None, self.config, self.start_at))
        self.add_mode("calls", self._calls_screen)
        self.add_mode("imports", self._imports_screen)
        self.add_mode("lost", self._lost_calls_screen)
        self.add_mode("shift", self._shift_log_screen)
        self.add_mode("review", self._review_queue_screen)
        self.add_mode("results", self._results_screen)
        self.switch_mode("floor")
        # The importer, the follower and the floor's first read start once the floor has
        # painted: nothing heavy comes before the first paint.
        self.call_after_refresh(self._start_workers)

    def _calls_screen(self) -> Screen:
        from floortui.screens.calls import CallsScreen

        return CallsScreen(self.db, self.config)

    def _lost_calls_screen(self) -> Screen:
        from floortui.screens.lost_calls import LostCallsScreen

        return LostCallsScreen(self.db, self.config)

    def _shift_log_screen(self) -> Screen:
        from floortui.screens.shift_log import ShiftLogScreen

        return ShiftLogScreen(self.db, self.config)

    def _review_queue_screen(self) -> Screen:
        from floortui.screens.review_queue import ReviewQueueScreen

        return ReviewQueueScreen(self.db, self.config)

    def _results_screen(self) -> Screen:
        from floortui.screens.results import ResultsScreen

        return ResultsScreen(self.db, self.config)

    def _imports_screen(self) -> Screen:
        from floortui.screens.imports import ImportsScreen

        return ImportsScreen(self.db, self.config, self.follow_status)

    def _start_workers(self) -> None:
        if self.config.breaks.roster is not None:
            self.run_worker(self._read_roster, thread=True, group="roster", name="read the roster",
                            exit_on_error=False)  # fmt: skip
        if self.config.sources and not self.read_only:
            self.run_worker(self._follow, thread=True, group="follow", name="import sources",
                            exit_on_error=False)  # fmt: skip
        else:
            self.run_worker(self._floor_as_stored, thread=True, group="floor",
                            name="the floor as stored", exit_on_error=False)  # fmt: skip

    def _read_roster(self) -> None:
        from floortui.adapters.roster import RosterError, configured_roster

        try:
            roster = configured_roster(self.config)
        except RosterError as exc:  # the floor still runs; breaks go without adherence
            self.call_from_thread(self.notify, f"{exc}; breaks are planned without it",
                                  severity="error", timeout=10)  # fmt: skip
            return
        self.call_from_thread(setattr, self, "roster", roster)

    def _follow(self) -> None:
        from floortui.live import keep_up_to_date

        keep_up_to_date(
            self.config,
            self._stop_following,
            on_summary=lambda summary: self.post_message(LiveImported(summary)),
            on_status=lambda status: self.post_message(FollowStatus(status)),
            on_floor=lambda snapshot: self.post_message(FloorChanged(snapshot)),
            on_caught_up=partial(setattr, self, "floor_caught_up", True),  # a flag: any thread
        )

    def _floor_as_stored(self) -> None:
        from floortui.live import floor_as_stored

        snapshot = floor_as_stored(self.db, self.config)
        if snapshot is not None:
            self.post_message(FloorChanged(snapshot))

    def on_unmount(self) -> None:
        self._stop_following.set()
        if self._people is not None:
            self._people.close()
            self._people = None

    async def action_quit(self) -> None:
        self._stop_following.set()  # the follower's thread ends within a poll
        self.exit()

    async def action_show_floor(self) -> None:
        """`f`: the floor, with any member's day or help over it closed."""
        if self.current_mode != "floor":
            await self.switch_mode("floor")
        while len(self.screen_stack) > 1 and not isinstance(self.screen, FloorScreen):
            await self.pop_screen()
        screen = self.screen
        if isinstance(screen, FloorScreen):
            self.call_after_refresh(screen.grid.focus)

    async def action_show_mode(self, mode: str) -> None:
        """`l`, `L`, `R`: a screen of its own, with anything pushed over it closed."""
        if self.current_mode != mode:
            await self.switch_mode(mode)
        while len(self.screen_stack) > 1:
            await self.pop_screen()

    async def action_show_calls(self) -> None:
        """`c`: the Calls screen, with any timeline or help over it closed and the list focused."""
        if self.current_mode != "calls":
            await self.switch_mode("calls")
        from floortui.screens.calls import CallsScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, CallsScreen):
            await self.pop_screen()
        screen = self.screen
        if isinstance(screen, CallsScreen):
            self.call_after_refresh(screen.focus_calls)

    @on(FollowStatus)
    def follow_status_changed(self, message: FollowStatus) -> None:
        self.follow_status.clear()
        self.follow_status.update(message.status)

    @on(FloorChanged)
    def floor_changed(self, message: FloorChanged) -> None:
        """Keep the newest floor, and hand it to the floor screen, on top or not."""
        self.floor = message.snapshot
        for screen in list(self.floor_watchers):
            screen.floor_changed(message.snapshot)

    @on(LiveImported)
    def live_imported(self) -> None:
        """New lines are in the store: every screen that shows it reads again, on top or not."""
        for reader in list(self.store_readers):
            reader.data_changed()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette offers every floortui key of the screen, with what it does."""
        ours = self._described_bindings(screen)
        titles = {binding.description.lower() for binding, _ in ours}
        for binding, owner in ours:
            yield SystemCommand(
                binding.description,
                f"{binding.tooltip or binding.description} (key: {self.get_key_display(binding)})",
                partial(self.run_action, binding.action, owner),
            )
        for command in super().get_system_commands(screen):
            title = command.title.lower()
            if title not in titles and title not in _REPLACED_SYSTEM_COMMANDS:
                yield command

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
            (
                self.get_key_display(binding),
                f"{binding.description}: {binding.tooltip}"
                if binding.tooltip
                else binding.description,
            )
            for binding, _ in self._described_bindings(self.screen)
        ]
        self.push_screen(HelpScreen(keys))


def make_app(config: Config, db: Database | StoreOpener, read_only: bool = False,
             now: Callable[[], float] | None = None, user: UserSettings | None = None,
             at: int | None = None) -> FloorApp:  # fmt: skip
    """The app on `db`; `read_only` shows "view only" and follows nothing; `now` is the
    data's clock (e.g. the demo replay's), read for the header and running waits; `user`
    is who is acting (shown in the header, named on every write); `at` opens the floor as
    it stood then instead of live."""
    return FloorApp(config, db, read_only=read_only, now=now, user=user, at=at)
