"""``/api/v1/guides``: read guides (both languages), and for guide authors write, list revisions and restore.

Unpublished guides and revisions are for authors only (404 to everybody
else). Saving and restoring need ``If-Match`` with the guide's ETag (428
without, 412 when someone saved in between).
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Status
from ninja.errors import HttpError

from mapping.api.security import caller, require_user
from mapping.api.versioning import with_etag

from ..models import Guide
from ..permissions import can_author_guides
from ..queries import help_step, readable_guides
from ..sanitise import clean_guide_html
from ..services.guides import restore_revision, save_guide
from .common import expected_version, not_found
from .schemas import GuideIn, GuideOut, GuideSummary, HelpOut, RevisionDetail, RevisionOut

router = Router(tags=["guides"])


def step_url(guide, step):
    return reverse("guide-step", args=[guide.slug, step.anchor])


def summary_of(guide):
    fields = ("slug", "title_ko", "title_en", "summary_ko", "summary_en", "order", "published", "version", "updated")
    return {
        **{name: getattr(guide, name) for name in fields},
        "url": reverse("guide-page", args=[guide.slug]),
        "print_url": reverse("guide-print", args=[guide.slug]),
    }


def serialize_guide(guide):
    steps = [
        {
            "anchor": step.anchor,
            "topic": step.topic,
            "title_ko": step.title_ko,
            "title_en": step.title_en,
            "body_ko": clean_guide_html(step.body_ko),
            "body_en": clean_guide_html(step.body_en),
            "url": step_url(guide, step),
        }
        for step in guide.steps.all()
    ]
    return {**summary_of(guide), "steps": steps}


def readable_guide(request, slug):
    return get_object_or_404(readable_guides(caller(request)), slug=slug)


def authored_guide(request, slug):
    user = require_user(request)
    if not can_author_guides(user):
        raise HttpError(403, "Only guide authors write guides.")
    return user, get_object_or_404(Guide, slug=slug)


def revision_of(revision):
    return {
        "number": revision.number,
        "author": revision.author.username if revision.author else None,
        "created": revision.created,
        "note": revision.note,
        "restored_from": revision.restored_from,
    }


@router.get("/guides", response=list[GuideSummary], summary="List guides")
def list_guides(request):
    return [summary_of(guide) for guide in readable_guides(caller(request))]


@router.get("/guides/help/{topic}", response=HelpOut, summary="The guide step that answers a place of the editor")
def editor_help(request, topic: str):
    step = help_step(caller(request), topic)
    if step is None:
        raise not_found()
    return {"topic": topic, "guide": step.guide.slug, "anchor": step.anchor, "url": step_url(step.guide, step)}


@router.get("/guides/{slug}", response=GuideOut, summary="Read a guide with its steps")
def read_guide(request, slug: str, response: HttpResponse):
    guide = readable_guide(request, slug)
    with_etag(response, guide.etag)
    return serialize_guide(guide)


@router.post("/guides", response={201: GuideOut}, summary="Write a new guide (guide authors)")
def create_guide(request, payload: GuideIn, response: HttpResponse):
    user = require_user(request)
    if not can_author_guides(user):
        raise HttpError(403, "Only guide authors write guides.")
    content = payload.dict()
    guide = save_guide(user, content, note=content.pop("note"))
    with_etag(response, guide.etag)
    return Status(201, serialize_guide(guide))


@router.put("/guides/{slug}", response=GuideOut, summary="Save a guide as a new revision (needs If-Match)")
def put_guide(request, slug: str, payload: GuideIn, response: HttpResponse):
    user, guide = authored_guide(request, slug)
    content = payload.dict()
    version = expected_version(request, "g", guide.pk)
    guide = save_guide(user, content, guide=guide, expected_version=version, note=content.pop("note"))
    with_etag(response, guide.etag)
    return serialize_guide(guide)


@router.get("/guides/{slug}/revisions", response=list[RevisionOut], summary="A guide's revisions, newest first")
def list_revisions(request, slug: str):
    _user, guide = authored_guide(request, slug)
    return [revision_of(revision) for revision in guide.revisions.select_related("author")]


@router.get("/guides/{slug}/revisions/{int:number}", response=RevisionDetail, summary="One revision's content")
def read_revision(request, slug: str, number: int):
    _user, guide = authored_guide(request, slug)
    revision = get_object_or_404(guide.revisions.select_related("author"), number=number)
    return {**revision_of(revision), "content": revision.content}


@router.post(
    "/guides/{slug}/revisions/{int:number}/restore",
    response=GuideOut,
    summary="Restore a revision as the newest one (needs If-Match)",
)
def restore(request, slug: str, number: int, response: HttpResponse):
    user, guide = authored_guide(request, slug)
    get_object_or_404(guide.revisions, number=number)
    guide = restore_revision(user, guide, number, expected_version=expected_version(request, "g", guide.pk))
    with_etag(response, guide.etag)
    return serialize_guide(guide)
