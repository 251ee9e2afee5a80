"""A feature's comments as one viewer may see them: threads of a top-level comment and its replies.

What each viewer is shown, so the API and the page agree:
- a visible comment: its text and its author by the privacy rule
  (layers/privacy.py); an official answer is signed with the unit that gave it;
- a hidden comment: to the public, a placeholder with the rule and the public
  reason of its hiding (from the moderation log, the one record of it); to its
  author, the district's reviewers and admins, also its text, marked hidden;
- a comment its author deleted while it had replies: a placeholder, unsigned.

The abuse-flag count is for reviewers (who are offered hiding, not
reporting); ``flagged`` tells the viewer they already reported a comment.
Building a page of threads takes the same few queries whatever the number of
comments: the viewer's privilege is worked out once, not per author.
"""

from dataclasses import dataclass, field
from datetime import datetime

from .models import Comment, CommentFlag, ItemKind, ModerationAction, ModerationLogEntry
from .permissions import can_moderate
from .privacy import author_label
from .services.comments import is_deleted, may_comment

VISIBLE, HIDDEN, DELETED = "visible", "hidden", "deleted"


@dataclass
class CommentView:
    id: int
    parent_id: int | None
    state: str
    body: str | None
    author: str | None
    official: bool
    official_label: str
    created: datetime
    mine: bool
    flagged: bool
    flag_count: int | None
    hidden_rule: str = ""
    hidden_reason: str = ""
    can_flag: bool = False
    can_delete: bool = False
    can_reply: bool = False
    replies: list = field(default_factory=list)


class _Viewer:
    """What is known once per request about the viewer and the feature."""

    def __init__(self, user, feature, comment_ids):
        self.user = user
        self.feature = feature
        self.moderator = can_moderate(user, feature.district_id)
        self.may_comment = may_comment(user, feature)
        self.flagged = set()
        if user.is_authenticated:
            self.flagged = set(
                CommentFlag.objects.filter(user=user, comment_id__in=comment_ids).values_list("comment_id", flat=True)
            )

    def is_author(self, comment):
        return self.user.is_authenticated and comment.author_id == self.user.pk

    def author_of(self, comment):
        if comment.official:
            return comment.official_label
        privileged = self.moderator or self.is_author(comment)
        return author_label(self.user, comment.author, self.feature.district_id, privileged=privileged)


def _hidings(comments):
    """The latest hiding in the moderation log of each hidden comment, by comment id."""
    hidden_ids = [comment.pk for comment in comments if comment.hidden]
    if not hidden_ids:
        return {}
    entries = (
        ModerationLogEntry.objects.filter(
            item_kind=ItemKind.COMMENT, action=ModerationAction.HIDDEN, item_id__in=hidden_ids
        )
        .select_related("rule")
        .order_by("item_id", "-at", "-pk")
        .distinct("item_id")
    )
    return {entry.item_id: entry for entry in entries}


def _state(comment):
    if is_deleted(comment):
        return DELETED
    return HIDDEN if comment.hidden else VISIBLE


def _view(viewer, comment, hidings):
    state = _state(comment)
    mine = viewer.is_author(comment)
    readable = state == VISIBLE or (state == HIDDEN and (mine or viewer.moderator))
    view = CommentView(
        id=comment.pk,
        parent_id=comment.parent_id,
        state=state,
        body=comment.body if readable else None,
        author=None if state == DELETED else viewer.author_of(comment),
        official=comment.official,
        official_label=comment.official_label,
        created=comment.created,
        mine=mine,
        flagged=comment.pk in viewer.flagged,
        flag_count=comment.flag_count if viewer.moderator else None,
        can_flag=viewer.user.is_authenticated and state == VISIBLE and not mine and not viewer.moderator,
        can_delete=mine and state != DELETED and not comment.official,
    )
    hiding = hidings.get(comment.pk)
    if state == HIDDEN and hiding is not None:
        view.hidden_rule = hiding.rule.label if hiding.rule else hiding.rule_label
        view.hidden_reason = hiding.public_reason
    return view


def _views(user, feature, tops, replies):
    comments = [*tops, *replies]
    viewer = _Viewer(user, feature, [comment.pk for comment in comments])
    hidings = _hidings(comments)
    threads = {}
    for top in tops:
        threads[top.pk] = _view(viewer, top, hidings)
        threads[top.pk].can_reply = viewer.may_comment and not top.hidden
    for reply in replies:
        threads[reply.parent_id].replies.append(_view(viewer, reply, hidings))
    return list(threads.values())


def feature_threads(user, feature, *, limit=None, offset=0):
    """(number of threads, the threads from ``offset``, at most ``limit``) of ``feature``, oldest first."""
    top_level = Comment.objects.filter(feature=feature, parent__isnull=True)
    count = top_level.count()
    end = None if limit is None else offset + limit
    tops = list(top_level.select_related("author").order_by("created", "pk")[offset:end])
    replies = Comment.objects.filter(parent__in=[top.pk for top in tops]).select_related("author")
    return count, _views(user, feature, tops, list(replies.order_by("created", "pk")))


def comment_view(user, comment):
    """One comment as ``user`` sees it, without its replies."""
    viewer = _Viewer(user, comment.feature, [comment.pk])
    return _view(viewer, comment, _hidings([comment]))
