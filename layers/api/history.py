"""``/api/v1/features/{id}/history`` and ``/revert``: what changed, by whom, and undoing it.

History and revert are open to the feature's author, the map's owner and
editors, the district's reviewers and admins — also after the feature was
deleted, so a deletion can be undone. The map's owner and editors read it
with the feature's privacy (``layers.history_privacy``): blurred places of
sensitive reports, no author named unless the author chose so.
"""

from django.http import HttpResponse
from ninja import Router, Status
from ninja.errors import HttpError

from mapping.api.security import require_user
from mapping.api.versioning import if_match_version, version_parser, with_etag

from ..history_privacy import history_entries
from ..models import Feature, FeatureChange
from ..permissions import can_revert
from ..services import features as feature_service
from .schemas import ChangeOut, RevertIn
from .serializers import serialize_feature

router = Router(tags=["history"])


def _changes_if_allowed(request, feature_id):
    user = require_user(request)
    changes = list(FeatureChange.objects.filter(feature_id=feature_id).select_related("user", "layer__map"))
    if not changes:
        raise HttpError(404, "Not found.")
    latest = changes[0]
    state = latest.new or latest.old
    layer = latest.layer
    if not layer.map.is_visible_to(user):
        raise HttpError(404, "Not found.")
    if not can_revert(user, layer=layer, author_id=state["author_id"], district_id=state["district_id"]):
        raise HttpError(403, "Only the author, the map's editors and the district's reviewers see the history.")
    return user, changes


@router.get("/features/{int:feature_id}/history", response=list[ChangeOut], summary="A feature's history")
def feature_history(request, feature_id: int):
    user, changes = _changes_if_allowed(request, feature_id)
    return history_entries(user, changes)


@router.post(
    "/features/{int:feature_id}/revert",
    response={200: dict, 204: None},
    summary="Undo one change: the feature returns to its state before it (needs If-Match if it exists)",
)
def revert_feature(request, feature_id: int, payload: RevertIn, response: HttpResponse):
    user, changes = _changes_if_allowed(request, feature_id)
    change = next((c for c in changes if c.pk == payload.change), None)
    if change is None:
        raise HttpError(400, f"Change {payload.change} is not in this feature's history.")
    expected = None
    if Feature.objects.filter(pk=feature_id).exists():
        expected = if_match_version(request, version_parser("f", feature_id))
    feature = feature_service.revert_change(user, change, expected_version=expected)
    if feature is None:
        return Status(204, None)
    feature = Feature.objects.select_related("category", "author", "district").get(pk=feature.pk)
    with_etag(response, feature.etag)
    return Status(200, serialize_feature(feature, user))
