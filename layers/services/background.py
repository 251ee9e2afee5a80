"""Handing work to the task worker only once the request's transaction has committed, and never failing it.

``enqueue_on_commit`` waits for the commit (so a rolled-back request enqueues
nothing and a worker never looks for rows that are not there yet) and logs an
enqueue that fails (the task database or broker is down) instead of raising
into a request whose own write has already been saved.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args):
    """Enqueue ``task(*args)`` when the current transaction commits (at once outside one); log a failure."""

    def enqueue():
        try:
            task.enqueue(*args)
        except Exception:
            logger.exception("Could not enqueue the background task %s%r", task.name, args)

    transaction.on_commit(enqueue)
