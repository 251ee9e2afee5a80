"""Steps run at the same moment on their own database connections, for tests of races in PostgreSQL.

``run_together(steps, hold_lock)`` takes a lock in the test's own transaction,
starts each step in a thread of its own (so on a connection of its own), waits
until PostgreSQL shows every one of them blocked on a lock, then commits, so
they really meet; it returns their results and fails on any step's error.
"""

import threading
import time

from django.db import connection, connections, transaction


def waiting_for_locks():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # else the view stays as it was when the transaction began
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def run_together(steps, hold_lock):
    """Run each callable of ``steps`` in its own thread while ``hold_lock()``'s lock keeps them waiting."""
    results, errors = [], []

    def run(step):
        try:
            results.append(step())
        except Exception as exc:  # noqa: BLE001  (reported by the caller's assertion)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(step,)) for step in steps]
    with transaction.atomic():
        hold_lock()
        for thread in threads:
            thread.start()
        while waiting_for_locks() < len(steps):
            assert all(thread.is_alive() for thread in threads), "a step finished without waiting for the lock"
            time.sleep(0.01)
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results
