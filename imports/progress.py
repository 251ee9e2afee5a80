"""Rows done of total, written to the import job's row while the import's own transaction is still open.

The import runs in one transaction (all or nothing), so its progress cannot
be written through that transaction: nobody would see it before the end. A
second database connection, in autocommit, updates the job's counters at
most a few times a second; the page polls them.
"""

import time

from django.db import DEFAULT_DB_ALIAS, connections

from .models import ImportJob

MIN_INTERVAL = 0.5  # seconds between two writes


class JobProgress:
    """A ``progress(done, total)`` callable for ``run_import`` that updates one job's row."""

    def __init__(self, job_id):
        self.job_id = job_id
        self.connection = connections.create_connection(DEFAULT_DB_ALIAS)
        self.last = 0.0

    def __call__(self, done, total):
        now = time.monotonic()
        if done < total and now - self.last < MIN_INTERVAL:
            return
        self.last = now
        table = self.connection.ops.quote_name(ImportJob._meta.db_table)
        update = f"UPDATE {table} SET rows_done = %s, rows_total = %s WHERE id = %s"  # noqa: S608 - a quoted table name
        with self.connection.cursor() as cursor:
            cursor.execute(update, [done, total, self.job_id])

    def close(self):
        self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
