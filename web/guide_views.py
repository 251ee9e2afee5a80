"""Reading guides: the list, a guide with each step at its own anchor, one step alone (what the
editor's help links open), the printable form for education sessions, and the editor's help topics."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from guides.models import EditorTopic
from guides.permissions import can_author_guides
from guides.queries import help_step, readable_guides


def guide_or_404(request, slug):
    return get_object_or_404(readable_guides(request.user), slug=slug)


def index(request):
    guides = readable_guides(request.user).prefetch_related("steps")
    return render(request, "web/guides/index.html", {"guides": guides, "can_author": can_author_guides(request.user)})


def guide_page(request, slug):
    guide = guide_or_404(request, slug)
    context = {"guide": guide, "steps": list(guide.steps.all()), "can_author": can_author_guides(request.user)}
    return render(request, "web/guides/guide.html", context)


def step_page(request, slug, anchor):
    guide = guide_or_404(request, slug)
    steps = list(guide.steps.all())
    position = next((index for index, step in enumerate(steps) if step.anchor == anchor), None)
    if position is None:
        raise Http404("No such step.")
    context = {
        "guide": guide,
        "step": steps[position],
        "number": position + 1,
        "count": len(steps),
        "previous": steps[position - 1] if position else None,
        "next": steps[position + 1] if position + 1 < len(steps) else None,
    }
    return render(request, "web/guides/step.html", context)


def print_page(request, slug):
    guide = guide_or_404(request, slug)
    return render(request, "web/guides/print.html", {"guide": guide, "steps": list(guide.steps.all())})


def help_topic(request, topic):
    """The guide step that answers ``topic`` (a place of the editor), or the list of guides."""
    if topic not in EditorTopic.values:
        raise Http404("No such help topic.")
    step = help_step(request.user, topic)
    if step is None:
        return redirect("guides-index")
    return redirect("guide-step", slug=step.guide.slug, anchor=step.anchor)
