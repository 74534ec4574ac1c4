"""How long a 10-minute recording's waveform takes: the peaks the listen screen draws.

Ten minutes of 8 kHz mono speech (Debian's Asterisk prompts or the demo's
recordings, repeated), decoded once (not timed), then, in turns:

- **floortui**: `floortui.domain.waveform.peaks` for a widget of each width
  (80, 200 and 1,000 columns): `audioop.max` over each column's stretch, in C;
- **baseline**: the naive pure-Python way: unpack every sample, `max(abs(...))`
  per column.

    .venv/bin/python bench/bench_waveform.py [--repeat 5] [--minutes 10]

The last line is ``ratio=<floortui / baseline>`` (medians at 200 columns).
"""

from __future__ import annotations

import argparse
import statistics
import struct
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from floortui.adapters.audio_decode import decode  # noqa: E402
from floortui.domain.waveform import peaks  # noqa: E402

GOAL_MS = 50
RATE = 8000
ASTERISK_SOUNDS = Path("/usr/share/asterisk/sounds")
SOURCES = [
    ASTERISK_SOUNDS / "en",
    ASTERISK_SOUNDS / "en_US_f_Allison",
    ROOT / "fixtures" / "recordings",
]


def speech(seconds: float) -> bytes:
    """`seconds` of real 8 kHz speech, the prompts (or recordings) one after another."""
    wanted = int(seconds * RATE) * 2
    pcm = bytearray()
    for folder in SOURCES:
        files = [p for p in sorted(folder.glob("*.wav")) if p.stat().st_size > 1000]
        while files and len(pcm) < wanted:
            for path in files:
                audio = decode(path)
                if audio.sample_rate == RATE:
                    pcm += audio.pcm
        if len(pcm) >= wanted:
            return bytes(pcm[:wanted])
    raise SystemExit("no 8 kHz recordings to build the bench from")


def naive_peaks(pcm: bytes, columns: int) -> list[float]:
    """Every sample through Python: the obvious way, and the one to beat."""
    samples = struct.unpack(f"<{len(pcm) // 2}h", pcm)
    count = len(samples)
    raw = []
    for column in range(columns):
        start, end = column * count // columns, (column + 1) * count // columns
        raw.append(max((abs(v) for v in samples[start : max(end, start + 1)]), default=0))
    loudest = max(raw) or 1
    return [value / loudest for value in raw]


def timed(function, *args) -> tuple[float, object]:
    began = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - began, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--minutes", type=float, default=10)
    args = parser.parse_args()
    pcm = speech(args.minutes * 60)
    print(f"{args.minutes:g} minutes of 8 kHz speech: {len(pcm) // 2:,} samples (built, not timed)")
    medians = {}
    for columns in (80, 200, 1000):
        ours, theirs = [], []
        for _ in range(args.repeat):
            took, mine = timed(peaks, pcm, columns)
            ours.append(took)
            took, naive = timed(naive_peaks, pcm, columns)
            theirs.append(took)
            assert [round(v, 6) for v in mine] == [round(v, 6) for v in naive]
        medians[columns] = statistics.median(ours), statistics.median(theirs)
        print(f"{columns:>5} columns: floortui median {medians[columns][0] * 1000:6.2f} ms "
              f"(slowest {max(ours) * 1000:.2f}); baseline median "
              f"{medians[columns][1] * 1000:7.1f} ms")  # fmt: skip
    slowest = max(ours for ours, _ in medians.values())
    print(f"floortui: slowest median {slowest * 1000:.2f} ms (goal <= {GOAL_MS} ms)")
    ours, theirs = medians[200]
    print(f"ratio={ours / theirs:.4f}")


if __name__ == "__main__":
    main()
