"""Write import batches, in this process or in a second one that works alongside.

A big import is two jobs of about equal size: reading the lines to follow
calls and pauses, and storing every line. On two cores a second process does
the storing (it re-splits the same text, which is cheaper than sending the
parsed lines over), while this one reads ahead; each batch is still one
transaction with its file offset. If this process is killed, the writer sees
its pipe close and stops between transactions, so nothing half-written lands.
"""

from __future__ import annotations

import fcntl
import gc
import io
import multiprocessing
import os
import pickle
import queue
import signal
import threading
from dataclasses import dataclass
from pathlib import Path

from floortui.adapters.queue_log import event_rows
from floortui.store.rows import Changes


@dataclass
class Batch:
    """Everything one transaction writes."""

    source_id: int
    lines: bytes  # the batch's complete lines, as read (bytes cross the pipe without encoding)
    first_line_number: int
    first_event_id: int
    event_count: int
    skip: set[int]  # line numbers set aside
    time_fixes: dict[int, int]
    rows: list[list] | None  # ready-made rows (realtime CSV); else made from `lines`
    changes: Changes
    set_aside: list[tuple[int, str, str]]
    offset_bytes: int
    lines_read: int
    size_bytes: int
    last_event_at: int | None  # the batch's latest event time
    first_event_at: int | None = None  # and its earliest
    offset_block_sha1: str | None = None  # the last 4 KiB before offset_bytes (identity)
    blank: int = 0  # empty lines in the batch
    already_imported: int = 0  # lines left out: stored before from another file

    def event_rows(self) -> list[list]:
        if self.rows is not None:
            return self.rows
        rows = event_rows(
            self.lines.decode("utf-8", "replace"),
            self.first_line_number,
            self.source_id,
            self.skip,
            self.time_fixes,
        )
        if len(rows) != self.event_count:
            raise RuntimeError(
                f"batch from line {self.first_line_number}: {len(rows)} rows for "
                f"{self.event_count} events; the two readings disagree"
            )
        return rows


class WriterFailed(Exception):
    """The writer stopped; the message says why. Committed batches stay committed."""


class InlineWriter:
    """Writes each batch at once, in this process: for small imports and followed logs."""

    def __init__(self, store) -> None:
        self.store = store

    def submit(self, batch: Batch) -> None:
        self.store.write_batch(batch, batch.event_rows())

    def close(self) -> None:
        pass


def _writer_main(connection, result, db_path: str) -> None:
    """The second process: store each batch as it arrives; report once at the end."""
    from floortui.store.imports import ImportStore

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the importer, which closes us
    importer_pid = os.getppid()
    gc.disable()
    store = ImportStore.bulk_writer(db_path)
    failure: str | None = None
    arrived = _receive_ahead(connection)
    while True:
        message = arrived.get()
        if message is None:  # the importer is gone: stop between transactions
            return
        batch = pickle.loads(message)
        if batch is None:
            break
        if os.getppid() != importer_pid:  # killed: a rerun resumes from the last commit
            return
        if failure is None:
            try:
                store.write_batch(batch, batch.event_rows())
            except Exception as exc:  # reported to the importer, which shows it
                failure = _in_words(exc)
    store.conn.close()  # checkpoints the WAL while nobody else may be writing
    result.send(failure)
    result.close()


def _receive_ahead(connection, depth: int = 6) -> queue.Queue[bytes | None]:
    """Take batches off the pipe in a thread while the last one is written.

    Reading the pipe waits on I/O, not on Python, so the thread costs the
    writer little; a few batches of slack let the importer keep reading when
    one batch takes the writer longer than usual. None means the pipe closed.
    """
    arrived: queue.Queue[bytes | None] = queue.Queue(maxsize=depth)

    def receive() -> None:
        while True:
            try:
                arrived.put(connection.recv_bytes())
            except (EOFError, OSError):
                arrived.put(None)
                return

    threading.Thread(target=receive, name="floortui-writer-receive", daemon=True).start()
    return arrived


class ProcessWriter:
    """Sends batches to a writer process through a pipe that holds about one batch.

    The pipe's buffer is enlarged so that sending a batch rarely waits for
    the writer to finish the one before: the two processes keep working.
    """

    def __init__(self, db_path: Path) -> None:
        # fork is quick and safe while this process has one thread (the CLI);
        # with threads about (the app), a fresh interpreter is the safe choice.
        method = "fork" if threading.active_count() == 1 else "spawn"
        context = multiprocessing.get_context(method)
        batches_in, self._pipe = context.Pipe(duplex=False)
        self._result, result_out = context.Pipe(duplex=False)
        _enlarge(self._pipe)
        self._process = context.Process(
            target=_writer_main, args=(batches_in, result_out, str(db_path)), daemon=True
        )
        self._process.start()
        batches_in.close()
        result_out.close()

    def _stopped(self) -> WriterFailed:
        self._process.join(timeout=5)
        return WriterFailed(f"the writer process stopped (exit code {self._process.exitcode})")

    def submit(self, batch: Batch) -> None:
        try:
            self._pipe.send_bytes(_dumps(batch))
        except (BrokenPipeError, ConnectionResetError):
            raise self._stopped() from None

    def close(self) -> None:
        try:
            self._pipe.send_bytes(pickle.dumps(None))
            failure = self._result.recv()
        except (BrokenPipeError, ConnectionResetError, EOFError):
            raise self._stopped() from None
        finally:
            self._pipe.close()
            self._result.close()
            self._process.join()
        if failure is not None:
            raise WriterFailed(failure)

    def abandon(self) -> None:
        """Stop without waiting for queued work (the import was interrupted)."""
        self._pipe.close()
        self._result.close()
        self._process.join(timeout=30)


def _dumps(batch: Batch) -> bytes:
    """Pickle without the memo: a batch has no shared or cyclic parts worth remembering,
    and remembering each of its many small strings costs most of the time."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(batch)
    return buffer.getvalue()


def _enlarge(connection) -> None:
    """Give the pipe the largest buffer an ordinary process may ask for (Linux: 1 MiB)."""
    try:
        limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, limit)
    except (OSError, ValueError, AttributeError):
        pass  # another system: the default buffer only costs some overlap


def _in_words(exc: Exception) -> str:
    """The writer's failure as a person reads it: SQLite's own words, not a library's class."""
    module = type(exc).__module__
    if module in ("apsw", "sqlite3") and str(exc):
        return str(exc).removeprefix(f"{type(exc).__name__}: ")
    return f"{type(exc).__name__}: {exc}"
