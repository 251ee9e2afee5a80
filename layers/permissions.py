"""Who may see and change which features.

The rules, in one place so the API, the tiles and the pages agree:
- a feature is visible only when its map is visible to the user;
- published features are visible to everyone who sees the map;
- pending, rejected and hidden features only to their author, the reviewers of
  the feature's district, the staff of the department it is assigned to and admins;
- a feature is changed by its author, the map's owner and editors, the
  reviewers of its district and admins; only reviewers and admins set its status.
"""

from django.db.models import Q

from .models import FeatureStatus


def is_reviewer_for(user, district_id):
    return user.is_authenticated and user.reviews_district(district_id)


def feature_visibility_q(user):
    """A filter on features (beyond map visibility) that keeps what ``user`` may see."""
    published = Q(status=FeatureStatus.PUBLISHED)
    if not user.is_authenticated:
        return published
    if user.is_admin:
        return Q()
    mine = published | Q(author=user) | Q(district__in=user.review_districts.all())
    return mine | Q(department_id=user.department_id) if user.department_id else mine


def can_view_feature(user, feature):
    if not feature.layer.map.is_visible_to(user):
        return False
    if feature.status == FeatureStatus.PUBLISHED:
        return True
    return user.is_authenticated and (
        user.is_admin
        or feature.author_id == user.pk
        or is_reviewer_for(user, feature.district_id)
        or bool(user.department_id and user.department_id == feature.department_id)
    )


def can_moderate(user, district_id):
    return user.is_authenticated and (user.is_admin or is_reviewer_for(user, district_id))


def can_edit_feature(user, feature):
    if not user.is_authenticated or not can_view_feature(user, feature):
        return False
    return (
        feature.author_id == user.pk or feature.layer.map.is_managed_by(user) or can_moderate(user, feature.district_id)
    )


def can_revert(user, *, layer, author_id, district_id):
    """The feature's author, the map's owner and editors, its district's reviewers and admins."""
    if not user.is_authenticated or not layer.map.is_visible_to(user):
        return False
    return author_id == user.pk or layer.map.is_managed_by(user) or can_moderate(user, district_id)
