"""Models of guides and participation: guides with their revisions, campaigns, topic nominations and
the templates chosen from them, and the open improvement plan."""

from .campaigns import Campaign, CampaignParticipant
from .guides import EditorTopic, Guide, GuideImage, GuideRevision, GuideStep
from .nominations import Nomination, NominationKind, NominationState, NominationSupport, TemplateScope, TopicTemplate
from .plan import PlanComment, PlanEvent, PlanItem, PlanState, PlanVote

__all__ = [
    "Campaign",
    "CampaignParticipant",
    "EditorTopic",
    "Guide",
    "GuideImage",
    "GuideRevision",
    "GuideStep",
    "Nomination",
    "NominationKind",
    "NominationState",
    "NominationSupport",
    "PlanComment",
    "PlanEvent",
    "PlanItem",
    "PlanState",
    "PlanVote",
    "TemplateScope",
    "TopicTemplate",
]
