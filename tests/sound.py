"""Real sound for the tests: a private PulseAudio daemon with an 8 kHz mono null sink, and parec.

Each pytest process (each xdist worker) starts its own daemon on its own
socket in a temporary folder, so workers never share or tear down each other's
server and a developer's own PulseAudio is never touched (the player finds ours
through PULSE_SERVER). The daemon is a child of the test process: started once
per session, killed in a `finally`, and told to die with its parent if pytest
itself is killed. Every wait has a deadline; nothing here can hang a run.

What ../shared/notes/audio.md measured is built in: the sink runs at the
recordings' own rate (8 kHz, mono), so nothing is resampled and captured
samples can match decoded ones exactly; no suspend-on-idle (the daemon starts
with only the modules listed here); parec delivers its first bytes 1.5-1.9 s
after it starts, so a Capture is started and waited on before anything plays,
and it is read continuously so nothing it buffered is lost when it stops.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SINK = "floortui_ci"
RATE = 8000
#: Debian's asterisk-core-sounds-en-* install here (the `en` link comes with asterisk itself).
PROMPT_FOLDERS = ("/usr/share/asterisk/sounds/en", "/usr/share/asterisk/sounds/en_US_f_Allison")
_NEEDS = "scripts/bootstrap installs them when run as root on Debian"


def missing_tools() -> str | None:
    """Why real-sound tests cannot run here, or None when they can."""
    for tool in ("pulseaudio", "pactl", "parec"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (pulseaudio, pulseaudio-utils: {_NEEDS})"
    if prompt_folder() is None:
        folders = " or ".join(PROMPT_FOLDERS)
        return f"no Asterisk prompts in {folders} (asterisk-core-sounds-en-*: {_NEEDS})"
    return None


def prompt_folder() -> Path | None:
    for folder in PROMPT_FOLDERS:
        if Path(folder, "conf-getpin.wav").exists() and Path(folder, "conf-getpin.gsm").exists():
            return Path(folder)
    return None


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class PulseServer:
    """One private PulseAudio daemon with the null sink; `server` is its PULSE_SERVER."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="floortui-pulse-"))
        self.server = f"unix:{self.folder / 'native'}"
        self.log = self.folder / "pulseaudio.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 15.0) -> None:
        script = self.folder / "ci.pa"
        script.write_text(
            f"load-module module-native-protocol-unix socket={self.folder / 'native'}"
            " auth-anonymous=1\n"
            f"load-module module-null-sink sink_name={SINK} format=s16le rate={RATE} channels=1\n"
            f"set-default-sink {SINK}\n"
        )
        env = {**os.environ, "HOME": str(self.folder), "XDG_RUNTIME_DIR": str(self.folder),
               "PULSE_RUNTIME_PATH": str(self.folder / "runtime"),
               "PULSE_STATE_PATH": str(self.folder / "state")}  # fmt: skip
        env.pop("PULSE_SERVER", None)
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                ["pulseaudio", "-n", "-F", str(script), "--daemonize=no", "--exit-idle-time=-1",
                 "--use-pid-file=no", "--system=no", "--log-target=stderr", "--log-level=error"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env,
                preexec_fn=_die_with_parent,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            if self._answers():
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"PulseAudio did not start: {self.log.read_text(errors='replace')}")

    def _answers(self) -> bool:
        try:
            result = subprocess.run(["pactl", "-s", self.server, "info"], capture_output=True,
                                    timeout=3, check=False)  # fmt: skip
        except subprocess.TimeoutExpired:
            return False
        return result.returncode == 0 and SINK.encode() in result.stdout

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=3)
        shutil.rmtree(self.folder, ignore_errors=True)


class Capture:
    """parec on the sink's monitor, read continuously into memory by a thread."""

    def __init__(self, server: PulseServer) -> None:
        self._server = server
        self._buffer = bytearray()
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._reader: threading.Thread | None = None

    def start(self, timeout: float = 10.0) -> Capture:
        """Start parec and wait until its first bytes arrive (1.5-1.9 s here)."""
        self._process = subprocess.Popen(
            ["parec", "-s", self._server.server, "-d", f"{SINK}.monitor", "--format=s16le",
             f"--rate={RATE}", "--channels=1", "--latency-msec=10", "--raw"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )  # fmt: skip
        self._reader = threading.Thread(target=self._read, name="parec reader", daemon=True)
        self._reader.start()
        if not self.wait_for_bytes(1, timeout):
            self.close()
            raise RuntimeError(f"parec gave nothing in {timeout:.0f} s")
        return self

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        stdout = self._process.stdout
        while True:
            data = stdout.read1(4096)
            if not data:
                return
            with self._lock:
                self._buffer += data

    def mark(self) -> int:
        """Where the capture stands now (a byte offset for `since`)."""
        with self._lock:
            return len(self._buffer)

    def since(self, mark: int) -> bytes:
        with self._lock:
            return bytes(self._buffer[mark:])

    def wait_for_bytes(self, count: int, timeout: float, mark: int = 0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.mark() - mark >= count:
                return True
            time.sleep(0.01)
        return False

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=3)
            if process.stdout is not None:
                process.stdout.close()
        if self._reader is not None:
            self._reader.join(timeout=3)


@pytest.fixture(scope="session")
def pulse() -> Iterator[PulseServer]:
    """This worker's PulseAudio with the null sink, and PULSE_SERVER pointing at it."""
    reason = missing_tools()
    if reason:
        pytest.skip(reason)
    server = PulseServer()
    before = os.environ.get("PULSE_SERVER")
    try:
        server.start()
        os.environ["PULSE_SERVER"] = server.server
        yield server
    finally:
        if before is None:
            os.environ.pop("PULSE_SERVER", None)
        else:
            os.environ["PULSE_SERVER"] = before
        server.stop()


@pytest.fixture(scope="module")
def capture(pulse: PulseServer) -> Iterator[Capture]:
    """parec already delivering (one per test module: it takes a second or two to start),
    closed afterwards whatever happens; each test reads from its own `mark()`."""
    recorder = Capture(pulse)
    try:
        yield recorder.start()
    finally:
        recorder.close()
