"""URLs of the guides and participation pages: guides, campaigns, topics to map, the improvement plan
and the resident's profile."""

from django.urls import path

from . import (
    campaign_views,
    guide_edit_views,
    guide_views,
    participation_views,
    plan_views,
    profile_views,
    topic_views,
)

urlpatterns = [
    path("take-part/", participation_views.take_part, name="take-part"),
    path("guides/", guide_views.index, name="guides-index"),
    path("guides/new/", guide_edit_views.new_guide, name="guide-new"),
    path("guides/images/", guide_edit_views.images, name="guide-images"),
    path("guides/help/<slug:topic>/", guide_views.help_topic, name="guide-help"),
    path("guides/<slug:slug>/", guide_views.guide_page, name="guide-page"),
    path("guides/<slug:slug>/steps/<slug:anchor>/", guide_views.step_page, name="guide-step"),
    path("guides/<slug:slug>/print/", guide_views.print_page, name="guide-print"),
    path("guides/<slug:slug>/edit/", guide_edit_views.edit_guide, name="guide-edit"),
    path("guides/<slug:slug>/revisions/", guide_edit_views.revisions, name="guide-revisions"),
    path("guides/<slug:slug>/revisions/<int:number>/", guide_edit_views.revision, name="guide-revision"),
    path("campaigns/", campaign_views.index, name="campaigns"),
    path("campaigns/new/", campaign_views.new_campaign, name="campaign-new"),
    path("campaigns/<int:campaign_id>/", campaign_views.campaign_page, name="campaign-page"),
    path("campaigns/<int:campaign_id>/edit/", campaign_views.edit_campaign, name="campaign-edit"),
    path("campaigns/<int:campaign_id>/join/", campaign_views.join, name="campaign-join"),
    path("campaigns/<int:campaign_id>/leave/", campaign_views.leave, name="campaign-leave"),
    path("campaigns/<int:campaign_id>/summary/", campaign_views.summary, name="campaign-summary"),
    path("campaigns/<int:campaign_id>/coverage.svg", campaign_views.coverage_svg, name="campaign-coverage"),
    path("topics/", topic_views.index, name="topics"),
    path("topics/<int:nomination_id>/", topic_views.topic_page, name="topic-page"),
    path("topics/<int:nomination_id>/support/", topic_views.support, name="topic-support"),
    path("topics/<int:nomination_id>/decide/", topic_views.decide, name="topic-decide"),
    path("topics/templates/<slug:key>/add-layer/", topic_views.add_layer, name="topic-add-layer"),
    path("plan/", plan_views.index, name="plan"),
    path("plan/new/", plan_views.new_item, name="plan-new"),
    path("plan/<int:item_id>/", plan_views.item_page, name="plan-item"),
    path("plan/<int:item_id>/edit/", plan_views.edit_item, name="plan-edit"),
    path("plan/<int:item_id>/vote/", plan_views.vote, name="plan-vote"),
    path("plan/<int:item_id>/comments/", plan_views.comment, name="plan-comment"),
    path("me/profile/", profile_views.profile, name="profile"),
]
