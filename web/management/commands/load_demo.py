"""``manage.py load_demo``: districts, accounts per role, two demo maps and a demo city on a DEM, deterministically.

Safe to run again: districts and accounts are updated in place and the demo
maps are created only once (``--reset`` recreates them).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from digital_twin.demo import load_demo_buildings, load_demo_scenario, load_demo_terrain
from guides.demo import load_demo_participation
from imports.districts import load_districts
from layers.demo import load_demo_maps
from mapping.demo import builtin_junggu, demo_district_file, ensure_accounts
from mapping.district_names import JUNGGU_CODE
from mapping.models import District, Map


class Command(BaseCommand):
    help = "Load demo districts, accounts (demo-resident … demo-admin) and two demo maps."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete and recreate the demo maps.")

    def handle(self, *args, reset=False, **options):
        self._load_districts()
        password = settings.DEMO_PASSWORD
        accounts = ensure_accounts(password)
        if reset:
            Map.objects.filter(slug__in=["demo-safety", "demo-sharing"]).delete()
        junggu = District.objects.get(code=JUNGGU_CODE)
        created = load_demo_maps(junggu, accounts)
        if created:
            self.stdout.write(f"Demo maps: {created} features created.")
        else:
            self.stdout.write("Demo maps already present (use --reset to recreate them).")
        load_demo_buildings(stdout=self.stdout)
        load_demo_terrain(stdout=self.stdout)
        load_demo_scenario(accounts["planner"], stdout=self.stdout)
        load_demo_participation(accounts, stdout=self.stdout)
        names = ", ".join(user.username for user in accounts.values())
        self.stdout.write(self.style.SUCCESS(f"Demo accounts: {names} (password: {password})"))

    def _load_districts(self):
        path = demo_district_file()
        if path is None:
            builtin_junggu()
            self.stdout.write("Districts: built-in boundary of 중구 (../shared/data is absent).")
        elif District.objects.count() < 25:
            count = load_districts(path)
            self.stdout.write(f"Districts: {count} loaded from {path.name}.")
        else:
            self.stdout.write("Districts: already loaded.")
