"""How the API knows who is calling: a bearer token, a session cookie (with CSRF), or nobody.

Reads are open to anonymous callers (they see only what the public sees);
writes call ``require_user``. A bearer header with a bad token is a 401, never
a silent fall-back to anonymous.
"""

from django.contrib.auth.models import AnonymousUser
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth

from mapping.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.objects.user_for(token)
        if user is None:
            raise AuthenticationError(message="The bearer token is invalid or expired.")
        request.user = user
        return user


class Anonymous:
    """Lets unauthenticated requests through as AnonymousUser; permissions decide later."""

    def __call__(self, request):
        if request.headers.get("Authorization"):
            raise AuthenticationError(message="Use 'Authorization: Bearer <token>'.")
        return AnonymousUser()


AUTH = [BearerToken(), SessionAuth(), Anonymous()]


def caller(request):
    return request.auth


def require_user(request):
    user = request.auth
    if not user.is_authenticated:
        raise HttpError(401, "Log in or send 'Authorization: Bearer <token>' to do this.")
    return user
