"""Progress of a long import: a tqdm bar on the command line, the job's row for the planner's page.

An import runs in one transaction, and whatever it writes stays invisible to
the page until the end. So the job's progress is written through a
PostgreSQL connection of its own, in autocommit, at most every half second.
"""

import time

import psycopg
from django.db import connection

THROTTLE_SECONDS = 0.5


class Progress:
    """Does nothing: the interface every reporter has (``stage``, ``advance``, ``close``)."""

    def stage(self, name, total=None):
        """A new stage of the work begins, of ``total`` steps when that is known."""

    def advance(self, steps):
        """``steps`` more steps of the current stage are done."""

    def close(self):
        """The work is over (done or failed)."""


class BarProgress(Progress):
    """A tqdm progress bar per stage, on the command's error stream."""

    def __init__(self, stream):
        self.stream, self.bar = stream, None

    def stage(self, name, total=None):
        from tqdm import tqdm

        self.close()
        self.bar = tqdm(total=total, desc=name, unit=" buildings", file=self.stream, dynamic_ncols=True)

    def advance(self, steps):
        if self.bar is not None:
            self.bar.update(steps)

    def close(self):
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class JobProgress(Progress):
    """Writes stage, done and total of an ``ImportJob`` row through a connection outside the import's transaction."""

    def __init__(self, job_id, table="digital_twin_importjob"):
        self.job_id, self.table = job_id, table
        self.name, self.done, self.total, self.written_at = "", 0, None, 0.0
        self.connection = psycopg.connect(**connection.get_connection_params(), autocommit=True)

    def stage(self, name, total=None):
        self.name, self.done, self.total = name, 0, total
        self._write(force=True)

    def advance(self, steps):
        self.done += steps
        self._write()

    def close(self):
        self._write(force=True)
        self.connection.close()

    def _write(self, force=False):
        now = time.monotonic()
        if not force and now - self.written_at < THROTTLE_SECONDS:
            return
        self.written_at = now
        self.connection.execute(
            f"UPDATE {self.table} SET stage = %s, done = %s, total = %s WHERE id = %s",  # noqa: S608 - fixed name
            [self.name, self.done, self.total, self.job_id],
        )
