"""What the endpoints of guides share: the caller's version check, and the people named in answers."""

from ninja.errors import HttpError

from layers.privacy import author_label
from mapping.api.security import caller
from mapping.api.versioning import if_match_version, version_parser


def expected_version(request, letter, pk):
    """The version of the If-Match header (428 without one, 412 for another resource's ETag)."""
    return if_match_version(request, version_parser(letter, pk))


def person(request, user, district_id=None):
    """How the caller sees ``user`` (a resident's name only with their consent; layers/privacy.py)."""
    return author_label(caller(request), user, district_id)


def not_found():
    return HttpError(404, "Not found.")
