"""``POST /api/v1/auth/token``: trade a username and password for a bearer token."""

from django.contrib.auth import authenticate
from ninja import Router, Schema
from ninja.errors import HttpError

from mapping.models import ApiToken

from .security import require_user
from .text import Text

router = Router(tags=["auth"])


class Credentials(Schema):
    username: Text
    password: Text


class TokenOut(Schema):
    token: str
    username: str
    roles: list[str]


@router.post("/token", response=TokenOut, auth=None, summary="Get a bearer token")
def issue_token(request, credentials: Credentials):
    user = authenticate(request, username=credentials.username, password=credentials.password)
    if user is None:
        raise HttpError(401, "Wrong username or password.")
    return {"token": ApiToken.issue(user), "username": user.username, "roles": user.roles}


class Me(Schema):
    username: str
    roles: list[str]
    verified: bool
    review_districts: list[str]


@router.get("/me", response=Me, summary="Who am I")
def me(request):
    user = require_user(request)
    return {
        "username": user.username,
        "roles": user.roles,
        "verified": user.verified,
        "review_districts": list(user.review_districts.values_list("code", flat=True)),
    }
