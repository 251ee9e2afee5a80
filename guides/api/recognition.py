"""``/api/v1/me/recognition``: the caller's points and badges — only while ``RECOGNITION_ENABLED``.

Switched off, the endpoint answers 404 and is left out of the OpenAPI
document (its ``include_in_schema`` is read each time the document is made).
"""

from ninja import Router
from ninja.errors import HttpError

from mapping.api.security import require_user

from ..recognition import Switch, enabled, recognition_of
from .schemas import RecognitionOut

router = Router(tags=["recognition"])


@router.get("/me/recognition", response=RecognitionOut, summary="My points and badges", include_in_schema=Switch())
def my_recognition(request):
    if not enabled():
        raise HttpError(404, "Not found.")
    recognition = recognition_of(require_user(request))
    badges = [
        {**badge.__dict__, "label": str(badge.label), "description": str(badge.description)}
        for badge in recognition.badges
    ]
    return {"points": recognition.points, "badges": badges}
