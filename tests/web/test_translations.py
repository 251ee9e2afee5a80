"""Korean first: every string the pages, forms, models and scripts show has a Korean translation.

Django's ``makemessages`` is run on a copy of the sources (so the committed
catalogs are not touched) for the ``django`` and ``djangojs`` domains, and every
message it finds must have a non-empty Korean string in locale/ko. A string
added without its translation fails here, with its file and line.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SOURCES = ["manage.py", "mapping", "layers", "tiles", "digital_twin", "imports", "guides", "web", "locale"]
SKIP = shutil.ignore_patterns("node_modules", "build", "__pycache__", "*.mo", "*.png", "*.tif", "*.zip")


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory):
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext is missing: scripts/bootstrap.sh installs the Debian package gettext")
    copy = tmp_path_factory.mktemp("sources")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=SKIP)
        elif source.exists():
            shutil.copy2(source, copy / name)
    for domain in ("django", "djangojs"):
        command = [sys.executable, "manage.py", "makemessages", "-l", "ko", "-d", domain, "-v", "0"]
        command += [
            "--ignore",
            "web/static/*",
            "--ignore",
            "web/frontend/build.mjs",
            "--ignore",
            "web/frontend/scripts/*",
        ]
        subprocess.run(command, cwd=copy, check=True, capture_output=True)
    return copy / "locale" / "ko" / "LC_MESSAGES"


def missing_translations(fresh, committed):
    known = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(committed)) if not e.obsolete}
    missing = []
    for entry in polib.pofile(str(fresh)):
        if entry.obsolete:
            continue
        ours = known.get((entry.msgctxt, entry.msgid))
        if ours is None or not ours.translated() or "fuzzy" in ours.flags:
            where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
            missing.append(f"{where}: {entry.msgid[:70]!r}")
    return missing


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_message_has_a_korean_translation(fresh_catalogs, domain):
    committed = ROOT / "locale" / "ko" / "LC_MESSAGES" / f"{domain}.po"
    missing = missing_translations(fresh_catalogs / f"{domain}.po", committed)
    assert not missing, f"{len(missing)} messages without Korean in {committed.name}:\n" + "\n".join(missing)


def test_the_scripts_catalogue_is_served_in_korean(client):
    escaped = json.dumps("지도 가운데에 점 찍기")[1:-1]  # the catalogue is JavaScript with \uXXXX escapes
    korean = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    english = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert escaped in korean and escaped not in english
