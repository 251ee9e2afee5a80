"""Writing guides: every save replaces the guide's text and steps and keeps a revision of all of it.

A guide's *content* is one JSON-able dict — titles and summaries in both
languages, ``order``, ``published`` and the list of steps (anchor, editor
topic, titles and HTML bodies) — the same shape the API takes, the revisions
store and the seed files (guides/content/) hold. ``save_guide`` checks it
(lengths, anchors, images, size), cleans the HTML with nh3, locks the guide at
the version the author read (412 otherwise), writes it and the next revision
in one transaction. ``restore_revision`` saves an old revision's content again,
as a new revision that says where it came from: nothing is ever lost.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from mapping.errors import StaleVersion

from ..models import Guide, GuideRevision, GuideStep
from ..sanitise import check_guide_html, clean_guide_html

GUIDE_FIELDS = ("slug", "title_ko", "title_en", "summary_ko", "summary_en", "order", "published")
STEP_FIELDS = ("anchor", "topic", "title_ko", "title_en", "body_ko", "body_en")
MAX_STEPS = 60


def content_of(guide):
    """The guide's content as saved: its fields and its steps in order."""
    content = {name: getattr(guide, name) for name in GUIDE_FIELDS}
    content["steps"] = [{name: getattr(step, name) for name in STEP_FIELDS} for step in guide.steps.order_by("order")]
    return content


def _checked_steps(steps):
    if not steps:
        raise ValidationError(_("A guide needs at least one step."), code="no_steps")
    if len(steps) > MAX_STEPS:
        raise ValidationError(_("A guide has at most %(count)s steps."), params={"count": MAX_STEPS}, code="too_many")
    anchors = [step.get("anchor", "") for step in steps]
    if len(set(anchors)) != len(anchors):
        raise ValidationError(_("Two steps have the same anchor; each step needs its own."), code="anchor_twice")
    checked = []
    for order, step in enumerate(steps):
        fields = {name: step.get(name) or "" for name in STEP_FIELDS}
        for language in ("ko", "en"):
            check_guide_html(fields[f"body_{language}"])
            fields[f"body_{language}"] = clean_guide_html(fields[f"body_{language}"])
        row = GuideStep(order=order, **fields)
        row.full_clean(exclude=["guide"])
        checked.append(row)
    return checked


def _locked_at(guide, expected_version):
    locked = Guide.objects.select_for_update().get(pk=guide.pk)
    if locked.version != expected_version:
        raise StaleVersion(
            _("The guide was changed by someone else (now version %(version)s). Reload it first.")
            % {"version": locked.version}
        )
    return locked


@transaction.atomic
def save_guide(author, content, *, guide=None, expected_version=None, note="", restored_from=None):
    """Create (``guide`` None) or replace a guide with ``content``; returns the guide at its new version.

    Raises ValidationError for content that cannot be saved and StaleVersion when the
    guide is no longer at ``expected_version``.
    """
    steps = _checked_steps(content.get("steps") or [])
    fields = GUIDE_FIELDS
    if guide is None:
        guide = Guide()
    else:  # an existing guide keeps its address: links to its steps must go on working
        guide = _locked_at(guide, expected_version)
        guide.version += 1
        fields = [name for name in GUIDE_FIELDS if name != "slug"]
    for name in fields:
        if name in content:
            setattr(guide, name, content[name])
    guide.full_clean(exclude=["version"])
    guide.save()
    guide.steps.all().delete()
    for step in steps:
        step.guide = guide
    GuideStep.objects.bulk_create(steps)
    number = (guide.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    GuideRevision.objects.create(
        guide=guide,
        number=number,
        author=author,
        note=note[:200],
        restored_from=restored_from,
        content=content_of(guide),
    )
    return guide


def restore_revision(author, guide, number, *, expected_version):
    """Save revision ``number`` of ``guide`` again, as its newest revision."""
    revision = guide.revisions.get(number=number)
    return save_guide(author, revision.content, guide=guide, expected_version=expected_version, restored_from=number)
