"""Privacy of reports: who sees who wrote a report, and who sees exactly where it is.

The rules, in one place so the API, the tiles, the exports and the pages agree:

- A viewer is *privileged* for a feature when they are its author, a reviewer of
  its district or an admin. The map's owner and editors are not: they are
  residents like any other.
- A report's author is named (username) to privileged viewers, and to everyone
  when the author chose ``show_name_publicly``; anyone else reads "주민"
  (Resident).
- A feature in a ``sensitive`` category (범죄 불안 by default) is shown at its
  exact place only to privileged viewers and, in the API and pages, to the staff
  of the department it is assigned to (they must find the place; they are not
  told who reported it). Everyone else gets
  ``urbanlife_blurred_location(geometry, SENSITIVE_LOCATION_GRID_METRES)``
  (layers migration 0008): a point on the feature snapped to a grid in
  EPSG:5186 metres. The same place always gives the same point, so repeated
  requests cannot be averaged back to the exact place.

The location rule is an SQL expression decided per row, so one list can mix a
viewer's own reports (exact) with other people's (blurred). When a condition is
unknown (no district, no author) the row falls to the blurred branch. The tile
SQL (``tiles/sql/layer_features.sql``) states the same rule with bound parameters.
"""

import json

from django.conf import settings
from django.contrib.gis.db.models import Extent, GeometryField
from django.contrib.gis.db.models.functions import AsGeoJSON, GeomOutputGeoFunc
from django.db import connection
from django.db.models import BooleanField, Case, F, Q, Value, When
from django.utils.translation import gettext

from .permissions import can_moderate

BLUR_GEOJSON_SQL = (
    "SELECT ST_AsGeoJSON(urbanlife_blurred_location(ST_SetSRID(ST_GeomFromGeoJSON(given.g), 4326), %s), 7) "
    "FROM unnest(%s::text[]) WITH ORDINALITY AS given(g, n) ORDER BY given.n"
)


def grid_metres():
    """The side (metres) of the grid sensitive locations are snapped to: ``SENSITIVE_LOCATION_GRID_METRES``."""
    return float(settings.SENSITIVE_LOCATION_GRID_METRES)


class BlurredLocation(GeomOutputGeoFunc):
    """``urbanlife_blurred_location(geometry, cell)``: the blurred place of a geometry, in its own CRS."""

    function = "urbanlife_blurred_location"

    def __init__(self, expression, cell=None):
        super().__init__(expression, Value(grid_metres() if cell is None else float(cell)))


def _is_admin(viewer):
    return viewer.is_authenticated and viewer.is_admin


def is_privileged(viewer, author_id, district_id):
    """Whether ``viewer`` sees who wrote a report and exactly where: its author, its district's reviewers, admins."""
    return viewer.is_authenticated and (author_id == viewer.pk or can_moderate(viewer, district_id))


def shows_author_name(viewer, author, district_id, *, privileged=None):
    """Whether ``viewer`` may read ``author``'s username on a report of ``district_id``.

    ``privileged`` may carry ``is_privileged`` already known (e.g. the ``viewer_privileged`` annotation).
    """
    if author is None:
        return False
    if author.show_name_publicly:
        return True
    return is_privileged(viewer, author.pk, district_id) if privileged is None else privileged


def author_label(viewer, author, district_id, *, privileged=None):
    """How ``viewer`` sees the author of a report (or comment) in district ``district_id``.

    The username when ``viewer`` is privileged or the author chose to show their
    name, else "주민" ("Resident" in English). ``author`` is a user or None (a
    deleted account); ``privileged`` as in ``shows_author_name``.
    """
    if shows_author_name(viewer, author, district_id, privileged=privileged):
        return author.username
    return gettext("Resident")


def _privileged_q(viewer, prefix):
    """Features (``prefix`` leads from the queryset's model to the feature) ``viewer`` is privileged for, not admins."""
    return Q(**{f"{prefix}author": viewer}) | Q(**{f"{prefix}district__in": viewer.review_districts.all()})


def _exact_q(viewer, prefix):
    """Features whose exact location ``viewer`` sees; None when that is all of them (admins)."""
    if _is_admin(viewer):
        return None
    exact = Q(**{f"{prefix}category__sensitive": False})
    if not viewer.is_authenticated:
        return exact
    exact |= _privileged_q(viewer, prefix)
    if viewer.department_id:  # the department sent to fix it must find the place
        exact |= Q(**{f"{prefix}department_id": viewer.department_id})
    return exact


def viewer_privileged(viewer, prefix=""):
    """A boolean expression: ``is_privileged`` per row, for naming authors in a list without a query per row."""
    if not viewer.is_authenticated:
        return Value(False)
    if viewer.is_admin:
        return Value(True)
    privileged = _privileged_q(viewer, prefix)
    return Case(When(privileged, then=Value(True)), default=Value(False), output_field=BooleanField())


def location_blurred(viewer, prefix=""):
    """A boolean expression: whether ``viewer`` is shown the blurred location of each feature."""
    exact = _exact_q(viewer, prefix)
    if exact is None:
        return Value(False)
    return Case(When(exact, then=Value(False)), default=Value(True), output_field=BooleanField())


def visible_location(viewer, prefix=""):
    """A geometry expression: each feature's location as ``viewer`` may see it (exact, or blurred).

    Use it wherever a feature's place leaves the server: ``AsGeoJSON(visible_location(user))``,
    ``Extent``, or a filter (``.alias(place=visible_location(user)).filter(place__intersects=bbox)``).
    On a queryset of another model, ``prefix`` leads to the feature, e.g. ``"feature__"``.
    """
    geometry = F(f"{prefix}geometry")
    exact = _exact_q(viewer, prefix)
    if exact is None:
        return geometry
    return Case(When(exact, then=geometry), default=BlurredLocation(geometry), output_field=GeometryField(srid=4326))


def with_visible_location(queryset, viewer, *, precision=7):
    """Features annotated for ``viewer``: ``visible_geojson`` (their location as ``viewer`` may see it, GeoJSON text
    with ``precision`` decimals), ``location_blurred`` and ``viewer_privileged``; ``visible_geometry`` is an alias
    for filters (``visible_geometry__intersects=...``)."""
    return queryset.alias(visible_geometry=visible_location(viewer)).annotate(
        visible_geojson=AsGeoJSON("visible_geometry", precision=precision),
        location_blurred=location_blurred(viewer),
        viewer_privileged=viewer_privileged(viewer),
    )


def visible_extent(features, viewer):
    """(west, south, east, north) of ``features`` at the places ``viewer`` may see, or None when there are none."""
    return features.aggregate(extent=Extent(visible_location(viewer)))["extent"]


def blurred_geojson(geometries):
    """GeoJSON geometries (lon/lat dicts, e.g. from history snapshots) blurred as sensitive locations, in order."""
    if not geometries:
        return []
    with connection.cursor() as cursor:
        cursor.execute(BLUR_GEOJSON_SQL, [grid_metres(), [json.dumps(geometry) for geometry in geometries]])
        return [json.loads(row[0]) for row in cursor.fetchall()]
