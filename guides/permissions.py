"""Who may do what in guides and participation, in one place so the API and the pages agree.

- Guide authors are the administrators and the users holding the
  ``guides.author_guides`` permission (given directly or through a group, e.g.
  "가이드 편집자" made by ``load_demo``): they write, publish and restore guides.
- A campaign is opened on a map by the map's owner and editors (a group) or by
  a reviewer of the map's district (the district), and managed afterwards by
  whoever opened it, the map's owner and editors, the organising district's
  reviewers and administrators.
- A nomination for a district is decided by that district's reviewers and the
  administrators; a city-wide one (no district) by the administrators.
- The improvement plan is published and moved by administrators; any
  signed-in resident votes and comments.
"""

from layers.permissions import can_moderate


def can_author_guides(user):
    return user.is_authenticated and (user.is_admin or user.has_perm("guides.author_guides"))


def can_open_campaign(user, map_):
    if not user.is_authenticated or not map_.is_visible_to(user):
        return False
    return map_.is_managed_by(user) or can_moderate(user, map_.district_id)


def can_manage_campaign(user, campaign):
    if not user.is_authenticated:
        return False
    return (
        campaign.created_by_id == user.pk
        or campaign.map.is_managed_by(user)
        or can_moderate(user, campaign.district_id)
    )


def can_decide_nomination(user, nomination):
    if not user.is_authenticated:
        return False
    if nomination.district_id is None:
        return user.is_admin
    return can_moderate(user, nomination.district_id)


def can_manage_plan(user):
    return user.is_authenticated and user.is_admin
