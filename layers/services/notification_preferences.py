"""What each user chose to be told, per kind of notification and channel (inbox, e-mail).

A kind without a ``NotificationPreference`` row is on for both channels, so
only the choices that differ from that are stored.
"""

from django.db import transaction

from ..models import NotificationKind, NotificationPreference

DEFAULT = (True, True)


def choices_for(kind, user_ids):
    """{user id: (in_app, email)} for ``kind``, for the users who changed it; the rest get DEFAULT."""
    rows = NotificationPreference.objects.filter(kind=kind, user_id__in=user_ids)
    return {row.user_id: (row.in_app, row.email) for row in rows}


def preferences_of(user):
    """{kind: (in_app, email)} for every kind, in the order of NotificationKind."""
    stored = {row.kind: (row.in_app, row.email) for row in NotificationPreference.objects.filter(user=user)}
    return {kind: stored.get(kind, DEFAULT) for kind in NotificationKind.values}


@transaction.atomic
def set_preferences(user, choices, *, show_name_publicly=None):
    """Store ``choices`` ({kind: (in_app, email)}); a kind left out goes back to DEFAULT.

    ``show_name_publicly``, when given, is saved on the user too.
    """
    unknown = set(choices) - set(NotificationKind.values)
    if unknown:
        raise ValueError(f"Unknown notification kinds: {', '.join(sorted(unknown))}")
    NotificationPreference.objects.filter(user=user).exclude(kind__in=list(choices)).delete()
    for kind, (in_app, email) in choices.items():
        if (in_app, email) == DEFAULT:
            NotificationPreference.objects.filter(user=user, kind=kind).delete()
        else:
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"in_app": in_app, "email": email}
            )
    if show_name_publicly is not None and user.show_name_publicly != show_name_publicly:
        user.show_name_publicly = show_name_publicly
        user.save(update_fields=["show_name_publicly"])
    return preferences_of(user)
