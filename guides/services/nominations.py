"""Nominating information worth mapping, supporting nominations, and deciding on them.

A decision needs the version the official read (If-Match → 412) and a reason,
which is published with it. Selecting also makes the nomination's
``TopicTemplate`` in the same transaction: the layer name and categories the
official gives, offered at once on the new-map page. Supports are one per
user, counted with the rows (guides/services/ballots.py); a decided
nomination takes no more support, and nobody supports their own.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mapping.api.versioning import locked_at_version
from mapping.errors import Conflict

from ..models import Nomination, NominationState, NominationSupport
from ..permissions import can_decide_nomination
from . import ballots
from .topic_templates import make_template

SUPPORTS = ballots.Ballot(Nomination, "support_count", NominationSupport, "nomination")


def nominate(user, fields):
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to nominate a topic."))
    nomination = Nomination(author=user, **fields)
    nomination.full_clean(exclude=["author", "decided_by"])
    nomination.save()
    return nomination


def _supportable_by(user):
    def check(nomination):
        if nomination.state != NominationState.OPEN:
            raise Conflict(_("This nomination has been decided; it takes no more support."))
        if nomination.author_id == user.pk:
            raise PermissionDenied(_("You cannot support your own nomination."))

    return check


def support(user, nomination_id):
    """``user`` supports the nomination (once); returns the count of supporters."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to support a nomination."))
    return ballots.cast(SUPPORTS, nomination_id, user, _supportable_by(user))


def withdraw_support(user, nomination_id):
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to support a nomination."))
    return ballots.withdraw(SUPPORTS, nomination_id, user)


@transaction.atomic
def decide(user, nomination, *, selected, reason, expected_version, template=None):
    """Select (with ``template``: the TopicTemplate fields) or decline ``nomination``, publishing ``reason``."""
    if not can_decide_nomination(user, nomination):
        raise PermissionDenied(_("Only the district's staff decide on its nominations."))
    if not (reason or "").strip():
        raise ValidationError({"decision_reason": _("Give the reason that will be published with the decision.")})
    nomination = locked_at_version(Nomination, nomination.pk, expected_version, "nomination")
    if nomination.state != NominationState.OPEN:
        raise Conflict(_("This nomination has already been decided."))
    nomination.state = NominationState.SELECTED if selected else NominationState.DECLINED
    nomination.decision_reason = reason.strip()
    nomination.decided_by = user
    nomination.decided_at = timezone.now()
    nomination.version += 1
    nomination.full_clean(exclude=["author", "decided_by"])
    nomination.save()
    if selected:
        make_template(user, nomination, template or {})
    return nomination
