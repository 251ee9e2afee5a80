"""``manage.py retry_deliveries``: enqueue again the e-mails and webhooks whose sending task was lost.

A delivery stays pending until its task sends it or gives up. When a worker
was killed mid-way, or the task queue lost the task, a pending delivery stays
overdue; this command (run from cron, say every 15 minutes) enqueues one send
task for each delivery overdue by more than ``--grace`` minutes. A second task
for a delivery whose task was only slow does no harm: the send task skips a
delivery that is sent, being sent or not due. ``--failed`` also gives every
delivery that failed for good a fresh set of tries, once the cause is fixed.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from layers import tasks
from layers.services import deliveries


class Command(BaseCommand):
    help = "Enqueue a send task for each pending delivery that is overdue (its task was lost)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace",
            type=float,
            default=10,
            help="Minutes a due delivery may wait for its task before it counts as lost (default: 10).",
        )
        parser.add_argument("--failed", action="store_true", help="Also try again every delivery that failed for good.")

    def handle(self, *args, grace=10, failed=False, **options):
        reopened = deliveries.reopen_failed() if failed else []
        due = sorted(set(deliveries.overdue(timedelta(minutes=grace)).values_list("pk", flat=True)) | set(reopened))
        for delivery_id in due:
            tasks.send_delivery.enqueue(delivery_id)
        self.stdout.write(f"Enqueued {len(due)} deliveries ({len(reopened)} of them had failed for good).")
