"""Find call recordings on disk and link each to its call through the uniqueid in its name.

Asterisk's Monitor/MixMonitor name a recording after the caller's uniqueid,
which is queue_log's callid, so the file name alone links a recording to its
call: `1794560455.21.wav`, a stereo pair `1794560455.21-in.wav` /
`-out.wav`, an extra leg `1794560455.21-transfer.wav`, or a MixMonitor name
with the uniqueid after a prefix (`q-sales-20261113-091500-1794560455.21.wav`).

The recordings belong to the phone system and may be evidence: files are only
ever opened with 'rb', and only their headers are read. A scan never stops on
one bad file: an empty, vanished or corrupt file is stored with its status and
problem and listed in the summary, so a supervisor sees which calls lost audio.
Scanning again reads only files that are new or whose size or mtime changed.

Only what lies inside a configured folder is read: a symlink leading outside
it is refused (stored with status `refused` and listed), never followed, and
a path that would leave the folder is never opened.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from floortui.adapters.audio_header import AudioHeaderError, container_for, read_audio_header
from floortui.adapters.audio_info import SETTLED_AFTER_S, left_unfinished
from floortui.store import recordings as store

#: A recording's state in `recordings.status`.
STATUS_OK = "ok"
STATUS_WRITING = "writing"  # header not finalised yet: duration is what is on disk so far
STATUS_EMPTY = "empty"
STATUS_UNREADABLE = "unreadable"
STATUS_MISSING = "missing"
STATUS_REFUSED = "refused"  # a symlink (or path) leading outside the folder: never followed
PROBLEM_STATUSES = (STATUS_EMPTY, STATUS_UNREADABLE, STATUS_MISSING, STATUS_REFUSED)

#: Leg of a recording that holds both sides of the call.
LEG_MIXED = "mixed"

_VANISHED = "missing: vanished while scanning"

# `<uniqueid>` or `<uniqueid>-<leg>`: the default names Monitor and MixMonitor write.
_PLAIN_NAME = re.compile(r"(\d+\.\d+)(?:-(.+))?")
# A uniqueid elsewhere in the name: epoch seconds (9 or 10 digits), a dot, a sequence number.
_UNIQUEID = re.compile(r"(?<![\d.])(\d{9,10}\.\d+)")


@dataclass(frozen=True)
class RecordingName:
    """The call and leg a recording's file name points to."""

    callid: str
    leg: str


def parse_recording_name(path: Path) -> RecordingName | None:
    """The uniqueid and leg in a recording's name; None if it is not a recording of a call.

    A prefixed name takes the last uniqueid-shaped number in it, since the
    prefixes MixMonitor setups use (queue, extension, date, time) come first.
    Uniqueids with Asterisk's `systemname` prefix (`pbx1-1794560455.21`) are
    not recognised: the prefix cannot be told apart from any other.
    """
    if container_for(path) is None:
        return None
    stem = path.name[: -len(path.suffix)]
    plain = _PLAIN_NAME.fullmatch(stem)
    if plain:
        return RecordingName(plain[1], plain[2] or LEG_MIXED)
    found = list(_UNIQUEID.finditer(stem))
    if not found:
        return None
    last = found[-1]
    leg = stem[last.end() :].lstrip("-_.")
    return RecordingName(last[1], leg or LEG_MIXED)


@dataclass
class RecordingScan:
    """What one scan of the recording folders found, for the CLI's summary line."""

    directories: list[str]
    found: int = 0  # recording files named by a uniqueid
    new: int = 0  # stored for the first time
    changed: int = 0  # read again: size or mtime changed, or it was being written
    linked: int = 0  # of the files found, those whose callid is a call in the store
    writing: int = 0  # headers not finalised: most likely still being recorded
    gone: int = 0  # stored by an earlier scan, no longer on disk
    #: (path, problem) for each empty, unreadable or vanished file, in path order.
    problems: list[tuple[str, str]] = field(default_factory=list)
    #: Files with a recording's extension but no uniqueid in the name (prompts, music).
    unnamed: list[str] = field(default_factory=list)
    #: (directory, problem) for a folder that does not exist or cannot be listed.
    directory_problems: list[tuple[str, str]] = field(default_factory=list)

    def problem_counts(self) -> Counter[str]:
        """Problems by status ('empty', 'unreadable', 'missing'): each text starts with it."""
        return Counter(problem.split(":")[0] for _path, problem in self.problems)

    def describe(self) -> str:
        where = self.directories[0] if len(self.directories) == 1 else (
            f"{len(self.directories)} folders"
        )  # fmt: skip
        folder_problems = [f"{folder}: {problem}" for folder, problem in self.directory_problems]
        if folder_problems and not self.found and not self.unnamed:
            return "recordings: " + "; ".join(folder_problems)  # nothing else to say
        counts = [f"{self.found:,} found", f"{self.new:,} new"]
        if self.changed:
            counts.append(f"{self.changed:,} changed")
        counts.append(f"{self.linked:,} linked to a call")
        parts = [f"recordings in {where}: {', '.join(counts)}"]
        if self.problems:
            kinds = ", ".join(f"{n:,} {kind}" for kind, n in sorted(self.problem_counts().items()))
            parts.append(f"{len(self.problems):,} with problems ({kinds})")
        if self.writing:
            parts.append(f"{self.writing:,} still being written")
        if self.gone:
            parts.append(f"{self.gone:,} no longer on disk")
        if self.unnamed:
            parts.append(f"{len(self.unnamed):,} without a uniqueid in the name skipped")
        parts.extend(folder_problems)
        return "; ".join(parts)


def scan_recordings(db: Database, directories: list[Path],
                    now_s: float | None = None) -> RecordingScan:  # fmt: skip
    """Find recordings under `directories` (recursively), store new or changed ones.

    Never raises for a file or folder; what went wrong is in the returned scan. `now_s`
    (epoch, default the clock) tells a file still being written from one whose recorder
    left its header unfinished and stopped (audio_info.SETTLED_AFTER_S).
    """
    scan = RecordingScan([str(d) for d in directories])
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    clock = time.time() if now_s is None else now_s
    found_callids: list[str] = []
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()  # across folders, in case one is inside another
    for directory in directories:
        root = Path(os.path.abspath(directory))
        if not root.is_dir():
            why = "is not a directory" if root.exists() else "directory not found"
            scan.directory_problems.append((str(directory), why))
            continue
        known = store.known_files(db, str(root) + os.sep)
        real_root = os.path.realpath(root)
        listing_problems = len(scan.directory_problems)
        for path in _walk(root, scan):
            key = str(path)
            if key in seen:
                continue
            seen.add(key)
            name = parse_recording_name(path)
            if name is None:
                scan.unnamed.append(key)
                continue
            scan.found += 1
            found_callids.append(name.callid)
            refused = _leads_outside(root, real_root, path)
            if refused is not None:
                row = _refused(path, name, refused, now)
            else:
                row = _examine(path, name, known.get(key), now, clock)
            if row is None:  # unchanged since the last scan
                status, problem = known[key].status, known[key].problem
            else:
                rows.append(row)
                status, problem = row["status"], row["problem"]
                before = known.get(key)
                if before is None:
                    scan.new += 1
                elif (before.size_bytes, before.modified_at, before.status) != (
                    row.get("size_bytes"),
                    row.get("modified_at"),
                    status,
                ):
                    scan.changed += 1
                if len(rows) >= store.BATCH_ROWS:
                    store.upsert_recordings(db, rows)
                    rows = []
            if status == STATUS_WRITING:
                scan.writing += 1
            elif status in PROBLEM_STATUSES:
                scan.problems.append((key, problem or status))
        if len(scan.directory_problems) > listing_problems:
            continue  # a subfolder could not be listed: its files are not known to be gone
        gone = [p for p, k in known.items() if p not in seen and k.status != STATUS_MISSING]
        scan.gone += store.mark_missing(db, gone, "missing: no longer on disk")
    store.upsert_recordings(db, rows)
    with_calls = store.callids_with_calls(db)
    scan.linked = sum(1 for callid in found_callids if callid in with_calls)
    scan.problems.sort()
    return scan


def _walk(root: Path, scan: RecordingScan) -> Iterator[Path]:
    """Files under `root` with a recording's extension, sorted, date subfolders included."""

    def unlistable(error: OSError) -> None:
        scan.directory_problems.append(
            (error.filename or str(root), f"cannot be listed ({error.strerror or error})")
        )

    for folder, subfolders, files in os.walk(root, onerror=unlistable):
        subfolders.sort()
        for file_name in sorted(files):
            path = Path(folder, file_name)
            if container_for(path) is not None:
                yield path


def _leads_outside(root: Path, real_root: str, path: Path) -> str | None:
    """Why `path` must not be read (it leads outside the folder), or None if it is inside."""
    lexical = os.path.normpath(path)
    if os.path.commonpath([str(root), lexical]) != str(root):
        return f"refused: {path.name!r} would lead outside {root}"
    real = os.path.realpath(path)
    if real != real_root and os.path.commonpath([real_root, real]) != real_root:
        return f"refused: a symlink leading outside {root} (to {real}); not followed"
    return None


def _refused(path: Path, name: RecordingName, problem: str, now: str) -> dict[str, Any]:
    """The row of a file that is listed but never opened."""
    return {
        "path": str(path),
        "callid": name.callid,
        "leg": name.leg,
        "container": container_for(path),
        "found_at": now,
        "status": STATUS_REFUSED,
        "problem": problem,
    }


def _examine(path: Path, name: RecordingName, known: store.KnownFile | None,
             now: str, clock: float) -> dict[str, Any] | None:  # fmt: skip
    """The row to store for `path`, or None when it is unchanged since the last scan."""
    row: dict[str, Any] = {
        "path": str(path),
        "callid": name.callid,
        "leg": name.leg,
        "container": container_for(path),
        "found_at": now,
        "problem": None,
    }
    try:
        stat = path.stat()
    except FileNotFoundError:
        # Listed a moment ago, gone now (or a symlink to nothing): moved away or deleted.
        return {**row, "status": STATUS_MISSING, "problem": _VANISHED}
    except OSError as exc:
        return {**row, "status": STATUS_UNREADABLE, "problem": _os_problem(exc)}
    size, modified = stat.st_size, int(stat.st_mtime)
    if (
        known is not None
        and (known.size_bytes, known.modified_at) == (size, modified)
        and known.status not in (STATUS_WRITING, STATUS_MISSING)
    ):
        # A file being written is read each time: Asterisk fills in the header sizes at the
        # end without changing the file's size, possibly within the same second.
        return None
    row.update(size_bytes=size, modified_at=modified)
    if size == 0:
        return {**row, "status": STATUS_EMPTY, "problem": "empty: 0 bytes"}
    try:
        info = read_audio_header(path)
    except AudioHeaderError as exc:
        return {**row, "status": STATUS_UNREADABLE, "problem": f"unreadable: {exc}"}
    except FileNotFoundError:
        return {**row, "status": STATUS_MISSING, "problem": _VANISHED}
    except OSError as exc:
        return {**row, "status": STATUS_UNREADABLE, "problem": _os_problem(exc)}
    row.update(
        container=info.container,
        codec=info.codec,
        sample_rate=info.sample_rate,
        channels=info.channels,
        duration_s=round(info.duration_s, 6),
        status=STATUS_OK,
    )
    if not info.unfinished:
        return row
    if left_unfinished(stat.st_mtime, clock):
        row["problem"] = (f"header never finalised (unchanged for {SETTLED_AFTER_S // 60} min:"
                          " the recorder stopped); length from the file size")  # fmt: skip
    else:
        row["status"] = STATUS_WRITING
        row["problem"] = "writing: header not finalised yet; length from the file size so far"
    return row


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "unreadable: permission denied (floortui only needs to read it)"
    return f"unreadable: {exc.strerror or exc}"
