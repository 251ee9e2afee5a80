"""The officials' panel on a report's page: the steps the viewer may take, each as a form.

A reviewer of the report's district sees approve / reject / hide / restore (by
status), the stages they may move it to, triage (민원 or 현장 조치) and merging
(pre-filled with a flagged duplicate); the assigned department's staff see
their stages. Bound forms come back with their errors and the typed text after
a refused step.
"""

from layers.models import FeatureStatus
from layers.permissions import can_moderate
from layers.services.triage import REFERABLE
from layers.services.workflow import allowed_next_stages
from mapping.models import Department

from .review_forms import MergeForm, ReferralForm, RejectForm, StageForm

MODERATION_STEPS = {
    FeatureStatus.PENDING: ("approve", "reject"),
    FeatureStatus.PUBLISHED: ("hide",),
    FeatureStatus.HIDDEN: ("restore",),
    FeatureStatus.REJECTED: ("restore",),
}


def review_panel(user, feature, bound=None):
    """The panel's forms for ``user`` on ``feature``, or None when they may take no step."""
    bound = bound or {}
    reviewer = can_moderate(user, feature.district_id)
    stages = allowed_next_stages(user, feature)
    if not (reviewer or stages):
        return None
    departments = Department.objects.filter(district_id=feature.district_id)
    panel = {"version": feature.version, "moderation": (), "stage": None, "referral": None, "merge": None}
    if reviewer:
        panel["moderation"] = MODERATION_STEPS.get(feature.status, ())
        if "reject" in panel["moderation"] or "hide" in panel["moderation"]:
            panel["reject"] = bound.get("reject") or RejectForm(prefix="reject")
        if feature.status in REFERABLE:
            panel["referral"] = bound.get("refer") or ReferralForm(prefix="refer", departments=departments)
            initial = {"other": feature.possible_duplicate_of_id} if feature.possible_duplicate_of_id else None
            panel["merge"] = bound.get("merge") or MergeForm(prefix="merge", initial=initial)
    if stages:
        panel["stage"] = bound.get("stage") or StageForm(prefix="stage", stages=stages, departments=departments)
    return panel
