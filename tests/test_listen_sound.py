"""The listen screen makes real sound: space in the screen, the recording out of the null sink."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from floortui.adapters.audio_decode import decode
from floortui.adapters.listening import AudioServices
from floortui.adapters.recordings import scan_recordings
from floortui.screens.listen import ListenScreen
from floortui.store.db import open_database
from tests import sound
from tests.test_listen_screen import ListenApp, settle
from tests.test_player_sound import _align, _correlation

pytestmark = [pytest.mark.timeout(90), pytest.mark.realtime]
pulse, capture = sound.pulse, sound.capture  # the fixtures, for this module


async def test_space_in_the_listen_screen_is_heard(tmp_path: Path, capture) -> None:
    folder = sound.prompt_folder()
    assert folder is not None
    monitor = tmp_path / "monitor"
    monitor.mkdir()
    recording = monitor / "1794600000.7.gsm"  # a real GSM prompt, named as Asterisk would
    shutil.copy(folder / "conf-getpin.gsm", recording)
    store = open_database(tmp_path / "floortui.db")
    scan_recordings(store, [monitor])
    app = ListenApp(store, ListenScreen("1794600000.7", listening=AudioServices()))
    async with app.run_test() as pilot:
        await settle(pilot, app, "#position", "paused")
        assert "playback unavailable" not in str(app.screen.query_one("#output").render())
        mark = capture.mark()
        await pilot.press("space")
        await settle(pilot, app, "#position", "ended", tries=200)
    capture.wait_for_bytes(8000, 3, mark=capture.mark())
    heard = capture.since(mark)
    reference = decode(recording).pcm
    start = _align(heard, reference)
    played = heard[start * 2 : start * 2 + len(reference)]
    assert start >= 0 and len(played) == len(reference)
    assert _correlation(played, reference) >= 0.99
