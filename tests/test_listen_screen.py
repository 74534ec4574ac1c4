"""The listen screen through Pilot: keys move the playhead, speed and legs show, problems are lines.

The recordings are real files (fixtures/recordings) scanned into a fresh store
as the importer does; the player is floortui's, on a stand-in device that asks
for audio faster than real time (or on none at all), so what is checked is
what the reviewer sees.
"""

from __future__ import annotations

import shutil
import struct
import threading
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from floortui.adapters.audio_output import PlaybackUnavailable
from floortui.adapters.listening import AudioServices
from floortui.adapters.recordings import scan_recordings
from floortui.domain.listening import Marker
from floortui.screens.listen import ListenScreen
from floortui.store.db import open_database
from floortui.widgets.waveform import WaveformView

pytestmark = pytest.mark.timeout(60)

RECORDINGS = Path(__file__).resolve().parent.parent / "fixtures" / "recordings"
PCM = "1794564826.1073"  # 6.6 s
TRANSFER = "1794577816.4954"  # the call, then its transfer leg
PAIR = "1794569411.2159"  # -in / -out
CORRUPT = "1794572984.3283"  # 38 bytes that are not a WAV
WRITING = "1794599999.1"  # a WAV whose header Asterisk has not finished


class FastDevice:
    """Asks for 20 ms of audio every 5 ms from its own thread (a quick sound card)."""

    def __init__(self, rate: int) -> None:
        self.rate, self._stop = rate, threading.Event()

    def start(self, feed) -> None:
        def run() -> None:
            while not self._stop.wait(0.005):
                feed.send(self.rate // 50)

        threading.Thread(target=run, daemon=True).start()

    def close(self) -> None:
        self._stop.set()


def no_output(rate: int):
    raise PlaybackUnavailable("playback unavailable: no PulseAudio server is running")


class ListenApp(App):
    def __init__(self, db, screen: ListenScreen) -> None:
        super().__init__()
        self.db, self._first = db, screen

    def on_mount(self) -> None:
        self.push_screen(self._first)


@pytest.fixture
def db(tmp_path: Path):
    monitor = tmp_path / "monitor"
    monitor.mkdir()
    for name in (f"{PCM}.wav", f"{TRANSFER}.wav", f"{TRANSFER}-transfer.wav", f"{PAIR}-in.wav",
                 f"{PAIR}-out.wav", f"{CORRUPT}.wav"):  # fmt: skip
        shutil.copy(RECORDINGS / name, monitor / name)
    good = (RECORDINGS / f"{PCM}.wav").read_bytes()
    unfinished = good[:4] + struct.pack("<I", 0) + good[8:40] + struct.pack("<I", 0) + good[44:]
    (monitor / f"{WRITING}.wav").write_bytes(unfinished)
    store = open_database(tmp_path / "floortui.db")
    scan_recordings(store, [monitor])
    return store


def text(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def settle(pilot, app: App, selector: str, wanted: str, tries: int = 100) -> str:
    """Wait (at most a few seconds) until `selector` shows `wanted`."""
    for _ in range(tries):
        shown = text(app, selector)
        if wanted in shown:
            return shown
        await pilot.pause(0.05)
    raise AssertionError(f"{selector} never showed {wanted!r}: {text(app, selector)!r}")


def listen(db, call: str, open_device=FastDevice) -> ListenApp:
    return ListenApp(db, ListenScreen(call, listening=AudioServices(open_device)))


async def test_keys_move_the_position_and_the_playhead(db) -> None:
    app = listen(db, PCM)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot, app, "#position", "0:00 / 0:06")
        view = app.screen.query_one(WaveformView)
        for _ in range(40):
            if view.note == "":
                break
            await pilot.pause(0.05)
        assert view.note == "", "the waveform is drawn"
        assert view.playhead_column == 0
        await pilot.press("right")
        await settle(pilot, app, "#position", "0:05 / 0:06")
        assert view.playhead_column > view.size.width * 0.7
        await pilot.press("home")
        await settle(pilot, app, "#position", "0:00 / 0:06")
        await pilot.press("full_stop")  # +30 s stops at the end
        await settle(pilot, app, "#position", "0:06 / 0:06")
        await pilot.press("comma")
        await settle(pilot, app, "#position", "0:00 / 0:06")
        await pilot.press("g", "0", ":", "0", "3", "enter")
        await settle(pilot, app, "#position", "0:03 / 0:06")
        await pilot.press("left")
        await settle(pilot, app, "#position", "0:00 / 0:06")


async def test_playing_moves_the_playhead_until_the_end(db) -> None:
    app = listen(db, PCM)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot, app, "#position", "paused")
        await pilot.press("space")
        await settle(pilot, app, "#position", "playing")
        await settle(pilot, app, "#position", "0:03")
        await settle(pilot, app, "#position", "0:06 / 0:06 · ended")


async def test_speed_and_volume_are_shown(db) -> None:
    app = listen(db, PCM)
    async with app.run_test() as pilot:
        await settle(pilot, app, "#position", "1×")
        await pilot.press("plus")
        await settle(pilot, app, "#position", "1.25×")
        for _ in range(6):
            await pilot.press("plus")
        await settle(pilot, app, "#position", "2×")
        for _ in range(8):
            await pilot.press("minus")
        await settle(pilot, app, "#position", "0.75×")
        await pilot.press("down", "down")
        await settle(pilot, app, "#position", "volume 80 %")


async def test_a_transfer_lists_its_legs_and_n_goes_to_the_next(db) -> None:
    app = listen(db, TRANSFER)
    async with app.run_test() as pilot:
        legs = await settle(pilot, app, "#legs", "▶ 1. call")
        assert "2. transfer" in legs
        await settle(pilot, app, "#position", "leg 1 of 2")
        await pilot.press("n")
        await settle(pilot, app, "#legs", "▶ 2. transfer")
        await settle(pilot, app, "#position", "leg 2 of 2")
        await pilot.press("p")
        await settle(pilot, app, "#legs", "▶ 1. call")


async def test_s_toggles_the_side_of_an_in_out_pair(db) -> None:
    app = listen(db, PAIR)
    async with app.run_test() as pilot:
        await settle(pilot, app, "#position", "both sides")
        await pilot.press("s")
        await settle(pilot, app, "#position", "in side only")
        await pilot.press("s")
        await settle(pilot, app, "#position", "out side only")
        await pilot.press("s")
        await settle(pilot, app, "#position", "both sides")


async def test_a_corrupt_recording_is_one_line_and_the_keys_still_work(db) -> None:
    app = listen(db, CORRUPT)
    async with app.run_test() as pilot:
        problem = await settle(pilot, app, "#problem", f"{CORRUPT}.wav")
        assert "\n" not in problem.strip()
        await pilot.press("space")
        await pilot.pause(0.2)
        assert "playing" not in text(app, "#position")
        assert app.screen.query_one(WaveformView).note == "no waveform"


async def test_a_recording_still_being_written_says_so(db) -> None:
    app = listen(db, WRITING)
    async with app.run_test() as pilot:
        await settle(pilot, app, "#problem", "still being written")


async def test_no_audio_output_says_why_and_the_rest_works(db) -> None:
    app = listen(db, PCM, open_device=no_output)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot, app, "#output", "playback unavailable: no PulseAudio server is running")
        view = app.screen.query_one(WaveformView)
        for _ in range(40):
            if view.note == "":
                break
            await pilot.pause(0.05)
        assert view.note == "", "the waveform is drawn without an output"
        await pilot.press("space", "right")
        await settle(pilot, app, "#position", "0:05 / 0:06 · paused")


async def test_markers_show_under_the_waveform_and_escape_goes_back(db) -> None:
    screen = ListenScreen(PCM, listening=AudioServices(FastDevice))
    app = ListenApp(db, screen)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot, app, "#position", "0:00 / 0:06")
        view = screen.query_one(WaveformView)
        for _ in range(40):
            if view.note == "":
                break
            await pilot.pause(0.05)
        screen.markers = [Marker(3.3, "greeting")]
        await pilot.pause()
        marks = str(view.render()).split("\n")[1]
        assert marks.index("▲") == pytest.approx(view.size.width / 2, abs=1)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


async def test_enter_on_a_calls_timeline_listens_to_it(tmp_path) -> None:
    """The spot-check: Calls, Enter on a call (its timeline), Enter again (listen)."""
    from textual.widgets import DataTable, Input

    from floortui.adapters.importer import Importer
    from floortui.app import make_app
    from floortui.config import load_config
    from tests.conftest import settle as settle_app

    data = Path(__file__).parent / "data"
    config = load_config(data / "handworked" / "config.yaml")
    store = open_database(tmp_path / "store.db")
    Importer(store, config).import_path(data / "handworked" / "queue_log")
    scan_recordings(store, [data / "audio" / "monitor"])
    app = make_app(config, store)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("c")
        await settle_app(app, pilot)
        app.screen.query_one("#search", Input).value = "1794560455.21"
        await settle_app(app, pilot)
        app.screen.query_one("#calls", DataTable).focus()
        await pilot.press("enter")
        await settle_app(app, pilot)
        await pilot.press("enter")
        await settle_app(app, pilot)
        assert isinstance(app.screen, ListenScreen)
        assert app.screen.call == "1794560455.21"
        legs = await settle(pilot, app, "#legs", "2. transfer")
        assert "▶ 1. call" in legs
        await pilot.press("escape")
        await settle_app(app, pilot)
        assert not isinstance(app.screen, ListenScreen)
