"""The app's own JavaScript (MapLibre excluded) stays within its 350 KB gzipped budget for phones."""

import gzip
from pathlib import Path

from django.conf import settings

BUDGET_GZIPPED = 350 * 1024
APP_BUNDLES = Path(settings.BASE_DIR) / "web" / "static" / "web" / "build" / "app"


def test_the_app_bundle_is_built_and_within_budget():
    scripts = sorted(APP_BUNDLES.glob("*.js"))
    assert scripts, f"no bundle in {APP_BUNDLES}: scripts/bootstrap.sh runs the front-end build"
    gzipped = sum(len(gzip.compress(path.read_bytes(), 9)) for path in scripts)
    assert gzipped <= BUDGET_GZIPPED, f"{gzipped:,} B gzipped > {BUDGET_GZIPPED:,} B"
