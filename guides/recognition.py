"""Recognition of participation: points and badges, shown on the resident's own profile.

Nothing is stored: points and badges are counted from what the resident did
(published reports, reports the district resolved, campaigns joined,
nominations selected, a voice in the improvement plan), so they can never
drift, and a city whose law forbids rewarding participation switches the
whole feature off with ``RECOGNITION_ENABLED=false``: then no page, API
response or API document shows any trace of it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from layers.models import Feature, FeatureStatus, Stage

from .models import CampaignParticipant, Nomination, NominationState, PlanComment, PlanVote

POINTS = {"reports": 10, "resolved": 20, "campaigns": 5, "selected": 30}


def enabled():
    return bool(settings.RECOGNITION_ENABLED)


class Switch:
    """True while recognition is on: given as an API operation's ``include_in_schema``, read per document."""

    def __bool__(self):
        return enabled()


@dataclass(frozen=True)
class Badge:
    key: str
    label: str
    description: str
    earned: bool


def _counts(user):
    mine = Feature.objects.filter(author=user)
    return {
        "reports": mine.filter(status=FeatureStatus.PUBLISHED).count(),
        "resolved": mine.filter(stage=Stage.RESOLVED)
        .exclude(status__in=[FeatureStatus.REJECTED, FeatureStatus.HIDDEN])
        .count(),
        "campaigns": CampaignParticipant.objects.filter(user=user).count(),
        "selected": Nomination.objects.filter(author=user, state=NominationState.SELECTED).count(),
        "plan": PlanVote.objects.filter(user=user).exists() or PlanComment.objects.filter(author=user).exists(),
    }


def _badges(counts):
    return [
        Badge("first-report", _("First report"), _("Your first report is on a map."), counts["reports"] >= 1),
        Badge("ten-reports", _("Ten reports"), _("Ten of your reports are on maps."), counts["reports"] >= 10),
        Badge(
            "first-resolved",
            _("First resolved report"),
            _("The district resolved a problem you reported."),
            counts["resolved"] >= 1,
        ),
        Badge("campaign", _("Campaign participant"), _("You joined a mapping campaign."), counts["campaigns"] >= 1),
        Badge(
            "topic-selected",
            _("Topic chosen"),
            _("A topic you nominated was selected for mapping."),
            counts["selected"] >= 1,
        ),
        Badge(
            "plan-voice", _("Voice in the plan"), _("You voted or commented on the improvement plan."), counts["plan"]
        ),
    ]


@dataclass(frozen=True)
class Recognition:
    points: int
    counts: dict
    badges: list


def recognition_of(user):
    counts = _counts(user)
    points = sum(POINTS[name] * counts[name] for name in POINTS)
    return Recognition(points=points, counts=counts, badges=_badges(counts))
