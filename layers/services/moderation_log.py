"""Writes the public moderation log: every rejection or hiding of a report or a comment.

An entry says what kind of item it was, its district and category, when, under
which rule and with which public reason. The author is never recorded here;
the item's id and the moderator are kept for reviewers and admins only.
"""

from ..models import ModerationLogEntry


def log_moderation(*, item_kind, action, item_id, district_id, category_label, rule, public_reason, moderator):
    """Record one decision; ``rule`` is a RejectionReason or None."""
    return ModerationLogEntry.objects.create(
        item_kind=item_kind,
        action=action,
        item_id=item_id,
        district_id=district_id,
        category_label=category_label,
        rule=rule,
        rule_label=rule.label_ko if rule else "",
        public_reason=public_reason,
        moderator=moderator if moderator and moderator.is_authenticated else None,
    )
