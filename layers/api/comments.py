"""Comments over the API: threads of a feature, posting, official answers, abuse flags, hiding, deleting.

``GET /features/{id}/comments`` answers threads (a top-level comment with its
replies, oldest first) as the caller may see them (layers/comment_thread.py):
hidden comments carry ``state: "hidden"`` with the public reason, and their
text only for their author and the district's reviewers. The rules are in
layers/services/comments.py: 401 anonymous, 404 a feature or comment the caller
cannot see, 403 a role the caller lacks, 409 a state that forbids the step, 400
bad text. ``GET /comments/flagged`` is the reviewers' queue of reported comments.
"""

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from mapping.api.security import caller, require_user
from mapping.api.text import Text

from ..comment_thread import comment_view, feature_threads
from ..models import Comment, CommentFlag
from ..permissions import can_view_feature
from ..services import comments as comment_service
from .features import viewable_feature

router = Router(tags=["comments"])


class CommentOut(Schema):
    id: int
    parent: int | None = Field(description="The top-level comment this one replies to")
    state: Literal["visible", "hidden", "deleted"]
    body: str | None = Field(description="None when the caller may not read it (hidden or deleted)")
    author: str | None = Field(description="By the privacy rule; the answering unit for official answers")
    official: bool
    official_label: str
    created: datetime
    hidden_rule: str = Field(description="Why a reviewer hid it (the rule, in the caller's language)")
    hidden_reason: str
    mine: bool
    flagged: bool = Field(description="The caller reported this comment")
    flag_count: int | None = Field(description="Only for the district's reviewers and admins")
    can_flag: bool
    can_delete: bool

    @staticmethod
    def resolve_parent(view):
        return view.parent_id


class ThreadOut(CommentOut):
    replies: list[CommentOut]
    can_reply: bool


class ThreadPage(Schema):
    count: int = Field(description="How many threads the feature has")
    comments: list[ThreadOut]


class PageParams(Schema):
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0)


class CommentIn(Schema):
    body: Text = Field(description="1 to 2000 characters once trimmed")
    parent: int | None = Field(None, description="Reply to this comment (a reply to a reply joins its thread)")


class AnswerIn(Schema):
    body: Text


class FlagIn(Schema):
    reason: Text = Field("", max_length=300)


class FlagOut(Schema):
    flagged: bool
    new: bool = Field(description="False when the caller had reported it already")


class HideIn(Schema):
    rule: Text = Field(description="A reason code from GET /moderation/reasons")
    public_reason: Text = Field("", max_length=1000)


class FlaggedOut(Schema):
    id: int
    feature: int
    feature_title: str
    body: str
    created: datetime
    flag_count: int
    reasons: list[str]


def visible_comment(request, comment_id):
    comment = Comment.objects.select_related("feature__layer__map", "author").filter(pk=comment_id).first()
    if comment is None or not can_view_feature(caller(request), comment.feature):
        raise HttpError(404, "Not found.")
    return comment


@router.get("/features/{int:feature_id}/comments", response=ThreadPage, summary="A feature's comments")
def list_comments(request, feature_id: int, page: Query[PageParams]):
    feature = viewable_feature(request, feature_id)
    count, threads = feature_threads(caller(request), feature, limit=page.limit, offset=page.offset)
    return {"count": count, "comments": threads}


@router.post("/features/{int:feature_id}/comments", response={201: CommentOut}, summary="Comment or reply")
def post_comment(request, feature_id: int, payload: CommentIn):
    user = require_user(request)
    feature = viewable_feature(request, feature_id)
    comment = comment_service.post_comment(user, feature, payload.body, parent=payload.parent)
    return Status(201, comment_view(user, comment))


@router.post("/features/{int:feature_id}/answers", response={201: CommentOut}, summary="Post an official answer")
def post_answer(request, feature_id: int, payload: AnswerIn):
    user = require_user(request)
    feature = viewable_feature(request, feature_id)
    return Status(201, comment_view(user, comment_service.post_official_answer(user, feature, payload.body)))


@router.delete("/comments/{int:comment_id}", response={204: None}, summary="Delete one's own comment")
def delete_comment(request, comment_id: int):
    comment_service.delete_comment(require_user(request), visible_comment(request, comment_id))
    return Status(204, None)


@router.post("/comments/{int:comment_id}/flag", response=FlagOut, summary="Report a comment as abusive")
def flag_comment(request, comment_id: int, payload: FlagIn):
    user = require_user(request)
    created = comment_service.flag_comment(user, visible_comment(request, comment_id), payload.reason)
    return {"flagged": True, "new": created}


@router.post("/comments/{int:comment_id}/hide", response=CommentOut, summary="Hide a comment (reviewers)")
def hide_comment(request, comment_id: int, payload: HideIn):
    user = require_user(request)
    comment = comment_service.hide_comment(
        user, visible_comment(request, comment_id), rule=payload.rule, public_reason=payload.public_reason
    )
    return comment_view(user, comment)


@router.post("/comments/{int:comment_id}/unhide", response=CommentOut, summary="Show a hidden comment again")
def unhide_comment(request, comment_id: int):
    user = require_user(request)
    return comment_view(user, comment_service.unhide_comment(user, visible_comment(request, comment_id)))


@router.get("/comments/flagged", response=list[FlaggedOut], summary="Reported comments to review (reviewers)")
def flagged_comments(request, page: Query[PageParams]):
    user = require_user(request)
    comments = Comment.objects.filter(flag_count__gt=0, hidden=False).exclude(body=comment_service.DELETED_BODY)
    if not user.is_admin:
        if not user.review_districts.exists():
            raise HttpError(403, "Only reviewers see reported comments.")
        comments = comments.filter(feature__district__in=user.review_districts.all())
    comments = comments.select_related("feature").order_by("-flag_count", "created", "pk")
    comments = list(comments[page.offset : page.offset + page.limit])
    reasons = {}
    for flag in CommentFlag.objects.filter(comment__in=comments).exclude(reason="").order_by("created", "pk"):
        reasons.setdefault(flag.comment_id, []).append(flag.reason)
    return [
        {
            "id": comment.pk,
            "feature": comment.feature_id,
            "feature_title": comment.feature.title,
            "body": comment.body,
            "created": comment.created,
            "flag_count": comment.flag_count,
            "reasons": reasons.get(comment.pk, []),
        }
        for comment in comments
    ]
