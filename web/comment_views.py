"""The comment section of a feature's page, and the forms it posts to.

Every form is a plain POST with CSRF that redirects back to the feature's page
(at the comment, or at the form), so commenting works without JavaScript. A
refused post comes back with its error next to its form and the text as it was
typed, carried over the redirect in the session (one note per feature, read
once). The rules live in layers/services/comments.py.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from layers.acting_unit import acting_unit_label
from layers.comment_thread import VISIBLE, feature_threads
from layers.models import Comment, Feature, RejectionReason
from layers.permissions import can_moderate, can_view_feature
from layers.services import comments as comment_service
from mapping.errors import ServiceError


def _note_key(feature_id):
    return f"comments:{feature_id}"


def _pin(note, threads):
    """Give each comment view the note about it (``view.note``): its form's error and typed text, or a notice."""
    for view in (view for thread in threads for view in (thread, *thread.replies)):
        view.note = note if note.get("at", note.get("target")) == view.id else {}


def comment_section(request, feature):
    """What web/feature/_comments.html shows of ``feature`` to this visitor."""
    user = request.user
    count, threads = feature_threads(user, feature)
    note = request.session.pop(_note_key(feature.pk), None) or {}
    _pin(note, threads)
    moderator = can_moderate(user, feature.district_id)
    answers = [thread for thread in threads if thread.official and thread.state == VISIBLE]
    return {
        "threads": threads,
        "count": count + sum(len(thread.replies) for thread in threads),
        "latest_answer": answers[-1] if answers else None,
        "may_comment": comment_service.may_comment(user, feature),
        "answer_as": acting_unit_label(user, feature) if user.is_authenticated else "",
        "moderator": moderator,
        "reasons": list(RejectionReason.objects.filter(active=True)) if moderator else [],
        "note": note,
        "max_body": comment_service.MAX_BODY,
        "max_flag_reason": comment_service.MAX_FLAG_REASON,
    }


def _visible_feature(request, feature_id):
    feature = get_object_or_404(Feature.objects.select_related("layer__map", "category", "district"), pk=feature_id)
    if not can_view_feature(request.user, feature):
        raise Http404("No such feature.")
    return feature


def _back(feature, anchor):
    return redirect(f"{reverse('feature-page', args=[feature.pk])}#{anchor}")


def _act(request, feature, step, *, form, target=None, typed=None, done):
    """Run ``step(user)``; back to the page with ``done(result)``'s (notice, comment id), or the form's error."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("feature-page", args=[feature.pk]))
    key = _note_key(feature.pk)
    try:
        result = step(request.user)
    except ServiceError as error:
        request.session[key] = {"form": form, "target": target, "error": error.message, "typed": typed or {}}
        anchor = f"{form}-form-{target}" if target else f"{form}-form"
        return _back(feature, anchor)
    except ObjectDoesNotExist as missing:
        raise Http404("No such comment.") from missing
    notice, comment_id = done(result)
    request.session[key] = {"notice": notice, "at": comment_id}
    return _back(feature, f"comment-{comment_id}" if comment_id else "comments")


def _posted_id(request, name):
    raw = request.POST.get(name, "")
    if not raw:
        return None
    if not raw.isdecimal():
        raise Http404("No such comment.")
    return int(raw)


@require_POST
def post_comment(request, feature_id):
    feature = _visible_feature(request, feature_id)
    body, parent = request.POST.get("body", ""), _posted_id(request, "parent")
    return _act(
        request,
        feature,
        lambda user: comment_service.post_comment(user, feature, body, parent=parent),
        form="reply" if parent else "comment",
        target=parent,
        typed={"body": body},
        done=lambda comment: (_("Your comment is posted."), comment.pk),
    )


@require_POST
def post_answer(request, feature_id):
    feature = _visible_feature(request, feature_id)
    body = request.POST.get("body", "")
    return _act(
        request,
        feature,
        lambda user: comment_service.post_official_answer(user, feature, body),
        form="answer",
        typed={"body": body},
        done=lambda answer: (_("The official answer is posted."), answer.pk),
    )


def _on_comment(request, feature_id, comment_id, step, *, form, typed=None, notice):
    """Run ``step(user, comment)`` on a comment of the feature; back at the comment (while it exists) with
    ``notice(result)``, or at its form with the error."""
    feature = _visible_feature(request, feature_id)
    comment = get_object_or_404(Comment, pk=comment_id, feature=feature)

    def done(result):
        return notice(result), comment.pk if Comment.objects.filter(pk=comment.pk).exists() else None

    return _act(
        request, feature, lambda user: step(user, comment), form=form, target=comment.pk, typed=typed, done=done
    )


@require_POST
def flag_comment(request, feature_id, comment_id):
    reason = request.POST.get("reason", "")
    thanks, again = _("Thank you: the reviewers will look at this comment."), _("You reported this comment already.")
    return _on_comment(
        request,
        feature_id,
        comment_id,
        lambda user, comment: comment_service.flag_comment(user, comment, reason),
        form="flag",
        typed={"reason": reason},
        notice=lambda new: thanks if new else again,
    )


@require_POST
def hide_comment(request, feature_id, comment_id):
    rule, reason = request.POST.get("rule", ""), request.POST.get("public_reason", "")
    return _on_comment(
        request,
        feature_id,
        comment_id,
        lambda user, comment: comment_service.hide_comment(user, comment, rule=rule, public_reason=reason),
        form="hide",
        typed={"rule": rule, "public_reason": reason},
        notice=lambda hidden: _("The comment is hidden and the hiding is in the public log."),
    )


@require_POST
def unhide_comment(request, feature_id, comment_id):
    notice = _("The comment is shown again.")
    return _on_comment(
        request, feature_id, comment_id, comment_service.unhide_comment, form="unhide", notice=lambda shown: notice
    )


@require_POST
def delete_comment(request, feature_id, comment_id):
    notice = _("Your comment is deleted.")
    return _on_comment(
        request, feature_id, comment_id, comment_service.delete_comment, form="delete", notice=lambda outcome: notice
    )
