"""The open improvement plan: administrators publish items and move them through their states;
residents vote (once each, counted with the rows) and comment.

States move along ``TRANSITIONS`` (an item can be reconsidered, a done item
reopened); declining needs a public reason. Every publication, move and edit
is a ``PlanEvent`` of the item's history, written in the same transaction as
the change, which needs the version the administrator read (If-Match → 412).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mapping.api.versioning import locked_at_version

from ..models import PlanComment, PlanEvent, PlanItem, PlanState, PlanVote
from ..models.plan import PlanEventKind
from ..permissions import can_manage_plan
from . import ballots

VOTES = ballots.Ballot(PlanItem, "vote_count", PlanVote, "item")
TRANSITIONS = {
    PlanState.PROPOSED: {PlanState.PLANNED, PlanState.DECLINED},
    PlanState.PLANNED: {PlanState.PROPOSED, PlanState.IN_PROGRESS, PlanState.DECLINED},
    PlanState.IN_PROGRESS: {PlanState.PLANNED, PlanState.DONE, PlanState.DECLINED},
    PlanState.DONE: {PlanState.IN_PROGRESS},
    PlanState.DECLINED: {PlanState.PROPOSED},
}


def _require_manager(user):
    if not can_manage_plan(user):
        raise PermissionDenied(_("Only administrators publish and change the improvement plan."))


@transaction.atomic
def publish_item(user, *, title, description, state=PlanState.PROPOSED, reason=""):
    _require_manager(user)
    item = PlanItem(title=title, description=description, state=state, state_reason=reason, created_by=user)
    _check_reason(item.state, reason)
    item.full_clean(exclude=["created_by"])
    item.save()
    PlanEvent.objects.create(item=item, kind=PlanEventKind.PUBLISHED, to_state=item.state, reason=reason, actor=user)
    return item


def _check_reason(state, reason):
    if state == PlanState.DECLINED and not (reason or "").strip():
        raise ValidationError({"state_reason": _("Say why the item is declined: the reason is published.")})


@transaction.atomic
def change_item(user, item, changes, *, expected_version):
    """Change the title, description and/or state (with ``state_reason``) of ``item``."""
    _require_manager(user)
    item = locked_at_version(PlanItem, item.pk, expected_version, "plan item")
    old_state = item.state
    new_state = changes.get("state") or old_state
    reason = (changes.get("state_reason") or "").strip()
    if new_state != old_state and new_state not in TRANSITIONS[old_state]:
        raise ValidationError(
            {"state": _("An item that is “%(old)s” cannot become “%(new)s”.")
             % {"old": PlanState(old_state).label, "new": PlanState(new_state).label}}
        )  # fmt: skip
    edited = any(name in changes and changes[name] != getattr(item, name) for name in ("title", "description"))
    for name in ("title", "description"):
        if name in changes:
            setattr(item, name, changes[name])
    if new_state != old_state:
        _check_reason(new_state, reason)
        item.state, item.state_reason = new_state, reason
        PlanEvent.objects.create(
            item=item, kind=PlanEventKind.STATE, from_state=old_state, to_state=new_state, reason=reason, actor=user
        )
    if edited:
        PlanEvent.objects.create(item=item, kind=PlanEventKind.EDITED, actor=user)
    item.full_clean(exclude=["created_by"])
    item.version += 1
    item.save()
    return item


def vote(user, item_id):
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to vote."))
    return ballots.cast(VOTES, item_id, user)


def unvote(user, item_id):
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to vote."))
    return ballots.withdraw(VOTES, item_id, user)


def comment(user, item, body):
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to comment."))
    comment = PlanComment(item=item, author=user, body=(body or "").strip())
    comment.full_clean(exclude=["author"])
    comment.save()
    return comment
