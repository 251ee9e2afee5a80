"""Guide authoring in a page, for guide authors (guides/permissions.py): write or change a guide and
its steps with a preview, upload images for guides, read the revisions and restore one.

A save names the version the author opened; if someone saved in between,
nothing is overwritten and what the author typed stays in the form.
"""

import difflib
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guides.models import Guide, GuideImage
from guides.permissions import can_author_guides
from guides.sanitise import clean_guide_html
from guides.services.guides import GUIDE_FIELDS, content_of, restore_revision, save_guide
from layers.photo_processing import PhotoError, process_photo
from mapping.errors import StaleVersion

from .guide_forms import GuideForm, GuideImageForm, StepFormSet


def author_or_403(request):
    if not can_author_guides(request.user):
        raise PermissionDenied(_("Only guide authors write guides."))


def _content(form, steps):
    content = {name: form.cleaned_data[name] for name in GUIDE_FIELDS if name in form.cleaned_data}
    ordered = sorted(
        (step for step in steps.forms if step.has_changed() or step.initial),
        key=lambda step: step.cleaned_data.get("ORDER") or 10**6,  # a new step without a number goes last
    )
    content["steps"] = [
        {
            name: step.cleaned_data.get(name, "")
            for name in ("anchor", "topic", "title_ko", "title_en", "body_ko", "body_en")
        }
        for step in ordered
        if step.cleaned_data and not step.cleaned_data.get("DELETE")
    ]
    return content


def _editor(request, guide):
    initial = content_of(guide) if guide else {"steps": []}
    steps_initial = [{**step, "ORDER": order + 1} for order, step in enumerate(initial["steps"])]
    form = GuideForm(request.POST or None, instance=guide, initial={"version": guide.version if guide else None})
    steps = StepFormSet(request.POST or None, initial=steps_initial, prefix="steps")
    preview = None
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        content = _content(form, steps)
        if "preview" in request.POST:
            preview = [
                {**step, "body_ko": clean_guide_html(step["body_ko"]), "body_en": clean_guide_html(step["body_en"])}
                for step in content["steps"]
            ]
        else:
            try:
                saved = save_guide(
                    request.user,
                    content,
                    guide=guide,
                    expected_version=form.cleaned_data["version"],
                    note=form.cleaned_data["note"],
                )
            except StaleVersion:
                form.add_error(None, _("Someone else saved this guide while you were writing. Your text is kept below: "
                                       "open the guide in another tab, then copy your changes into it."))  # fmt: skip
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The guide is saved as revision %(number)s.") % {"number": saved.revisions.first().number},
                )
                return redirect("guide-page", slug=saved.slug)
    context = {"guide": guide, "form": form, "steps": steps, "preview": preview}
    return render(request, "web/guides/edit.html", context)


@login_required
def new_guide(request):
    author_or_403(request)
    return _editor(request, None)


@login_required
def edit_guide(request, slug):
    author_or_403(request)
    return _editor(request, get_object_or_404(Guide, slug=slug))


@login_required
def images(request):
    author_or_403(request)
    form = GuideImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            processed = process_photo(
                upload,
                max_bytes=settings.PHOTO_MAX_BYTES,
                max_pixels=settings.PHOTO_MAX_PIXELS,
                display_size=settings.PHOTO_DISPLAY_SIZE,
                thumbnail_size=settings.PHOTO_THUMBNAIL_SIZE,
            )
        except PhotoError as error:
            form.add_error("upload", str(error))
        else:
            image = form.save(commit=False)
            image.uploaded_by = request.user
            name = PurePath(upload.name).stem[:40] or "image"
            image.image.save(f"{name}{processed.extension}", ContentFile(processed.display), save=False)
            image.width, image.height = processed.width, processed.height
            image.save()
            messages.success(request, _("The image is uploaded: copy its HTML into a step."))
            return redirect("guide-images")
    return render(request, "web/guides/images.html", {"form": form, "images": GuideImage.objects.all()[:100]})


@login_required
def revisions(request, slug):
    author_or_403(request)
    guide = get_object_or_404(Guide, slug=slug)
    return render(
        request, "web/guides/revisions.html", {"guide": guide, "revisions": guide.revisions.select_related("author")}
    )


def _text(content):
    lines = [content.get("title_ko", ""), content.get("title_en", ""), content.get("summary_ko", "")]
    for step in content.get("steps", []):
        lines += [f"## {step['anchor']}: {step['title_ko']} / {step['title_en']}", *step["body_ko"].splitlines()]
        lines += step["body_en"].splitlines()
    return lines


@login_required
@require_http_methods(["GET", "POST"])
def revision(request, slug, number):
    author_or_403(request)
    guide = get_object_or_404(Guide, slug=slug)
    shown = get_object_or_404(guide.revisions.select_related("author"), number=number)
    if request.method == "POST":
        try:
            restore_revision(request.user, guide, number, expected_version=int(request.POST.get("version", 0)))
        except StaleVersion:
            messages.error(request, _("The guide was saved again meanwhile: look at the revisions once more."))
            return redirect("guide-revisions", slug=slug)
        messages.success(request, _("Revision %(number)s is restored as the newest revision.") % {"number": number})
        return redirect("guide-page", slug=slug)
    before = guide.revisions.filter(number__lt=number).first()
    diff = list(difflib.unified_diff(_text(before.content) if before else [], _text(shown.content), lineterm="", n=1))
    context = {"guide": guide, "revision": shown, "before": before, "diff": diff[2:], "content": shown.content}
    return render(request, "web/guides/revision.html", context)
