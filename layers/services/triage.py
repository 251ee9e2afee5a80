"""Triage: a report that is not a map report is routed elsewhere, and its author told where.

An individual complaint (민원) is recorded and forwarded through the
district's complaint channel — an e-mail address or a webhook URL set in its
``DistrictPolicy`` — by a background delivery that is retried until it goes
through. An on-site fix (현장 조치) goes straight to a department of the
district. Either way the report leaves the map (status ``referred``), stays
visible to its author and the reviewers, and its timeline says where it went.
"""

from django.db import transaction
from django.utils import timezone

from mapping.errors import Conflict, InvalidInput
from mapping.models import Department

from ..models import (
    DeliveryChannel,
    DistrictPolicy,
    EventKind,
    FeatureStatus,
    NotificationKind,
    Referral,
    ReferralKind,
)
from . import notifications
from .features import locked_feature, save_step
from .moderation import mark_first_response, public_text, record_event, reviewer_check, tell_author

REFERABLE = (FeatureStatus.PENDING, FeatureStatus.PUBLISHED)


def complaint_channel(policy):
    """(channel, address) of the district's complaint channel; a 409 when it has none."""
    if policy.complaint_webhook:
        return DeliveryChannel.WEBHOOK, policy.complaint_webhook
    if policy.complaint_email:
        return DeliveryChannel.EMAIL, policy.complaint_email
    raise Conflict("This district has no complaint channel yet: an administrator sets its e-mail or webhook.")


def complaint_message(feature, note, page_url):
    lon, lat = feature.geometry.point_on_surface.coords
    return {
        "kind": "complaint",
        "feature": feature.pk,
        "title": feature.title,
        "summary": feature.summary,
        "category": feature.category.label_ko,
        "district": feature.district.code if feature.district else None,
        "location": {"lon": round(lon, 7), "lat": round(lat, 7)},
        "reported_at": feature.created.isoformat(),
        "note": note,
        "url": page_url,
    }


def _forward_complaint(feature, note, page_url):
    channel, address = complaint_channel(DistrictPolicy.for_district(feature.district_id))
    message = complaint_message(feature, note, page_url)
    body = "\n".join(f"{key}: {value}" for key, value in message.items())
    return address, notifications.queue_delivery(
        channel,
        address,
        subject=f"[민원] {feature.title}",
        body=body,
        payload=message if channel == DeliveryChannel.WEBHOOK else None,
    )


def _onsite_department(feature, department_id):
    department = Department.objects.filter(pk=department_id, district_id=feature.district_id).first()
    if department is None:
        raise InvalidInput("Choose a department of the report's district for the on-site fix.")
    return department


@transaction.atomic
def refer(user, feature_id, kind, *, expected_version, note="", department=None, page_url=""):
    """Route the report as a complaint or an on-site fix; returns the Referral."""
    feature = locked_feature(feature_id, expected_version)
    reviewer_check(user, feature)
    if feature.status not in REFERABLE:
        raise Conflict(f"This report is {feature.status}; only pending or published reports can be referred.")
    if kind not in ReferralKind.values:
        raise InvalidInput(f"Refer as one of: {', '.join(ReferralKind.values)}.")
    note = public_text(note, required=False, what="note")
    referral = Referral(feature=feature, kind=kind, public_note=note, by=user)
    if kind == ReferralKind.COMPLAINT:
        referral.channel, referral.delivery = _forward_complaint(feature, note, page_url)
    else:
        referral.department = feature.department = _onsite_department(feature, department)
    referral.save()
    previous = feature.status
    feature.status = FeatureStatus.REFERRED
    now = timezone.now()
    mark_first_response(feature, now)
    feature.closed_at = now
    save_step(user, feature, f"referred: {kind}")
    where = str(referral.department) if referral.department else "민원 창구"
    record_event(feature, user, EventKind.REFERRED, public_text=note, department=referral.department, public=False)
    tell_author(feature, status_from=previous, status_to=FeatureStatus.REFERRED, referral=kind, where=where)
    if referral.department:
        notifications.notify(
            NotificationKind.ASSIGNMENT,
            list(referral.department.staff.filter(is_active=True)),
            feature=feature,
            params={"title": feature.title, "department": where, "referral": kind},
        )
    return referral
