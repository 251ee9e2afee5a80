"""One saved object of every model of guides and participation, for the admin tests (tests/web/test_admin.py)."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from guides.models import (
    Campaign,
    CampaignParticipant,
    GuideImage,
    NominationSupport,
    PlanComment,
    PlanVote,
    TopicTemplate,
)
from guides.services.guides import save_guide
from guides.services.nominations import nominate
from guides.services.plan import publish_item

from .conftest import square_area

PIXEL = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"  # noqa: E501


def guides_samples(feature, users):
    guide = save_guide(
        users["admin"], {"slug": "sample", "title_ko": "가이드", "steps": [{"anchor": "a", "title_ko": "단계"}]}
    )
    campaign = Campaign.objects.create(
        map=feature.layer.map, title="캠페인", goal="목표", organiser="주민모임", area=square_area(),
        starts=date(2026, 5, 1), ends=date(2026, 5, 2),
    )  # fmt: skip
    nomination = nominate(users["resident"], {"title": "그늘", "kind": "know-how", "reason": "여름"})
    item = publish_item(users["admin"], title="계획", description="설명")
    image = GuideImage.objects.create(image=SimpleUploadedFile("pixel.gif", PIXEL), description="점")
    template = TopicTemplate.objects.create(
        key="shade", label_ko="그늘", categories=[{"key": "shade", "label_ko": "그늘"}]
    )
    return [
        guide, guide.steps.get(), guide.revisions.get(), image, campaign,
        CampaignParticipant.objects.create(campaign=campaign, user=users["resident"]),
        nomination, NominationSupport.objects.create(nomination=nomination, user=users["editor"]), template,
        item, PlanVote.objects.create(item=item, user=users["resident"]),
        PlanComment.objects.create(item=item, author=users["resident"], body="좋아요"), item.events.get(),
    ]  # fmt: skip
