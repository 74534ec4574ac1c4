"""Reading back stored queue_log lines: to derive again, and to know a line seen before.

A mixin of ImportStore (floortui.store.imports), which owns the connection.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


class StoredEvents:
    """Queries over `queue_log_events` and `import_batches` for the importer."""

    conn: object
    db: object

    def other_sources(self, source_id: int, formats: tuple[str, ...] = ("queue_log",)
                      ) -> dict[int, tuple[str, int | None, int | None]]:  # fmt: skip
        """id → (path, first event time, last event time) of the other sources of these formats."""
        marks = ",".join("?" * len(formats))
        return {
            row[0]: (row[1], row[2], row[3])
            for row in self.conn.execute(
                "SELECT id, path, first_event_at, last_event_at FROM import_sources"
                f" WHERE format IN ({marks}) AND id != ? AND last_event_at IS NOT NULL",
                (*formats, source_id),
            )
        }

    def stored_events_between(self, low: int, high: int,
                              source_ids: Iterable[int]) -> list[tuple]:  # fmt: skip
        """(id, source_id, time, callid, queue, agent, event, data) stored from these sources
        with low <= time <= high.

        import_batches says which id ranges hold such times, so only those rows
        are read, by primary key: the events table needs no index on time.
        """
        wanted = set(source_ids)
        ranges = [
            (first, last)
            for source, first, last in self.conn.execute(
                "SELECT source_id, first_event_id, last_event_id FROM import_batches"
                " WHERE last_event_at >= ? AND first_event_at <= ?",
                (low, high),
            )
            if source in wanted
        ]
        found: list[tuple] = []
        for first, last in ranges:
            found += self.conn.execute(
                "SELECT id, source_id, time, callid, queue, agent, event, data"
                " FROM queue_log_events WHERE id BETWEEN ? AND ? AND time BETWEEN ? AND ?",
                (first, last, low, high),
            ).fetchall()
        return [row for row in found if row[1] in wanted]

    # -- deriving again from the stored lines ------------------------------------

    def clear_derived(self) -> None:
        """Empty the tables derived from queue_log (the raw lines stay)."""
        with self.db.atomic():
            for table in ("call_rings", "calls", "member_pauses", "member_sessions"):
                self.conn.execute(f"DELETE FROM {table}")
            self.conn.execute(
                "DELETE FROM members WHERE known_from = 'queue_log'"
                " AND name IN (SELECT interface FROM member_interfaces)"
            )

    def stored_events(self, batch: int = 50_000) -> Iterator[tuple[int, list[list], int]]:
        """Runs of stored events with consecutive ids from one source, in file order."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT id, source_id, time, callid, queue, agent, event, data"
                " FROM queue_log_events WHERE id > ? ORDER BY id LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return
            run: list[list] = []
            first = previous = rows[0][0]
            source = rows[0][1]
            for event_id, source_id, *event in rows:
                if run and (event_id != previous + 1 or source_id != source):
                    yield first, run, source
                    run, first, source = [], event_id, source_id
                run.append(event)
                previous = event_id
            yield first, run, source
            last = rows[-1][0]
