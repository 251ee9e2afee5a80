"""Who may use the digital twin's planning API: planners and admins."""

from ninja.errors import HttpError

from mapping.api.security import require_user


def require_planner(request):
    user = require_user(request)
    if not (user.is_planner or user.is_admin):
        raise HttpError(403, "Only planners can use scenarios, imports and exports of the digital twin.")
    return user


def require_owner(user, thing, noun):
    if not (user.is_admin or thing.owner_id == user.pk):
        raise HttpError(403, f"Only the {noun}'s owner (or an admin) can change it.")
