"""The guides that ship with the service (guides/content/*.yaml), loaded into the database.

Each file is one guide's content (guides/services/guides.py), Korean with its
English version; ``{static:path}`` in a step stands for the address of a static
file (the illustrations in guides/static/guides/). Loading creates the guides
that are missing, each with a first revision; with ``update`` it also saves
the shipped text over guides that differ from it — as a new revision, so
whatever the city's authors wrote can still be restored.
"""

import re
from importlib.resources import files

import yaml
from django.templatetags.static import static

from .models import Guide
from .sanitise import clean_guide_html
from .services.guides import GUIDE_FIELDS, STEP_FIELDS, content_of, save_guide

STATIC = re.compile(r"\{static:([\w\-./]+)\}")
NOTE = "shipped guide"


def shipped_guides():
    """The shipped guides' contents, in file order."""
    folder = files("guides").joinpath("content")
    paths = sorted(path for path in folder.iterdir() if path.name.endswith(".yaml"))
    return [_resolved(yaml.safe_load(path.read_text(encoding="utf-8"))) for path in paths]


def _resolved(content):
    for step in content["steps"]:
        for name in ("body_ko", "body_en"):
            step[name] = STATIC.sub(lambda match: static(match[1]), step.get(name, ""))
    return content


def _as_saved(content):
    """``content`` as ``save_guide`` would store it (defaults filled in, HTML cleaned), to compare with a guide."""
    blank = Guide()
    saved = {name: content.get(name, getattr(blank, name)) for name in GUIDE_FIELDS}
    saved["steps"] = [{name: step.get(name) or "" for name in STEP_FIELDS} for step in content["steps"]]
    for step in saved["steps"]:
        step["body_ko"], step["body_en"] = clean_guide_html(step["body_ko"]), clean_guide_html(step["body_en"])
    return saved


def load_guides(author=None, *, update=False):
    """Create the shipped guides that are missing (with ``update``, refresh changed ones): (created, updated)."""
    created = updated = 0
    for content in shipped_guides():
        guide = Guide.objects.filter(slug=content["slug"]).first()
        if guide is None:
            save_guide(author, content, note=NOTE)
            created += 1
        elif update and content_of(guide) != _as_saved(content):
            save_guide(author, content, guide=guide, expected_version=guide.version, note=NOTE)
            updated += 1
    return created, updated
