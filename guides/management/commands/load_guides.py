"""``manage.py load_guides [--update]``: the guides that ship with the service, for a production install."""

from django.core.management.base import BaseCommand

from guides.seed import load_guides


class Command(BaseCommand):
    help = "Create the shipped map-making guides that are missing (--update also refreshes changed ones)."

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="Save the shipped text over changed guides.")

    def handle(self, *args, update=False, **options):
        created, updated = load_guides(update=update)
        self.stdout.write(f"Guides: {created} created, {updated} updated.")
