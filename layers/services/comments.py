"""Comments on reports: the one place where comments are written, flagged, hidden and deleted.

The rules:
- signed-in users comment on features they can see; ordinary residents (the
  report's author included) only once the report is published, reviewers of
  its district and admins on any report they review;
- replies have one level: a reply to a reply joins the thread of the
  top-level comment it belongs to (as in most comment sections), so nobody
  meets an error for pressing "reply" under a reply; a hidden comment, or a
  thread whose first comment is hidden, takes no replies (a thread whose first
  comment its author deleted goes on);
- official answers are top-level comments of the feature's district's
  reviewers, the staff of the department it is assigned to, and admins,
  signed with the unit they act for (layers/acting_unit.py), never a person;
  the first one sets the report's ``answered_at``;
- an abuse flag counts once per user (the unique constraint backs it), moves
  ``flag_count`` by ``F()`` under the comment's row lock, and never touches
  ``updated``; nobody flags their own comment;
- reviewers hide a comment under a configured rule and a public reason, which
  goes to the public moderation log (never the author); they may show it again;
- authors delete their own comments: one without replies goes, one with
  replies keeps its place in the thread, emptied and unsigned, so the replies
  stay readable (and goes when its last reply does); official answers are part
  of the public record and are not deleted.

Pressing "send" twice (a slow page without JavaScript) stores one comment: the
same text in the same place by the same user within ``RESUBMIT_WINDOW`` returns
the comment already stored; one user's posts are serialised by a transaction
advisory lock so even simultaneous double submissions store one.

Messages are in the active language (Korean on the pages, and in the API for
callers asking for it). Notifications of new comments are to be sent from
``_create`` and ``post_official_answer``.
"""

from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mapping.errors import Conflict, InvalidInput

from ..acting_unit import acting_unit_label
from ..models import (
    Comment,
    CommentFlag,
    EventKind,
    Feature,
    FeatureStatus,
    ItemKind,
    ModerationAction,
    NotificationKind,
)
from ..permissions import can_moderate, can_view_feature
from . import notifications
from .moderation import public_text, record_event, rejection_reason, tell_author
from .moderation_log import log_moderation
from .votes import Forbidden, LoginRequired

MAX_BODY = Comment._meta.get_field("body").max_length
MAX_FLAG_REASON = CommentFlag._meta.get_field("reason").max_length
DELETED_BODY = ""
RESUBMIT_WINDOW = timedelta(minutes=2)
ADVISORY_LOCK_SPACE = 0x436D6E74  # "Cmnt": the first key of the per-user posting lock


def is_deleted(comment):
    """A comment its author deleted while it had replies: emptied and unsigned, kept as a placeholder."""
    return comment.body == DELETED_BODY


def may_comment(user, feature):
    """Whether ``user`` may write an ordinary comment or reply on ``feature``."""
    if not user.is_authenticated or not can_view_feature(user, feature):
        return False
    return feature.status == FeatureStatus.PUBLISHED or can_moderate(user, feature.district_id)


def may_answer(user, feature):
    """Reviewers of the feature's district, staff of its assigned department and admins answer officially."""
    return user.is_authenticated and bool(acting_unit_label(user, feature))


def _require_login(user):
    if not user.is_authenticated:
        raise LoginRequired(_("Log in to take part in the comments."))


def clean_text(text, *, limit, required):
    """``text`` trimmed; refused when it holds NUL, is longer than ``limit`` or (if ``required``) empty."""
    if not isinstance(text, str):
        raise InvalidInput(_("Comment text must be text."))
    if "\x00" in text:
        raise InvalidInput(_("The text contains a NUL character (U+0000), which cannot be stored."))
    text = text.strip()
    if required and not text:
        raise InvalidInput(_("Write something before sending."))
    if len(text) > limit:
        raise InvalidInput(
            _("The text is %(length)d characters long; at most %(limit)d are allowed.")
            % {"length": len(text), "limit": limit}
        )
    return text


def _locked_comment(user, comment_id):
    """The comment, locked for this transaction; DoesNotExist (404) also when ``user`` may not see its feature."""
    comment = (
        Comment.objects.select_for_update(no_key=True, of=("self",))
        .select_related("feature__layer__map", "feature__category", "feature__district")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None or not can_view_feature(user, comment.feature):
        raise Comment.DoesNotExist("Not found.")
    return comment


def _thread_for(user, feature, parent):
    """The top-level comment a reply to ``parent`` joins, locked so it cannot vanish meanwhile."""
    parent_id = parent.pk if isinstance(parent, Comment) else parent
    replied_to = _locked_comment(user, parent_id)
    if replied_to.feature_id != feature.pk:
        raise InvalidInput(_("The comment you reply to belongs to another report."))
    top = replied_to if replied_to.parent_id is None else _locked_comment(user, replied_to.parent_id)
    if replied_to.hidden or top.hidden:
        raise Conflict(_("A reviewer hid this comment or the start of its thread; it takes no replies."))
    return top


def _serialise_posts_of(user):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [ADVISORY_LOCK_SPACE, user.pk])


def _create(user, feature, body, *, parent=None, official_label=""):
    _serialise_posts_of(user)
    same = Comment.objects.filter(
        feature=feature,
        author=user,
        parent=parent,
        body=body,
        official=bool(official_label),
        created__gte=timezone.now() - RESUBMIT_WINDOW,
    ).first()
    if same is not None:
        return same, False
    comment = Comment.objects.create(
        feature=feature,
        author=user,
        parent=parent,
        body=body,
        official=bool(official_label),
        official_label=official_label,
    )
    return comment, True


def _announce_comment(user, feature, comment):
    """Tell the report's author, and the author of the comment replied to, about a new comment."""
    readers = {feature.author_id, comment.parent.author_id if comment.parent else None} - {None, user.pk}
    if readers:
        notifications.notify(
            NotificationKind.COMMENT,
            sorted(readers),
            feature=feature,
            comment=comment,
            params={"title": feature.title, "excerpt": comment.body[:120]},
        )


@transaction.atomic
def post_comment(user, feature, body, *, parent=None):
    """A comment on ``feature``, or a reply when ``parent`` (a Comment or its id) is given; returns the Comment."""
    _require_login(user)
    if not can_view_feature(user, feature):
        raise Feature.DoesNotExist("Not found.")
    if not may_comment(user, feature):
        raise Conflict(_("Comments open once the report is published."))
    body = clean_text(body, limit=MAX_BODY, required=True)
    top = _thread_for(user, feature, parent) if parent is not None else None
    comment, created = _create(user, feature, body, parent=top)
    if created:
        _announce_comment(user, feature, comment)
    return comment


@transaction.atomic
def post_official_answer(user, feature, body, *, announce=True):
    """An official answer on ``feature``, signed with the unit ``user`` acts for; returns the Comment.

    Sets the feature's ``answered_at`` (in the database and on ``feature``) when
    it is the first answer, without touching the feature's version. With
    ``announce`` the answer goes on the report's timeline and its author is told;
    a stage change that carries the answer (layers/services/workflow.py) does both
    itself and passes ``announce=False``.
    """
    _require_login(user)
    label = acting_unit_label(user, feature)
    if not label:
        if not can_view_feature(user, feature):
            raise Feature.DoesNotExist("Not found.")
        raise Forbidden(
            _(
                "Only the district's reviewers, the staff of the department the report is assigned to "
                "and administrators can answer officially."
            )
        )
    body = clean_text(body, limit=MAX_BODY, required=True)
    answer, created = _create(user, feature, body, official_label=label)
    if created and announce:
        record_event(feature, user, EventKind.ANSWERED, public_text=body, answer=answer)
        tell_author(feature, NotificationKind.ANSWER, answer=body)
    if feature.answered_at is None:
        feature.answered_at = answer.created
        Feature.objects.filter(pk=feature.pk, answered_at__isnull=True).update(answered_at=answer.created)
    return answer


@transaction.atomic
def flag_comment(user, comment, reason=""):
    """Report ``comment`` as abusive; returns True for a new flag, False when ``user`` had flagged it already."""
    _require_login(user)
    comment = _locked_comment(user, comment.pk)
    if comment.author_id == user.pk:
        raise Forbidden(_("You cannot report your own comment."))
    if comment.hidden or is_deleted(comment):
        raise Conflict(_("This comment is already hidden or deleted."))
    reason = clean_text(reason, limit=MAX_FLAG_REASON, required=False)
    _flag, created = CommentFlag.objects.get_or_create(comment=comment, user=user, defaults={"reason": reason})
    if created:
        Comment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
    return created


def _moderated(user, comment):
    _require_login(user)
    comment = _locked_comment(user, comment.pk)
    if not can_moderate(user, comment.feature.district_id):
        raise Forbidden(_("Only the reviewers of this report's district can hide or show comments."))
    return comment


@transaction.atomic
def hide_comment(user, comment, *, rule, public_reason):
    """Hide ``comment`` under the rule with code ``rule``; the public log records it without the author."""
    comment = _moderated(user, comment)
    if comment.hidden:
        raise Conflict(_("This comment is already hidden."))
    if is_deleted(comment):
        raise Conflict(_("This comment was deleted by its author."))
    reason = rejection_reason(rule)
    text = public_text(public_reason, required=False)
    Comment.objects.filter(pk=comment.pk).update(hidden=True)
    comment.hidden = True
    log_moderation(
        item_kind=ItemKind.COMMENT,
        action=ModerationAction.HIDDEN,
        item_id=comment.pk,
        district_id=comment.feature.district_id,
        category_label=comment.feature.category.label_ko,
        rule=reason,
        public_reason=text,
        moderator=user,
    )
    return comment


@transaction.atomic
def unhide_comment(user, comment):
    """Show a hidden comment again (the log keeps the earlier hiding)."""
    comment = _moderated(user, comment)
    if not comment.hidden:
        raise Conflict(_("This comment is not hidden."))
    Comment.objects.filter(pk=comment.pk).update(hidden=False)
    comment.hidden = False
    return comment


@transaction.atomic
def delete_comment(user, comment):
    """The author takes back their comment; returns "deleted" or "emptied" (kept for its replies)."""
    _require_login(user)
    comment = _locked_comment(user, comment.pk)
    if comment.author_id != user.pk:
        raise Forbidden(_("You can delete only your own comments."))
    if comment.official:
        raise Conflict(_("An official answer is part of the public record; post a correction instead."))
    if comment.replies.exists():
        Comment.objects.filter(pk=comment.pk).update(body=DELETED_BODY, author=None)
        return "emptied"
    parent = _locked_comment(user, comment.parent_id) if comment.parent_id else None
    comment.delete()
    if parent is not None and is_deleted(parent) and not parent.replies.exists():
        parent.delete()
    return "deleted"
