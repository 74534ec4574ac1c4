"""Listening to one call: its legs in order, the waveform with the playhead, and the keys.

Pushed by the review queue (`ListenScreen(callid, sample_id=…)`) and by the
call's timeline. The call's recordings are read in a worker (queries.listen),
each leg's waveform is decoded in another (and kept per recording), and the
player (the app's `listening` services: floortui.adapters) does its work in
its own threads; the screen only asks it for its status ten times a second,
so no key waits on audio.

A recording that is missing, empty, corrupt or still being written is one
line on the screen and the other legs still play; with no audio output the
waveform and the keys still work and the screen says why nothing is heard.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from floortui.domain.listening import (
    BOTH,
    Leg,
    Marker,
    Playback,
    PlayerStatus,
    Waveform,
    clock_text,
    faster,
    parse_time,
    slower,
)
from floortui.queries.listen import ListenCall, listen_call
from floortui.screens._loading import StoreReader
from floortui.screens.listen_scoring import ListenScoring
from floortui.widgets.header import DataHeader
from floortui.widgets.waveform import WaveformView

#: How often the playhead and the elapsed time are redrawn.
TICK_S = 0.1
SHORT_SEEK_S, LONG_SEEK_S = 5, 30
VOLUME_STEP = 0.1
NO_SERVICES = "playback unavailable: this app was started without audio"


class ListeningServices(Protocol):
    """What the app provides (floortui.adapters.listening.AudioServices)."""

    def player(self) -> Playback: ...
    def waveform(self, paths: Sequence[str]) -> Waveform: ...


class WaveformReady(Message):
    def __init__(self, leg: int, waveform: Waveform) -> None:
        super().__init__()
        self.leg, self.waveform = leg, waveform


class ListenScreen(ListenScoring, StoreReader, Screen):
    """One call's recordings, played; Escape goes back to where it was opened."""

    SCREEN_NAME = "listen"
    #: The keys belong to the player: the hidden time box takes focus only on `g`.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("space", "toggle", "Play/pause", tooltip="Play or pause the recording"),
        Binding("left", "seek(-5)", "-5 s", tooltip="Back five seconds"),
        Binding("right", "seek(5)", "+5 s", tooltip="On five seconds"),
        Binding("shift+left,comma", "seek(-30)", "-30 s", tooltip="Back thirty seconds"),
        Binding("shift+right,full_stop", "seek(30)", "+30 s", tooltip="On thirty seconds"),
        Binding("home", "to_start", "Start", show=False, tooltip="Back to the start of the leg"),
        Binding("g", "type_time", "Go to", tooltip="Type a time to go to (90, 1:30, 1m30s)"),
        Binding("minus", "slower", "Slower", tooltip="Slower (down to 0.75x), the pitch kept"),
        Binding("plus,equals_sign", "faster", "Faster", tooltip="Faster (to 2x), the pitch kept"),
        Binding("down,9,left_square_bracket", "volume(-1)", "Quieter", show=False,
                tooltip="Turn the volume down ([ while scoring)"),
        Binding("up,0,right_square_bracket", "volume(1)", "Louder", show=False,
                tooltip="Turn the volume up (] while scoring)"),
        Binding("s", "side", "Side", tooltip="An in/out pair: both sides, then each alone"),
        Binding("n", "leg(1)", "Next leg", tooltip="The next leg of the call (a transfer)"),
        Binding("p", "leg(-1)", "Prev leg", show=False, tooltip="The previous leg of the call"),
        Binding("escape", "back", "Back", tooltip="Back to where this call was opened"),
        *ListenScoring.SCORING_BINDINGS,
    ]  # fmt: skip
    DEFAULT_CSS = """
    ListenScreen #call { height: 1; text-style: bold; padding: 0 1; }
    ListenScreen #legs { height: auto; max-height: 6; padding: 0 1; color: $text-muted; }
    ListenScreen WaveformView { margin: 1 1 0 1; }
    ListenScreen #position { height: 1; padding: 0 1; }
    ListenScreen #problem { height: auto; padding: 0 1; color: $error; }
    ListenScreen #output { height: auto; padding: 0 1; color: $warning; }
    ListenScreen #goto, ListenScreen #score-comment { display: none; margin: 0 1; }
    ListenScreen.-typing #goto, ListenScreen.-commenting #score-comment { display: block; }
    ListenScreen #listen-body { height: 1fr; }
    ListenScreen #player { width: 1fr; }
    ListenScreen #score-slot { width: 56; height: 1fr; }
    ListenScreen #score-why { padding: 1; color: $text-muted; }
    """

    def __init__(self, call: str, sample_id: int | None = None, *,
                 listening: ListeningServices | None = None) -> None:  # fmt: skip
        super().__init__()
        self.call, self.sample_id = call, sample_id
        self._services = listening
        self._player: Playback | None = None
        self._legs: tuple[Leg, ...] = ()
        self._waveforms: dict[int, Waveform] = {}
        self._shown_leg: int | None = None
        self._markers: tuple[Marker, ...] = ()
        self._lines: dict[str, str] = {}

    # -- markers: set by the scoring form (the next issue) --------------------------------------

    @property
    def markers(self) -> tuple[Marker, ...]:
        return self._markers

    @markers.setter
    def markers(self, markers: Sequence[Marker]) -> None:
        self._markers = tuple(markers)
        if self.is_mounted:
            self.query_one(WaveformView).markers = self._markers

    # -- building -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield DataHeader()
        with Horizontal(id="listen-body"):
            with Vertical(id="player"):
                yield Static(f"Call {escape(self.call)}", id="call")
                yield Static("Loading the recordings…", id="legs")
                yield WaveformView()
                yield Static("", id="position")
                yield Static("", id="problem")
                yield Static("", id="output")
            yield Vertical(id="score-slot")  # the scoring form (ListenScoring)
        yield Input(placeholder="go to: 90, 1:30 or 1m30s; Enter goes, Escape cancels",
                    id="goto", disabled=True)  # fmt: skip
        yield Input(id="score-comment", disabled=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        super().on_mount()
        if self._services is None:
            self._services = getattr(self.app, "listening", None)
        self.query_one(WaveformView).markers = self._markers
        self.set_interval(TICK_S, self._tick)
        self.reload()
        self._start_scoring()

    def reload(self) -> None:
        db = self.app.db  # type: ignore[attr-defined]
        call = self.call
        self.read(lambda: listen_call(db, call), "read the call's recordings")

    def read_failed(self, error: str) -> None:
        self.query_one("#legs", Static).update(escape(error))

    def loaded(self, result: ListenCall) -> None:
        first_load = not self._legs
        if result.legs == self._legs:
            return
        self._legs = result.legs
        if not self._legs:
            self.query_one("#legs", Static).update("This call has no recording.")
            self.query_one(WaveformView).clear("no recording to show")
            return
        if self._player is None and self._services is not None:
            self._player = self._services.player()
        if self._player is not None:
            # A recording linked or finished since (a call that was still going): the legs
            # are heard again from the start of the one shown.
            leg = 0 if first_load else self.status().leg
            self._player.load(self._legs, leg)
        self._waveforms.clear()
        self._shown_leg = None
        self._tick()

    def on_unmount(self) -> None:
        super().on_unmount()
        if self._player is not None:
            self._player.close()

    # -- each tick: the player's status on the screen ---------------------------------------------

    def status(self) -> PlayerStatus:
        if self._player is None:
            return PlayerStatus(
                legs=len(self._legs), unavailable=NO_SERVICES if self._legs else None
            )
        return self._player.status()

    def _tick(self) -> None:
        if not self._legs:
            return
        status = self.status()
        leg = min(status.leg, len(self._legs) - 1)
        if leg != self._shown_leg:
            self._show_leg(leg)
        view = self.query_one(WaveformView)
        view.position_s = status.position_s
        self._update("#position", self._position_line(status))
        self._update("#problem", escape(self._problem_line(status, leg)))
        self._update("#output", escape(status.unavailable or ""))

    def _update(self, selector: str, text: str) -> None:
        """Only a line whose words changed is redrawn (the tick runs ten times a second)."""
        if self._lines.get(selector) != text:
            self._lines[selector] = text
            self.query_one(selector, Static).update(text)

    def _show_leg(self, leg: int) -> None:
        self._shown_leg = leg
        lines = []
        for number, each in enumerate(self._legs):
            mark = "▶" if number == leg else " "
            lines.append(f"{mark} {number + 1}. {each.label} · {clock_text(each.duration_s)}"
                         + (f" · {each.problem}" if each.problem else ""))  # fmt: skip
        self.query_one("#legs", Static).update(escape("\n".join(lines)))
        view = self.query_one(WaveformView)
        view.duration_s = self._legs[leg].duration_s
        if leg in self._waveforms:
            self._show_waveform(leg)
            return
        view.clear("computing the waveform…")
        if self._services is not None:
            self._compute_waveform(leg)

    def _compute_waveform(self, leg: int) -> None:
        paths = self._legs[leg].paths_for(BOTH)
        services = self._services
        assert services is not None

        def compute() -> None:
            waveform = services.waveform(paths)
            if not get_current_worker().is_cancelled:
                self.post_message(WaveformReady(leg, waveform))

        self.run_worker(compute, thread=True, exclusive=True, group="waveform",
                        exit_on_error=False, description=f"waveform of leg {leg + 1}")  # fmt: skip

    @on(WaveformReady)
    def _waveform_ready(self, message: WaveformReady) -> None:
        self._waveforms[message.leg] = message.waveform
        if message.leg == self._shown_leg:
            self._show_waveform(message.leg)

    def _show_waveform(self, leg: int) -> None:
        waveform = self._waveforms[leg]
        view = self.query_one(WaveformView)
        if waveform.problem:
            view.clear("no waveform")
        else:
            view.show(waveform.peaks, waveform.duration_s or self._legs[leg].duration_s)

    def _position_line(self, status: PlayerStatus) -> str:
        state = "ended" if status.ended else ("playing" if status.playing else "paused")
        parts = [f"{clock_text(status.position_s)} / {clock_text(status.duration_s)}", state,
                 f"{status.speed:g}×", f"volume {round(status.volume * 100)} %"]  # fmt: skip
        if len(self._legs) > 1:
            parts.append(f"leg {status.leg + 1} of {len(self._legs)}")
        if self._legs and self._legs[min(status.leg, len(self._legs) - 1)].is_pair:
            parts.append({BOTH: "both sides"}.get(status.side, f"{status.side} side only"))
        return " · ".join(parts)

    def _problem_line(self, status: PlayerStatus, leg: int) -> str:
        if status.problem:
            return status.problem
        waveform = self._waveforms.get(leg)
        if waveform is not None and waveform.problem:
            return waveform.problem
        return ""

    # -- keys ------------------------------------------------------------------------------------

    def _tell(self, method: str, *arguments: Any) -> None:
        if self._player is not None and self._legs:
            getattr(self._player, method)(*arguments)
            self.set_timer(0.02, self._tick)  # the player answers in a few ms

    def action_toggle(self) -> None:
        self._tell("toggle")

    def action_seek(self, seconds: float) -> None:
        self._tell("seek_by", seconds)

    def action_to_start(self) -> None:
        self._tell("seek_to", 0.0)

    def action_slower(self) -> None:
        self._tell("set_speed", slower(self.status().speed))

    def action_faster(self) -> None:
        self._tell("set_speed", faster(self.status().speed))

    def action_volume(self, steps: int) -> None:
        self._tell("set_volume", self.status().volume + steps * VOLUME_STEP)

    def action_side(self) -> None:
        status = self.status()
        if not self._legs:
            return
        choices = self._legs[min(status.leg, len(self._legs) - 1)].side_choices()
        following = choices[(choices.index(status.side) + 1) % len(choices)] if (
            status.side in choices) else choices[0]  # fmt: skip
        self._tell("set_side", following)

    def action_leg(self, step: int) -> None:
        target = self.status().leg + step
        if 0 <= target < len(self._legs):
            self._tell("go_to_leg", target)

    def action_type_time(self) -> None:
        self.add_class("-typing")
        box = self.query_one("#goto", Input)
        box.value, box.disabled = "", False
        box.focus()

    @on(Input.Submitted, "#goto")
    def _go_to(self, event: Input.Submitted) -> None:
        try:
            seconds = parse_time(event.value)
        except ValueError as exc:
            self.notify(str(exc), severity="warning")
            return
        self._stop_typing()
        self._tell("seek_to", seconds)

    def _stop_typing(self) -> None:
        self.remove_class("-typing")
        self.query_one("#goto", Input).disabled = True
        self.set_focus(None)

    def action_back(self) -> None:
        if self.has_class("-typing"):
            self._stop_typing()
            return
        if self.has_class("-commenting"):
            self._stop_commenting()
            return
        self.app.pop_screen()
