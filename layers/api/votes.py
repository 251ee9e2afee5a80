"""``POST`` and ``DELETE /api/v1/features/{id}/vote``: agree (공감) with a report, or take it back.

Both answer ``{"votes": n, "voted": bool}`` and are idempotent. The rules live
in layers/services/votes.py: 401 anonymous, 404 a feature the caller cannot
see, 403 one's own report (or an unverified account when votes require
verification), 409 a report that is not published.
"""

from ninja import Router, Schema

from mapping.api.security import require_user

from ..services import votes as vote_service

router = Router(tags=["votes"])


class VotesOut(Schema):
    votes: int
    voted: bool


def _answer(result):
    votes, voted = result
    return {"votes": votes, "voted": voted}


@router.post("/features/{int:feature_id}/vote", response=VotesOut, summary="Vote for (공감) a published report")
def cast_vote(request, feature_id: int):
    return _answer(vote_service.cast_vote(require_user(request), feature_id))


@router.delete("/features/{int:feature_id}/vote", response=VotesOut, summary="Take one's vote back")
def withdraw_vote(request, feature_id: int):
    return _answer(vote_service.withdraw_vote(require_user(request), feature_id))
